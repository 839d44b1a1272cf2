import type { RuleRegistry } from '../src/engine/registry.js';
import type { Rule } from '../src/engine/rule.js';
import cascadeDrop from './cascade-drop.js';
import deleteWithoutWhere from './delete-without-where.js';
import destructiveCommand from './destructive-command.js';
import dropAll from './drop-all.js';
import dropColumn from './drop-column.js';
import dropDatabase from './drop-database.js';
import dropPartition from './drop-partition.js';
import dropSchema from './drop-schema.js';
import dropTable from './drop-table.js';
import dynamicOperation from './dynamic-operation.js';
import envUrlOverride from './env-url-override.js';
import historyRewrite from './history-rewrite.js';
import invalidSuppression from './invalid-suppression.js';
import parseError from './parse-error.js';
import prismaWarning from './prisma-warning.js';
import protectedTable from './protected-table.js';
import revisionGraph from './revision-graph.js';
import tableWithoutModel from './table-without-model.js';
import truncateTable from './truncate-table.js';
import unmanagedTableDrop from './unmanaged-table-drop.js';
import unguardedTeardown from './unguarded-teardown.js';
import updateWithoutWhere from './update-without-where.js';
import unusedSuppression from './unused-suppression.js';

/** Every rule, in the order `droplint rules` lists them. */
export const RULES: readonly Rule[] = [
  dropTable,
  dropColumn,
  dropSchema,
  dropDatabase,
  truncateTable,
  deleteWithoutWhere,
  updateWithoutWhere,
  cascadeDrop,
  dropPartition,
  dropAll,
  protectedTable,
  unmanagedTableDrop,
  tableWithoutModel,
  dynamicOperation,
  parseError,
  envUrlOverride,
  revisionGraph,
  historyRewrite,
  prismaWarning,
  unusedSuppression,
  invalidSuppression,
  destructiveCommand,
  unguardedTeardown,
];

export const SUPPRESSION_RULES = { unused: unusedSuppression.meta, invalid: invalidSuppression.meta };

/** What the CLI and the language server are given (bin/main.mts). */
export const REGISTRY: RuleRegistry = { rules: RULES, suppression: SUPPRESSION_RULES };

import type { Rule } from '../src/engine/rule.js';
import deleteWithoutWhere from './delete-without-where.js';
import dropColumn from './drop-column.js';
import dropDatabase from './drop-database.js';
import dropSchema from './drop-schema.js';
import dropTable from './drop-table.js';
import dynamicOperation from './dynamic-operation.js';
import invalidSuppression from './invalid-suppression.js';
import parseError from './parse-error.js';
import prismaWarning from './prisma-warning.js';
import protectedTable from './protected-table.js';
import truncateTable from './truncate-table.js';
import unusedSuppression from './unused-suppression.js';

/** Every rule, in the order `droplint rules` lists them. */
export const RULES: readonly Rule[] = [
  dropTable,
  dropColumn,
  dropSchema,
  dropDatabase,
  truncateTable,
  deleteWithoutWhere,
  protectedTable,
  dynamicOperation,
  parseError,
  prismaWarning,
  unusedSuppression,
  invalidSuppression,
];

export const SUPPRESSION_RULES = { unused: unusedSuppression.meta, invalid: invalidSuppression.meta };

import type { CreateAllOp, Operation, Span, TableRef } from '../ir/operations.js';
import { tableKey } from '../ir/operations.js';
import type { MigrationUnit } from '../ir/unit.js';

/** A migration set whose history starts from a schema that existed before it. */
export interface ExistingSchemaStart {
  /** Where its first migration shows it. */
  readonly span: Span;
  /** Why, as the end of a sentence: "its first migration creates no table". */
  readonly why: string;
}

/**
 * Whether a set starts from an existing schema, judged by its first
 * migration: one that creates no table (an empty baseline), creates them from
 * models droplint cannot list (`create_all()`), alters or drops a table it
 * never creates, creates a table whose foreign key names one it never creates,
 * or creates every table `IF NOT EXISTS`. Null when it starts from an empty schema, so that the history
 * knows every table its migrations find. `known` says whether the history knew
 * the table an operation works on when it ran.
 */
export function existingSchemaStart(first: MigrationUnit, known: (op: Operation) => boolean): ExistingSchemaStart | null {
  const upgrade = first.operations.filter((op) => op.phase !== 'downgrade');
  const createAll = upgrade.find((op): op is CreateAllOp => op.kind === 'create-all');
  if (createAll)
    return { span: createAll.span, why: `its first migration creates tables from models (${createAll.target}.create_all()), which droplint cannot list` };
  const created = new Set<string>();
  for (const op of upgrade) {
    if (op.kind === 'create-table') created.add(tableKey(op.table));
    else if ('table' in op && !known(op) && !created.has(tableKey(op.table))) {
      return { span: op.span, why: `its first migration changes table ${name(op.table)}, which it never creates` };
    }
  }
  if (created.size === 0) return { span: { start: 0, end: 0 }, why: 'its first migration creates no table' };
  const creations = upgrade.filter((op) => op.kind === 'create-table');
  // A foreign key names a table that exists: one the first migration never creates was there before it.
  for (const op of creations) {
    const outside = op.references?.find((target) => !created.has(tableKey(target.table)))?.table;
    if (outside) return { span: op.span, why: `its first migration creates ${name(op.table)} referring to table ${name(outside)}, which it never creates` };
  }
  // `CREATE TABLE IF NOT EXISTS` throughout: scripts written to run against a database that may hold the tables already.
  if (creations.every((op) => op.ifNotExists === true)) {
    return { span: creations[0]!.span, why: 'its first migration creates its tables only if they do not exist yet (IF NOT EXISTS)' };
  }
  return null;
}

function name(table: TableRef): string {
  return JSON.stringify(table.schema === null ? table.name : `${table.schema}.${table.name}`);
}

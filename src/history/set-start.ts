import path from 'node:path';
import type { CreateAllOp, CreateTableOp, Operation, Span, TableRef } from '../ir/operations.js';
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
 *
 * `first` is that migration's files, in order: one, or, where a set keeps
 * each version's migrations in a folder of their own (`0.17/00__inbox.sql`,
 * `0.17/01__delete_activity.sql`), the files of its first version, judged
 * together. Spans are the first file's; what another file shows is said by
 * its path.
 */
export function existingSchemaStart(first: readonly MigrationUnit[], known: (op: Operation) => boolean): ExistingSchemaStart | null {
  const head = first[0];
  if (head === undefined) return null;
  const subject = first.length === 1 ? 'its first migration' : `its first version (${first.length} migrations in ${path.posix.dirname(head.file.path)})`;
  const upgrade = first.flatMap((unit) => unit.operations.filter((op) => op.phase !== 'downgrade').map((op) => ({ op, unit })));
  const at = ({ op, unit }: { op: Operation; unit: MigrationUnit }): { span: Span; where: string } =>
    unit === head ? { span: op.span, where: '' } : { span: { start: 0, end: 0 }, where: ` (in ${unit.file.path})` };
  const createAll = upgrade.find((o): o is { op: CreateAllOp; unit: MigrationUnit } => o.op.kind === 'create-all');
  if (createAll) {
    const { span, where } = at(createAll);
    return { span, why: `${subject} creates tables from models (${createAll.op.target}.create_all())${where}, which droplint cannot list` };
  }
  const created = new Set<string>();
  for (const o of upgrade) {
    const { op } = o;
    if (op.kind === 'create-table') created.add(tableKey(op.table));
    else if ('table' in op && !known(op) && !created.has(tableKey(op.table))) {
      const { span, where } = at(o);
      return { span, why: `${subject} changes table ${name(op.table)}${where}, which it never creates` };
    }
  }
  if (created.size === 0) return { span: { start: 0, end: 0 }, why: `${subject} creates no table` };
  const creations = upgrade.filter((o): o is { op: CreateTableOp; unit: MigrationUnit } => o.op.kind === 'create-table');
  // A foreign key names a table that exists: one the first migration never creates was there before it.
  for (const o of creations) {
    const outside = o.op.references?.find((target) => !created.has(tableKey(target.table)))?.table;
    if (outside) {
      const { span, where } = at(o);
      return { span, why: `${subject} creates ${name(o.op.table)}${where} referring to table ${name(outside)}, which it never creates` };
    }
  }
  // `CREATE TABLE IF NOT EXISTS` throughout: scripts written to run against a database that may hold the tables already.
  if (creations.every((o) => o.op.ifNotExists === true)) {
    return { span: at(creations[0]!).span, why: `${subject} creates its tables only if they do not exist yet (IF NOT EXISTS)` };
  }
  return null;
}

function name(table: TableRef): string {
  return JSON.stringify(table.schema === null ? table.name : `${table.schema}.${table.name}`);
}

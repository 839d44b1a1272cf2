import type { ColumnDef, CopyValuesOp, Operation, TableRef } from '../ir/operations.js';
import type { RuleContext } from './rule.js';

/**
 * The columns among `leftOut` (of a table whose rows `copy` copies before `op`
 * drops it) that lose nothing by being left out: a key the database numbered
 * in the old table and numbers again in the new one (`id SERIAL`, `INTEGER
 * PRIMARY KEY AUTOINCREMENT`), where no foreign key of the migration set
 * refers to it under either table's name, so no row anywhere holds the old
 * numbers. Only where the set is SQL text, whose foreign keys droplint reads
 * in full (`REFERENCES`, `ADD FOREIGN KEY`).
 */
export function renumberedKeys(op: Operation, ctx: RuleContext, copy: CopyValuesOp, leftOut: readonly string[]): string[] {
  const format = ctx.unit.meta.format;
  if (format !== 'sql' && format !== 'prisma' && format !== 'drizzle') return [];
  const source = ctx.history.tableBefore(op)?.createdBy?.op;
  const target = ctx.history.tableBefore(copy)?.createdBy?.op;
  if (source === undefined || target === undefined) return [];
  const names: TableRef[] = [copy.source, copy.table, ...('table' in source ? [source.table] : [])];
  return leftOut.filter(
    (column) => numbered(source, column) && numbered(target, column) && !names.some((table) => ctx.history.isReferenced(ctx.unit, table, column)),
  );
}

/** Whether the operation that created a table made the column one the database numbers. */
function numbered(creation: Operation, column: string): boolean {
  const columns: readonly ColumnDef[] = creation.kind === 'create-table' || creation.kind === 'redefine-table' ? creation.columns : [];
  return columns.some((c) => c.name.toLowerCase() === column.toLowerCase() && c.generatedKey === true);
}

import type { CreateTableOp, DropTableOp, Operation, TableRef } from '../../ir/operations.js';
import type { RowCopy } from './recognize.js';

/**
 * SQLite cannot alter most columns, so tools rebuild the table:
 * `CREATE TABLE "new_X"` → `INSERT INTO "new_X" … SELECT … FROM "X"` →
 * `DROP TABLE "X"` → `ALTER TABLE "new_X" RENAME TO "X"`. The rows survive; only
 * the columns left out of the copy are lost. This folds each such sequence into
 * one `redefine-table` operation spanning it, from the CREATE to the RENAME.
 */
export function foldRedefinitions(ops: readonly Operation[], copies: readonly RowCopy[]): Operation[] {
  const replaced = new Map<Operation, Operation | null>();
  ops.forEach((op, r) => {
    if (op.kind !== 'rename-table') return;
    const created = findLast(ops, r, (o): o is CreateTableOp => o.kind === 'create-table' && sameTable(o.table, op.table));
    const dropped = findLast(
      ops,
      r,
      (o): o is DropTableOp => o.kind === 'drop-table' && o.table.name === op.newName && o.table.schema === op.table.schema,
    );
    if (created === undefined || dropped === undefined || replaced.has(dropped)) return;
    // Without the copy the old rows are gone: that stays a DROP TABLE.
    const copy = copies.find((c) => sameTable(c.target, op.table) && sameTable(c.source, dropped.table));
    if (copy === undefined) return;
    replaced.set(created, null);
    replaced.set(op, null);
    replaced.set(dropped, {
      kind: 'redefine-table',
      span: { start: created.span.start, end: op.span.end },
      phase: dropped.phase,
      table: dropped.table,
      columns: created.columns,
      keptColumns: copy.sourceColumns,
    });
  });
  if (replaced.size === 0) return [...ops];
  const out: Operation[] = [];
  for (const op of ops) {
    const replacement = replaced.get(op);
    if (replacement === undefined) out.push(op);
    else if (replacement !== null) out.push(replacement);
  }
  return out;
}

function sameTable(a: TableRef, b: TableRef): boolean {
  return a.name === b.name && a.schema === b.schema;
}

function findLast<T extends Operation>(ops: readonly Operation[], before: number, test: (o: Operation) => o is T): T | undefined {
  for (let i = before - 1; i >= 0; i--) {
    const o = ops[i]!;
    if (test(o)) return o;
  }
  return undefined;
}

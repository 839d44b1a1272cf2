import type { CopyValuesOp, CreateTableOp, DropTableOp, Operation } from '../../ir/operations.js';
import { renamedTable, sameTable } from '../../ir/operations.js';

/**
 * A table rebuilt by copy-then-swap: `CREATE TABLE "new_X"` (or
 * `CREATE TABLE x_new AS SELECT …`) → `INSERT INTO "new_X" … SELECT … FROM "X"`
 * → `DROP TABLE "X"` → `ALTER TABLE "new_X" RENAME TO "X"` (or MySQL's
 * `RENAME TABLE`, Alembic's `op.rename_table`). SQLite cannot alter most
 * columns, so its tools do this (Prisma's "RedefineTables"); people do it by
 * hand in every dialect. The rows survive; only the columns left out of the
 * copy are lost. This folds each such sequence, in one phase, into one
 * `redefine-table` operation spanning it, from the CREATE to the RENAME,
 * which records what may leave rows out of the copy (a WHERE).
 */
export function foldRedefinitions(ops: readonly Operation[]): Operation[] {
  const replaced = new Map<Operation, Operation | null>();
  ops.forEach((op, r) => {
    if (op.kind !== 'rename-table') return;
    const renamed = renamedTable(op);
    const inPhase = (o: Operation): boolean => o.phase === op.phase && !replaced.has(o);
    const d = findLast(ops, r, (o): o is DropTableOp => o.kind === 'drop-table' && inPhase(o) && sameTable(o.table, renamed));
    const dropped = ops[d] as DropTableOp | undefined;
    if (dropped === undefined) return;
    // The copy runs before the old table is dropped, into the table created for it.
    const k = findLast(
      ops,
      d,
      (o): o is CopyValuesOp => o.kind === 'copy-values' && inPhase(o) && sameTable(o.table, op.table) && sameTable(o.source, dropped.table),
    );
    const copy = ops[k] as CopyValuesOp | undefined;
    // Without a copy, the old rows are gone: that stays a DROP TABLE.
    if (copy === undefined) return;
    const created = ops[findLast(ops, k, (o): o is CreateTableOp => o.kind === 'create-table' && inPhase(o) && sameTable(o.table, op.table))] as
      CreateTableOp | undefined;
    if (created === undefined) return;
    replaced.set(created, null);
    replaced.set(copy, null);
    replaced.set(op, null);
    replaced.set(dropped, {
      kind: 'redefine-table',
      span: { start: Math.min(created.span.start, copy.span.start), end: Math.max(op.span.end, dropped.span.end) },
      phase: dropped.phase,
      table: dropped.table,
      columns: created.columns,
      keptColumns: copy.columns && [...new Set(copy.columns.flatMap((c) => c.sources))],
      limitedBy: copy.limitedBy,
      builtAs: op.table,
      filled: copy.columns === null || copy.columns.some((c) => c.target === null) ? null : copy.columns.map((c) => c.target!),
      ...nullKeysLeft(copy, created),
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

/**
 * `{ onlyNullKeysLeft }` when the copy's `WHERE` only requires columns to hold
 * a value (`WHERE performer_id IS NOT NULL`) that the new table makes foreign
 * keys, each copied into itself: the rows it leaves out refer to nothing.
 */
function nullKeysLeft(copy: CopyValuesOp, created: CreateTableOp): { onlyNullKeysLeft?: string[] } {
  const checked = copy.limitedBy === 'WHERE' ? (copy.onlyNonNull ?? []) : [];
  const keys = new Set((created.references ?? []).flatMap((r) => r.from ?? []).map((name) => name.toLowerCase()));
  const copiedAsIs = (column: string): boolean =>
    copy.columns === null ||
    copy.columns.some(
      (c) => c.target?.toLowerCase() === column.toLowerCase() && c.sources.length === 1 && c.sources[0]!.toLowerCase() === column.toLowerCase(),
    );
  const only = checked.length > 0 && checked.every((column) => keys.has(column.toLowerCase()) && copiedAsIs(column));
  return only ? { onlyNullKeysLeft: [...checked] } : {};
}

/** Index of the last operation before `before` that passes `test`, or -1. */
function findLast<T extends Operation>(ops: readonly Operation[], before: number, test: (o: Operation) => o is T): number {
  for (let i = before - 1; i >= 0; i--) if (test(ops[i]!)) return i;
  return -1;
}

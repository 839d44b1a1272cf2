import type { ColumnDef, CopyValuesOp, Operation, TableRef } from '../ir/operations.js';
import { destroyedTable, exclusive, sameTable } from '../ir/operations.js';

/** The operations before `index` that run before the one there: in the same phase, not on another arm of an `if` (none when it is not there: -1). */
export function earlierInPhase(ops: readonly Operation[], index: number): Operation[] {
  const at = ops[index];
  return at === undefined ? [] : ops.slice(0, index).filter((op) => op.phase === at.phase && !exclusive(op, at));
}

/** The column an operation before `index` (in the same phase) added to `table` under this name, if one did. */
export function addedBefore(ops: readonly Operation[], index: number, table: TableRef, column: string): ColumnDef | undefined {
  const name = column.toLowerCase();
  for (const op of earlierInPhase(ops, index))
    if (op.kind === 'add-column' && sameTable(op.table, table) && op.column.name.toLowerCase() === name) return op.column;
  return undefined;
}

/**
 * The copy at `index` of a migration's operations, as it runs: a backfill's
 * `WHERE new IS NULL` leaves out no row when the same migration added `new`
 * earlier, without a default, and wrote nothing into it since (every row holds
 * NULL there). What else its `WHERE` checks still limits it. An INNER JOIN on
 * a key leaves out no row when the same migration filled the joined table
 * from every row first (`keptByJoin`).
 */
export function effectiveCopy(ops: readonly Operation[], index: number): CopyValuesOp {
  const copy = keptByJoin(ops, index) ?? (ops[index] as CopyValuesOp);
  const { whileNull, ...rest } = copy;
  if (whileNull === undefined) return copy;
  const written = (column: string): boolean =>
    earlierInPhase(ops, index).some(
      (op) => op.kind === 'copy-values' && sameTable(op.table, copy.table) && (op.columns ?? []).some((p) => p.target?.toLowerCase() === column.toLowerCase()),
    );
  const fresh = whileNull.every((column) => addedBefore(ops, index, copy.table, column)?.withoutDefault === true && !written(column));
  // Rows holding a value in a column it checks IS NULL are left out, whatever their other columns hold.
  if (!fresh) return { ...rest, onlyNonNull: undefined };
  return (copy.onlyNonNull ?? []).length > 0 ? rest : { ...rest, limitedBy: null, onlyNonNull: undefined };
}

/**
 * The copy at `index`, whose INNER JOIN matches every source row, with no
 * limit: the joined table's key columns hold, for each source row, what the
 * join compares them with, written there by an earlier copy (in the same
 * phase) of every source row and touched by nothing since. `INSERT INTO mapping
 * (link_id, schedule_id) SELECT id, gen_random_uuid() FROM links;` then
 * `INSERT INTO schedules … SELECT … FROM links l JOIN mapping m ON
 * m.link_id = l.id`. Null otherwise.
 */
function keptByJoin(ops: readonly Operation[], index: number): CopyValuesOp | null {
  const copy = ops[index] as CopyValuesOp;
  const key = copy.joinedBy;
  if (key === undefined || copy.limitedBy !== 'JOIN') return null;
  const columns = new Map(key.equals.map((pair) => [pair.column.toLowerCase(), pair.on]));
  for (let j = index - 1; j >= 0; j--) {
    const op = ops[j]!;
    if (op.phase !== copy.phase || exclusive(op, copy)) continue;
    const joined = destroyedTable(op);
    if (joined !== null && sameTable(joined, key.table)) return null;
    if (op.kind !== 'copy-values' || !sameTable(op.table, key.table)) continue;
    const writes = (op.columns ?? []).filter((p) => p.target !== null && columns.has(p.target.toLowerCase()));
    // Rows copied from elsewhere only add to the table; an UPDATE of the key, or a copy of no known columns, may change it.
    if (writes.length === 0 ? op.columns === null : sameTable(op.source, op.table)) return null;
    if (writes.length === 0 || !sameTable(op.source, copy.source)) continue;
    const same = writes.length === columns.size && writes.every((p) => columns.get(p.target!.toLowerCase()) === p.reads);
    return same && effectiveCopy(ops, j).limitedBy === null ? { ...copy, limitedBy: null } : null;
  }
  return null;
}

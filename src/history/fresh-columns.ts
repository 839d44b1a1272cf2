import type { ColumnDef, CopyValuesOp, Operation, TableRef } from '../ir/operations.js';
import { exclusive, sameTable } from '../ir/operations.js';

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
 * NULL there). What else its `WHERE` checks still limits it.
 */
export function effectiveCopy(ops: readonly Operation[], index: number): CopyValuesOp {
  const copy = ops[index] as CopyValuesOp;
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

import type { DropTableOp } from '../ir/operations.js';
import { sameTable } from '../ir/operations.js';
import type { RuleContext } from './rule.js';

/**
 * Whether a dropped name is re-created later in the same migration and phase
 * as a ClickHouse materialized view whose rows come from its query: one writing
 * `TO` a table (it holds none) or one filled by `POPULATE`. That is how
 * ClickHouse migrations change a view's query; unless the history knows a
 * table of rows by that name, what was dropped was such a view.
 */
export function recreatedAsView(op: DropTableOp, ctx: RuleContext): boolean {
  if ((ctx.history.tableBefore(op)?.createdBy ?? null) !== null) return false;
  const ops = ctx.history.migrationOperations(ctx.unit);
  return ops
    .slice(ops.indexOf(op) + 1)
    .some(
      (later) =>
        later.kind === 'create-table' &&
        later.phase === op.phase &&
        (later.rowless === 'materialized-view' || later.populated === true) &&
        sameTable(later.table, op.table),
    );
}

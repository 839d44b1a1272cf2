import type { CreateTableOp, DropTableOp } from '../ir/operations.js';
import { sameTable } from '../ir/operations.js';
import type { RuleContext } from './rule.js';

/** The creation of a dropped name later in the same migration and phase, if any. */
export function recreation(op: DropTableOp, ctx: RuleContext): CreateTableOp | null {
  const ops = ctx.history.migrationOperations(ctx.unit);
  for (const later of ops.slice(ops.indexOf(op) + 1)) {
    if (later.kind === 'create-table' && later.phase === op.phase && sameTable(later.table, op.table)) return later;
  }
  return null;
}

/**
 * Whether a dropped name is re-created later in the same migration and phase
 * as a ClickHouse materialized view whose rows come from its query: one writing
 * `TO` a table (it holds none) or one filled by `POPULATE`. That is how
 * ClickHouse migrations change a view's query. What was dropped was such a
 * view, unless the history knows a table of rows by that name.
 */
export function recreatedAsView(op: DropTableOp, ctx: RuleContext): boolean {
  const created = ctx.history.tableBefore(op)?.createdBy?.op;
  if (created !== undefined && !(created.kind === 'create-table' && created.materializedView !== undefined)) return false;
  const view = recreation(op, ctx)?.materializedView;
  return view !== undefined && (view.to || view.populate);
}

import type { DropTableOp } from '../ir/operations.js';
import { sameTable } from '../ir/operations.js';
import type { Feed } from '../history/replay.js';
import { later } from './recreated.js';
import type { RuleContext } from './rule.js';

/**
 * The materialized view whose rows a dropped ClickHouse table holds, when they
 * can be computed again from what the view read: a table of rows (not a
 * `Null`-engine one) that keeps them at least as long (no TTL, or one no
 * shorter than the dropped table's) and that the same migration does not drop
 * too. Else null.
 */
export function recomputableFeed(op: DropTableOp, ctx: RuleContext): (Feed & { readonly source: NonNullable<Feed['source']> }) | null {
  const state = ctx.history.tableBefore(op);
  for (const feed of state?.filledBy ?? []) {
    const { source, sourceTtl } = feed;
    if (source === null || feed.fromRowless) continue;
    const keptAsLong = sourceTtl === undefined || (typeof sourceTtl === 'number' && typeof state?.ttlSeconds === 'number' && state.ttlSeconds <= sourceTtl);
    if (keptAsLong && !later(op, ctx).some((o) => o.kind === 'drop-table' && sameTable(o.table, source))) return { ...feed, source };
  }
  return null;
}

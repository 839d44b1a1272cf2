import type { Operation, Span } from '../../ir/operations.js';

/** How many helper calls deep (a helper calling a helper …) the walk follows. */
export const MAX_HELPER_DEPTH = 6;

/** Operations read in a helper, placed at the call that runs them (where a reviewer looks and a suppression goes). */
export function atCallSite(ops: ReadonlyArray<Operation | Promise<Operation[]>>, span: Span): Array<Operation | Promise<Operation[]>> {
  const place = (op: Operation): Operation => ({ ...op, span: { start: span.start, end: span.end } });
  return ops.map((op) => (op instanceof Promise ? op.then((list) => list.map(place)) : place(op)));
}

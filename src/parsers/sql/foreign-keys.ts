import type { ForeignKeyTarget } from '../../ir/operations.js';
import type { Cursor } from './cursor.js';

/**
 * What the foreign keys written between `from` and `to` refer to: each
 * `REFERENCES table [(columns)]`, in a column's definition or a `FOREIGN KEY`
 * constraint. Leaves the cursor where it was.
 */
export function foreignKeyTargets(c: Cursor, from: number, to: number): ForeignKeyTarget[] {
  const saved = c.pos;
  const targets: ForeignKeyTarget[] = [];
  for (let i = from; i < to; i++) {
    if (!c.isWordAt(i, 'REFERENCES')) continue;
    c.pos = i + 1;
    const target = c.readName();
    if (target === null) continue;
    const columns = c.isPunct('(') ? c.splitCommas(c.pos + 1, c.closingParen(c.pos)).map(([a]) => c.identifierAt(a)) : null;
    targets.push({ table: target.ref, columns: columns && columns.filter((name): name is string => name !== null) });
  }
  c.pos = saved;
  return targets;
}

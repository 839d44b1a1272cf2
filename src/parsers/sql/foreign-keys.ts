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
  for (const [start, end] of c.splitCommas(from, to)) {
    for (let i = start; i < end; i++) {
      if (!c.isWordAt(i, 'REFERENCES')) continue;
      c.pos = i + 1;
      const target = c.readName();
      if (target === null) continue;
      const columns = c.isPunct('(') ? names(c, c.pos) : null;
      const referring = referringColumns(c, start, i);
      targets.push({ table: target.ref, columns, ...(referring.length > 0 && { from: referring }) });
    }
  }
  c.pos = saved;
  return targets;
}

/** The names listed in the parentheses opening at `open`. */
function names(c: Cursor, open: number): string[] {
  return c
    .splitCommas(open + 1, c.closingParen(open))
    .map(([a]) => c.identifierAt(a))
    .filter((name): name is string => name !== null);
}

/**
 * The columns that hold a reference, from the start of its part of the list
 * to its `REFERENCES` at `at`: those of `FOREIGN KEY (a, b)`, or the column a
 * definition names first (`a int REFERENCES t (id)`); none otherwise.
 */
function referringColumns(c: Cursor, start: number, at: number): string[] {
  const close = at - 1;
  if (c.punctAt(close, ')')) {
    for (let open = close - 1; open > start; open--)
      if (c.punctAt(open, '(') && c.closingParen(open) === close) return c.isWordAt(open - 1, 'KEY') ? names(c, open) : [];
    return [];
  }
  const first = c.tokens[start];
  return first?.type === 'word' && (first.value === 'CONSTRAINT' || first.value === 'FOREIGN' || first.value === 'ADD')
    ? []
    : [c.identifierAt(start)].filter((n): n is string => n !== null);
}

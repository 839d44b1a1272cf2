import type { Cursor } from './cursor.js';

/**
 * Whether a `WHERE` condition in tokens `[from, to)` holds for every row:
 * `TRUE`, a non-zero number (`WHERE 1`), or a literal compared equal to
 * itself (`1 = 1`, `'a' = 'a'`), in any parentheses. Clauses after it
 * (`RETURNING`, `ORDER BY`, `LIMIT`, `SETTINGS`) are not part of it.
 */
export function alwaysTrue(c: Cursor, from: number, to: number): boolean {
  let end = from;
  while (end < to && !(c.tokens[end]!.type === 'word' && WHERE_ENDS.has(c.tokens[end]!.value))) end++;
  while (end - from >= 2 && c.punctAt(from, '(') && c.closingParen(from) === end - 1) {
    from++;
    end--;
  }
  const literal = (i: number): boolean => c.tokens[i]!.type === 'number' || c.tokens[i]!.type === 'string';
  if (end - from === 1) {
    const t = c.tokens[from]!;
    return (t.type === 'word' && t.value === 'TRUE') || (t.type === 'number' && Number(t.value) !== 0 && !Number.isNaN(Number(t.value)));
  }
  if (end - from === 3 && literal(from) && literal(from + 2) && c.tokens[from + 1]!.value === '=') {
    const [a, b] = [c.tokens[from]!, c.tokens[from + 2]!];
    return a.type === b.type && (a.type === 'string' ? a.value === b.value : Number(a.value) === Number(b.value));
  }
  return false;
}

const WHERE_ENDS = new Set(['RETURNING', 'ORDER', 'LIMIT', 'SETTINGS', 'OPTION', 'OUTPUT']);

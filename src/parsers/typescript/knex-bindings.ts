import { type JsString, knownText, type Piece } from './strings.js';
import type { Value } from './values.js';

/** A name Knex writes quoted in place of `??`: an identifier, or dotted ones (`schema.table`). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*)*$/;

/**
 * The SQL of `knex.raw(sql, bindings)` with its identifier bindings in place:
 * Knex replaces each `??` with the name at its position in `bindings` (each
 * `?`, a value, counts a position too; `\?` is a literal question mark). A
 * name known here takes the place of its `??`, read where the `??` is; one
 * known only at run time (or not a plain name) becomes a part known only at
 * run time, so that what it drops is a `dynamic-operation`, not a parse error.
 * Without an array of bindings the SQL is as written.
 */
export function withIdentifierBindings(sql: JsString, bindings: Value | undefined): JsString {
  if (bindings?.kind !== 'array' || !sql.pieces.some((p) => 'text' in p && p.text.includes('??'))) return sql;
  const pieces: Piece[] = [];
  let position = 0;
  for (const piece of sql.pieces) {
    if ('unknown' in piece) {
      pieces.push(piece);
      continue;
    }
    let from = 0;
    const keep = (to: number): void => {
      if (to > from) pieces.push({ text: piece.text.slice(from, to), offsets: piece.offsets.slice(from, to), end: piece.offsets[to] ?? piece.end });
    };
    for (const m of piece.text.matchAll(/\\\?|\?\??/g)) {
      if (m[0] === '\\?') continue;
      const binding = bindings.items[position++];
      if (m[0] === '?') continue;
      const at = m.index;
      keep(at);
      const start = piece.offsets[at]!;
      const end = piece.offsets[at + 1]! + 1;
      const name = binding?.kind === 'string' ? knownText(binding.value) : null;
      if (name !== null && IDENTIFIER.test(name)) pieces.push({ text: name, offsets: Array.from(name, () => start), end });
      else pieces.push({ unknown: { start, end } });
      from = at + 2;
    }
    keep(piece.text.length);
  }
  return { pieces };
}

import type { Span } from '../../ir/operations.js';

/**
 * A string known in part: text whose characters each come from a place in the
 * file (a literal, a constant, a template's constant part), and pieces only
 * known at run time (`${process.env.TENANT}`), kept as the span that computes them.
 */
export type Piece = { readonly text: string; readonly offsets: readonly number[]; readonly end: number } | { readonly unknown: Span };

export interface JsString {
  readonly pieces: readonly Piece[];
}

/** The whole text, when every piece is known. */
export function knownText(value: JsString): string | null {
  let text = '';
  for (const piece of value.pieces) {
    if ('unknown' in piece) return null;
    text += piece.text;
  }
  return text;
}

export function concat(...parts: readonly JsString[]): JsString {
  return { pieces: parts.flatMap((part) => part.pieces) };
}

export function unknownString(span: Span): JsString {
  return { pieces: [{ unknown: span }] };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/**
 * The characters of a string literal's or template part's source, `raw`
 * starting at file offset `start`, each with its offset: escapes make the
 * text and the source differ, and spans must point into the source.
 */
export function decodeJs(raw: string, start: number): JsString {
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const at = start + i;
    const c = raw[i]!;
    if (c !== '\\') {
      text += c;
      offsets.push(at);
      continue;
    }
    const next = raw[i + 1] ?? '';
    let decoded: string;
    let length = 2;
    if (next === '\r' || next === '\n' || next === '\u2028' || next === '\u2029') {
      // A line continuation adds no character.
      i += next === '\r' && raw[i + 2] === '\n' ? 2 : 1;
      continue;
    } else if (next === 'x') {
      decoded = String.fromCharCode(parseInt(raw.slice(i + 2, i + 4), 16));
      length = 4;
    } else if (next === 'u' && raw[i + 2] === '{') {
      const close = raw.indexOf('}', i);
      decoded = String.fromCodePoint(parseInt(raw.slice(i + 3, close), 16));
      length = close - i + 1;
    } else if (next === 'u') {
      decoded = String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      length = 6;
    } else {
      decoded = SIMPLE_ESCAPES[next] ?? next;
    }
    for (const ch of decoded) {
      text += ch;
      offsets.push(at);
      if (ch.length === 2) offsets.push(at);
    }
    i += length - 1;
  }
  return { pieces: [{ text, offsets, end: start + raw.length }] };
}

/** Text made of the pieces, unknown ones as `placeholder(n)`, and a map from its offsets back to the file. */
export function layOut(value: JsString, placeholder: (n: number) => string): { text: string; map: (offset: number) => number; unknowns: number } {
  let text = '';
  const starts: number[] = [];
  let unknowns = 0;
  for (const piece of value.pieces) {
    starts.push(text.length);
    text += 'unknown' in piece ? placeholder(unknowns++) : piece.text;
  }
  const map = (offset: number): number => {
    let k = starts.length - 1;
    while (k > 0 && starts[k]! > offset) k--;
    const piece = value.pieces[k];
    if (piece === undefined) return 0;
    const local = offset - starts[k]!;
    if ('unknown' in piece) return local === 0 ? piece.unknown.start : piece.unknown.end;
    return piece.offsets[local] ?? piece.end;
  };
  return { text, map, unknowns };
}

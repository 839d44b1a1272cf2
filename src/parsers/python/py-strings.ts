import type { SyntaxNode } from 'tree-sitter';

/**
 * The value of a Python string literal, with a map from each character of the
 * value back to the file offset it came from, so that SQL inside it is
 * reported at the exact column of the file.
 */
export interface PyString {
  readonly text: string;
  /**
   * `offsets[i]` is the file offset of `text[i]`; one extra entry for the end:
   * the offset just after the source of the last character (before the closing quote).
   */
  readonly offsets: readonly number[];
  /** False when an f-string interpolation could not be resolved (its place in the text is then a `HOLE`). */
  readonly complete: boolean;
}

/** Where an f-string holds an interpolation that could not be resolved: a character no SQL or name contains. */
export const HOLE = '\u0000';

/** Resolves the expression of an f-string interpolation to a string, if it can. */
export type Interpolate = (expression: SyntaxNode) => PyString | null;

/** Decodes a `string` or `concatenated_string` node (implicit concatenation). */
export function decodeString(node: SyntaxNode, interpolate: Interpolate): PyString {
  const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((c) => c.type === 'string') : [node];
  return joinStrings(parts.map((part) => decodeOne(part, interpolate)));
}

/** Joins string values (implicit concatenation, `+`), keeping each piece's offsets. */
export function joinStrings(pieces: readonly PyString[]): PyString {
  let text = '';
  const offsets: number[] = [];
  for (const piece of pieces) {
    text += piece.text;
    offsets.push(...piece.offsets.slice(0, piece.text.length));
  }
  offsets.push(pieces.at(-1)?.offsets.at(-1) ?? 0);
  return { text, offsets, complete: pieces.every((p) => p.complete) };
}

function decodeOne(node: SyntaxNode, interpolate: Interpolate): PyString {
  const source = node.text;
  // Interpolations are child nodes; the text between them is decoded here. Only an f-string has
  // them, and asking for the children of every string would cost a native call and a node each.
  const holes = literalMode(source).fstring ? node.namedChildren.filter((c) => c.type === 'interpolation') : [];
  return decodeLiteral(
    source,
    node.startIndex,
    holes.map((hole) => ({ start: hole.startIndex, end: hole.endIndex, value: () => interpolation(hole, interpolate) })),
  );
}

/**
 * One or more plain string literals side by side (`'a' "b"`), from their
 * source text at file offset `start`; null for anything else, f-strings
 * included (their holes need the tree).
 */
export function decodePlainLiterals(source: string, start: number): PyString | null {
  const pieces: PyString[] = [];
  let at = 0;
  while (at < source.length) {
    const literal = /^([rRuUbB]|[bB][rR]|[rR][bB])?('''|"""|'|")/.exec(source.slice(at, at + 5));
    if (!literal) return null;
    const quote = literal[2]!;
    let i = at + literal[0].length;
    while (i < source.length && !source.startsWith(quote, i)) i += source[i] === '\\' ? 2 : 1;
    if (i >= source.length) return null;
    pieces.push(decodeLiteral(source.slice(at, i + quote.length), start + at, []));
    at = i + quote.length;
    while (at < source.length && /[ \t\r\n\f]/.test(source[at]!)) at++;
  }
  return pieces.length > 0 ? joinStrings(pieces) : null;
}

interface Hole {
  readonly start: number;
  readonly end: number;
  readonly value: () => PyString;
}

/** A string literal's value from its source (prefix and quotes included) at file offset `start`. */
function decodeLiteral(source: string, start: number, holes: readonly Hole[]): PyString {
  const mode = literalMode(source);
  const prefix = /^[A-Za-z]*/.exec(source)![0].length;
  const quote = source.startsWith('"""', prefix) || source.startsWith("'''", prefix) ? 3 : 1;
  const contentStart = start + prefix + quote;
  const contentEnd = Math.max(contentStart, start + source.length - quote);
  const pieces: PyString[] = [];
  let at = contentStart;
  for (const hole of [...holes, null]) {
    const until = hole === null ? contentEnd : hole.start;
    pieces.push(decodeChunk(source.slice(at - start, until - start), at, mode));
    if (hole === null) break;
    pieces.push(hole.value());
    at = hole.end;
  }
  return joinStrings(pieces);
}

function literalMode(source: string): EscapeMode {
  const prefix = /^[A-Za-z]*/.exec(source)![0].toLowerCase();
  return { raw: prefix.includes('r'), bytes: prefix.includes('b'), fstring: prefix.includes('f') };
}

/** `{expr}` as its value, every character reported at the `{`; `{x!r}` and `{x:>10}` change the text, so they stay unknown. */
function interpolation(hole: SyntaxNode, interpolate: Interpolate): PyString {
  const expression = hole.childForFieldName('expression');
  const plain = !hole.childForFieldName('type_conversion') && !hole.childForFieldName('format_specifier');
  const value = expression && plain ? interpolate(expression) : null;
  if (value === null) return { text: HOLE, offsets: [hole.startIndex, hole.endIndex], complete: false };
  return { text: value.text, offsets: [...Array<number>(value.text.length).fill(hole.startIndex), hole.endIndex], complete: value.complete };
}

interface EscapeMode {
  readonly raw: boolean;
  readonly bytes: boolean;
  readonly fstring: boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Escapes with hex digits: `\xhh` always, `\uXXXX` and `\UXXXXXXXX` in text strings only. */
const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * Decodes escapes (unless raw) and `{{`/`}}` in f-strings, mapping each output
 * character to the offset of the source it came from (an escape: its backslash).
 */
function decodeChunk(chunk: string, base: number, mode: EscapeMode): PyString {
  let text = '';
  const offsets: number[] = [];
  const emit = (value: string, at: number): void => {
    text += value;
    for (let k = 0; k < value.length; k++) offsets.push(base + at);
  };
  let i = 0;
  while (i < chunk.length) {
    const c = chunk[i]!;
    if (mode.fstring && (c === '{' || c === '}') && chunk[i + 1] === c) {
      emit(c, i);
      i += 2;
      continue;
    }
    if (c !== '\\' || mode.raw || i + 1 >= chunk.length) {
      emit(c, i);
      i += 1;
      continue;
    }
    const escape = readEscape(chunk, i + 1, mode.bytes);
    if (escape === null) {
      // An unknown escape keeps its backslash, as Python does.
      emit(c, i);
      i += 1;
      continue;
    }
    emit(escape.value, i);
    i = escape.end;
  }
  offsets.push(base + chunk.length);
  return { text, offsets, complete: true };
}

/** The escape whose letter is at `chunk[at]` (after the backslash): its value and where it ends. */
function readEscape(chunk: string, at: number, bytes: boolean): { value: string; end: number } | null {
  const next = chunk[at]!;
  // A backslash at the end of a line joins the lines.
  if (next === '\n') return { value: '', end: at + 1 };
  if (next === '\r') return { value: '', end: chunk[at + 1] === '\n' ? at + 2 : at + 1 };
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { value: simple, end: at + 1 };
  const octal = /^[0-7]{1,3}/.exec(chunk.slice(at, at + 3));
  if (octal) return { value: String.fromCharCode(parseInt(octal[0], 8)), end: at + octal[0].length };
  const digits = HEX_DIGITS[next];
  if (digits !== undefined && (next === 'x' || !bytes)) {
    const hex = chunk.slice(at + 1, at + 1 + digits);
    const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : NaN;
    return code <= 0x10ffff ? { value: String.fromCodePoint(code), end: at + 1 + digits } : null;
  }
  // `\N{BULLET}`: one character whose name droplint does not look up.
  const named = bytes ? null : /^N\{[^}]*\}/.exec(chunk.slice(at));
  if (named) return { value: '\uFFFD', end: at + named[0].length };
  return null;
}

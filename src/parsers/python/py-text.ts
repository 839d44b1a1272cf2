import { UnicodePattern } from '../unicode-pattern.js';

/** A piece of source: where it is in the file, and its text. */
export interface SourceSpan {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A call split as written: `callee(positional…, name=keyword…)`. */
export interface CallText {
  readonly callee: SourceSpan;
  readonly positional: readonly SourceSpan[];
  readonly keyword: ReadonlyMap<string, SourceSpan>;
}

const STRING_PREFIX = /^(?:[rRuUbB]|[bB][rR]|[rR][bB])$/;
const KEYWORD = new UnicodePattern(/^([A-Za-z_][A-Za-z0-9_]*)[ \t\r\n\f]*=(?!=)/, String.raw`^([\p{L}_][\p{L}\p{N}_]*)[ \t\r\n\f]*=(?!=)`);

/**
 * Splits the source of a call node, `source.slice(start, end)`, into its
 * callee and arguments by scanning brackets, strings and commas: what the
 * tree would say, without a native call per node. Null where the text does
 * not settle it alone (an f-string, a line continuation, a generator
 * argument, anything unbalanced): the tree reads those calls. Comments are
 * white space here, as in Python: an editor's `# TODO` inside a long
 * `create_table(…)` keeps it on the text's path.
 */
export function scanCall(source: string, start: number, end: number): CallText | null {
  if (source.charCodeAt(end - 1) !== 0x29 /* ) */) return null;
  let depth = 0;
  let open = -1; // the `(` of the argument list: the last one at depth 0
  const commas: number[] = [];
  const comments: number[] = []; // start, end, start, end…
  let i = start;
  while (i < end) {
    const c = source[i]!;
    const after = skipLiteralOrWord(source, i, end);
    if (after < 0) return null;
    if (after > i) {
      // `f(x for x in xs)`: the argument list is a generator expression.
      if (depth === 1 && after - i === 3 && source.startsWith('for', i)) return null;
      i = after;
      continue;
    }
    switch (c) {
      case '#': {
        // Up to the end of the line, which closes no call: the call's text goes on after it.
        const lineEnd = lineEndFrom(source, i, end);
        if (lineEnd === end) return null;
        comments.push(i, lineEnd);
        i = lineEnd;
        continue;
      }
      case '\\':
        return null;
      case '(':
        if (depth === 0) open = i;
        depth++;
        break;
      case '[':
      case '{':
        depth++;
        break;
      case ')':
      case ']':
      case '}':
        depth--;
        if (depth < 0) return null;
        break;
      case ',':
        if (depth === 1 && open >= 0) commas.push(i);
        break;
    }
    i++;
  }
  if (depth !== 0 || open < 0) return null;

  const callee = trimmed(source, comments, start, open);
  if (callee === null) return null;
  const positional: SourceSpan[] = [];
  const keyword = new Map<string, SourceSpan>();
  // Commas at depth 1 may belong to an earlier bracket group of the callee (`f(a, b)(c)`).
  const bounds = [open, ...commas.filter((at) => at > open), end - 1];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const arg = trimmed(source, comments, bounds[k]! + 1, bounds[k + 1]!);
    if (arg === null) {
      // Only the last argument may be empty: `f(a, b,)`.
      if (k + 2 < bounds.length) return null;
      continue;
    }
    const named = KEYWORD.exec(arg.text);
    if (named) {
      const value = trimmed(source, comments, arg.start + named[0].length, arg.end);
      if (value === null) return null;
      keyword.set(named[1]!, value);
    } else positional.push(arg);
  }
  return { callee, positional, keyword };
}

/**
 * Past the string literal (its prefix included) or the word at `at`; `at` when
 * neither starts there; -1 for a literal the text does not settle (an
 * f-string, an unknown prefix, a string that does not close).
 */
function skipLiteralOrWord(source: string, at: number, end: number): number {
  const c = source[at]!;
  if (c === '"' || c === "'") return skipString(source, at, end);
  if (!isWordStart(c)) return at;
  let j = at + 1;
  while (j < end && isWordPart(source[j]!)) j++;
  const next = source[j];
  if (next !== '"' && next !== "'") return j;
  // A string prefix: f-strings hold expressions, which the tree reads.
  return STRING_PREFIX.test(source.slice(at, j)) ? skipString(source, j, end) : -1;
}

/** The end of the string literal whose opening quote is at `at`; -1 if it does not close before `end`. */
function skipString(source: string, at: number, end: number): number {
  const quote = source[at]!;
  const triple = source[at + 1] === quote && source[at + 2] === quote;
  let i = at + (triple ? 3 : 1);
  while (i < end) {
    const c = source[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote && (!triple || (source[i + 1] === quote && source[i + 2] === quote))) return i + (triple ? 3 : 1);
    if (!triple && (c === '\n' || c === '\r')) return -1;
    i++;
  }
  return -1;
}

/**
 * The span between `from` and `to` without the white space and comments
 * (`comments`: start, end, start, end…) around it; null when there is nothing else.
 */
function trimmed(source: string, comments: readonly number[], from: number, to: number): SourceSpan | null {
  let start = from;
  let end = to;
  for (;;) {
    while (start < end && isSpace(source.charCodeAt(start))) start++;
    const at = comments.indexOf(start);
    if (start === end || at < 0 || at % 2 === 1) break;
    start = Math.min(comments[at + 1]!, end);
  }
  for (;;) {
    while (end > start && isSpace(source.charCodeAt(end - 1))) end--;
    const at = comments.lastIndexOf(end);
    if (end === start || at < 0 || at % 2 === 0) break;
    end = Math.max(comments[at - 1]!, start);
  }
  return start === end ? null : { start, end, text: source.slice(start, end) };
}

/** Where the line holding `from` ends (its line break), or `end`. */
function lineEndFrom(source: string, from: number, end: number): number {
  let i = from;
  while (i < end && source[i] !== '\n' && source[i] !== '\r') i++;
  return i;
}

/** Python's white space between tokens: space, tab, form feed, line breaks. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c;
}

function isWordStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || (c > '\x7f' && /\p{L}/u.test(c));
}

function isWordPart(c: string): boolean {
  return isWordStart(c) || (c >= '0' && c <= '9') || (c > '\x7f' && /\p{N}/u.test(c));
}

/**
 * The comments of a Python source, found by skipping its strings; null when
 * it holds an f-string (whose expressions may hold quotes and `#`) or a string
 * that does not close: the tree finds those comments.
 */
export function scanComments(source: string): Array<{ readonly start: number; readonly end: number }> | null {
  const comments: Array<{ start: number; end: number }> = [];
  const end = source.length;
  let i = 0;
  while (i < end) {
    const c = source[i]!;
    if (c === '#') {
      const start = i;
      i = lineEndFrom(source, i, end);
      comments.push({ start, end: i });
    } else {
      const after = skipLiteralOrWord(source, i, end);
      if (after < 0) return null;
      i = after > i ? after : i + 1;
    }
  }
  return comments;
}

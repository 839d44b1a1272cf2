import type { Token } from './lexer.js';

/**
 * PL/pgSQL routines a file defines, and the SQL their `EXECUTE`s compute
 * from their parameters: a helper such as `clone_schema(source, dest)` runs
 * `EXECUTE 'CREATE SCHEMA ' || dest`, which is known text once a call of the
 * same file passes literals (`SELECT clone_schema('public', 'tenant_a')`).
 */

/** A parameter of a routine, as a call binds it. */
export interface Param {
  /** Folded like PostgreSQL folds identifiers; null when the parameter has no name (`f(text)`). */
  readonly name: string | null;
  /** What a call that omits it gets from `DEFAULT 'x'` / `= 'x'`: undefined without a default, null when it is not a literal. */
  readonly fallback: string | null | undefined;
}

export interface Signature {
  readonly kind: 'function' | 'procedure';
  /** Folded name (its last part: `public.f` is called as `f` too). */
  readonly name: string;
  readonly params: readonly Param[];
}

/** A piece of computed SQL: literal text, or a parameter's value (quoted as `quote_ident`, `quote_literal` or `format` would). */
type Part = { readonly text: string } | { readonly param: number; readonly quote: Quote };
type Quote = 'none' | 'ident' | 'literal';

/** SQL computed from literals and parameters only. */
export interface Template {
  readonly parts: readonly Part[];
}

/** A routine the file defines, with the `EXECUTE`s of its body that depend on its parameters. */
export interface Routine {
  readonly signature: Signature;
  readonly templates: Template[];
}

/** Words that start a type of two words (`character varying`): `f(character varying)` has no parameter name. */
const TYPE_FIRST_WORDS = new Set(['CHARACTER', 'DOUBLE', 'TIMESTAMP', 'TIME', 'BIT', 'NATIONAL']);
const MODES = new Set(['IN', 'INOUT', 'VARIADIC']);

/** How PostgreSQL folds an identifier: bare names to lower case, quoted ones as written. */
export function fold(token: Token): string {
  return token.type === 'word' ? token.value.toLowerCase() : token.value;
}

/**
 * The name and parameters of `CREATE FUNCTION|PROCEDURE name(…)`, the keyword
 * at `at`; null when not readable, or with an OUT parameter (a call does not
 * pass a function's OUT parameters, so positions would not match).
 */
export function readSignature(tokens: readonly Token[], at: number, end: number): Signature | null {
  let i = at + 1;
  while (i + 2 < end && tokens[i + 1]!.value === '.') i += 2;
  const nameToken = tokens[i];
  if (nameToken === undefined || (nameToken.type !== 'word' && nameToken.type !== 'ident') || tokens[i + 1]?.value !== '(') return null;
  const close = closing(tokens, i + 1, end);
  const params: Param[] = [];
  for (const [a0, b] of splitArgs(tokens, i + 2, close)) {
    let a = a0;
    if (a >= b) return null;
    if (tokens[a]!.type === 'word' && tokens[a]!.value === 'OUT') return null;
    if (tokens[a]!.type === 'word' && MODES.has(tokens[a]!.value)) a++;
    const first = tokens[a];
    const second = tokens[a + 1];
    const named =
      first !== undefined &&
      (first.type === 'ident' || (first.type === 'word' && !TYPE_FIRST_WORDS.has(first.value))) &&
      a + 1 < b &&
      (second!.type === 'word' || second!.type === 'ident');
    let fallback: string | null | undefined;
    for (let k = a; k < b; k++) {
      const t = tokens[k]!;
      if ((t.type === 'word' && t.value === 'DEFAULT') || (t.type === 'op' && t.value === '=')) {
        fallback = k + 2 === b ? literalValue(tokens[k + 1]!) : undefined;
        break;
      }
    }
    params.push({ name: named ? fold(first) : null, fallback });
  }
  return { kind: tokens[at]!.value === 'PROCEDURE' ? 'procedure' : 'function', name: fold(nameToken), params };
}

/**
 * The names a body assigns or declares (`p := …`, `p text;`, `INTO p`,
 * `FOR p IN`): such a parameter no longer holds what the call passed.
 * `statements` are the body's statement ranges.
 */
export function reassigned(tokens: readonly Token[], statements: ReadonlyArray<readonly [number, number, ...unknown[]]>): Set<string> {
  const names = new Set<string>();
  const nameAt = (k: number): void => {
    const t = tokens[k];
    if (t?.type === 'word' || t?.type === 'ident') names.add(fold(t));
  };
  for (const [from, to] of statements) {
    nameAt(tokens[from]?.type === 'word' && tokens[from].value === 'FOR' ? from + 1 : from);
    for (let k = from; k < to; k++) {
      if (tokens[k]!.type !== 'word' || tokens[k]!.value !== 'INTO') continue;
      let n = k + 1;
      if (tokens[n]?.type === 'word' && tokens[n]!.value === 'STRICT') n++;
      for (; n < to; n += 2) {
        nameAt(n);
        if (tokens[n + 1]?.value !== ',') break;
      }
    }
  }
  return names;
}

/**
 * Reads tokens `[from, to)` as a concatenation (`||`) of string literals,
 * parameters (by name, or `$n`), `quote_ident`, `quote_literal` and
 * `format('…%I…', …)` of those; null when anything else is part of it (a
 * variable, another function). `params` maps the names of the parameters
 * still holding what the call passed to their position.
 */
export function readTemplate(tokens: readonly Token[], from: number, to: number, params: ReadonlyMap<string, number>): Template | null {
  const parts: Part[] = [];
  for (const [a, b] of splitConcat(tokens, from, to)) {
    const term = readTerm(tokens, a, b, params);
    if (term === null) return null;
    parts.push(...term);
  }
  return parts.length > 0 ? { parts } : null;
}

/** Whether a template depends on any parameter (else its text is known as it stands). */
export function usesParams(template: Template): boolean {
  return template.parts.some((p) => 'param' in p);
}

/** The text of a template with each parameter bound; null when one it uses is not bound to a literal. */
export function evaluate(template: Template, args: ReadonlyArray<string | null>): string | null {
  let text = '';
  for (const part of template.parts) {
    if ('text' in part) {
      text += part.text;
      continue;
    }
    const value = args[part.param];
    if (value == null) return null;
    text += quoted(value, part.quote);
  }
  return text;
}

/**
 * The literal values a call passes for each of `signature`'s parameters
 * (tokens `[from, to)` are its arguments, inside the parentheses), with
 * defaults for those it omits; null for an argument that is not a literal,
 * or when the call does not fit the signature.
 */
export function bindArguments(tokens: readonly Token[], from: number, to: number, signature: Signature): Array<string | null> | null {
  const args = splitArgs(tokens, from, to);
  if (args.some(([a, b]) => a >= b)) return null;
  if (args.length > signature.params.length) return null;
  const values: Array<string | null | undefined> = signature.params.map(() => undefined);
  let named = false;
  for (const [k, [a, b]] of args.entries()) {
    const arrow = tokens[a + 1];
    if (b - a >= 3 && arrow?.type === 'op' && (arrow.value === '=>' || arrow.value === ':=')) {
      named = true;
      const index = signature.params.findIndex((p) => p.name === fold(tokens[a]!));
      if (index === -1) return null;
      values[index] = argumentValue(tokens, a + 2, b);
    } else {
      // Positional arguments cannot follow named ones.
      if (named) return null;
      values[k] = argumentValue(tokens, a, b);
    }
  }
  const bound: Array<string | null> = [];
  for (const [k, value] of values.entries()) {
    const fallback = signature.params[k]!.fallback;
    // An omitted parameter without a default: the call is of another routine of the name.
    if (value === undefined && fallback === undefined) return null;
    bound.push(value === undefined ? fallback! : value);
  }
  return bound;
}

/** Index of the first token of each call `name(` of one of `names` in `[from, to)`, the `(` following it. */
export function callsIn(tokens: readonly Token[], from: number, to: number, names: ReadonlySet<string>): number[] {
  const found: number[] = [];
  for (let i = from; i + 1 < to; i++) {
    const t = tokens[i]!;
    if ((t.type === 'word' || t.type === 'ident') && tokens[i + 1]!.value === '(' && names.has(fold(t))) found.push(i);
  }
  return found;
}

/** Index of the `)` closing the `(` at `open`, or `end`. */
export function closing(tokens: readonly Token[], open: number, end: number): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const t = tokens[i]!;
    if (t.type !== 'punct') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')' && --depth === 0) return i;
  }
  return end;
}

function readTerm(tokens: readonly Token[], a: number, b: number, params: ReadonlyMap<string, number>): Part[] | null {
  if (a >= b) return null;
  const t = tokens[a]!;
  if (b - a === 1) {
    if (t.type === 'string') return [{ text: t.value }];
    const param = paramIndex(t, params);
    return param === null ? null : [{ param, quote: 'none' }];
  }
  if (t.value === '(' && closing(tokens, a, b) === b - 1) return readTemplate(tokens, a + 1, b - 1, params)?.parts.slice() ?? null;
  if (t.type !== 'word' || tokens[a + 1]?.value !== '(' || closing(tokens, a + 1, b) !== b - 1) return null;
  const inner = splitArgs(tokens, a + 2, b - 1);
  if (t.value === 'QUOTE_IDENT' || t.value === 'QUOTE_LITERAL') {
    const [only] = inner;
    const part = inner.length === 1 ? single(tokens, only![0], only![1], params) : null;
    return part === null ? null : [quote(part, t.value === 'QUOTE_IDENT' ? 'ident' : 'literal')];
  }
  if (t.value === 'FORMAT') return readFormat(tokens, inner, params);
  return null;
}

/** `format('DROP TABLE %I.%I', s, t)`: `%s`, `%I`, `%L` and `%%` of single literals or parameters. */
function readFormat(tokens: readonly Token[], args: ReadonlyArray<[number, number]>, params: ReadonlyMap<string, number>): Part[] | null {
  const [fmt, ...rest] = args;
  if (fmt === undefined || fmt[1] - fmt[0] !== 1 || tokens[fmt[0]]!.type !== 'string') return null;
  const values: Part[] = [];
  for (const [a, b] of rest) {
    const part = single(tokens, a, b, params);
    if (part === null) return null;
    values.push(part);
  }
  const parts: Part[] = [];
  const pieces = tokens[fmt[0]]!.value.split(/(%.)/s);
  let next = 0;
  for (const piece of pieces) {
    if (piece === '%%') parts.push({ text: '%' });
    else if (piece === '%s' || piece === '%I' || piece === '%L') {
      const value = values[next++];
      if (value === undefined) return null;
      parts.push(quote(value, piece === '%I' ? 'ident' : piece === '%L' ? 'literal' : 'none'));
    } else if (piece.startsWith('%') && piece.length === 2) {
      // Positions (`%1$s`) and widths are not read.
      return null;
    } else if (piece !== '') parts.push({ text: piece });
  }
  return parts;
}

/** A single string literal or parameter. */
function single(tokens: readonly Token[], a: number, b: number, params: ReadonlyMap<string, number>): Part | null {
  if (b - a !== 1) return null;
  const t = tokens[a]!;
  if (t.type === 'string') return { text: t.value };
  const param = paramIndex(t, params);
  return param === null ? null : { param, quote: 'none' };
}

function quote(part: Part, how: Quote): Part {
  return 'text' in part ? { text: quoted(part.text, how) } : { param: part.param, quote: how };
}

/**
 * A value as `quote_ident` or `quote_literal` writes it. An identifier is
 * always quoted: `"tenant"` names what `tenant` does, and the name keeps its
 * case as `quote_ident` keeps it.
 */
function quoted(value: string, how: Quote): string {
  if (how === 'ident') return `"${value.replaceAll('"', '""')}"`;
  if (how === 'literal') return `'${value.replaceAll("'", "''")}'`;
  return value;
}

function paramIndex(t: Token, params: ReadonlyMap<string, number>): number | null {
  if (t.type === 'param' && /^\$\d+$/.test(t.value)) return Number(t.value.slice(1)) - 1;
  if (t.type !== 'word' && t.type !== 'ident') return null;
  return params.get(fold(t)) ?? null;
}

/** A literal argument's value: a string or a number, optionally cast (`'x'::text`). */
function argumentValue(tokens: readonly Token[], a: number, b: number): string | null {
  const cast = b - a === 3 && tokens[a + 1]!.value === '::' && tokens[a + 2]!.type === 'word';
  return b - a === 1 || cast ? literalValue(tokens[a]!) : null;
}

function literalValue(t: Token): string | null {
  return t.type === 'string' || t.type === 'number' ? t.value : null;
}

/** Splits `[from, to)` at top-level `||`. */
function splitConcat(tokens: readonly Token[], from: number, to: number): Array<[number, number]> {
  return splitAt(tokens, from, to, (t) => t.type === 'op' && t.value === '||');
}

/** Splits `[from, to)` at top-level commas. */
function splitArgs(tokens: readonly Token[], from: number, to: number): Array<[number, number]> {
  return splitAt(tokens, from, to, (t) => t.type === 'punct' && t.value === ',');
}

function splitAt(tokens: readonly Token[], from: number, to: number, at: (t: Token) => boolean): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  if (from >= to) return parts;
  let depth = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.type === 'punct' && (t.value === '(' || t.value === '[')) depth++;
    else if (t.type === 'punct' && (t.value === ')' || t.value === ']')) depth--;
    else if (depth === 0 && at(t)) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  parts.push([start, to]);
  return parts;
}

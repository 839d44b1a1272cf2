import type { TableRef } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { readSelect, type Select } from './copies.js';
import { Cursor } from './cursor.js';
import { INSERT_CONFLICT, INSERT_MODIFIERS } from './keywords.js';
import { lex } from './lexer.js';

/**
 * One SQL statement run from code with bound parameters (`:name`), read for
 * what it reads or writes: a migration that reads rows with a `SELECT` and
 * writes each back with `UPDATE … SET new = :value WHERE id = :id` copies
 * values, once the parameters are known to come from the rows read.
 */

/** A column written, with the parameters its value reads (`SET a = lower(:v)` reads `v`). */
export interface BoundColumn {
  readonly column: string;
  readonly params: readonly string[];
}

/** An `UPDATE` or single-row `INSERT … VALUES` whose values are bound parameters. */
export interface BoundWrite {
  readonly verb: 'update' | 'insert';
  readonly table: TableRef;
  readonly columns: readonly BoundColumn[];
  /** UPDATE: the `column = :param` equalities its WHERE is made of (none without WHERE); null when it has other conditions. */
  readonly keys: ReadonlyArray<{ readonly column: string; readonly param: string }> | null;
  /** INSERT: the clause that skips conflicting rows (`ON CONFLICT`, `IGNORE`); null when none does. */
  readonly conflict: string | null;
}

/** The statement's tokens; null unless `sql` is exactly one statement. */
function statementCursor(sql: string, dialect: Dialect): Cursor | null {
  const { tokens, errors } = lex(sql, dialect);
  if (errors.length > 0) return null;
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]!.type === 'punct' && tokens[end - 1]!.value === ';') end--;
  if (end === 0 || tokens.slice(0, end).some((t) => t.type === 'punct' && t.value === ';')) return null;
  return new Cursor(sql, tokens, 0, end);
}

/** A `SELECT … FROM one_table …` that is the whole of `sql`: what it reads; null for anything else. */
export function boundSelect(sql: string, dialect: Dialect): Select | null {
  const c = statementCursor(sql, dialect);
  if (c === null) return null;
  const select = readSelect(c, 0);
  // A UNION or anything the reader stopped before may bring other rows.
  return select !== null && select.end === c.end ? select : null;
}

/** `UPDATE t SET a = :x, … [WHERE k = :y AND …]` or `INSERT [OR IGNORE] INTO t (a, …) VALUES (:x, …) [ON CONFLICT …]`; null for anything else. */
export function boundWrite(sql: string, dialect: Dialect): BoundWrite | null {
  const c = statementCursor(sql, dialect);
  if (c === null) return null;
  if (c.accept('UPDATE')) return update(c);
  if (c.accept('INSERT')) return insert(c);
  return null;
}

function update(c: Cursor): BoundWrite | null {
  c.accept('ONLY');
  const table = c.readName();
  if (table === null || !c.accept('SET')) return null;
  const where = indexOfWord(c, c.pos, 'WHERE');
  const columns = assignments(c, c.pos, where);
  if (columns === null) return null;
  return { verb: 'update', table: table.ref, columns, keys: where === c.end ? [] : keyEqualities(c, where + 1), conflict: null };
}

function insert(c: Cursor): BoundWrite | null {
  const ignore = c.acceptOneOf(INSERT_MODIFIERS) === 'IGNORE' || (c.accept('OR') && c.acceptOneOf(INSERT_CONFLICT) === 'IGNORE');
  if (!c.accept('INTO')) return null;
  const table = c.readName();
  if (table === null || !c.isPunct('(')) return null;
  const names = c.splitCommas(c.pos + 1, c.closingParen(c.pos)).map(([a, b]) => (b - a === 1 ? c.identifierAt(a) : null));
  c.pos = c.closingParen(c.pos) + 1;
  if (!c.accept('VALUES') || !c.isPunct('(')) return null;
  const close = c.closingParen(c.pos);
  const values = c.splitCommas(c.pos + 1, close);
  // One row of values, one per column named.
  if (values.length !== names.length || c.punctAt(close + 1, ',')) return null;
  const columns: BoundColumn[] = [];
  values.forEach(([a, b], k) => {
    const column = names[k];
    if (column) columns.push({ column, params: paramsIn(c, a, b) });
  });
  const conflict = ignore ? 'IGNORE' : c.isWordAt(close + 1, 'ON') && c.isWordAt(close + 2, 'CONFLICT') ? 'ON CONFLICT' : null;
  return { verb: 'insert', table: table.ref, columns, keys: null, conflict };
}

/** `a = <expression>, …` in `[from, to)`: each column with the parameters of its value; null when one is no such assignment. */
function assignments(c: Cursor, from: number, to: number): BoundColumn[] | null {
  const columns: BoundColumn[] = [];
  for (const [a, b] of c.splitCommas(from, to)) {
    const column = b - a >= 3 && c.tokens[a + 1]?.value === '=' ? c.identifierAt(a) : null;
    if (column === null) return null;
    columns.push({ column, params: paramsIn(c, a + 2, b) });
  }
  return columns;
}

/** A WHERE of nothing but `column = :param` joined by AND (either way round); null for any other condition. */
function keyEqualities(c: Cursor, from: number): Array<{ column: string; param: string }> | null {
  const keys: Array<{ column: string; param: string }> = [];
  let start = from;
  for (let i = from; i <= c.end; i++) {
    if (i < c.end && !c.isWordAt(i, 'AND')) continue;
    if (i - start !== 3 || c.tokens[start + 1]!.value !== '=') return null;
    const [left, right] = [c.tokens[start]!, c.tokens[start + 2]!];
    const column = left.type === 'param' ? c.identifierAt(start + 2) : c.identifierAt(start);
    const param = left.type === 'param' ? left : right;
    if (column === null || param.type !== 'param' || !param.value.startsWith(':')) return null;
    keys.push({ column, param: param.value.slice(1) });
    start = i + 1;
  }
  return keys;
}

/** The `:name` parameters among tokens `[from, to)`. */
function paramsIn(c: Cursor, from: number, to: number): string[] {
  return c.tokens.slice(from, to).flatMap((t) => (t.type === 'param' && t.value.startsWith(':') ? [t.value.slice(1)] : []));
}

/** Index of `word` outside parentheses from `from`, or the statement's end. */
function indexOfWord(c: Cursor, from: number, word: string): number {
  let depth = 0;
  for (let i = from; i < c.end; i++) {
    if (c.punctAt(i, '(')) depth++;
    else if (c.punctAt(i, ')')) depth--;
    else if (depth === 0 && c.isWordAt(i, word)) return i;
  }
  return c.end;
}

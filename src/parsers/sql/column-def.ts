import type { ColumnDef } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';
import { TABLE_CONSTRAINT_HEADS, TYPE_END_WORDS } from './keywords.js';

/**
 * Whether a CREATE TABLE element starts with a constraint or index rather
 * than a column. KEY and INDEX are such only where the dialect says so:
 * `key text` is a common PostgreSQL column, as is `period`.
 */
export function isTableConstraint(c: Cursor, i: number, dialect: Dialect): boolean {
  const head = c.tokens[i];
  if (head?.type !== 'word' || !TABLE_CONSTRAINT_HEADS.has(head.value)) return false;
  switch (head.value) {
    case 'KEY':
    case 'FULLTEXT':
    case 'SPATIAL':
      return dialect === 'mysql';
    case 'INDEX':
      // `INDEX (a)` declares an index in any dialect: no column's type starts with `(`.
      return dialect === 'mysql' || dialect === 'sqlserver' || dialect === 'clickhouse' || dialect === 'cockroachdb' || c.punctAt(i + 1, '(');
    case 'PROJECTION':
      return dialect === 'clickhouse';
    case 'PERIOD':
      return c.isWordAt(i + 1, 'FOR');
    default:
      return true;
  }
}

/** A column definition inside CREATE TABLE / ADD COLUMN, or null for a table constraint. */
export function columnDef(c: Cursor, from: number, to: number, dialect: Dialect): ColumnDef | null {
  const head = c.tokens[from];
  if (head === undefined || from >= to) return null;
  if (isTableConstraint(c, from, dialect)) return null;
  const name = c.identifierAt(from);
  if (name === null) return null;
  const constraints = typeEnd(c, from + 1, to);
  const type = c.textOf(from + 1, constraints);
  const column: ColumnDef = { name, type: type.length > 0 ? type : null };
  if (computed(c, constraints, to)) return { ...column, computed: true };
  return generatedKey(c, type, constraints, to, dialect) ? { ...column, generatedKey: true } : column;
}

/**
 * Whether the database numbers the column (see `ColumnDef.generatedKey`): a
 * serial type, `AUTO_INCREMENT`, an identity, a default from a sequence or a
 * UUID function, SQLite's `INTEGER PRIMARY KEY` (an alias of the row id).
 */
function generatedKey(c: Cursor, type: string, from: number, to: number, dialect: Dialect): boolean {
  if (/serial/i.test(type)) return true;
  let primaryKey = false;
  for (let i = from; i < to; i++) {
    if (c.isWordAt(i, 'AUTO_INCREMENT') || c.isWordAt(i, 'AUTOINCREMENT') || c.isWordAt(i, 'IDENTITY')) return true;
    if (c.isWordAt(i, 'DEFAULT') && KEY_FUNCTIONS.test(c.tokens[i + 1]?.value ?? '') && c.punctAt(i + 2, '(')) return true;
    primaryKey ||= c.isWordAt(i, 'PRIMARY') && c.isWordAt(i + 1, 'KEY');
  }
  return dialect === 'sqlite' && primaryKey && /^integer$/i.test(type);
}

const KEY_FUNCTIONS = /^(nextval|gen_random_uuid|uuid_generate_v[14]|uuid|newid|newsequentialid)$/i;

/**
 * Whether the column constraints from `from` to `to` make the database compute
 * the value, or stores none: `[GENERATED ALWAYS] AS (expr)`, ClickHouse
 * `MATERIALIZED expr`, `ALIAS expr`, `EPHEMERAL`. An identity (`GENERATED
 * ALWAYS AS IDENTITY`) is stored data.
 */
function computed(c: Cursor, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    // A `CHECK (…)` or `DEFAULT (…)` holds expressions of its own (`CAST(x AS (…))` among them).
    if (c.punctAt(i, '(')) i = c.closingParen(i);
    else if ((c.isWordAt(i, 'AS') && c.punctAt(i + 1, '(')) || c.isWordAt(i, 'MATERIALIZED') || c.isWordAt(i, 'ALIAS') || c.isWordAt(i, 'EPHEMERAL'))
      return true;
  }
  return false;
}

/**
 * `columnDef` for ALTER TABLE … ADD: with whether the column must get a value
 * the database does not give (see `ColumnDef`). Not with `IF NOT EXISTS`
 * (`mayExist`): a column already there is not added, and the table may hold rows.
 */
export function addedColumnDef(c: Cursor, from: number, to: number, dialect: Dialect, mayExist: boolean): ColumnDef | null {
  const column = columnDef(c, from, to, dialect);
  if (column === null || mayExist) return column;
  const constraints = typeEnd(c, from + 1, to);
  const literal = defaultLiteral(c, constraints, to);
  const withDefault = literal === null ? column : { ...column, defaultLiteral: literal };
  if (column.generatedKey) return withDefault;
  if (requiredWithoutDefault(c, constraints, to)) return { ...withDefault, requiredWithoutDefault: true };
  // ClickHouse fills a new column with its type's default, not NULL.
  return column.computed || dialect === 'clickhouse' || givesValue(c, constraints, to) ? withDefault : { ...withDefault, withoutDefault: true };
}

/** `DEFAULT <one literal>` among the column constraints from `from` to `to` (see `literalKey`); else null. */
function defaultLiteral(c: Cursor, from: number, to: number): string | null {
  for (let i = from; i < to; i++) {
    if (!c.isWordAt(i, 'DEFAULT')) continue;
    const literal = literalAt(c, i + 1, to);
    if (literal === null) return null;
    // Followed by a cast or the next constraint, not by more of an expression (`'a' || 'b'`).
    const next = literal.next;
    return next >= to || c.tokens[next]!.type === 'word' || c.punctAt(next, '::') ? literalKey(literal.token) : null;
  }
  return null;
}

/** A string or number literal at `at`, bare or in parentheses as MySQL writes defaults (`DEFAULT ('[]')`), and the index after it; else null. */
export function literalAt(c: Cursor, at: number, to = c.end): { token: Token; next: number } | null {
  const wrapped = c.punctAt(at, '(');
  const token = c.tokens[wrapped ? at + 1 : at];
  if (token === undefined || (wrapped ? at + 1 : at) >= to || !(token.type === 'string' || token.type === 'number')) return null;
  if (!wrapped) return { token, next: at + 1 };
  return c.punctAt(at + 2, ')') ? { token, next: at + 3 } : null;
}

/** A literal token as one comparable text: its kind and value (`string:[]`, `number:0`). */
export function literalKey(token: Token): string {
  return `${token.type}:${token.value}`;
}

/** Whether the column constraints from `from` to `to` require a value and give it none. */
function requiredWithoutDefault(c: Cursor, from: number, to: number): boolean {
  let required = false;
  for (let i = from; i < to; i++) {
    if ((c.isWordAt(i, 'NOT') && c.isWordAt(i + 1, 'NULL')) || (c.isWordAt(i, 'PRIMARY') && c.isWordAt(i + 1, 'KEY'))) required = true;
  }
  return required && !givesValue(c, from, to);
}

/** Whether the column constraints from `from` to `to` give the column a value: a default, an identity, an expression. */
function givesValue(c: Cursor, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (VALUE_GIVERS.some((word) => c.isWordAt(i, word))) return true;
  return false;
}

const VALUE_GIVERS = ['DEFAULT', 'GENERATED', 'IDENTITY', 'AUTO_INCREMENT', 'AUTOINCREMENT', 'AS', 'MATERIALIZED', 'ALIAS'];

/** The type after a column name at the cursor, up to USING / a constraint / the end. */
export function typeText(c: Cursor): string | null {
  const type = c.textOf(c.pos, typeEnd(c, c.pos, c.end));
  return type.length > 0 ? type : null;
}

/** Index where a column type starting at `from` ends. */
function typeEnd(c: Cursor, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const t = c.tokens[i]!;
    // `CHARACTER VARYING(20)` is a type; only `CHARACTER SET x` is a clause.
    if (t.type === 'word' && TYPE_END_WORDS.has(t.value) && (t.value !== 'CHARACTER' || c.isWordAt(i + 1, 'SET'))) break;
    if (t.type === 'punct' && t.value === '(') {
      i = c.closingParen(i) + 1;
      continue;
    }
    i++;
  }
  return Math.min(i, to);
}

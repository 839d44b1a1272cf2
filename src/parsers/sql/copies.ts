import type { ColumnDef, CopiedColumn, JoinKey, TableRef } from '../../ir/operations.js';
import { sameTable } from '../../ir/operations.js';
import type { Cursor } from './cursor.js';
import type { PendingOp } from './recognize.js';
import { literalAt, literalKey } from './column-def.js';
import { INSERT_CONFLICT, INSERT_MODIFIERS } from './keywords.js';

/**
 * Statements that copy values: `INSERT INTO a (…) SELECT … FROM b`,
 * `UPDATE t SET new = f(old)`, `CREATE TABLE a AS SELECT …`,
 * `SELECT … INTO a FROM b`. Each becomes a `copy-values` operation naming
 * what is read, what is written, and the clause that may leave rows out.
 */

type Emit = (op: PendingOp) => void;

/** `INSERT [INTO] target [(columns)] SELECT … FROM source …`. */
export function insertSelect(c: Cursor, emit: Emit): void {
  const span = c.span();
  c.pos++;
  const ignore = c.acceptOneOf(INSERT_MODIFIERS) === 'IGNORE';
  const orIgnore = c.accept('OR') && c.acceptOneOf(INSERT_CONFLICT) === 'IGNORE';
  if (!c.accept('INTO')) return;
  const target = c.readName();
  if (target === null) return;
  const targets = c.isPunct('(') ? c.splitCommas(c.pos + 1, c.closingParen(c.pos)).map(([a]) => c.identifierAt(a)) : null;
  c.skipGroup();
  const select = readSelect(c, c.pos);
  if (select === null) return;
  // Rows that conflict are skipped rather than copied; in a table of nothing but its key (an association,
  // `ON CONFLICT (a, b) DO NOTHING` over every column written), only duplicates are, and rows with a NULL in the
  // key (`WHERE a IS NOT NULL AND b IS NOT NULL`) associate nothing.
  const keyOnly = targets !== null && conflictKeyIsEvery(c, select.end, targets);
  const conflict = ignore || orIgnore ? 'IGNORE' : hasWords(c, select.end, ['ON', 'CONFLICT']) && !keyOnly ? 'ON CONFLICT' : null;
  const nullKeysOnly =
    keyOnly && select.limitedBy === 'WHERE' && (select.items ?? []).every((item) => item.sources.every((s) => select.onlyNonNull?.includes(s)));
  const columns =
    select.items && select.items.map((item, k) => ({ target: targets?.[k] ?? null, sources: item.sources, ...(item.reads && { reads: item.reads }) }));
  // `INSERT INTO public_repos (repo_id) SELECT id FROM repos WHERE is_public`: a row where the boolean holds,
  // none where it does not. The boolean is read as a column written into the table, no column of it.
  const encoding = conflict === null && select.flag !== undefined && columns !== null;
  emit({
    kind: 'copy-values',
    span,
    table: target.ref,
    source: select.source,
    columns: encoding ? [...columns, { target: null, sources: [select.flag] }] : columns,
    limitedBy: nullKeysOnly ? null : (select.limitedBy ?? conflict),
    ...(conflict === null && !nullKeysOnly && select.onlyNonNull && { onlyNonNull: select.onlyNonNull }),
    ...(conflict === null && select.eitherNonNull && { eitherNonNull: select.eitherNonNull }),
    ...(conflict === null && select.joinedBy && { joinedBy: select.joinedBy }),
    ...(encoding && { encodesBoolean: true as const }),
  });
}

/** Whether the query ending at `from` is followed by `ON CONFLICT (cols) DO NOTHING` whose columns are exactly `written`. */
function conflictKeyIsEvery(c: Cursor, from: number, written: ReadonlyArray<string | null>): boolean {
  if (!c.isWordAt(from, 'ON') || !c.isWordAt(from + 1, 'CONFLICT') || !c.punctAt(from + 2, '(')) return false;
  const close = c.closingParen(from + 2);
  if (!c.isWordAt(close + 1, 'DO') || !c.isWordAt(close + 2, 'NOTHING')) return false;
  const key = c.splitCommas(from + 3, close).map(([a, b]) => (b - a === 1 ? c.identifierAt(a)?.toLowerCase() : undefined));
  const columns = new Set(written.map((name) => name?.toLowerCase()));
  return key.length === columns.size && key.every((name) => name !== undefined && columns.has(name));
}

/** `UPDATE t [alias] SET a = f(b), … [FROM …] [WHERE …]`: values copied within the table. */
export function updateSet(c: Cursor, emit: Emit): void {
  const span = c.span();
  c.pos++;
  c.acceptOneOf(UPDATE_MODIFIERS);
  c.accept('ONLY');
  const table = c.readName();
  if (table === null) return;
  c.accept('AS');
  // The names a column of the updated table may be qualified with: `t.col`, `alias.col`.
  const own = new Set([table.ref.name.toLowerCase()]);
  if (!c.isWord('SET')) {
    const alias = c.identifierAt(c.pos);
    if (alias !== null) own.add(alias.toLowerCase());
    c.pos++;
  }
  // A joined update (MySQL's `UPDATE a JOIN b … SET`) is not read: its copies stay unknown.
  if (!c.accept('SET')) return;
  const end = wordAtDepth0(c, c.pos, UPDATE_CLAUSES);
  const clause = end < c.end ? c.tokens[end]!.value : null;
  const joined = clause === 'FROM' ? singleTable(c, end + 1) : null;
  const found = clause === 'FROM' ? lookupPairs(c, end + 1, own) : null;
  // `UPDATE t SET … FROM t AS f WHERE f.k = t.k`: each row joined to itself, its columns read under the alias too.
  const self = joined !== null && found !== null && selfJoin(joined, table.ref, found);
  if (self) for (const name of joined.names) own.add(name);
  const pairs = self ? null : found;
  const keys = pairs && pairs.map((pair) => pair.own);
  const everyRow = self || clause === null || clause === 'RETURNING' || (clause === 'WHERE' && alwaysTrue(c, end + 1));
  const columns: CopiedColumn[] = [];
  for (const [a, b] of c.splitCommas(c.pos, end)) {
    if (c.punctAt(a, '(')) {
      columns.push(...rowAssignment(c, a, b, own));
      continue;
    }
    const eq = indexOfPunct(c, a, b, '=');
    if (eq === -1 || !(eq - a === 1 || c.punctAt(eq - 2, '.'))) continue;
    const target = c.identifierAt(eq - 1);
    const reverse = target && reverseRelation(c, eq + 1, b, own, pairs, joined);
    if (target !== null && reverse)
      emit({ kind: 'copy-values', span, table: table.ref, source: reverse.source, columns: [{ target, sources: [reverse.column] }], limitedBy: null });
    // Another table's column: `SET x = other.col`.
    const other = b - eq - 1 === 3 && isQualifiedName(c, eq + 1, b) && !own.has((c.identifierAt(eq + 1) ?? '').toLowerCase()) ? c.identifierAt(eq + 3) : null;
    // `SET fk = other.id … WHERE t.old = other.key`: the old column's values, mapped to the rows they name (by a key: `id`, `new_id`, `uuid`).
    const looked = keys !== null && other !== null && KEY_NAME.test(other);
    // `SET x = other.y … WHERE t.fk = other.id`: other's values copied over, for the rows some updated row matches.
    const joinedQualifier = (c.identifierAt(eq + 1) ?? '').toLowerCase();
    if (target !== null && other !== null && !looked && keys !== null && joined?.names.has(joinedQualifier) === true)
      emit({ kind: 'copy-values', span, table: table.ref, source: joined.ref, columns: [{ target, sources: [other] }], limitedBy: 'JOIN' });
    // `SET verified = (verified_at IS NOT NULL)` keeps whether there was a value, not the value.
    const sources = looked ? keys : nullTest(c, eq + 1, b) ? [] : expressionColumns(c, eq + 1, b, own);
    // `SET flag = false` copies nothing.
    if (target !== null && sources.length > 0) columns.push({ target, sources });
    if (target !== null && everyRow && !sources.some((name) => name.toLowerCase() === target.toLowerCase()))
      emit({ kind: 'overwrite-column', span, table: table.ref, column: target, value: c.textOf(eq + 1, b) });
  }
  if (columns.length === 0) {
    if (clause === 'WHERE') booleanEncoding(c, span, table.ref, end, own, emit);
    return;
  }
  // A lookup leaves out only rows whose old value names nothing: a dangling reference.
  const limitedBy = everyRow || keys !== null ? null : clause;
  // A backfill checks that the column it writes holds nothing yet: `WHERE new IS NULL`.
  const written = new Set(columns.map((p) => p.target!.toLowerCase()));
  const checks = limitedBy === 'WHERE' ? nullChecks(c, end + 1, c.end, own, written) : null;
  const skipsOnly = limitedBy === 'WHERE' ? inequality(c, end + 1, own) : null;
  emit({
    kind: 'copy-values',
    span,
    table: table.ref,
    source: table.ref,
    columns,
    limitedBy,
    ...(checks && (checks.isNull.length > 0 || checks.nonNull.length > 0) && { onlyNonNull: checks.nonNull }),
    ...(checks && checks.isNull.length > 0 && { whileNull: checks.isNull }),
    ...(skipsOnly && { skipsOnly }),
  });
}

/** Whether tokens `[from, to)` are `[(]col IS [NOT] NULL[)]`, the column qualified or not. */
function nullTest(c: Cursor, from: number, to: number): boolean {
  let [a, b] = [from, to];
  while (c.punctAt(a, '(') && c.closingParen(a) === b - 1) [a, b] = [a + 1, b - 1];
  const name = c.punctAt(a + 1, '.') ? 3 : 1;
  const test = c.isWordAt(a + name + 1, 'NOT') ? 3 : 2;
  return isQualifiedName(c, a, a + name) && c.isWordAt(a + name, 'IS') && c.isWordAt(a + name + test - 1, 'NULL') && a + name + test === b;
}

/** Whether an `UPDATE … FROM` joins the updated table to itself on one column, and nothing else: every row with itself. */
function selfJoin(joined: NamedTable, updated: TableRef, pairs: readonly LookupPair[]): boolean {
  const [pair] = pairs;
  return (
    pairs.length === 1 &&
    sameTable(joined.ref, updated) &&
    pair!.own.toLowerCase() === pair!.other.column.toLowerCase() &&
    joined.names.has(pair!.other.qualifier.toLowerCase())
  );
}

/** `SET (a, b) = (f(x), y)` from `from` to `to`: each column from its own expression; none for a subquery's row. */
function rowAssignment(c: Cursor, from: number, to: number, own: ReadonlySet<string>): CopiedColumn[] {
  const close = c.closingParen(from);
  if (c.tokens[close + 1]?.value !== '=' || !c.punctAt(close + 2, '(') || c.isWordAt(close + 3, 'SELECT') || c.closingParen(close + 2) !== to - 1) return [];
  const targets = c.splitCommas(from + 1, close);
  const values = c.splitCommas(close + 3, to - 1);
  if (targets.length !== values.length) return [];
  return targets.flatMap(([t0, t1], k) => {
    const target = t1 - t0 === 1 ? c.identifierAt(t0) : null;
    const sources = expressionColumns(c, values[k]![0], values[k]![1], own);
    return target !== null && sources.length > 0 ? [{ target, sources }] : [];
  });
}

/** A WHERE condition from `at` that is only `col <> literal` (or `!=`), to the statement's end: the column and literal. */
export function inequality(c: Cursor, at: number, own: ReadonlySet<string>): { column: string; literal: string } | null {
  const column = columnAt(c, at, own);
  if (column === null) return null;
  const op = c.tokens[column.next]?.value;
  const value = op === '<>' || op === '!=' ? literalAt(c, column.next + 1) : null;
  return value !== null && conditionEnds(c, value.next) ? { column: column.name, literal: literalKey(value.token) } : null;
}

/** The column named at `at` (`col`, or `q.col` with `q` one of `own`, any `q` without `own`) and the index after it; else null. */
function columnAt(c: Cursor, at: number, own: ReadonlySet<string> | null): { name: string; next: number } | null {
  const qualified = c.punctAt(at + 1, '.');
  const name = c.identifierAt(qualified ? at + 2 : at);
  if (name === null || (qualified && own !== null && !own.has((c.identifierAt(at) ?? '').toLowerCase()))) return null;
  return { name, next: at + (qualified ? 3 : 1) };
}

/** Whether a condition ends at `i`, with nothing after it that leaves out more rows: at `end`, `RETURNING` or `;`. */
function conditionEnds(c: Cursor, i: number, end = c.end): boolean {
  return i >= end || c.isWordAt(i, 'RETURNING') || c.punctAt(i, ';');
}

/**
 * `UPDATE t SET status = 'approved' WHERE is_approved`: constants written on
 * the rows where a boolean column holds: a copy of that column (see
 * `CopyValuesOp.encodesBoolean`). The cursor is past SET; `where` is the WHERE.
 */
function booleanEncoding(c: Cursor, span: { start: number; end: number }, table: TableRef, where: number, own: ReadonlySet<string>, emit: Emit): void {
  const source = booleanTest(c, where + 1, own);
  if (source === null) return;
  const targets: string[] = [];
  for (const [a, b] of c.splitCommas(c.pos, where)) {
    const eq = indexOfPunct(c, a, b, '=');
    const target = eq - a === 1 ? c.identifierAt(a) : null;
    // One literal that is not NULL: `'approved'`, `2`, `TRUE`.
    const value = b - eq === 2 ? c.tokens[eq + 1]! : null;
    if (target === null || value === null || !(value.type === 'string' || value.type === 'number' || (value.type === 'word' && BOOLEANS.has(value.value))))
      return;
    targets.push(target);
  }
  if (targets.length === 0) return;
  const columns = targets.map((target) => ({ target, sources: [source] }));
  emit({ kind: 'copy-values', span, table, source: table, columns, limitedBy: 'WHERE', encodesBoolean: true });
}

/**
 * The column of a WHERE condition from `at` that only tests one boolean
 * column of the updated table, up to the statement's end or `RETURNING`:
 * `b`, `NOT b`, `b = TRUE`, `b <> FALSE`, `b IS [NOT] TRUE`; null for any
 * other condition.
 */
export function booleanTest(c: Cursor, at: number, own: ReadonlySet<string>): string | null {
  const negated = c.isWordAt(at, 'NOT');
  const column = columnAt(c, negated ? at + 1 : at, own);
  if (column === null || BOOLEANS.has(column.name.toUpperCase())) return null;
  let i = column.next;
  const isBoolean = (k: number): boolean => c.isWordAt(k, 'TRUE') || c.isWordAt(k, 'FALSE');
  if (!negated) {
    const op = c.tokens[i]?.value;
    if ((op === '=' || op === '<>' || op === '!=') && isBoolean(i + 1)) i += 2;
    else if (c.isWordAt(i, 'IS')) {
      const not = c.isWordAt(i + 1, 'NOT') ? 1 : 0;
      if (!isBoolean(i + 1 + not)) return null;
      i += 2 + not;
    }
  }
  return conditionEnds(c, i) ? column.name : null;
}

const BOOLEANS: ReadonlySet<string> = new Set(['TRUE', 'FALSE']);

/** An equality of the updated table's column with another table's: `t.user_name = users.username`. */
interface LookupPair {
  readonly own: string;
  /** The other side's qualifier (a table's name or alias) and column. */
  readonly other: { readonly qualifier: string; readonly column: string };
}

/**
 * A reverse relation: `SET x = B.r … WHERE A.id = B.q` (or `SET x = (SELECT r
 * FROM B WHERE B.q = A.id)`), where each row of `B` pointed at a row of the
 * updated table by `q` and the updated row now points back at it by `x`: the
 * links `B.q` held are kept in `x` (but for `B` rows pointing at no row).
 * Known by the convention that a table's own key is `id`.
 */
function reverseRelation(
  c: Cursor,
  from: number,
  to: number,
  own: ReadonlySet<string>,
  pairs: readonly LookupPair[] | null,
  joined: { readonly ref: TableRef; readonly names: ReadonlySet<string> } | null,
): { source: TableRef; column: string } | null {
  // `B.r`, with the relation in the UPDATE's own WHERE.
  if (pairs !== null && joined !== null && to - from === 3 && isQualifiedName(c, from, to) && pairs.length === 1) {
    const [pair] = pairs;
    const qualifier = (c.identifierAt(from) ?? '').toLowerCase();
    if (!joined.names.has(qualifier) || pair!.other.qualifier.toLowerCase() !== qualifier) return null;
    return isOwnKey(pair!.own, pair!.other.column) ? { source: joined.ref, column: pair!.other.column } : null;
  }
  // `(SELECT r FROM B [b] WHERE b.q = A.id)`.
  if (!c.punctAt(from, '(') || c.closingParen(from) !== to - 1 || !c.isWordAt(from + 1, 'SELECT')) return null;
  const fromAt = from + 2 + (c.punctAt(from + 3, '.') ? 3 : 1);
  if (!c.isWordAt(fromAt, 'FROM')) return null;
  const source = singleTable(c, fromAt + 1, to - 1);
  const where = source === null ? -1 : source.end;
  if (source === null || !c.isWordAt(where, 'WHERE') || where + 8 !== to - 1) return null;
  const sides = [where + 1, where + 5].map((at) => ({ qualifier: (c.identifierAt(at) ?? '').toLowerCase(), column: c.identifierAt(at + 2)! }));
  if (c.tokens[where + 4]!.value !== '=' || !isQualifiedName(c, where + 1, where + 4) || !isQualifiedName(c, where + 5, where + 8)) return null;
  const [mine, theirs] = own.has(sides[0]!.qualifier) ? [sides[0]!, sides[1]!] : [sides[1]!, sides[0]!];
  if (!own.has(mine.qualifier) || !source.names.has(theirs.qualifier) || own.has(theirs.qualifier)) return null;
  return isOwnKey(mine.column, theirs.column) ? { source: source.ref, column: theirs.column } : null;
}

/** The updated side is its table's own key (`id`), the other a column that pointed at it. */
function isOwnKey(ownColumn: string, otherColumn: string): boolean {
  return ownColumn.toLowerCase() === 'id' && otherColumn.toLowerCase() !== 'id';
}

/**
 * `name [[AS] alias]` from `at`, when a single table (no join, no comma) is
 * all that comes before WHERE or `to`: the table, the names it goes by, and
 * where it ends.
 */
function singleTable(c: Cursor, at: number, to = c.end): NamedTable | null {
  const table = aliasedTable(c, at, 'WHERE', to);
  return table !== null && (table.end >= to || c.isWordAt(table.end, 'WHERE')) ? table : null;
}

interface NamedTable {
  readonly ref: TableRef;
  /** The names its columns may be qualified with: its own and its alias, in lower case. */
  readonly names: ReadonlySet<string>;
  readonly end: number;
}

/** `name [[AS] alias]` at `at`, before `to`, where the word `clause` is no alias but what follows: the table, and where it ends. */
function aliasedTable(c: Cursor, at: number, clause: string, to: number): NamedTable | null {
  const saved = c.pos;
  c.pos = at;
  const name = c.readName();
  let end = c.pos;
  c.pos = saved;
  if (name === null) return null;
  const names = new Set([name.ref.name.toLowerCase()]);
  if (c.isWordAt(end, 'AS')) end++;
  if (end < to && !c.isWordAt(end, clause) && c.identifierAt(end) !== null) names.add(c.identifierAt(end++)!.toLowerCase());
  return { ref: name.ref, names, end };
}

/**
 * The equalities an `UPDATE … FROM …` looks the updated table's rows up by,
 * when its `WHERE` is nothing but equalities of qualified columns
 * (`t.user_name = users.username AND …`), each relating the updated table to
 * another or two others; null otherwise.
 */
function lookupPairs(c: Cursor, from: number, own: ReadonlySet<string>): LookupPair[] | null {
  const where = wordAtDepth0(c, from, WHERE);
  if (where >= c.end) return null;
  const end = wordAtDepth0(c, where + 1, AFTER_WHERE);
  const pairs: LookupPair[] = [];
  let start = where + 1;
  for (let i = start; i <= end; i++) {
    if (i < end && !c.isWordAt(i, 'AND')) continue;
    // `q.a = r.b`: seven tokens.
    if (i - start !== 7 || c.tokens[start + 3]!.value !== '=' || !isQualifiedName(c, start, start + 3) || !isQualifiedName(c, start + 4, i)) {
      const pair = prefixedPair(c, start, i, own);
      if (pair === null) return null;
      pairs.push(pair);
      start = i + 1;
      continue;
    }
    const left = own.has((c.identifierAt(start) ?? '').toLowerCase());
    const right = own.has((c.identifierAt(start + 4) ?? '').toLowerCase());
    if (left && right) return null;
    const other = left ? start + 4 : start;
    if (left || right)
      pairs.push({ own: c.identifierAt(left ? start + 2 : start + 6)!, other: { qualifier: c.identifierAt(other)!, column: c.identifierAt(other + 2)! } });
    start = i + 1;
  }
  return pairs.length > 0 ? pairs : null;
}

/**
 * `t.ref = 'posts/' || p.uid` from `from` to `to`: the updated table's column
 * equal to another table's column with constant text around it (what the
 * reference held: the other row's key, written with a prefix), as a lookup
 * pair; null for anything else.
 */
function prefixedPair(c: Cursor, from: number, to: number, own: ReadonlySet<string>): LookupPair | null {
  if (c.tokens[from + 3]?.value !== '=' || !isQualifiedName(c, from, from + 3) || !own.has((c.identifierAt(from) ?? '').toLowerCase())) return null;
  let other: LookupPair['other'] | null = null;
  for (let part = from + 4; part < to;) {
    const end = part + (c.tokens[part]?.type === 'string' ? 1 : 3);
    if (end > to) return null;
    if (end === part + 3) {
      const qualifier = c.identifierAt(part);
      if (other !== null || !isQualifiedName(c, part, end) || own.has((qualifier ?? '').toLowerCase())) return null;
      other = { qualifier: qualifier!, column: c.identifierAt(part + 2)! };
    }
    if (end < to && !(c.tokens[end]?.type === 'op' && c.tokens[end]?.value === '||')) return null;
    part = end + 1;
  }
  return other === null ? null : { own: c.identifierAt(from + 2)!, other };
}

/**
 * `CREATE TABLE name [(columns)] AS SELECT …` (the cursor after the name): the
 * table is created holding the selected rows. `AS other` (ClickHouse: the
 * structure only) and `WITH NO DATA` copy no values.
 */
export function createTableAs(c: Cursor, name: TableRef, emit: Emit): void {
  const span = c.span();
  const listed = c.isPunct('(') ? c.splitCommas(c.pos + 1, c.closingParen(c.pos)).map(([a]) => c.identifierAt(a)) : null;
  c.skipGroup();
  c.accept('AS');
  c.acceptPunct('(');
  const select = readSelect(c, c.pos);
  const names = listed ?? select?.items?.map((item) => item.name) ?? [];
  emit({ kind: 'create-table', span, table: name, columns: columnDefs(names) });
  if (select === null || hasWords(c, select.end, ['WITH', 'NO', 'DATA'])) return;
  emit({
    kind: 'copy-values',
    span,
    table: name,
    source: select.source,
    columns:
      select.items && select.items.map((item, k) => ({ target: listed?.[k] ?? item.name, sources: item.sources, ...(item.reads && { reads: item.reads }) })),
    limitedBy: select.limitedBy,
    ...(select.onlyNonNull && { onlyNonNull: select.onlyNonNull }),
    ...(select.eitherNonNull && { eitherNonNull: select.eitherNonNull }),
    ...(select.joinedBy && { joinedBy: select.joinedBy }),
  });
}

/** `SELECT … INTO [TEMP] new FROM source …` (T-SQL, PostgreSQL): a new table holding the rows. */
export function selectInto(c: Cursor, emit: Emit): void {
  const span = c.span();
  c.pos++;
  const distinct = selectModifier(c);
  const into = wordAtDepth0(c, c.pos, INTO);
  // MySQL's `INTO @var` and `INTO OUTFILE` write no table.
  if (into === c.end || c.tokens[into + 1]?.type === 'param') return;
  const items = selectItems(c, c.pos, into);
  c.pos = into + 1;
  c.acceptOneOf(TEMP_WORDS);
  c.accept('TABLE');
  const name = c.readName();
  if (name === null || OUTFILE.has(name.ref.name.toUpperCase())) return;
  const from = readFrom(c, distinct);
  if (from === null) return;
  emit({ kind: 'create-table', span, table: name.ref, columns: columnDefs(items?.map((item) => item.name) ?? []) });
  emit({
    kind: 'copy-values',
    span,
    table: name.ref,
    source: from.source,
    columns: items && items.map((item) => ({ target: item.name, sources: item.sources })),
    limitedBy: from.limitedBy,
    ...(from.onlyNonNull && { onlyNonNull: from.onlyNonNull }),
    ...(from.eitherNonNull && { eitherNonNull: from.eitherNonNull }),
    ...(from.joinedBy && { joinedBy: from.joinedBy }),
  });
}

export interface SelectItem {
  /** The column it makes: its alias, or the column it is; null for an unnamed expression. */
  readonly name: string | null;
  readonly sources: readonly string[];
  /** See CopiedColumn. */
  readonly reads?: string;
}

export interface Select {
  /** Null for `SELECT *`. */
  readonly items: readonly SelectItem[] | null;
  readonly source: TableRef;
  readonly limitedBy: string | null;
  /** See CopyValuesOp. */
  readonly onlyNonNull?: readonly string[];
  /** See CopyValuesOp. */
  readonly eitherNonNull?: readonly string[];
  /** The boolean column the WHERE tests, when it tests nothing else (see `booleanTest`). */
  readonly flag?: string;
  /** See CopyValuesOp. */
  readonly joinedBy?: JoinKey;
  /** Index where the query ends. */
  readonly end: number;
  /** The names a column of the source may be qualified with: its name and alias, in lower case. */
  readonly own: ReadonlySet<string>;
}

/** `SELECT [DISTINCT] items FROM source [alias] …` from `at`; null when it reads no single named table. */
export function readSelect(c: Cursor, at: number): Select | null {
  c.pos = at;
  if (!c.accept('SELECT')) return null;
  const distinct = selectModifier(c);
  const fromAt = wordAtDepth0(c, c.pos, FROM);
  if (fromAt === c.end) return null;
  const itemsAt = c.pos;
  const unqualified = selectItems(c, itemsAt, fromAt);
  c.pos = fromAt;
  // DISTINCT over rows that include the table's own key (`id`) merges none of them.
  const keyed = distinct === 'DISTINCT' && unqualified?.some((item) => item.sources.length === 1 && item.sources[0]!.toLowerCase() === 'id') === true;
  const from = readFrom(c, keyed ? null : distinct);
  return from && { items: selectItems(c, itemsAt, fromAt, from.own), ...from };
}

/** After SELECT: `DISTINCT` or `TOP n` keep only some rows. */
function selectModifier(c: Cursor): string | null {
  if (c.accept('DISTINCT')) return 'DISTINCT';
  if (c.accept('TOP')) return 'TOP';
  c.accept('ALL');
  return null;
}

/** `FROM source [alias] [joins, WHERE, …]` at the cursor: the table read and what limits the rows. */
function readFrom(c: Cursor, limitedBy: string | null): Omit<Select, 'items'> | null {
  if (!c.accept('FROM')) return null;
  c.accept('ONLY');
  const source = c.readName();
  if (source === null) return null;
  // The names a column of the source may be qualified with: `t.col`, `alias.col`.
  const own = new Set([source.ref.name.toLowerCase()]);
  const alias = c.identifierAt(c.isWord('AS') ? c.pos + 1 : c.pos);
  if (alias !== null && !NOT_ALIASES.has(alias.toUpperCase())) own.add(alias.toLowerCase());
  const end = queryEnd(c, c.pos);
  let depth = 0;
  let onlyNonNull: string[] | null = null;
  let eitherNonNull: string[] | null = null;
  let flag: string | null = null;
  let joinedBy: JoinKey | null = null;
  for (let i = c.pos; i < end && limitedBy === null; i++) {
    const t = c.tokens[i]!;
    if (t.type === 'punct' && (t.value === '(' || t.value === ')')) depth += t.value === '(' ? 1 : -1;
    else if (depth > 0) continue;
    // A comma joins another table; LEFT JOIN keeps every row of the first.
    else if (t.type === 'punct' && t.value === ',') limitedBy = 'JOIN';
    else if (t.type === 'word' && t.value === 'WHERE' && alwaysTrue(c, i + 1)) continue;
    else if (t.type === 'word' && t.value === 'HAVING' && onlyWhenEmpty(c, i + 1)) continue;
    else if (t.type === 'word' && LIMITING.has(t.value) && !(t.value === 'JOIN' && (c.isWordAt(i - 1, 'LEFT') || c.isWordAt(i - 2, 'LEFT')))) {
      // One INNER JOIN on a key may keep every row (see CopyValuesOp.joinedBy): read on, for what else limits them.
      const join: { key: JoinKey; end: number } | null = joinedBy === null && (t.value === 'INNER' || t.value === 'JOIN') ? joinOnKey(c, i, end, own) : null;
      if (join !== null) {
        joinedBy = join.key;
        i = join.end - 1;
        continue;
      }
      limitedBy = t.value === 'INNER' || t.value === 'CROSS' ? 'JOIN' : t.value;
      if (t.value === 'WHERE') {
        onlyNonNull = nonNullChecks(c, i + 1, end, null);
        eitherNonNull = onlyNonNull === null ? anyNonNullChecks(c, i + 1, end) : null;
        flag = booleanTest(c, i + 1, own);
      }
    }
  }
  const keyed = limitedBy === null ? joinedBy : null;
  return {
    source: source.ref,
    limitedBy: keyed === null ? limitedBy : 'JOIN',
    end,
    own,
    ...(onlyNonNull && { onlyNonNull }),
    ...(eitherNonNull && { eitherNonNull }),
    ...(flag !== null && { flag }),
    ...(keyed !== null && { joinedBy: keyed }),
  };
}

/**
 * `[INNER] JOIN t [[AS] alias] ON t.a = <expression> [AND t.b = <expression>
 * …]` at `at` (each either way round), the expressions reading columns of the
 * source (qualified by one of `own`, or not at all) or nothing, one at least a
 * column: that key, and where its condition ends; null for any other join.
 */
function joinOnKey(c: Cursor, at: number, end: number, own: ReadonlySet<string>): { key: JoinKey; end: number } | null {
  const from = c.isWordAt(at, 'INNER') ? at + 1 : at;
  if (!c.isWordAt(from, 'JOIN')) return null;
  const joined = aliasedTable(c, from + 1, 'ON', end);
  if (joined === null || !c.isWordAt(joined.end, 'ON')) return null;
  const { names, end: on } = joined;
  const conditionEnd = Math.min(end, wordAtDepth0(c, on + 1, JOIN_CONDITION_END));
  const equals: Array<{ column: string; on: string }> = [];
  let keyed = false;
  for (let start = on + 1; start < conditionEnd;) {
    const and = Math.min(conditionEnd, wordAtDepth0(c, start, AND));
    const equality = keyEquality(c, start, and, names, own);
    if (equality === null) return null;
    equals.push(equality.pair);
    keyed ||= equality.readsSource;
    start = and + 1;
  }
  return keyed ? { key: { table: joined.ref, equals }, end: conditionEnd } : null;
}

/** `t.column = <expression>` from `from` to `to` (either way round), `t` one of `names` and the expression as keyExpression reads it; null for anything else. */
function keyEquality(
  c: Cursor,
  from: number,
  to: number,
  names: ReadonlySet<string>,
  own: ReadonlySet<string>,
): { pair: { column: string; on: string }; readsSource: boolean } | null {
  const eq = indexOfPunct(c, from, to, '=');
  if (eq === -1) return null;
  for (const [keyAt, keyEnd, exprAt, exprEnd] of [
    [from, eq, eq + 1, to],
    [eq + 1, to, from, eq],
  ] as const) {
    if (keyEnd - keyAt !== 3 || !isQualifiedName(c, keyAt, keyEnd) || !names.has(c.identifierAt(keyAt)!.toLowerCase())) continue;
    const expression = keyExpression(c, exprAt, exprEnd, own);
    if (expression !== null)
      return { pair: { column: c.identifierAt(keyAt + 2)!, on: expression }, readsSource: expressionColumns(c, exprAt, exprEnd, own).length > 0 };
  }
  return null;
}

/**
 * The expression from `from` to `to` as CopiedColumn.reads writes it; null
 * when it names a column qualified by another name than `own`'s, or holds a
 * condition (`=`, `AND`, `OR`).
 */
function keyExpression(c: Cursor, from: number, to: number, own: ReadonlySet<string>): string | null {
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    const t = c.tokens[i]!;
    if ((t.type === 'punct' && t.value === '=') || (t.type === 'word' && (t.value === 'AND' || t.value === 'OR'))) return null;
    const name = c.identifierAt(i);
    if (name !== null && c.punctAt(i + 1, '.')) {
      if (!own.has(name.toLowerCase())) return null;
      i++;
      continue;
    }
    parts.push(name?.toLowerCase() ?? c.textOf(i, i + 1));
  }
  return parts.length === 0 ? null : parts.join(' ');
}

/** The items of a SELECT list; with `own`, each with what it reads (CopiedColumn.reads). */
function selectItems(c: Cursor, from: number, to: number, own?: ReadonlySet<string>): SelectItem[] | null {
  const items: SelectItem[] = [];
  for (const [a, b] of c.splitCommas(from, to)) {
    if (c.tokens[b - 1]!.value === '*' && (b - a === 1 || c.punctAt(b - 2, '.'))) return null;
    const aliased = b - a >= 2 && c.isWordAt(b - 2, 'AS');
    const exprEnd = aliased ? b - 2 : b;
    const sources = expressionColumns(c, a, exprEnd);
    const name = aliased ? c.identifierAt(b - 1) : isQualifiedName(c, a, exprEnd) ? c.identifierAt(exprEnd - 1) : null;
    const reads = own === undefined ? null : keyExpression(c, a, exprEnd, own);
    items.push({ name, sources, ...(reads !== null && { reads }) });
  }
  return items;
}

/**
 * The columns an expression reads: names that are not functions, types
 * (after `::` or CAST's AS), qualifiers or SQL words. With `own`, a qualified
 * name counts only when its qualifier is one of them: in `UPDATE item SET x =
 * (SELECT new_id FROM "user" WHERE "user".id = item.owner_id)`, `id` is the
 * user's, not the item's.
 */
function expressionColumns(c: Cursor, from: number, to: number, own: ReadonlySet<string> | null = null): string[] {
  const columns: string[] = [];
  /** Where the subquery the scan is in ends: its unqualified names are its own tables' columns. */
  let subqueryEnd = -1;
  for (let i = from; i < to; i++) {
    const t = c.tokens[i]!;
    if (i > subqueryEnd && c.punctAt(i, '(') && c.isWordAt(i + 1, 'SELECT')) subqueryEnd = c.closingParen(i);
    if (t.type !== 'ident' && t.type !== 'word') continue;
    if (c.punctAt(i + 1, '.') || c.punctAt(i + 1, '(') || c.isWordAt(i - 1, 'AS') || c.tokens[i - 1]?.value === '::') continue;
    const qualifiedOwn = own !== null && c.punctAt(i - 1, '.') && own.has((c.identifierAt(i - 2) ?? '').toLowerCase());
    // In a subquery only a column qualified by the outer table's name is the outer table's.
    if (i < subqueryEnd && !qualifiedOwn) continue;
    if (own !== null && c.punctAt(i - 1, '.') && !qualifiedOwn) continue;
    // A subquery's `FROM t` / `JOIN t` names a table; `EXTRACT(EPOCH FROM col)` and the like name a column.
    const argument = inArgumentsOf(c, i, FROM_ARGUMENT_FUNCTIONS);
    if ((c.isWordAt(i - 1, 'FROM') && !argument) || c.isWordAt(i - 1, 'JOIN')) continue;
    // `EPOCH` in `EXTRACT(EPOCH FROM ts)`, `BOTH` in `TRIM(BOTH ' ' FROM s)`.
    if (argument && ((c.isWordAt(i + 1, 'FROM') && inArgumentsOf(c, i, EXTRACT)) || TRIM_SIDES.has(t.value))) continue;
    // `INTERVAL '1 day'` is a literal; `interval` alone, a column.
    if (t.type === 'word' && EXPRESSION_WORDS.has(t.value) && !(t.value === 'INTERVAL' && c.tokens[i + 1]?.type !== 'string')) continue;
    const name = c.identifierAt(i)!;
    if (!columns.includes(name)) columns.push(name);
  }
  return columns;
}

/**
 * The columns of a WHERE condition from `at` to `end` that is nothing but
 * `col IS NOT NULL` (or `col <> ''`) checks joined by AND, up to the statement's end or
 * `RETURNING`; null for any other condition. With `own`, a qualified column counts only
 * under one of those names.
 */
function nonNullChecks(c: Cursor, at: number, end: number, own: ReadonlySet<string> | null): string[] | null {
  const checks = nullChecks(c, at, end, own, new Set());
  return checks && checks.nonNull;
}

/**
 * The columns of a WHERE condition from `at` to `end` that is nothing but two
 * or more `col IS NOT NULL` checks joined by OR (`WHERE a IS NOT NULL OR b IS
 * NOT NULL`), up to the statement's end or `RETURNING`; null for any other.
 */
function anyNonNullChecks(c: Cursor, at: number, end: number): string[] | null {
  const columns: string[] = [];
  let i = at;
  for (;;) {
    const column = columnAt(c, i, null);
    if (column === null || !(c.isWordAt(column.next, 'IS') && c.isWordAt(column.next + 1, 'NOT') && c.isWordAt(column.next + 2, 'NULL'))) return null;
    columns.push(column.name);
    i = column.next + 3;
    if (!c.isWordAt(i, 'OR')) break;
    i++;
  }
  return columns.length > 1 && conditionEnds(c, i, end) ? columns : null;
}

/**
 * A WHERE condition from `at` that is only `col IS NOT NULL` (or `col <> ''`)
 * checks, and `IS NULL` checks of the columns in `written`, joined by AND: the
 * columns of each kind; null for any other condition.
 */
function nullChecks(
  c: Cursor,
  at: number,
  end: number,
  own: ReadonlySet<string> | null,
  written: ReadonlySet<string>,
): { nonNull: string[]; isNull: string[] } | null {
  const nonNull: string[] = [];
  const isNull: string[] = [];
  let i = at;
  for (;;) {
    const column = columnAt(c, i, own);
    if (column === null) return null;
    const { name } = column;
    i = column.next;
    let into = nonNull;
    if (c.isWordAt(i, 'IS') && c.isWordAt(i + 1, 'NOT') && c.isWordAt(i + 2, 'NULL')) i += 3;
    // `col <> ''`: an empty string says nothing either.
    else if ((c.tokens[i]?.value === '<>' || c.tokens[i]?.value === '!=') && c.tokens[i + 1]?.type === 'string' && c.tokens[i + 1]!.value === '') i += 2;
    else if (c.isWordAt(i, 'IS') && c.isWordAt(i + 1, 'NULL') && written.has(name.toLowerCase())) {
      i += 2;
      into = isNull;
    } else return null;
    if (!into.includes(name)) into.push(name);
    if (!c.isWordAt(i, 'AND')) break;
    i++;
  }
  // Nothing that leaves out more rows may follow (`LIMIT`, `ORDER BY … LIMIT`).
  return conditionEnds(c, i, end) ? { nonNull, isNull } : null;
}

/** A WHERE condition that holds for every row, written to satisfy a tool: `WHERE true`, `WHERE 1 = 1`. */
function alwaysTrue(c: Cursor, at: number): boolean {
  const [a, eq, b] = [c.tokens[at], c.tokens[at + 1], c.tokens[at + 2]];
  const length = c.isWordAt(at, 'TRUE') ? 1 : a?.type === 'number' && eq?.value === '=' && b?.type === 'number' && a.value === b.value ? 3 : 0;
  // Nothing may follow but the clauses after a condition.
  return length > 0 && (at + length >= c.end || AFTER_CONDITION.has(c.tokens[at + length]!.value));
}

/**
 * `HAVING count(*) > 0` (or `count(1)`, `>= 1`) at `at`, after an aggregate
 * over the whole table (no GROUP BY came before it): it leaves the one row
 * out only when the table holds none, so it leaves out no row of the table.
 */
function onlyWhenEmpty(c: Cursor, at: number): boolean {
  const value = (k: number): string | undefined => c.tokens[at + k]?.value;
  const counted = c.isWordAt(at, 'COUNT') && value(1) === '(' && (value(2) === '*' || value(2) === '1') && value(3) === ')';
  const length = counted && ((value(4) === '>' && value(5) === '0') || (value(4) === '>=' && value(5) === '1')) ? 6 : 0;
  return length > 0 && (at + length >= c.end || AFTER_CONDITION.has(c.tokens[at + length]!.value));
}

/** Whether token `i` is inside the parentheses of a call of one of `functions`. */
function inArgumentsOf(c: Cursor, i: number, functions: ReadonlySet<string>): boolean {
  let depth = 0;
  for (let k = i - 1; k >= 0; k--) {
    const t = c.tokens[k]!;
    if (t.type !== 'punct') continue;
    if (t.value === ')') depth++;
    else if (t.value === '(' && depth-- === 0) return c.tokens[k - 1]?.type === 'word' && functions.has(c.tokens[k - 1]!.value);
  }
  return false;
}

/** Tokens `[from, to)` are `name` or `qualifier.name`. */
function isQualifiedName(c: Cursor, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((i - from) % 2 === 0 ? c.identifierAt(i) === null : !c.punctAt(i, '.')) return false;
  return (to - from) % 2 === 1;
}

function columnDefs(names: ReadonlyArray<string | null>): ColumnDef[] {
  return names.flatMap((name) => (name === null ? [] : [{ name, type: null }]));
}

/** Index of the first of `words` at parenthesis depth 0 from `from`, or the statement's end. */
function wordAtDepth0(c: Cursor, from: number, words: ReadonlySet<string>): number {
  let depth = 0;
  for (let i = from; i < c.end; i++) {
    const t = c.tokens[i]!;
    if (t.type === 'punct') {
      if (t.value === '(') depth++;
      else if (t.value === ')') depth--;
    } else if (depth === 0 && t.type === 'word' && words.has(t.value)) return i;
  }
  return c.end;
}

function indexOfPunct(c: Cursor, from: number, to: number, value: string): number {
  for (let i = from; i < to; i++) if (c.tokens[i]!.value === value && c.tokens[i]!.type !== 'string') return i;
  return -1;
}

function hasWords(c: Cursor, from: number, words: readonly string[]): boolean {
  for (let i = from; i < c.end; i++) if (words.every((w, k) => c.isWordAt(i + k, w))) return true;
  return false;
}

const FROM = new Set(['FROM']);
/** Names a row's own key goes by: what a lookup maps a reference to. */
const KEY_NAME = /^(new_?)?(id|uuid|guid)$/i;
/** Functions whose arguments use the word FROM: `EXTRACT(EPOCH FROM ts)`, `SUBSTRING(s FROM 2)`, `TRIM(BOTH ' ' FROM s)`. */
const FROM_ARGUMENT_FUNCTIONS = new Set(['EXTRACT', 'SUBSTRING', 'TRIM', 'OVERLAY']);
const TRIM_SIDES = new Set(['BOTH', 'LEADING', 'TRAILING']);
const EXTRACT = new Set(['EXTRACT']);
const WHERE = new Set(['WHERE']);
const AFTER_WHERE = new Set(['RETURNING', 'ORDER', 'LIMIT']);
const INTO = new Set(['INTO']);
const TEMP_WORDS = new Set(['TEMP', 'TEMPORARY', 'UNLOGGED']);
const OUTFILE = new Set(['OUTFILE', 'DUMPFILE']);
const UPDATE_MODIFIERS = new Set(['LOW_PRIORITY', 'IGNORE']);
/** What ends an UPDATE's SET list; each but RETURNING may leave rows unchanged. */
const UPDATE_CLAUSES = new Set(['FROM', 'WHERE', 'RETURNING', 'ORDER', 'LIMIT']);
const AFTER_CONDITION = new Set(['RETURNING', 'ON', 'ORDER', 'GROUP', 'LIMIT', ';']);
/** What ends the query of a copy: `RETURNING`, `WITH`, or `ON` of `ON CONFLICT` / `ON DUPLICATE KEY` (not a join's `ON`). */
function queryEnd(c: Cursor, from: number): number {
  for (let i = from; ; i = i + 1) {
    const at = wordAtDepth0(c, i, QUERY_END);
    if (at >= c.end || !c.isWordAt(at, 'ON') || c.isWordAt(at + 1, 'CONFLICT') || c.isWordAt(at + 1, 'DUPLICATE')) return at;
    i = at;
  }
}

const QUERY_END = new Set(['ON', 'RETURNING', 'WITH']);
/** Words after a FROM table that start a clause rather than name it. */
const NOT_ALIASES = new Set([
  'WHERE',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'FULL',
  'CROSS',
  'NATURAL',
  'ON',
  'GROUP',
  'ORDER',
  'LIMIT',
  'HAVING',
  'WINDOW',
  'UNION',
  'EXCEPT',
  'INTERSECT',
  'OFFSET',
  'FETCH',
  'RETURNING',
  'TABLESAMPLE',
]);
/** Words that end a join's `ON` condition: any that starts another clause. */
const JOIN_CONDITION_END = new Set([...NOT_ALIASES].filter((word) => word !== 'ON'));
const AND = new Set(['AND']);
/** Clauses after FROM that leave rows of the source out (a comma is a join too). */
const LIMITING = new Set(['WHERE', 'JOIN', 'INNER', 'CROSS', 'LIMIT', 'HAVING', 'GROUP', 'OFFSET', 'FETCH', 'UNION', 'EXCEPT', 'INTERSECT', 'TABLESAMPLE']);
/** Words of an expression that are never a column (`first`, `date` and the like often are). */
const EXPRESSION_WORDS = new Set([
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'NULL',
  'TRUE',
  'FALSE',
  'AND',
  'OR',
  'NOT',
  'IS',
  'IN',
  'LIKE',
  'ILIKE',
  'BETWEEN',
  'EXISTS',
  'SELECT',
  'FROM',
  'WHERE',
  'AS',
  'DISTINCT',
  'INTERVAL',
  'ARRAY',
  'ROW',
  'DEFAULT',
  'CURRENT_TIMESTAMP',
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_USER',
  'LOCALTIMESTAMP',
  'ASC',
  'DESC',
  'NULLS',
  'ANY',
  'ALL',
  'SOME',
  'COLLATE',
  'AT',
  'ZONE',
  'ESCAPE',
  'SIMILAR',
  'TO',
  'OVER',
  'PARTITION',
  'BY',
  'ORDER',
  'FILTER',
  'WITHIN',
  'GROUP',
  'LIMIT',
  'ON',
  'JOIN',
  'LEFT',
  'INNER',
  'USING',
  'UNKNOWN',
  'OF',
]);

import type { Dialect } from '../../ir/unit.js';
import { boundSelect } from '../sql/bound-statements.js';
import type { PyValue, RowRead, StatementValue } from './values.js';

/**
 * Values that come from the rows a migration reads: which columns of the
 * table read a row's item holds, and what an expression computed from such
 * items reads. A migration that loops over rows and writes what it computed
 * from them copies those columns; anything else stays unknown.
 */

/** A row's item by name (`row.value`, `row["value"]`); null when the read has no such item. */
export function rowColumn(read: RowRead, name: string): PyValue | null {
  if (read.items === null) return derived(read, [name]);
  const item = read.items.find((i) => i.name?.toLowerCase() === name.toLowerCase());
  return item ? derived(read, item.sources) : null;
}

/** A row's item by position (`row[1]`); null when the items are not known. */
export function rowItem(read: RowRead, index: number): PyValue | null {
  const item = read.items?.at(index);
  return item ? derived(read, item.sources) : null;
}

/** A row unpacked into `count` names (`for id, value in rows`); null unless the read has exactly that many items. */
export function rowItems(read: RowRead, count: number): Array<PyValue | null> | null {
  if (read.items === null || read.items.length !== count) return null;
  return read.items.map((item) => derived(read, item.sources));
}

/**
 * What a value computed from `parts` (a call's arguments and receiver, the
 * two sides of `+`, an f-string's holes) reads of a row: every column the
 * parts read, when they read one row; null when none does, or they read rows
 * of two different reads. `fragments`: the literal text it is known to contain.
 */
export function derivedFrom(parts: readonly PyValue[], fragments = ''): PyValue | null {
  const read = parts.flatMap(derivedParts);
  const [first] = read;
  if (first === undefined || read.some((p) => p.read !== first.read)) return null;
  return derived(
    first.read,
    read.flatMap((p) => p.columns),
    fragments,
  );
}

/** What a loop over `value` reads: rows of a `SELECT` (read in `dialect`), of a Core select or of an ORM query; null for anything else. */
export function rowRead(value: PyValue, dialect: Dialect): RowRead | null {
  if (value.kind === 'statement') return statementRead(value);
  if (value.kind !== 'rows') return null;
  if (typeof value.query !== 'string') return value.query;
  const select = boundSelect(value.query, dialect);
  return select && { source: select.source, items: select.items, limitedBy: select.limitedBy };
}

/** What a Core select or an ORM query reads; null for another statement, or one of no known table. */
export function statementRead(statement: StatementValue): RowRead | null {
  if ((statement.verb !== 'select' && statement.verb !== 'query') || statement.table === null) return null;
  const source = { schema: statement.table.schema, name: statement.table.name };
  return { source, items: statement.selected && statement.selected.map((name) => ({ name, sources: [name] })), limitedBy: statement.limitedBy };
}

/** The derived values in a value: itself, or those a list or dict holds (`json.dumps({"a": row.a})`). */
function derivedParts(value: PyValue): Array<PyValue & { kind: 'derived' }> {
  if (value.kind === 'derived') return [value];
  if (value.kind === 'list') return value.items.flatMap(derivedParts);
  return value.kind === 'dict' ? [...value.entries.values()].flatMap(derivedParts) : [];
}

function derived(read: RowRead, sources: readonly string[], fragments = ''): PyValue | null {
  const columns = [...new Set(sources)];
  return columns.length === 0 ? null : { kind: 'derived', read, columns, fragments };
}

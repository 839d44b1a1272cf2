import type { CopiedColumn, CopyValuesOp, Phase, Span, TableRef } from '../../ir/operations.js';
import { sameTable } from '../../ir/operations.js';
import { derivedFrom } from '../python/row-values.js';
import { type PyValue, type RowRead, type StatementValue, UNKNOWN } from '../python/values.js';
import type { BoundWrite } from '../sql/bound-statements.js';

/**
 * Copies a migration makes in Python: a Core `t.update().values(new=t.c.old)`,
 * and a loop over rows it read that writes each one's values elsewhere
 * (`for id, old in rows: conn.execute(text("UPDATE t SET new = :v WHERE id =
 * :id"), {"v": f(old), "id": id})`). Each becomes a `copy-values` operation,
 * limited when the read, the loop or the write may leave rows out.
 */

/** A loop over rows read, as seen from where the walk is inside it. */
export interface RowLoop {
  readonly read: RowRead;
  /** What may skip a row between the loop and here (`if`, `continue`, an inner loop, `try`); null when every row gets here. */
  readonly guard: string | null;
  /** Columns of the row that an `if row.col is not None:` around here requires a value in: the rows it skips hold none. */
  readonly nonNull?: readonly string[];
}

/** An UPDATE or INSERT whose values are known as Python values. */
export interface RowWrite {
  readonly verb: 'update' | 'insert';
  readonly table: TableRef;
  /** Each column written, with the values its new value is computed from. */
  readonly columns: ReadonlyArray<{ readonly column: string; readonly values: readonly PyValue[] }>;
  /** UPDATE: its WHERE as `column = value` equalities (none without WHERE); null when it has other conditions. */
  readonly keys: ReadonlyArray<{ readonly column: string; readonly value: PyValue }> | null;
  /** INSERT: the clause that skips conflicting rows. */
  readonly conflict: string | null;
}

/** SQL with bound parameters, given the parameters passed with it (`{"v": …}`); null when they are not a dict. */
export function boundRowWrite(write: BoundWrite, params: PyValue): RowWrite | null {
  if (params.kind !== 'dict') return null;
  const param = (name: string): PyValue => params.entries.get(name) ?? UNKNOWN;
  return {
    verb: write.verb,
    table: write.table,
    columns: write.columns.map(({ column, params: names }) => ({ column, values: names.map(param) })),
    keys: write.keys && write.keys.map(({ column, param: name }) => ({ column, value: param(name) })),
    conflict: write.conflict,
  };
}

/** A Core `t.update()…` or `t.insert()…` with its `.values(…)`; null for any other statement. */
export function coreRowWrite(statement: StatementValue): RowWrite | null {
  if ((statement.verb !== 'update' && statement.verb !== 'insert') || statement.table === null) return null;
  return {
    verb: statement.verb,
    table: { schema: statement.table.schema, name: statement.table.name },
    columns: [...statement.assigned].map(([column, value]) => ({ column, values: [value] })),
    keys: statement.keys,
    conflict: null,
  };
}

/** The copies a write makes: from its own table's columns, and from the rows of each loop it runs in. */
export function rowCopies(write: RowWrite, loops: readonly RowLoop[], base: { readonly span: Span; readonly phase: Phase }): CopyValuesOp[] {
  const copies: CopyValuesOp[] = [];
  const own = write.verb === 'update' ? ownColumns(write) : [];
  // `t.update().values(new=t.c.old)`: like `UPDATE t SET new = old`, every row unless a WHERE picks some.
  if (own.length > 0)
    copies.push({ kind: 'copy-values', ...base, table: write.table, source: write.table, columns: own, limitedBy: write.keys?.length === 0 ? null : 'WHERE' });
  for (const loop of loops) {
    const columns = write.columns.flatMap(({ column, values }): CopiedColumn[] => {
      const value = derivedFrom(values);
      return value?.kind === 'derived' && value.read === loop.read ? [{ target: column, sources: value.columns }] : [];
    });
    const limit = columns.length > 0 ? writeLimit(write, loop.read) : undefined;
    if (limit === undefined) continue;
    const skipsOnlyNulls = loop.read.limitedBy === null && loop.guard === null && limit === null && loop.nonNull !== undefined;
    copies.push({
      kind: 'copy-values',
      ...base,
      table: write.table,
      source: loop.read.source,
      columns,
      limitedBy: loop.read.limitedBy ?? loop.guard ?? limit ?? (skipsOnlyNulls ? 'if' : null),
      ...(skipsOnlyNulls && { onlyNonNull: loop.nonNull }),
    });
  }
  return copies;
}

/** Columns an UPDATE sets to another of its own table's columns, as it is (`new=t.c.old`). */
function ownColumns(write: RowWrite): CopiedColumn[] {
  return write.columns.flatMap(({ column, values }) => {
    const sources = values.flatMap((v) => (v.kind === 'column' && sameTable({ schema: v.table.schema, name: v.table.name }, write.table) ? [v.name] : []));
    return sources.length > 0 ? [{ target: column, sources }] : [];
  });
}

/**
 * What may leave rows of `read` out of a write run once per row: for an
 * INSERT, a clause that skips conflicts; for an UPDATE, a WHERE other than
 * the row's own key (`WHERE id = :id`, `id` read from the row), or one on
 * another table (no row there may match). Undefined for an UPDATE without
 * WHERE: each pass overwrites every row, so only the last row's values stay.
 */
function writeLimit(write: RowWrite, read: RowRead): string | null | undefined {
  if (write.verb === 'insert') return write.conflict;
  if (write.keys?.length === 0) return undefined;
  const ownRow =
    write.keys !== null &&
    sameTable(write.table, read.source) &&
    write.keys.every(
      ({ column, value }) =>
        value.kind === 'derived' && value.read === read && value.columns.length === 1 && value.columns[0]!.toLowerCase() === column.toLowerCase(),
    );
  return ownRow ? null : 'WHERE';
}

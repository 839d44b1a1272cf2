import type { CopyValuesOp, Operation, TableRef } from '../ir/operations.js';
import { addedBefore, earlierInPhase, effectiveCopy } from '../history/fresh-columns.js';
import { exclusive, renamedTable, sameTable } from '../ir/operations.js';
import type { Severity } from './diagnostic.js';
import type { RuleContext } from './rule.js';
import { quoted, tableName } from './wording.js';
import { renumberedKeys } from './renumbered-keys.js';

/** What a destructive operation loses, judged from the rest of its own migration. */
export interface Loss {
  /** `info` when nothing that existed before is lost after all; absent keeps the rule's severity. */
  readonly atMost?: Severity;
  /** The consequence, as the end of the finding's message. */
  readonly consequence: string;
}

/**
 * What removing `table` (or its `column`) by `op` loses: null when nothing that
 * existed before its migration (it removes a table or column the same
 * migration added earlier in the same phase); `info` for a downgrade that
 * removes what its own upgrade added, for a generated column (the database
 * computes it from the others), or when the migration first copied the
 * values elsewhere (every column of them), in this migration or (a column,
 * into another of its table that still exists) an earlier one; otherwise
 * `lost`, the rule's own consequence, or what a partial copy leaves out.
 */
export function lossOf(op: Operation, ctx: RuleContext, table: TableRef, column: string | null, lost: string): Loss | null {
  const addedBy = ctx.history.addedBy(op);
  if (addedBy === 'same-phase') return null;
  if (addedBy === 'upgrade')
    return { atMost: 'info', consequence: `it undoes the upgrade, which ${column === null ? 'created the table' : 'added the column'}` };
  if (column !== null && ctx.history.tableBefore(op)?.computed.some((c) => c.toLowerCase() === column.toLowerCase()))
    return { atMost: 'info', consequence: "the database computes its values from the row's other columns (a generated column): nothing stored is lost" };
  if (column !== null && flagDeletedBefore(op, ctx, table, column))
    return {
      atMost: 'info',
      consequence:
        'the migration first deleted every row but those holding one value in it: the rows left all hold that value (or none), so dropping it loses nothing more',
    };
  if (emptiedBefore(op, ctx, table))
    return { atMost: 'info', consequence: 'the migration deleted every row of the table first, where its rows are reported lost: nothing more is lost here' };
  if (column === null && (op.kind === 'delete' || op.kind === 'truncate') && writtenBack(op, ctx, table))
    return {
      atMost: 'warning',
      consequence: 'the migration then writes back into it rows it read from it before: droplint cannot tell whether every row and column goes back',
    };
  const required = column === null ? null : requiredColumnAdded(op, ctx, table);
  if (required !== null) {
    return {
      atMost: 'info',
      consequence: `the table must be empty for the migration to run (it adds column ${quoted(required)} NOT NULL without a default, which PostgreSQL refuses on a table with rows), so no value is lost`,
    };
  }
  const copies = earlierCopies(op, ctx, table, column);
  // Of the copies of every row, the one that leaves out fewest columns names where the values went.
  const full = copies
    .filter((c) => c.limitedBy === null)
    .reduce<EarlierCopy | undefined>((best, c) => (best === undefined || c.leftOut.length < best.leftOut.length ? c : best), undefined);
  if (full?.copy.encodesBoolean) {
    const how = full.into.startsWith('table') ? 'a row written where it is true or false' : 'a constant written where it is true or false';
    return { atMost: 'info', consequence: `its values were encoded into ${full.into} first (${how})` };
  }
  if (full) {
    // The rows survive elsewhere; a column that copy leaves out survives where another full copy put it, or one
    // that left out only the rows holding nothing in it (`INSERT INTO covers SELECT id, cover FROM t WHERE cover IS NOT NULL`),
    // or the same statement's join, which leaves out only the rows its reverse relation does (`UPDATE a SET x = b.r
    // FROM b WHERE b.a_id = a.id`: every row of b that names a row of a is copied whole).
    const movedElsewhere = full.leftOut.flatMap((name) => {
      const into = copies
        .filter((c) => c !== full && (c.limitedBy === null || skipsOnlyNullsOf(c.copy, name) || sameJoin(c.copy, full.copy)))
        .map((c) => columnCopy(c.copy, name))
        .find((where) => where !== null);
      return into === undefined ? [] : [{ name, into }];
    });
    const notMoved = full.leftOut.filter((name) => !movedElsewhere.some((m) => m.name === name));
    const renumbered = renumberedKeys(op, ctx, full.copy, notMoved);
    const leftOut = notMoved.filter((name) => !renumbered.includes(name));
    const also = movedElsewhere.map((m) => `, column ${quoted(m.name)} into ${m.into}`).join('');
    const keys = renumberedNote(renumbered);
    if (leftOut.length === 0) return { atMost: 'info', consequence: `its values were copied into ${full.into}${also} first${keys}` };
    return { consequence: `its values were copied into ${full.into}${also} first, but ${without(leftOut)}` };
  }
  const limited = copies.find((c) => c.limitedBy !== null);
  if (limited?.limitedBy) {
    const clause = limited.limitedBy;
    return {
      consequence: `its values were copied into ${limited.into} first, but only by a copy with ${/^[aeiou]/i.test(clause) ? 'an' : 'a'} ${clause} clause: values it leaves out are lost`,
    };
  }
  const kept = column === null ? [] : keptByEarlierMigration(op, ctx, table, column);
  // Expand/contract: the values were copied over by an earlier migration, and where they went is still there.
  if (kept.length > 0) return { atMost: 'info', consequence: `an earlier migration copied its values into ${kept.join(', ')}` };
  const moved = column === null ? rowsMovedByEarlierMigration(op, ctx, table) : null;
  if (moved !== null) {
    const renumbered = renumberedKeys(op, ctx, moved.copy, moved.leftOut);
    const leftOut = moved.leftOut.filter((name) => !renumbered.includes(name));
    const into = `an earlier migration copied its rows into table ${tableName(moved.copy.table)}${renumberedNote(renumbered)}`;
    if (leftOut.length === 0) return { atMost: 'info', consequence: into };
    return { consequence: `${into}, but ${without(leftOut)}` };
  }
  return { consequence: lost };
}

/** What the message says of the keys a copy left out because the new table numbers them again; nothing when there are none. */
function renumberedNote(renumbered: readonly string[]): string {
  return renumbered.length === 0
    ? ''
    : ` (${renumbered.map(quoted).join(', ')}, a key the database numbers and no foreign key refers to, is numbered again there)`;
}

/** Whether a copy's `WHERE` checks `column IS NOT NULL` (alone, with others by AND, or by OR): see `CopyValuesOp.onlyNonNull`, `eitherNonNull`. */
function checksNonNull(copy: CopyValuesOp, column: string): boolean {
  const same = sameName(column);
  return (copy.onlyNonNull ?? []).some(same) || (copy.eitherNonNull ?? []).some(same);
}

/** A test for a column's name, whatever its case. */
function sameName(column: string): (name: string) => boolean {
  return (name) => name.toLowerCase() === column.toLowerCase();
}

/**
 * Whether the rows `copy` leaves out are just those holding nothing in `column`: its `WHERE` checks that column
 * `IS NOT NULL` and nothing else, or that it or others are (`a IS NOT NULL OR b IS NOT NULL`).
 */
function skipsOnlyNullsOf(copy: CopyValuesOp, column: string): boolean {
  if (copy.limitedBy !== 'WHERE') return false;
  const same = sameName(column);
  const checks = copy.onlyNonNull ?? [];
  return (checks.length > 0 && checks.every(same)) || (copy.eitherNonNull ?? []).some(same);
}

/** `without column "a": its values are lost`, for the columns a copy of a table's rows left out. */
function without(columns: readonly string[]): string {
  const many = columns.length > 1;
  return `without column${many ? 's' : ''} ${columns.map(quoted).join(', ')}: ${many ? 'their' : 'its'} values are lost`;
}

/**
 * The copy of every row of `table` into another table that an earlier
 * migration of the set made, where that table still stands after the set's
 * last migration, with the columns the history knows `table` has that it left
 * out: the one that leaves out fewest; null when there is none.
 */
function rowsMovedByEarlierMigration(op: Operation, ctx: RuleContext, table: TableRef): { copy: CopyValuesOp; leftOut: string[] } | null {
  const standing = ctx.history.tablesAtHead(ctx.unit);
  let best: { copy: CopyValuesOp; leftOut: string[] } | null = null;
  for (const copy of ctx.history.copiesBefore(ctx.unit)) {
    if (copy.limitedBy !== null || !sameTable(copy.source, table) || sameTable(copy.table, table)) continue;
    if (!standing.some((t) => sameTable(t.table, copy.table))) continue;
    const leftOut = columnsLeftOut(op, ctx, copy);
    if (best === null || leftOut.length < best.leftOut.length) best = { copy, leftOut };
  }
  return best;
}

/**
 * Where a copy of every row (but those holding nothing in the column) in an
 * earlier migration of the set put a column's values, and that still exists:
 * another column of the same table (expand/contract), or a column of another
 * table that the set's migrations leave standing (`INSERT INTO passwords
 * (hash, user_id) SELECT password, id FROM users WHERE password IS NOT NULL`).
 */
function keptByEarlierMigration(op: Operation, ctx: RuleContext, table: TableRef, column: string): string[] {
  const alive = new Set((ctx.history.columnsBefore(op) ?? []).map((name) => name.toLowerCase()));
  const targets = new Set<string>();
  for (const copy of ctx.history.copiesBefore(ctx.unit)) {
    if (copy.columns === null || !sameTable(copy.source, table)) continue;
    // The names the column had when the copy was made, and its target has now: renames may come between (int to bigint
    // by add, backfill, rename both, drop).
    const c = ctx.history.columnAcross(ctx.unit, copy, table, column, 'copy').toLowerCase();
    const complete = copy.limitedBy === null || checksNonNull(copy, c);
    if (!complete) continue;
    const within = sameTable(copy.table, table);
    const standing = within ? null : ctx.history.tablesAtHead(ctx.unit).find((t) => sameTable(t.table, copy.table));
    if (!within && standing === undefined) continue;
    for (const p of copy.columns) {
      if (p.target === null || !p.sources.some((s) => s.toLowerCase() === c)) continue;
      const now = ctx.history.columnAcross(ctx.unit, copy, copy.table, p.target, 'unit');
      const target = now.toLowerCase();
      if (within ? target !== column.toLowerCase() && alive.has(target) : standing!.columns.some((name) => name.toLowerCase() === target))
        targets.add(within ? `column ${quoted(now)}` : `column ${quoted(now)} of table ${tableName(copy.table)}`);
    }
  }
  return [...targets];
}

/** Whether `copy` is the JOIN of the `UPDATE … FROM` whose reverse relation `reverse` is (one statement, one source). */
function sameJoin(copy: CopyValuesOp, reverse: CopyValuesOp): boolean {
  return (
    copy.limitedBy === 'JOIN' && copy.span.start === reverse.span.start && sameTable(copy.source, reverse.source) && !sameTable(reverse.source, reverse.table)
  );
}

interface EarlierCopy {
  readonly copy: CopyValuesOp;
  /** Where the values went: `column "new"`, `table "archive"`. */
  readonly into: string;
  /** For a table: the columns the history knows it has that the copy does not read. */
  readonly leftOut: readonly string[];
  /** What leaves out rows that hold the values removed; null: none does. */
  readonly limitedBy: string | null;
}

/** Copies earlier in the same phase that read the values removed, with where they went. */
function earlierCopies(op: Operation, ctx: RuleContext, table: TableRef, dropped: string | null): EarlierCopy[] {
  const ops = ctx.history.migrationOperations(ctx.unit);
  const found: EarlierCopy[] = [];
  // The names the table and the column had at each earlier step: a copy-then-swap renames them away before dropping
  // them (`UPDATE t SET id_big = id`, `RENAME id TO id_old`, `RENAME id_big TO id`, `DROP id_old`).
  let named = table;
  let column = dropped;
  for (let i = ops.indexOf(op) - 1; i >= 0; i--) {
    const at = ops[i]!;
    if (at.kind === 'rename-table' && at.phase === op.phase && sameTable(renamedTable(at), named)) named = at.table;
    if (at.kind === 'rename-column' && at.phase === op.phase && column?.toLowerCase() === at.newName.toLowerCase() && sameTable(at.table, named))
      column = at.column;
    if (at.kind !== 'copy-values' || at.phase !== op.phase || exclusive(at, op) || !sameTable(at.source, named) || discardedLater(ops, i)) continue;
    const copy = effectiveCopy(ops, i);
    if (column !== null) {
      const name = column;
      const into = columnCopy(copy, name);
      // `WHERE col IS NOT NULL` leaves out only rows that hold nothing in the column.
      const nullsOnly = checksNonNull(copy, name);
      // Constants written where a boolean holds, into columns this migration added (holding nothing else), or rows
      // written where it holds into a table this migration created (holding no other rows): the boolean, kept.
      // The boolean is the last column read (see CopyValuesOp.encodesBoolean).
      const flag = copy.encodesBoolean === true ? copy.columns?.at(-1)?.sources[0] : undefined;
      const encoded =
        flag?.toLowerCase() === name.toLowerCase() &&
        (createdBefore(ops, i, copy.table) || (copy.columns ?? []).every((p) => p.target !== null && addedBefore(ops, i, copy.table, p.target) !== undefined));
      if (into !== null) found.push({ copy, into, leftOut: [], limitedBy: nullsOnly || encoded || keptByDefault(ops, i, copy, name) ? null : copy.limitedBy });
    } else if (!sameTable(copy.table, copy.source)) {
      found.push({
        copy,
        into: `table ${tableName(renamedSince(ops, i, ops.indexOf(op), copy.table))}`,
        leftOut: columnsLeftOut(op, ctx, copy),
        limitedBy: copy.limitedBy,
      });
    }
  }
  return found;
}

/**
 * Whether the table the copy at `index` wrote into is emptied or dropped later
 * in the same phase, before anything copied its rows on: a backup made and
 * thrown away within one migration (`CREATE TABLE t_backup AS SELECT * FROM t`
 * … `DROP TABLE t_backup`) keeps nothing.
 */
function discardedLater(ops: readonly Operation[], index: number): boolean {
  const copy = ops[index] as CopyValuesOp;
  let named = copy.table;
  for (const at of ops.slice(index + 1)) {
    if (at.phase !== copy.phase || exclusive(at, copy)) continue;
    if (at.kind === 'rename-table' && sameTable(at.table, named)) named = renamedTable(at);
    const reads =
      (at.kind === 'copy-values' && sameTable(at.source, named)) || (at.kind === 'insert-rows' && at.readFrom !== null && sameTable(at.readFrom, named));
    if (reads && !sameTable(at.table, named)) return false;
    const empties = at.kind === 'drop-table' || at.kind === 'truncate' || (at.kind === 'delete' && !at.hasWhere);
    if (empties && sameTable(at.table, named)) return true;
  }
  return false;
}

/**
 * A column that the same migration (in PostgreSQL or CockroachDB) adds to the
 * table `op` drops a column of, NOT NULL without a default: the migration
 * runs only on an empty table. Before the drop, or after it in the same
 * ALTER TABLE (nothing but that table's changes in between: Prisma writes
 * `DROP COLUMN "a", ADD COLUMN "b" … NOT NULL`), which PostgreSQL runs as one:
 * a drop that a later statement's failure would not undo is not covered.
 * Only where the format declares the dialect (Prisma's lock file, Drizzle's
 * journal) or a SQL file or an Alembic migration shows it (its
 * `postgresShown`): either is PostgreSQL by default, and in MySQL, which gives
 * existing rows the type's own default, the drop would lose its column.
 */
function requiredColumnAdded(op: Operation, ctx: RuleContext, table: TableRef): string | null {
  const { meta, dialect } = ctx.unit;
  const declared =
    meta.format === 'prisma' ||
    (meta.format === 'drizzle' && meta.journal) ||
    (meta.format === 'sql' && meta.postgresShown) ||
    (meta.format === 'alembic' && meta.role === 'migration' && meta.postgresShown);
  if (!declared || (dialect !== 'postgresql' && dialect !== 'cockroachdb')) return null;
  const ops = ctx.history.migrationOperations(ctx.unit);
  const index = ops.indexOf(op);
  const onTable = (other: Operation): boolean => 'table' in other && other.phase === op.phase && sameTable(other.table, table);
  for (const [i, other] of ops.entries()) {
    if (i > index && !(onTable(other) && ALTER_KINDS.has(other.kind))) break;
    if (other.kind === 'add-column' && other.column.requiredWithoutDefault === true && onTable(other)) return other.column.name;
  }
  return null;
}

/** Whether the migration deleted, earlier in the same phase, every row of the table but those holding one value in `column` (see `DeleteOp.flag`). */
function flagDeletedBefore(op: Operation, ctx: RuleContext, table: TableRef, column: string): boolean {
  const ops = ctx.history.migrationOperations(ctx.unit);
  return earlierInPhase(ops, ops.indexOf(op)).some((o) => o.kind === 'delete' && o.flag?.toLowerCase() === column.toLowerCase() && sameTable(o.table, table));
}

/**
 * Whether the migration deleted every row of the table earlier in the same
 * phase (`TRUNCATE`, `DELETE` with no `WHERE`) and wrote nothing into it since
 * but rows of its own: what it holds now, the migration wrote itself. Rows
 * copied in from another table, or computed at run time, may be the old ones
 * put back.
 */
function emptiedBefore(op: Operation, ctx: RuleContext, table: TableRef): boolean {
  const ops = ctx.history.migrationOperations(ctx.unit);
  const before = earlierInPhase(ops, ops.indexOf(op));
  const emptied = before.findLastIndex((o) => (o.kind === 'truncate' || (o.kind === 'delete' && !o.hasWhere)) && sameTable(o.table, table));
  return emptied >= 0 && !before.slice(emptied + 1).some((o) => refills(o, table));
}

/** Whether an operation writes rows into `table` that the migration did not write out itself. */
function refills(op: Operation, table: TableRef): boolean {
  return (op.kind === 'insert-rows' || (op.kind === 'copy-values' && !sameTable(op.source, op.table))) && sameTable(op.table, table);
}

/**
 * Whether, after a `DELETE` or `TRUNCATE` of every row, the migration writes
 * back into the table rows it read from it before (Sequelize's `bulkDelete`
 * then `bulkInsert` of the rows a `SELECT` returned).
 */
function writtenBack(op: Operation, ctx: RuleContext, table: TableRef): boolean {
  const ops = ctx.history.migrationOperations(ctx.unit);
  return ops
    .slice(ops.indexOf(op) + 1)
    .some(
      (o) =>
        o.kind === 'insert-rows' &&
        o.phase === op.phase &&
        !exclusive(o, op) &&
        o.readFrom !== null &&
        sameTable(o.table, table) &&
        sameTable(o.readFrom, table),
    );
}

/** What the actions of one ALTER TABLE statement become. */
const ALTER_KINDS: ReadonlySet<Operation['kind']> = new Set(['add-column', 'drop-column', 'rename-column', 'alter-column-type']);

/**
 * `UPDATE t SET new = f(old) WHERE old <> '[]'` into a column this migration
 * added `DEFAULT '[]'`: the rows left out hold that very value in the new
 * column, so it is copied whole.
 */
function keptByDefault(ops: readonly Operation[], index: number, copy: CopyValuesOp, column: string): boolean {
  const skips = copy.skipsOnly;
  if (skips === undefined || skips.column.toLowerCase() !== column.toLowerCase() || copy.columns === null) return false;
  const targets = copy.columns.filter((p) => p.sources.some((s) => s.toLowerCase() === column.toLowerCase()));
  return targets.length > 0 && targets.every((p) => p.target !== null && addedBefore(ops, index, copy.table, p.target)?.defaultLiteral === skips.literal);
}

/** The name `table` has after the renames among the operations after `from` and before `to`. */
function renamedSince(ops: readonly Operation[], from: number, to: number, table: TableRef): TableRef {
  let named = table;
  for (const at of ops.slice(from + 1, to)) if (at.kind === 'rename-table' && sameTable(at.table, named)) named = renamedTable(at);
  return named;
}

/** Whether an operation before `index` (in the same phase) created `table`. */
function createdBefore(ops: readonly Operation[], index: number, table: TableRef): boolean {
  return earlierInPhase(ops, index).some((op) => op.kind === 'create-table' && sameTable(op.table, table));
}

/** Where a copy put a column's values, or null when it did not copy them (`SET old = trim(old)` keeps them in place). */
function columnCopy(copy: CopyValuesOp, column: string): string | null {
  const within = sameTable(copy.table, copy.source);
  if (copy.columns === null) return within ? null : `table ${tableName(copy.table)}`;
  const c = column.toLowerCase();
  const targets = copy.columns.filter((p) => p.sources.some((s) => s.toLowerCase() === c) && !(within && p.target?.toLowerCase() === c));
  if (targets.length === 0) return null;
  const names = targets.map((p) => p.target).filter((t): t is string => t !== null);
  const where = within ? '' : ` of table ${tableName(copy.table)}`;
  return names.length === 0 ? `table ${tableName(copy.table)}` : `column${names.length > 1 ? 's' : ''} ${names.map(quoted).join(', ')}${where}`;
}

/**
 * Columns the history knows a table has that a copy of its rows does not read
 * (none for `SELECT *`), but those the same migration added earlier in the
 * phase: they held nothing of before (a multi-database migration's branch for
 * another database adds them too).
 */
function columnsLeftOut(op: Operation, ctx: RuleContext, copy: CopyValuesOp): string[] {
  if (copy.columns === null) return [];
  const read = new Set(copy.columns.flatMap((p) => p.sources.map((s) => s.toLowerCase())));
  // Added on any arm: on the database whose arm added it the copy does not run, on the others it never was.
  const ops = ctx.history.migrationOperations(ctx.unit);
  const added = new Set(
    ops
      .slice(0, ops.indexOf(op))
      .flatMap((o) => (o.kind === 'add-column' && o.phase === op.phase && sameTable(o.table, copy.source) ? [o.column.name.toLowerCase()] : [])),
  );
  return (ctx.history.columnsBefore(op) ?? []).filter((c) => !read.has(c.toLowerCase()) && !added.has(c.toLowerCase()));
}

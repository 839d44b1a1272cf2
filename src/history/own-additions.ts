import type { Operation, TableRef } from '../ir/operations.js';
import { assertNever, renamedTable, tableKey } from '../ir/operations.js';

/**
 * Who in its own migration added what an operation removes: an earlier step
 * of the same phase (a scratch table, a temporary column), or, for a
 * downgrade, the migration's upgrade.
 */
export type AddedBy = 'same-phase' | 'upgrade';

interface Added {
  readonly table: TableRef;
  /** Set when the migration created the whole table (every column with it). */
  readonly whole: AddedBy | null;
  /**
   * Set when it was created `IF NOT EXISTS`: it may have stood already, with
   * columns of its own. Only those the statement lists (these, lower-cased)
   * are known to be new: a column it does not list can be dropped only if the
   * table stood before.
   */
  readonly listed?: ReadonlySet<string>;
  /** Columns it added, by lower-cased name. */
  readonly columns: Map<string, AddedBy>;
}

/**
 * Replays one migration on its own, tracking only what it adds itself (the
 * tables it creates and the columns it adds, under their names as they
 * change, and the schemas it creates), and records, for each operation that removes one of them, who
 * added it. A schema it creates (not `IF NOT EXISTS`) starts empty: every
 * table in it was made by this phase of the migration (one a routine copies
 * there dynamically too), unless it was moved there from elsewhere. The upgrade runs first; its downgrade starts from what the
 * upgrade added. `operations` are the migration's, in order (of several
 * files where it is split into steps); `upgrade` are those of its upgrade
 * where the downgrade is a file of its own (`0002_x.down.sql` beside
 * `0002_x.up.sql`).
 */
export function ownAdditions(operations: readonly Operation[], into: Map<Operation, AddedBy>, upgradeOperations: readonly Operation[] | null = null): void {
  // What the body of a routine the migration does not run adds is not the migration's, nor another routine's (see Operation.definedIn).
  const bodies = new Map<string | undefined, Operation[]>();
  for (const op of operations) {
    const ops = bodies.get(op.definedIn);
    if (ops) ops.push(op);
    else bodies.set(op.definedIn, [op]);
  }
  for (const [routine, ops] of bodies) {
    if (routine === undefined) byDatabase(ops, into, upgradeOperations?.filter((op) => op.definedIn === undefined) ?? null);
    else addedBy(ops, into, null);
  }
}

/**
 * A migration for several databases runs one helper per database (see the
 * TS reader's `database:` arms): what one database's helper adds, another's
 * never sees. Each arm is judged with the operations common to all.
 */
function byDatabase(operations: readonly Operation[], into: Map<Operation, AddedBy>, upgradeOperations: readonly Operation[] | null): void {
  const armOf = (op: Operation): string | undefined => op.branch?.find((arm) => arm.startsWith('database:'));
  const arms = new Set(operations.map(armOf).filter((arm) => arm !== undefined));
  if (arms.size === 0) {
    addedBy(operations, into, upgradeOperations);
    return;
  }
  const only = (arm: string | undefined) => (op: Operation) => armOf(op) === undefined || armOf(op) === arm;
  addedBy(operations.filter(only(undefined)), into, upgradeOperations?.filter(only(undefined)) ?? null);
  for (const arm of arms) {
    const judged = new Map<Operation, AddedBy>();
    addedBy(operations.filter(only(arm)), judged, upgradeOperations?.filter(only(arm)) ?? null);
    for (const [op, by] of judged) if (armOf(op) === arm) into.set(op, by);
  }
}

function addedBy(operations: readonly Operation[], into: Map<Operation, AddedBy>, upgradeOperations: readonly Operation[] | null): void {
  const upgrade: Additions = { tables: new Map(), schemas: new Map(), movedIn: new Set() };
  // A down file's upgrade is its up file.
  const upgradeOps = (upgradeOperations ?? operations).filter((op) => op.phase !== 'downgrade');
  rebuiltTables(upgradeOps, upgrade);
  for (const op of upgradeOps) apply(op, upgrade, 'same-phase', into);
  const downgrade: Additions = {
    tables: new Map(),
    schemas: new Map([...upgrade.schemas.keys()].map((s) => [s, 'upgrade' as const])),
    movedIn: new Set(upgrade.movedIn),
  };
  for (const [k, added] of upgrade.tables) {
    const columns = new Map([...added.columns.keys()].map((c) => [c, 'upgrade' as const]));
    downgrade.tables.set(k, { table: added.table, whole: added.whole && 'upgrade', columns });
  }
  const downgradeOps = operations.filter((op) => op.phase === 'downgrade');
  rebuiltTables(downgradeOps, downgrade);
  for (const op of downgradeOps) apply(op, downgrade, 'same-phase', into);
}

/**
 * The tables a phase rebuilds by copy-then-swap, as they stand before the
 * swap, under the names they are built as (`new_User`): their creation is
 * folded into the `redefine-table`, and the columns the copy does not fill
 * are the phase's own (filled later, or dropped as scratch).
 */
function rebuiltTables(ops: readonly Operation[], additions: Additions): void {
  for (const op of ops) {
    if (op.kind !== 'redefine-table' || op.filled === null) continue;
    const filled = new Set(op.filled.map((c) => c.toLowerCase()));
    const own = op.columns.map((c) => c.name.toLowerCase()).filter((c) => !filled.has(c));
    additions.tables.set(tableKey(op.builtAs), { table: op.builtAs, whole: null, columns: new Map(own.map((c) => [c, 'same-phase' as const])) });
  }
}

/** What a migration has added so far: tables (by key) and schemas or databases (by lower-cased name). */
interface Additions {
  readonly tables: Map<string, Added>;
  readonly schemas: Map<string, AddedBy>;
  /** Keys of tables moved into one of those schemas from elsewhere: they hold rows from before. */
  readonly movedIn: Set<string>;
}

/**
 * Whether a table the migration did not create itself is in a schema this
 * phase created: the schema held nothing before, so neither does the table.
 * A downgrade's schema from its upgrade does not count: the application may
 * have filled it since.
 */
function inOwnSchema(table: TableRef, k: string, additions: Additions): boolean {
  return table.schema !== null && additions.schemas.get(table.schema.toLowerCase()) === 'same-phase' && !additions.movedIn.has(k);
}

function apply(op: Operation, additions: Additions, by: AddedBy, into: Map<Operation, AddedBy>): void {
  const { tables, schemas, movedIn } = additions;
  if (op.kind === 'create-schema') {
    // `IF NOT EXISTS` does not say the migration made it: dropping it may drop what was there before.
    if (!op.ifNotExists) schemas.set(op.schema.toLowerCase(), by);
    return;
  }
  if (op.kind === 'drop-schema' || op.kind === 'drop-database') {
    const name = (op.kind === 'drop-schema' ? op.schema : op.database).toLowerCase();
    const who = schemas.get(name);
    if (who !== undefined) into.set(op, who);
    schemas.delete(name);
    return;
  }
  if (!('table' in op)) return;
  const k = tableKey(op.table);
  const added = tables.get(k);
  const whole = added?.whole ?? (inOwnSchema(op.table, k, additions) ? 'same-phase' : null);
  switch (op.kind) {
    case 'create-table':
      // A table moved to this name earlier in the migration stands: `CREATE TABLE IF NOT EXISTS` does nothing.
      if (op.ifNotExists && movedIn.has(k)) return;
      tables.set(k, {
        table: op.table,
        whole: by,
        columns: new Map(op.columns.map((c) => [c.name.toLowerCase(), by])),
        ...(op.ifNotExists && op.columns.length > 0 && { listed: new Set(op.columns.map((c) => c.name.toLowerCase())) }),
      });
      return;
    case 'add-column': {
      const entry = added ?? { table: op.table, whole: null, columns: new Map<string, AddedBy>() };
      entry.columns.set(op.column.name.toLowerCase(), by);
      tables.set(k, entry);
      return;
    }
    case 'rename-table': {
      const renamed = renamedTable(op);
      movedIn.delete(k);
      if (!whole) movedIn.add(tableKey(renamed));
      if (!added) return;
      tables.delete(k);
      tables.set(tableKey(renamed), { ...added, table: renamed });
      return;
    }
    case 'rename-column': {
      const who = added?.columns.get(op.column.toLowerCase());
      if (!added || who === undefined) return;
      added.columns.delete(op.column.toLowerCase());
      added.columns.set(op.newName.toLowerCase(), who);
      return;
    }
    case 'drop-table':
      if (whole) into.set(op, whole);
      tables.delete(k);
      movedIn.delete(k);
      return;
    case 'drop-column':
    case 'overwrite-column': {
      const column = op.column.toLowerCase();
      const who = added?.columns.get(column) ?? (added?.listed?.has(column) === false ? null : whole);
      if (who) into.set(op, who);
      if (op.kind === 'drop-column') added?.columns.delete(column);
      return;
    }
    case 'truncate':
    case 'delete':
    case 'drop-partition':
      if (whole) into.set(op, whole);
      return;
    case 'redefine-table': {
      // Renamed to the table it rebuilds: the columns the copy did not fill are the phase's own there, and so stay
      // those the phase had added to the old table and carried over.
      const built = tables.get(tableKey(op.builtAs));
      tables.delete(tableKey(op.builtAs));
      const kept = new Set(op.columns.map((c) => c.name.toLowerCase()));
      const columns = new Map([...(added?.columns ?? [])].filter(([c]) => kept.has(c)));
      for (const [c, who] of built?.columns ?? []) columns.set(c, who);
      if (added !== undefined || columns.size > 0) tables.set(k, { table: op.table, whole: added?.whole ?? null, columns });
      return;
    }
    case 'copy-values':
    case 'insert-rows':
    case 'alter-column-type':
    case 'set-ttl':
    case 'add-foreign-key':
      return;
    default:
      assertNever(op);
  }
}

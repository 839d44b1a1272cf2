import path from 'node:path';
import { compareText } from '../compare.js';
import type {
  ColumnDef,
  CopyValuesOp,
  DropCascadeOp,
  DropTableOp,
  ForeignKeyTarget,
  Operation,
  RenameColumnOp,
  RenameTableOp,
  SetTtlOp,
  TableRef,
} from '../ir/operations.js';
import { assertNever, normalSchema, renamedTable, sameTable, tableKey as key } from '../ir/operations.js';
import type { MigrationUnit } from '../ir/unit.js';
import { compareNatural } from './natural-order.js';
import { type Migration, migrationsOf, undoneBy } from './migrations.js';
import { effectiveCopy } from './fresh-columns.js';
import { type AddedBy, ownAdditions } from './own-additions.js';
import { type ExistingSchemaStart, existingSchemaStart } from './set-start.js';
import { joinAlembicFolders } from './alembic-folders.js';
import { buildRevisionGraph, type RevisionGraph, revisionOf } from './revision-graph.js';

/** The migration and operation that created a table. */
export interface Creation {
  readonly unit: MigrationUnit;
  readonly op: Operation;
}

/** A table as the history has built it at some point. */
export interface TableState {
  readonly table: TableRef;
  readonly columns: readonly string[];
  /** Those of `columns` whose values the database computes from the others (see `ColumnDef.computed`). */
  readonly computed: readonly string[];
  /** The type of each of `columns` as written (`ColumnDef.type`), by lower-cased name; null or absent: not known. */
  readonly types?: ReadonlyMap<string, string | null>;
  /** Null for a table that only appears through a rename of an untracked one. */
  readonly createdBy: Creation | null;
  /** The ClickHouse materialized views created to write their rows into it (`TO` it): its rows are derived from theirs. */
  readonly filledBy?: readonly Feed[];
  /** How long it keeps its rows, as `CreateTableOp.ttlSeconds` (and `ALTER TABLE … MODIFY TTL` since). */
  readonly ttlSeconds?: number | null;
}

/**
 * A materialized view writing into a table: the table its query reads (null
 * when droplint cannot tell), whether that one holds no rows (a `Null`-engine
 * table), and how long it keeps them (see `TableState.ttlSeconds`).
 */
export interface Feed {
  readonly view: TableRef;
  readonly source: TableRef | null;
  readonly fromRowless: boolean;
  readonly sourceTtl?: number | null;
}

/**
 * What the migrations before an operation have built: replayed in order per
 * migration set (an Alembic `versions/` folder in revision-graph order, a
 * Prisma `migrations` folder, or a folder of SQL files in version order).
 */
export interface History {
  /**
   * The table an operation works on, as the history had built it just before
   * the operation (for a downgrade: after its own revision's upgrade); null
   * when no earlier migration in the set created it.
   */
  tableBefore(op: Operation): TableState | null;
  /** Columns the table had just before `op`, or null when no earlier migration in the set created it. */
  columnsBefore(op: Operation): readonly string[] | null;
  /**
   * Whether the unit has earlier migrations in its set. Without any (a lone
   * file, the first migration), there is no history to judge ownership by.
   */
  hasEarlierMigrations(unit: MigrationUnit): boolean;
  /**
   * Whether the function a `DROP FUNCTION … CASCADE` drops is, as the history
   * last created it, a trigger function; null when no migration of the set
   * created it.
   */
  dropsTriggerFunction(op: DropCascadeOp): boolean | null;
  /** The tables alive after every migration of the unit's set has run. */
  tablesAtHead(unit: MigrationUnit): readonly TableState[];
  /** The Alembic revision graph of the unit's `versions/` folder, for Alembic migrations. */
  revisionGraph(unit: MigrationUnit): RevisionGraph | null;
  /**
   * Whether the migration of a destructive operation added what it removes
   * itself: earlier in the same phase, or (for a downgrade) in its upgrade;
   * null when it did not.
   */
  addedBy(op: Operation): AddedBy | null;
  /**
   * The operations of the migration `unit` belongs to, in order: its own, or
   * those of every step file where a migration is split over several (popx).
   */
  migrationOperations(unit: MigrationUnit): readonly Operation[];
  /** The copies of values the upgrades of the migrations before the unit's, in its set, made: in order. */
  copiesBefore(unit: MigrationUnit): readonly CopyValuesOp[];
  /**
   * For a copy of `copiesBefore(unit)`, through the upgrades' column renames
   * in between: toward `copy`, the name that the column of `table` named
   * `column` just before the unit had when the copy was made; toward `unit`,
   * the name that the column the copy named `column` has just before the unit.
   */
  columnAcross(unit: MigrationUnit, copy: CopyValuesOp, table: TableRef, column: string, toward: 'copy' | 'unit'): string;
  /**
   * Whether the history knows every table that exists just before `op`: its
   * set starts from an empty schema, and no earlier `create_all()` created
   * tables droplint cannot list.
   */
  knowsEveryTable(op: Operation): boolean;
  /**
   * For an operation on a table that does not exist just before it: `dropped`
   * or `renamed` when an earlier migration of the set (or an earlier step of
   * its own) dropped it or renamed it away, and nothing made it again since;
   * else null.
   */
  goneBefore(op: Operation): 'dropped' | 'renamed' | null;
  /**
   * Whether a foreign key that a migration of the unit's set creates (at any
   * point: `REFERENCES`, `ADD FOREIGN KEY`) refers to the column of the table
   * (listing it, or the table's primary key by listing none).
   */
  isReferenced(unit: MigrationUnit, table: TableRef, column: string): boolean;
  /** Whether every table the set's migrations created before `op` is known: no earlier `create_all()` of models. */
  knowsEveryCreation(op: Operation): boolean;
  /**
   * For the first migration of a set of several that starts from an existing
   * schema: why, and the tables its migrations drop in an upgrade without any
   * of them creating them (which the history cannot judge). Null otherwise.
   */
  existingSchema(unit: MigrationUnit): (ExistingSchemaStart & { readonly unjudged: readonly TableRef[] }) | null;
  /**
   * How the other migration sets of the run (not the unit's own), of the
   * unit's format and dialect or in its folder, create a table of this name: `rowless` when each creation holds no rows (a
   * ClickHouse view writing `TO` a table, a `Null`-engine table), `rows`
   * when one may, null when none creates it. A project's sets may share one
   * database (an enterprise folder beside the main one, a schema file beside
   * release folders).
   */
  createdByOtherSets(unit: MigrationUnit, table: TableRef): 'rows' | 'rowless' | null;
  /**
   * For `DROP TYPE|DOMAIN … CASCADE`: the columns of the set's tables that
   * have the type (or an array of it, or one of that name in another schema)
   * just before the drop, as the history built them; null when the history
   * does not know every column's type, for another kind of object, or in a
   * downgrade (whose own steps before the drop the history does not apply).
   */
  columnsOfType(op: DropCascadeOp): ReadonlyArray<{ readonly table: TableRef; readonly column: string }> | null;
}

/** Which migration set a unit belongs to: units of one set share a history. */
export function migrationSet(unit: MigrationUnit): string {
  const dir = path.posix.dirname(unit.file.path);
  // Prisma's and drizzle-kit's folder layouts keep one migration per folder.
  // So do release folders of SQL scripts (`1.23.0/1.sql`, `1.24.0/1.sql`).
  const perFolder =
    unit.meta.format === 'prisma' || (unit.meta.format === 'drizzle' && !unit.meta.journal) || (unit.meta.format === 'sql' && unit.meta.versionFolder);
  const set = perFolder ? path.posix.dirname(dir) : dir;
  return unit.meta.format === 'sql' && unit.meta.variant !== null ? `${set}#${unit.meta.variant}` : set;
}

export function replay(units: readonly MigrationUnit[]): History {
  const sets = new Map<string, MigrationUnit[]>();
  for (const unit of units) {
    // A migration deleted since `--changed-since`'s ref is no longer part of the history.
    if (unit.vcs?.status === 'deleted') continue;
    // Deploy scripts and test fixtures are no migrations: they have no place in a set's history.
    if (unit.format === 'deploy' || unit.format === 'test') continue;
    const key = migrationSet(unit);
    const list = sets.get(key);
    if (list) list.push(unit);
    else sets.set(key, [unit]);
  }
  joinAlembicFolders(sets);
  const setOf = new Map<MigrationUnit, string>();
  for (const [key, list] of sets) for (const unit of list) setOf.set(unit, key);
  const before = new Map<Operation, TableState | null>();
  const gone = new Map<Operation, 'dropped' | 'renamed'>();
  const triggerFunctions = new Map<DropCascadeOp, boolean>();
  const typeUsers = new Map<DropCascadeOp, Array<{ table: TableRef; column: string }> | null>();
  const graphs = new Map<MigrationUnit, RevisionGraph>();
  const heads = new Map<MigrationUnit, readonly TableState[]>();
  const firsts = new Set<MigrationUnit>();
  // Who added what an operation removes is asked of few operations (those of the files reported): each migration's
  // own additions are replayed when one of its operations is first asked about.
  const added = new Map<Operation, AddedBy>();
  const migrationOf = new Map<Operation, Migration>();
  const replayed = new Set<Migration>();
  const addedBy = (op: Operation): AddedBy | null => {
    const migration = migrationOf.get(op);
    if (migration !== undefined && !replayed.has(migration)) {
      replayed.add(migration);
      ownAdditions(migration.operations, added, migration.upgrade);
    }
    return added.get(op) ?? null;
  };
  const operationsOfMigration = new Map<MigrationUnit, readonly Operation[]>();
  /** Per unit: its set's upgrade copies, and how many of them the migrations before its own made. */
  const copiesBefore = new Map<MigrationUnit, { readonly copies: readonly CopyValuesOp[]; readonly count: number; readonly renames: number }>();
  /** Per set, the column renames its upgrades made, in order; and per copy, how many of them came before it. */
  const renamesOf = new Map<MigrationUnit, readonly RenameColumnOp[]>();
  const renamesBeforeCopy = new Map<CopyValuesOp, number>();
  /** Operations of sets that start from an existing schema, whose tables the history cannot name. */
  const fromExistingSchema = new Set<Operation>();
  const afterCreateAll = new Set<Operation>();
  const starts = new Map<MigrationUnit, ExistingSchemaStart & { unjudged: TableRef[] }>();
  // Asked of the files reported only: made when first asked for.
  let creations: Map<string, Map<string, SetCreation>> | undefined;
  const foreignKeys = new Map<MigrationUnit, () => readonly ForeignKeyTarget[]>();
  const undone = undoneBy([...sets.values()].flat());
  for (const list of sets.values()) {
    const schema = new Schema(gone);
    const functions = new Functions();
    const ordered = upgradeOrder(list, graphs);
    if (ordered[0]) firsts.add(ordered[0]);
    let createdAll = false;
    const copies: CopyValuesOp[] = [];
    const renames: RenameColumnOp[] = [];
    for (const migration of migrationsOf(ordered, undone)) {
      for (const unit of migration.units) {
        operationsOfMigration.set(unit, migration.operations);
        copiesBefore.set(unit, { copies, count: copies.length, renames: renames.length });
        renamesOf.set(unit, renames);
      }
      for (const [i, op] of migration.operations.entries()) {
        migrationOf.set(op, migration);
        if (op.phase === 'downgrade' || op.definedIn !== undefined) continue;
        if (op.kind === 'rename-column') renames.push(op);
        if (op.kind !== 'copy-values') continue;
        const copy = effectiveCopy(migration.operations, i);
        copies.push(copy);
        renamesBeforeCopy.set(copy, renames.length);
      }
    }
    for (const unit of ordered) {
      // History is the upgrade path: a downgrade is checked against the state its
      // own upgrade left, and never applied.
      for (const op of unit.operations) {
        if (op.phase === 'downgrade') continue;
        if (createdAll) afterCreateAll.add(op);
        // The body of a routine the migration defines but does not run changes nothing when it runs: judged against the
        // schema as it stands there, never applied.
        if (op.definedIn !== undefined) {
          if ('table' in op) before.set(op, schema.find(op.table));
          continue;
        }
        if (op.kind === 'drop-cascade') typeUsers.set(op, schema.columnsOfType(op));
        schema.apply(op, unit, before);
        functions.apply(op, triggerFunctions);
        createdAll ||= op.kind === 'create-all';
      }
      // A downgrade's own functions count (`CREATE FUNCTION f` … `DROP FUNCTION f CASCADE`), on a copy: it is never applied.
      const downgradeFunctions = functions.copy();
      for (const op of unit.operations) {
        if (op.phase !== 'downgrade') continue;
        if (createdAll) afterCreateAll.add(op);
        if ('table' in op) before.set(op, schema.find(op.table));
        downgradeFunctions.apply(op, triggerFunctions);
      }
    }
    const alive = schema.tables();
    let targets: readonly ForeignKeyTarget[] | undefined;
    const targetsOfSet = (): readonly ForeignKeyTarget[] => (targets ??= foreignKeyTargets(list));
    for (const unit of list) {
      heads.set(unit, alive);
      foreignKeys.set(unit, targetsOfSet);
    }
    // A file nothing could be read from (a broken lock file, a binary) says nothing about where the set starts.
    const readable = ordered.filter((u) => u.operations.length === 0 || u.operations.some((op) => op.kind !== 'unparsed'));
    const first = readable[0];
    // A lone migration (with its down file) is no history to speak of.
    const upgrades = readable.filter((unit) => !unit.phases.every((phase) => phase === 'downgrade')).length;
    const start = first && upgrades > 1 ? existingSchemaStart(firstVersion(readable), (op) => before.get(op) != null) : null;
    if (first && start) {
      const unjudged: TableRef[] = [];
      for (const unit of ordered) {
        for (const op of unit.operations) {
          fromExistingSchema.add(op);
          if (op.kind === 'drop-table' && op.phase !== 'downgrade' && before.get(op) == null && addedBy(op) !== 'same-phase') unjudged.push(op.table);
        }
      }
      starts.set(first, { ...start, unjudged });
    }
  }
  return {
    tableBefore: (op) => before.get(op) ?? null,
    columnsBefore: (op) => before.get(op)?.columns ?? null,
    hasEarlierMigrations: (unit) => heads.has(unit) && !firsts.has(unit),
    dropsTriggerFunction: (op) => triggerFunctions.get(op) ?? null,
    columnsOfType: (op) => typeUsers.get(op) ?? null,
    tablesAtHead: (unit) => heads.get(unit) ?? [],
    revisionGraph: (unit) => graphs.get(unit) ?? null,
    addedBy,
    migrationOperations: (unit) => operationsOfMigration.get(unit) ?? unit.operations,
    copiesBefore: (unit) => {
      const at = copiesBefore.get(unit);
      return at === undefined ? [] : at.copies.slice(0, at.count);
    },
    columnAcross: (unit, copy, table, column, toward) => {
      const renames = renamesOf.get(unit) ?? [];
      const [first, end] = [renamesBeforeCopy.get(copy) ?? 0, copiesBefore.get(unit)?.renames ?? 0];
      const forward = toward === 'unit';
      let name = column;
      for (let k = 0; k < end - first; k++) {
        const r = renames[forward ? first + k : end - 1 - k]!;
        if (!sameTable(r.table, table)) continue;
        const [from, to] = forward ? [r.column, r.newName] : [r.newName, r.column];
        if (from.toLowerCase() === name.toLowerCase()) name = to;
      }
      return name;
    },
    goneBefore: (op) => gone.get(op) ?? null,
    isReferenced: (unit, table, column) =>
      (foreignKeys.get(unit)?.() ?? []).some(
        (target) => sameTable(target.table, table) && (target.columns === null || target.columns.some((c) => c.toLowerCase() === column.toLowerCase())),
      ),
    knowsEveryTable: (op) => !fromExistingSchema.has(op) && !afterCreateAll.has(op),
    knowsEveryCreation: (op) => !afterCreateAll.has(op),
    existingSchema: (unit) => starts.get(unit) ?? null,
    createdByOtherSets: (unit, table) => {
      const own = setOf.get(unit) ?? migrationSet(unit);
      const kin = kindOf(unit);
      let found: 'rows' | 'rowless' | null = null;
      for (const [set, creation] of (creations ??= creationsBySet(sets)).get(key(table)) ?? []) {
        // The files of a folder that name no database run on each of them, beside that database's own (popx).
        const generic = set === folderOf(own);
        if (set !== own && (creation.kin === kin || generic) && found !== 'rows') found = creation.holds;
      }
      return found;
    },
  };
}

/**
 * The files of a set's first migration, in order: the first, or, where the
 * set keeps its versions in folders of their own (`0.17/00__inbox.sql`,
 * `0.18/00__x.sql`), every file of the first version's folder. A set whose
 * files share one folder, or that has one folder per migration (Prisma,
 * Diesel), is judged by its first migration alone.
 */
function firstVersion(ordered: readonly MigrationUnit[]): MigrationUnit[] {
  const folder = (unit: MigrationUnit): string => path.posix.dirname(unit.file.path);
  const first = folder(ordered[0]!);
  const together = ordered.filter((unit) => folder(unit) === first && !unit.phases.every((phase) => phase === 'downgrade'));
  const versions = new Set(ordered.map(folder));
  // One folder per migration (Prisma's `<name>/migration.sql`, Diesel's up.sql and down.sql): the first alone.
  return versions.size > 1 && together.length > 1 ? together : [ordered[0]!];
}

/** What the foreign keys the upgrades of a set's migrations create refer to. */
function foreignKeyTargets(list: readonly MigrationUnit[]): ForeignKeyTarget[] {
  return list.flatMap((unit) =>
    unit.operations.flatMap((op) => {
      if (op.phase === 'downgrade') return [];
      if (op.kind === 'create-table') return op.references ?? [];
      return op.kind === 'add-foreign-key' ? [op.references] : [];
    }),
  );
}

/** The set of a folder's files that name no database, beside one of those that do (see `migrationSet`). */
function folderOf(set: string): string {
  const hash = set.lastIndexOf('#');
  return hash < 0 ? set : set.slice(0, hash);
}

/** Format and dialect: sets of one kind may share a database; a Prisma app and an Alembic service beside it do not. */
function kindOf(unit: MigrationUnit): string {
  return `${unit.format} ${unit.dialect ?? ''}`;
}

interface SetCreation {
  readonly kin: string;
  readonly holds: 'rows' | 'rowless';
}

/** The tables the upgrades of each set create or rename into being, by table key, then set: what \`History.createdByOtherSets\` reads. */
function creationsBySet(sets: ReadonlyMap<string, readonly MigrationUnit[]>): Map<string, Map<string, SetCreation>> {
  const creations = new Map<string, Map<string, SetCreation>>();
  const record = (table: TableRef, set: string, unit: MigrationUnit, holds: 'rows' | 'rowless'): void => {
    const bySet = creations.get(key(table)) ?? creations.set(key(table), new Map()).get(key(table))!;
    if (bySet.get(set)?.holds !== 'rows') bySet.set(set, { kin: kindOf(unit), holds });
  };
  for (const [set, list] of sets) {
    for (const unit of list) {
      for (const op of unit.operations) {
        if (op.phase === 'downgrade' || op.definedIn !== undefined) continue;
        if (op.kind === 'create-table') record(op.table, set, unit, op.rowless === undefined ? 'rows' : 'rowless');
        else if (op.kind === 'rename-table') record(renamedTable(op), set, unit, 'rows');
      }
    }
  }
  return creations;
}

/** Alembic file names are random, so the revision graph orders them; other formats sort by name. */
function upgradeOrder(list: MigrationUnit[], graphs: Map<MigrationUnit, RevisionGraph>): MigrationUnit[] {
  // Prisma applies its folders in plain name order; versioned SQL files sort by version number.
  const compare = list[0]?.format === 'prisma' || list[0]?.format === 'drizzle' ? compareText : compareNatural;
  const byName = [...list].sort((a, b) => compare(a.orderKey, b.orderKey) || (a.file.path < b.file.path ? -1 : 1));
  const alembic = byName.filter((u) => revisionOf(u) !== null);
  if (alembic.length === 0) return byName;
  const graph = buildRevisionGraph(alembic);
  for (const unit of alembic) graphs.set(unit, graph);
  return [...graph.order, ...byName.filter((u) => revisionOf(u) === null)];
}

class Schema {
  /** Tables by their folded name: see `key`. */
  private readonly byKey = new Map<string, TableState>();
  /** Tables the history had and dropped or renamed away since, by folded name. */
  private readonly removed = new Map<string, 'dropped' | 'renamed'>();

  /** `gone` receives, for an operation on a table that is not there, how it went (see `History.goneBefore`). */
  constructor(private readonly gone: Map<Operation, 'dropped' | 'renamed'>) {}

  tables(): TableState[] {
    return [...this.byKey.values()];
  }

  find(table: TableRef): TableState | null {
    return this.byKey.get(key(table)) ?? null;
  }

  /** See `History.columnsOfType`. */
  columnsOfType(op: DropCascadeOp): Array<{ table: TableRef; column: string }> | null {
    if (op.objectKind !== 'type' && op.objectKind !== 'domain') return null;
    const wanted = baseTypeName(op.name);
    const users: Array<{ table: TableRef; column: string }> = [];
    for (const state of this.byKey.values()) {
      // No columns known (`CREATE TABLE t AS SELECT *`, a table only renamed into being): they may have the type.
      if (state.columns.length === 0) return null;
      for (const column of state.columns) {
        const type = state.types?.get(column.toLowerCase());
        if (type === undefined || type === null) return null;
        if (baseTypeName(type) === wanted) users.push({ table: state.table, column });
      }
    }
    return users;
  }

  /** The feeds of the tables that views fill, kept up with their source: renamed, dropped (then unknown), keeping its rows for another time. */
  private followSource(op: SetTtlOp | RenameTableOp | DropTableOp): void {
    for (const [k, state] of this.byKey) {
      if (!state.filledBy?.some((f) => f.source !== null && sameTable(f.source, op.table))) continue;
      const filledBy = state.filledBy.map((f): Feed => {
        if (f.source === null || !sameTable(f.source, op.table)) return f;
        if (op.kind === 'rename-table') return { ...f, source: renamedTable(op) };
        if (op.kind === 'drop-table') return { ...f, source: null };
        // Undefined: REMOVE TTL, the rows are kept for good.
        return { ...f, sourceTtl: op.ttlSeconds };
      });
      this.byKey.set(k, { ...state, filledBy });
    }
  }

  apply(op: Operation, unit: MigrationUnit, before: Map<Operation, TableState | null>): void {
    if (op.kind === 'drop-schema') {
      for (const [k, state] of this.byKey) {
        if (normalSchema(state.table.schema) !== normalSchema(op.schema)) continue;
        this.byKey.delete(k);
        this.removed.set(k, 'dropped');
      }
      return;
    }
    if (!('table' in op)) return;
    const into = op.kind === 'create-table' ? op.materializedView?.to : null;
    const target = into ? this.find(into) : null;
    if (op.kind === 'create-table' && target) {
      const source = op.materializedView?.source ?? null;
      const read = source ? this.find(source) : null;
      const creation = read?.createdBy?.op;
      const feed: Feed = {
        view: op.table,
        source: read?.table ?? null,
        fromRowless: creation?.kind === 'create-table' && creation.rowless === 'null-engine',
        ...(read?.ttlSeconds !== undefined && { sourceTtl: read.ttlSeconds }),
      };
      this.byKey.set(key(target.table), { ...target, filledBy: [...(target.filledBy ?? []), feed] });
    }
    if (op.kind === 'set-ttl' || op.kind === 'rename-table' || op.kind === 'drop-table') this.followSource(op);
    const state = this.find(op.table);
    before.set(op, state);
    const went = state === null ? this.removed.get(key(op.table)) : undefined;
    if (went !== undefined) this.gone.set(op, went);
    const set = (next: TableState): void => {
      if (state) this.byKey.delete(key(state.table));
      if (state && key(state.table) !== key(next.table)) this.removed.set(key(state.table), 'renamed');
      this.byKey.set(key(next.table), next);
      this.removed.delete(key(next.table));
    };
    switch (op.kind) {
      case 'create-table':
        // `CREATE TABLE IF NOT EXISTS` of a table that stands does nothing.
        if (op.ifNotExists && state) return;
        set({
          table: op.table,
          columns: op.columns.map((c) => c.name),
          computed: computedOf(op.columns),
          types: typesOf(op.columns),
          createdBy: { unit, op },
          ...(op.ttlSeconds !== undefined && { ttlSeconds: op.ttlSeconds }),
        });
        return;
      case 'set-ttl':
        if (state) set({ ...state, ttlSeconds: op.ttlSeconds });
        return;
      case 'redefine-table': {
        // A rebuild whose new table lists no columns (`CREATE TABLE x_new AS SELECT *`) keeps the old ones.
        const types = op.columns.length > 0 ? typesOf(op.columns) : state?.types;
        set({
          table: state?.table ?? op.table,
          columns: op.columns.length > 0 ? op.columns.map((c) => c.name) : (state?.columns ?? []),
          computed: op.columns.length > 0 ? computedOf(op.columns) : (state?.computed ?? []),
          ...(types !== undefined && { types }),
          createdBy: state?.createdBy ?? { unit, op },
        });
        return;
      }
      case 'add-column':
        if (state && !state.columns.includes(op.column.name))
          set({
            ...state,
            columns: [...state.columns, op.column.name],
            computed: [...state.computed, ...computedOf([op.column])],
            types: withType(state.types, op.column.name, op.column.type),
          });
        return;
      case 'drop-column':
        if (state)
          set({
            ...state,
            columns: state.columns.filter((c) => c !== op.column),
            computed: state.computed.filter((c) => c !== op.column),
            types: withType(state.types, op.column, undefined),
          });
        return;
      case 'rename-column':
        if (state) {
          const renamed = (c: string): string => (c === op.column ? op.newName : c);
          const type = state.types?.get(op.column.toLowerCase()) ?? null;
          set({
            ...state,
            columns: state.columns.map(renamed),
            computed: state.computed.map(renamed),
            types: withType(withType(state.types, op.column, undefined), op.newName, type),
          });
        }
        return;
      case 'rename-table':
        // A table the history never saw created still exists under its new name.
        set({ ...(state ?? { columns: [], computed: [], createdBy: null }), table: { schema: op.newSchema ?? (state ?? op).table.schema, name: op.newName } });
        return;
      case 'drop-table':
        if (state) {
          this.byKey.delete(key(state.table));
          this.removed.set(key(state.table), 'dropped');
        }
        return;
      case 'alter-column-type':
        // A column redefined (MySQL's `MODIFY c INT`) may no longer be computed: it is judged as stored from here on.
        if (state) set({ ...state, computed: state.computed.filter((c) => c !== op.column), types: withType(state.types, op.column, op.newType) });
        return;
      case 'copy-values':
      case 'insert-rows':
      case 'overwrite-column':
      case 'add-foreign-key':
      case 'truncate':
      case 'delete':
      case 'drop-partition':
        return;
      default:
        assertNever(op);
    }
  }
}

function computedOf(columns: readonly ColumnDef[]): string[] {
  return columns.filter((c) => c.computed === true).map((c) => c.name);
}

/**
 * A type's name without what can come around it (`public."Currency"[]`,
 * `varchar(255)`): folded to lower case, so that names that differ only in
 * case, or in schema, count as one.
 */
function baseTypeName(type: string): string {
  let name = type.trim();
  while (name.endsWith('[]')) name = name.slice(0, -2).trimEnd();
  const paren = name.indexOf('(');
  if (paren >= 0) name = name.slice(0, paren).trimEnd();
  name = name.slice(name.lastIndexOf('.') + 1);
  return name.replace(/^"|"$/g, '').toLowerCase();
}

function typesOf(columns: readonly ColumnDef[]): Map<string, string | null> {
  return new Map(columns.map((c) => [c.name.toLowerCase(), c.type]));
}

/** `types` with the column's type set (undefined: the column removed). */
function withType(types: ReadonlyMap<string, string | null> | undefined, column: string, type: string | null | undefined): Map<string, string | null> {
  const next = new Map(types);
  if (type === undefined) next.delete(column.toLowerCase());
  else next.set(column.toLowerCase(), type);
  return next;
}

/** The functions the history has created, by folded name: whether each returns a trigger. */
class Functions {
  constructor(private readonly byKey = new Map<string, boolean>()) {}

  copy(): Functions {
    return new Functions(new Map(this.byKey));
  }

  /** Records a creation, or, for a drop of a function, what the history knows of it (into `known`). */
  apply(op: Operation, known: Map<DropCascadeOp, boolean>): void {
    if (op.kind === 'create-function') this.byKey.set(key(op), op.returnsTrigger);
    else if (op.kind === 'drop-cascade' && op.objectKind === 'function') {
      const returnsTrigger = this.byKey.get(key(op));
      if (returnsTrigger !== undefined) known.set(op, returnsTrigger);
    }
  }
}

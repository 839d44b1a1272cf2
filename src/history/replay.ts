import path from 'node:path';
import { compareText } from '../compare.js';
import type { Operation, TableRef } from '../ir/operations.js';
import { assertNever } from '../ir/operations.js';
import type { MigrationUnit } from '../ir/unit.js';
import { compareNatural } from './natural-order.js';
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
  /** Null for a table that only appears through a rename of an untracked one. */
  readonly createdBy: Creation | null;
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
  /** The tables alive after every migration of the unit's set has run. */
  tablesAtHead(unit: MigrationUnit): readonly TableState[];
  /** The Alembic revision graph of the unit's `versions/` folder, for Alembic migrations. */
  revisionGraph(unit: MigrationUnit): RevisionGraph | null;
}

/** Which migration set a unit belongs to: units of one set share a history. */
export function migrationSet(unit: MigrationUnit): string {
  const dir = path.posix.dirname(unit.file.path);
  return unit.meta.format === 'prisma' ? path.posix.dirname(dir) : dir;
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
  const before = new Map<Operation, TableState | null>();
  const graphs = new Map<MigrationUnit, RevisionGraph>();
  const heads = new Map<MigrationUnit, readonly TableState[]>();
  const firsts = new Set<MigrationUnit>();
  for (const list of sets.values()) {
    const schema = new Schema();
    const ordered = upgradeOrder(list, graphs);
    if (ordered[0]) firsts.add(ordered[0]);
    for (const unit of ordered) {
      // History is the upgrade path: a downgrade is checked against the state its
      // own upgrade left, and never applied.
      for (const op of unit.operations) if (op.phase !== 'downgrade') schema.apply(op, unit, before);
      for (const op of unit.operations) if (op.phase === 'downgrade' && 'table' in op) before.set(op, schema.find(op.table));
    }
    const alive = schema.tables();
    for (const unit of list) heads.set(unit, alive);
  }
  return {
    tableBefore: (op) => before.get(op) ?? null,
    columnsBefore: (op) => before.get(op)?.columns ?? null,
    hasEarlierMigrations: (unit) => heads.has(unit) && !firsts.has(unit),
    tablesAtHead: (unit) => heads.get(unit) ?? [],
    revisionGraph: (unit) => graphs.get(unit) ?? null,
  };
}

/** Alembic file names are random, so the revision graph orders them; other formats sort by name. */
function upgradeOrder(list: MigrationUnit[], graphs: Map<MigrationUnit, RevisionGraph>): MigrationUnit[] {
  // Prisma applies its folders in plain name order; versioned SQL files sort by version number.
  const compare = list[0]?.format === 'prisma' ? compareText : compareNatural;
  const byName = [...list].sort((a, b) => compare(a.orderKey, b.orderKey) || (a.file.path < b.file.path ? -1 : 1));
  const alembic = byName.filter((u) => revisionOf(u) !== null);
  if (alembic.length === 0) return byName;
  const graph = buildRevisionGraph(alembic);
  for (const unit of alembic) graphs.set(unit, graph);
  return [...graph.order, ...byName.filter((u) => revisionOf(u) === null)];
}

/** Schemas SQL resolves an unqualified name to: `public.users` and `users` are one table. */
const DEFAULT_SCHEMAS = new Set(['public', 'dbo', 'main']);

class Schema {
  /** Tables by their folded name: see `key`. */
  private readonly byKey = new Map<string, TableState>();

  tables(): TableState[] {
    return [...this.byKey.values()];
  }

  find(table: TableRef): TableState | null {
    return this.byKey.get(key(table)) ?? null;
  }

  apply(op: Operation, unit: MigrationUnit, before: Map<Operation, TableState | null>): void {
    if (op.kind === 'drop-schema') {
      for (const [k, state] of this.byKey) if (normalSchema(state.table.schema) === normalSchema(op.schema)) this.byKey.delete(k);
      return;
    }
    if (!('table' in op)) return;
    const state = this.find(op.table);
    before.set(op, state);
    const set = (next: TableState): void => {
      if (state) this.byKey.delete(key(state.table));
      this.byKey.set(key(next.table), next);
    };
    switch (op.kind) {
      case 'create-table':
        set({ table: op.table, columns: op.columns.map((c) => c.name), createdBy: { unit, op } });
        return;
      case 'redefine-table':
        set({ table: state?.table ?? op.table, columns: op.columns.map((c) => c.name), createdBy: state?.createdBy ?? { unit, op } });
        return;
      case 'add-column':
        if (state && !state.columns.includes(op.column.name)) set({ ...state, columns: [...state.columns, op.column.name] });
        return;
      case 'drop-column':
        if (state) set({ ...state, columns: state.columns.filter((c) => c !== op.column) });
        return;
      case 'rename-column':
        if (state) set({ ...state, columns: state.columns.map((c) => (c === op.column ? op.newName : c)) });
        return;
      case 'rename-table':
        if (state) set({ ...state, table: { schema: state.table.schema, name: op.newName } });
        return;
      case 'drop-table':
        if (state) this.byKey.delete(key(state.table));
        return;
      case 'alter-column-type':
      case 'truncate':
      case 'delete':
        return;
      default:
        assertNever(op);
    }
  }
}

function normalSchema(schema: string | null): string {
  return schema === null || DEFAULT_SCHEMAS.has(schema.toLowerCase()) ? '' : schema.toLowerCase();
}

/**
 * One table, however it is written: `public.users`, `users` and `USERS` are the
 * same (unquoted names fold, and the IR does not keep the quoting). A lookup is
 * one map access, so replaying thousands of migrations stays linear.
 */
function key(table: TableRef): string {
  return `${normalSchema(table.schema)}\u0000${table.name.toLowerCase()}`;
}

import path from 'node:path';
import type { Operation, TableRef } from '../ir/operations.js';
import { assertNever } from '../ir/operations.js';
import type { MigrationUnit } from '../ir/unit.js';

/**
 * What the migrations before an operation have built: replayed in order per
 * migration set (a Prisma `migrations` folder, or the folder of SQL files).
 */
export interface History {
  /** Columns the table had just before `op`, or null when no earlier migration in the set created it. */
  columnsBefore(op: Operation): readonly string[] | null;
}

/** Which migration set a unit belongs to: units of one set share a history. */
export function migrationSet(unit: MigrationUnit): string {
  const dir = path.posix.dirname(unit.file.path);
  return unit.meta.format === 'prisma' ? path.posix.dirname(dir) : dir;
}

export function replay(units: readonly MigrationUnit[]): History {
  const sets = new Map<string, MigrationUnit[]>();
  for (const unit of units) {
    const key = migrationSet(unit);
    const list = sets.get(key);
    if (list) list.push(unit);
    else sets.set(key, [unit]);
  }
  const before = new Map<Operation, readonly string[] | null>();
  for (const list of sets.values()) {
    const tables = new Map<string, string[]>();
    list.sort((a, b) => compareNatural(a.orderKey, b.orderKey) || (a.file.path < b.file.path ? -1 : 1));
    for (const unit of list) {
      // History is the upgrade path; a downgrade undoes it and is not part of it.
      for (const op of unit.operations) if (op.phase !== 'downgrade') apply(op, tables, before);
    }
  }
  return { columnsBefore: (op) => before.get(op) ?? null };
}

function key(table: TableRef): string {
  return `${table.schema ?? ''}\u0000${table.name}`;
}

function apply(op: Operation, tables: Map<string, string[]>, before: Map<Operation, readonly string[] | null>): void {
  if (!('table' in op)) return;
  const columns = tables.get(key(op.table));
  // A copy: later operations change the table's list, not what this one saw.
  before.set(op, columns ? [...columns] : null);
  switch (op.kind) {
    case 'create-table':
    case 'redefine-table':
      tables.set(key(op.table), op.columns.map((c) => c.name));
      return;
    case 'add-column':
      if (columns && !columns.includes(op.column.name)) columns.push(op.column.name);
      return;
    case 'drop-column':
      if (columns) tables.set(key(op.table), columns.filter((c) => c !== op.column));
      return;
    case 'rename-column':
      if (columns) tables.set(key(op.table), columns.map((c) => (c === op.column ? op.newName : c)));
      return;
    case 'rename-table':
      if (columns) {
        tables.delete(key(op.table));
        tables.set(key({ schema: op.table.schema, name: op.newName }), columns);
      }
      return;
    case 'drop-table':
      tables.delete(key(op.table));
      return;
    case 'alter-column-type':
    case 'truncate':
    case 'delete':
      return;
    default:
      assertNever(op);
  }
}

const natural = new Intl.Collator('en', { numeric: true });

/** Orders `2_b` before `10_a`: migration versions are numbers, not strings. */
export function compareNatural(a: string, b: string): number {
  return natural.compare(a, b);
}

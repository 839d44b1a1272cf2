import type { Operation } from '../ir/operations.js';
import type { MigrationUnit } from '../ir/unit.js';

/** One migration of a set: a file, or the step files of a migration split over several (popx). */
export interface Migration {
  readonly units: readonly MigrationUnit[];
  /** Its operations, in order across its files. */
  readonly operations: readonly Operation[];
  /** Where the downgrade is a file of its own: the operations of its upgrade; else null. */
  readonly upgrade: readonly Operation[] | null;
}

/**
 * The migrations of a set, from its files in upgrade order. A down file's
 * upgrade is its up file: `0002_x.down.sql` and `0002_x.up.sql`, Flyway's
 * `U2__x.sql` and `V2__x.sql`, whose order keys (classifySqlFile) differ only
 * in the final phase digit; for split migrations, the up steps of the same
 * version; for a script in a folder of undo scripts, the upgrade
 * `undoneBy` found for it.
 */
export function migrationsOf(ordered: readonly MigrationUnit[], undone: ReadonlyMap<MigrationUnit, MigrationUnit> = new Map()): Migration[] {
  const byOrder = new Map(ordered.map((u) => [u.orderKey, u]));
  /** Each migration's files, in upgrade order; a split migration where its first step comes. */
  const files: MigrationUnit[][] = [];
  const steps = new Map<string, MigrationUnit[]>();
  for (const unit of ordered) {
    const stepOf = unit.meta.format === 'sql' ? unit.meta.stepOf : null;
    if (stepOf === null) {
      files.push([unit]);
      continue;
    }
    const key = `${stepOf} ${isDownFile(unit) ? 1 : 0}`;
    const list = steps.get(key);
    if (list) list.push(unit);
    else {
      const first = [unit];
      steps.set(key, first);
      files.push(first);
    }
  }
  return files.map((units) => {
    const unit = units[0]!;
    const stepOf = unit.meta.format === 'sql' ? unit.meta.stepOf : null;
    const upSteps = stepOf !== null && isDownFile(unit) ? steps.get(`${stepOf} 0`) : undefined;
    const upgrade = stepOf === null ? ((upFileOf(unit, byOrder) ?? undone.get(unit))?.operations ?? null) : (upSteps?.flatMap((u) => u.operations) ?? null);
    return { units, operations: units.length === 1 ? unit.operations : units.flatMap((u) => u.operations), upgrade };
  });
}

function isDownFile(unit: MigrationUnit): boolean {
  return unit.format === 'sql' && unit.orderKey.endsWith(' 1') && unit.operations.every((op) => op.phase === 'downgrade');
}

function upFileOf(unit: MigrationUnit, byOrder: ReadonlyMap<string, MigrationUnit>): MigrationUnit | null {
  if (!isDownFile(unit)) return null;
  return byOrder.get(`${unit.orderKey.slice(0, -1)}0`) ?? null;
}

/**
 * The upgrade each script in a folder of undo scripts undoes: the one file at
 * the same path below a sibling folder (Sqitch's `revert/x.sql` and
 * `deploy/x.sql`; `rollback_dbs/pg/1.2.0/1.sql` and `init_dbs/pg/1.2.0/1.sql`).
 * A script with no such file, or several, has none.
 */
export function undoneBy(units: readonly MigrationUnit[]): Map<MigrationUnit, MigrationUnit> {
  const undo = new Map<string, MigrationUnit[]>();
  for (const unit of units) {
    const at = unit.meta.format === 'sql' ? unit.meta.undoFolder : null;
    if (at === null) continue;
    const key = siblingKey(unit.file.path.split('/'), at);
    const list = undo.get(key);
    if (list) list.push(unit);
    else undo.set(key, [unit]);
  }
  const paired = new Map<MigrationUnit, MigrationUnit>();
  if (undo.size === 0) return paired;
  const candidates = new Map<string, MigrationUnit[]>();
  const depths = new Set([...undo.values()].map((list) => list[0]!.file.path.split('/').length));
  for (const unit of units) {
    if (unit.format !== 'sql' || (unit.meta.format === 'sql' && unit.meta.undoFolder !== null)) continue;
    const parts = unit.file.path.split('/');
    if (!depths.has(parts.length)) continue;
    for (let at = 0; at < parts.length - 1; at++) {
      const key = siblingKey(parts, at);
      if (!undo.has(key)) continue;
      const list = candidates.get(key);
      if (list) list.push(unit);
      else candidates.set(key, [unit]);
    }
  }
  for (const [key, downs] of undo) {
    const ups = candidates.get(key);
    if (ups?.length === 1) for (const down of downs) paired.set(down, ups[0]!);
  }
  return paired;
}

/** The path with the folder at `at` left out: what a file and its counterpart below a sibling folder share. */
function siblingKey(parts: readonly string[], at: number): string {
  return `${parts.slice(0, at).join('/')}\0${parts.slice(at + 1).join('/')}`;
}

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
 * in the final phase digit; and for split migrations, the up steps of the
 * same version.
 */
export function migrationsOf(ordered: readonly MigrationUnit[]): Migration[] {
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
    const upgrade = stepOf === null ? (upFileOf(unit, byOrder)?.operations ?? null) : (upSteps?.flatMap((u) => u.operations) ?? null);
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

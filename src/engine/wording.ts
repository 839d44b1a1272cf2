import type { Phase, TableRef } from '../ir/operations.js';
import type { MigrationUnit } from '../ir/unit.js';

/**
 * Who performs an operation, as the start of a message: `upgrade()`, `down
 * migration`; for one in the body of a routine the migration does not run,
 * that routine.
 */
export function actor(unit: MigrationUnit, { phase, definedIn }: { readonly phase: Phase; readonly definedIn?: string }): string {
  if (definedIn !== undefined) return `${definedIn}(), which this migration defines but does not call,`;
  if (unit.format === 'alembic') return phase === 'none' ? 'migration' : `${phase}()`;
  if (unit.format === 'script') return phase === 'upgrade' ? 'up()' : phase === 'downgrade' ? 'down()' : 'migration';
  return phase === 'downgrade' ? 'down migration' : 'migration';
}

/** `"session"` or `"billing.invoice"`. */
export function tableName(table: TableRef): string {
  return JSON.stringify(table.schema === null ? table.name : `${table.schema}.${table.name}`);
}

export function quoted(name: string): string {
  return JSON.stringify(name);
}

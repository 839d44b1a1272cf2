import type { TableRef } from '../ir/operations.js';

/**
 * The version tables of migration tools that projects replaced (OpenStack and
 * CKAN moved from sqlalchemy-migrate to Alembic, Django from South to its own
 * migrations, Quickwit from Diesel to sqlx), by the tool that kept them. Such
 * a table holds only that tool's record of the versions it applied; the
 * migration that drops it retires the tool.
 */
const RETIRED_TOOL_TABLES: Readonly<Record<string, string>> = {
  migrate_version: 'sqlalchemy-migrate',
  south_migrationhistory: 'South',
  __diesel_schema_migrations: 'Diesel',
};

/** The retired migration tool whose version table `table` is, or null. */
export function retiredToolOf(table: TableRef): string | null {
  return RETIRED_TOOL_TABLES[table.name.toLowerCase()] ?? null;
}

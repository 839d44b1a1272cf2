import path from 'node:path';
import type { Dialect } from '../ir/unit.js';

/** Names projects give the per-database copies of their migrations (TypeORM's `migrations/mysql/`, popx's `x.mysql.up.sql`). */
const NAMED: Readonly<Record<string, Dialect>> = {
  mysql: 'mysql',
  mariadb: 'mysql',
  // Hosted databases that speak MySQL's SQL (TypeORM projects keep a folder per engine they support).
  planetscale: 'mysql',
  tidb: 'mysql',
  singlestore: 'mysql',
  sqlite: 'sqlite',
  libsql: 'sqlite',
  turso: 'sqlite',
  sqlite3: 'sqlite',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  cockroach: 'cockroachdb',
  cockroachdb: 'cockroachdb',
  mssql: 'sqlserver',
  sqlserver: 'sqlserver',
  clickhouse: 'clickhouse',
};

/**
 * The dialect a file's place names: a folder called after a database, or a
 * dotted part of its name (`20200607_settings.mysql.up.sql`); null when none
 * does. The nearest name wins.
 */
export function dialectFromPath(absPath: string): Dialect | null {
  const [name = '', ...folders] = absPath.split(path.sep).reverse();
  const variant = databaseInName(name);
  if (variant !== null) return NAMED[variant]!;
  for (const folder of folders.slice(0, 4)) {
    const dialect = NAMED[folder.toLowerCase()];
    if (dialect !== undefined) return dialect;
  }
  return null;
}

/**
 * The database a file name names, lower-cased: a dotted part of it (`mysql` in
 * `20200607_settings.mysql.up.sql`), or the last word of an unversioned name
 * (`schema_postgresql.sql`, `init-mysql.sql`: one script per database); null
 * when none does. A versioned migration's last word says what it does
 * (`V12__move_to_postgres.sql`), not which database's copy it is.
 */
export function databaseInName(fileName: string): string | null {
  const [stem = '', ...parts] = fileName.split('.');
  for (const part of parts) {
    const lower = part.toLowerCase();
    if (NAMED[lower] !== undefined) return lower;
  }
  const last = /[_-]([A-Za-z0-9]+)$/.exec(stem)?.[1]?.toLowerCase();
  return last !== undefined && NAMED[last] !== undefined && !namesVersion(stem) ? last : null;
}

/** Whether a file name starts with a version (`0042_x`, `20240101_x`, Flyway's `V3__x`, `U3__x`, `R__x`): one of an ordered series. */
export function namesVersion(fileName: string): boolean {
  return /^(\d|[VUR]\d|R__)/i.test(fileName);
}

/** The database the first word of a camelCase or snake_case name names (`postgresUpQueryRunner`, `sqlite_down`); null when it names none. */
export function databaseInWords(name: string): Dialect | null {
  const first = /^[a-z0-9]+/i.exec(name.replace(/^_+/, '').replace(/([a-z0-9])(?=[A-Z])/g, '$1 '))?.[0].toLowerCase();
  return first === undefined ? null : (NAMED[first] ?? (first === 'pg' ? 'postgresql' : null));
}

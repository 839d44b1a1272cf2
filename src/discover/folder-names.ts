/** The folder names discovery judges a path by (the README's "What it reads" lists them). */

/**
 * Folder names that say "migrations here": a loose `.sql` file, or a TS/JS
 * file that defines `up`/`down`, at or below one is linted. Compared in lower
 * case (`Migrations/` in .NET projects).
 */
export const MIGRATION_FOLDERS: ReadonlySet<string> = new Set([
  'migrations',
  'migration',
  'migrate',
  'db',
  'database',
  'schema',
  'schemas',
  'sql',
  'ddl',
  'changelog',
  'changelogs',
  'changes',
  'patches',
  'flyway',
  'liquibase',
  'deploy',
  'revert',
  'upgrade',
]);

/**
 * Folder names below which a loose `.sql` or TS/JS file is test data, a dbt
 * macro, a seed, a snapshot or a template an application renders, never a
 * migration, even inside a migrations folder.
 */
export const NOT_MIGRATION_FOLDERS: ReadonlySet<string> = new Set([
  'test',
  'tests',
  '__tests__',
  'testdata',
  'fixtures',
  'spec',
  'e2e',
  'macros',
  'seeds',
  'snapshots',
  'analyses',
  'templates',
]);

/**
 * Where TS/JS migrations are looked for when walking folders: only in
 * migrations-like folders, since an `up`/`down` shape alone does not tell a
 * migration from application code. Whether a file found here is a migration
 * is then the front-end's call (it exports or defines `up`/`down`).
 */
export const SCRIPT_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** Folder names that make a folder migrations-like. */
const MIGRATION_FOLDERS = [
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
  'deploy',
  'upgrade',
];

/** Below these, files are tests, fixtures or generated output, not migrations. */
const NOT_MIGRATION_FOLDERS = new Set([
  'test',
  'tests',
  '__tests__',
  'testdata',
  'fixtures',
  'spec',
  'e2e',
  'seeds',
  'snapshots',
  'dist',
  'build',
  'out',
  'coverage',
]);

/**
 * Glob patterns (relative to the walked folder) of the TS/JS files worth
 * reading: all of them when the walked folder is itself in a migrations-like
 * folder (`droplint db/migrations`), else those below one.
 */
export function scriptGlobs(walkedFolder: string): string[] {
  const extensions = `{${SCRIPT_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;
  return inMigrationsFolder(walkedFolder) ? [`**/*.${extensions}`] : [`**/{${MIGRATION_FOLDERS.join(',')}}/**/*.${extensions}`];
}

export function isScriptFile(name: string): boolean {
  return SCRIPT_EXTENSIONS.some((extension) => name.endsWith(extension)) && !/\.d\.[cm]?ts$|\.(test|spec)\.[cm]?[jt]s$/.test(name);
}

/** `rel`: '/'-separated, relative to the walked folder; tests and fixtures below it are never migrations. */
export function isScriptMigrationPath(walkedFolder: string, rel: string): boolean {
  const folders = rel.split('/').slice(0, -1);
  return (
    isScriptFile(rel) &&
    (inMigrationsFolder(walkedFolder) || folders.some((f) => MIGRATION_FOLDERS.includes(f))) &&
    !folders.some((f) => NOT_MIGRATION_FOLDERS.has(f))
  );
}

function inMigrationsFolder(absFolder: string): boolean {
  return absFolder.split(/[\\/]/).some((f) => MIGRATION_FOLDERS.includes(f));
}

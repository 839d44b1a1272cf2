import { MIGRATION_FOLDERS, NOT_MIGRATION_FOLDERS } from './folder-names.js';

/**
 * Where TS/JS migrations are looked for when walking folders: only in
 * migrations-like folders, since an `up`/`down` shape alone does not tell a
 * migration from application code. Whether a file found here is a migration
 * is then the front-end's call (it exports or defines `up`/`down`).
 */
export const SCRIPT_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/** Below these, TS/JS files are build output, not migrations (besides the tests and fixtures no migrations folder holds). */
const NOT_SCRIPT_FOLDERS: ReadonlySet<string> = new Set([...NOT_MIGRATION_FOLDERS, 'dist', 'build', 'out', 'coverage']);

/**
 * Glob patterns (relative to the walked folder) of the TS/JS files worth
 * reading: all of them when the walked folder is itself in a migrations-like
 * folder (`droplint db/migrations`), else those below one.
 */
export function scriptGlobs(walkedFolder: string): string[] {
  const extensions = `{${SCRIPT_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`;
  return inMigrationsFolder(walkedFolder) ? [`**/*.${extensions}`] : [`**/{${[...MIGRATION_FOLDERS].join(',')}}/**/*.${extensions}`];
}

export function isScriptFile(name: string): boolean {
  return SCRIPT_EXTENSIONS.some((extension) => name.endsWith(extension)) && !/\.d\.[cm]?ts$|\.(test|spec)\.[cm]?[jt]s$/.test(name);
}

/** `rel`: '/'-separated, relative to the walked folder; tests and fixtures below it are never migrations. */
export function isScriptMigrationPath(walkedFolder: string, rel: string): boolean {
  const folders = rel.split('/').slice(0, -1);
  return (
    isScriptFile(rel) &&
    (inMigrationsFolder(walkedFolder) || folders.some((f) => MIGRATION_FOLDERS.has(f.toLowerCase()))) &&
    !folders.some((f) => NOT_SCRIPT_FOLDERS.has(f.toLowerCase()))
  );
}

function inMigrationsFolder(absFolder: string): boolean {
  return absFolder.split(/[\\/]/).some((f) => MIGRATION_FOLDERS.has(f.toLowerCase()));
}

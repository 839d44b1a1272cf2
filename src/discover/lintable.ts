import path from 'node:path';
import { SCRIPT_EXTENSIONS } from './script-migrations.js';

/**
 * SQL files for one database, beside the `.sql` files for all (Synapse's
 * `delta/58/05cache_instance.sql.postgres`): read as SQL of that dialect.
 */
export const DIALECT_SQL_EXTENSIONS: readonly string[] = ['.sql.postgres', '.sql.sqlite'];

/** File extensions discovered when walking folders, and accepted when a file is named. */
export const LINTABLE_EXTENSIONS: readonly string[] = ['.sql', ...DIALECT_SQL_EXTENSIONS, '.py', ...SCRIPT_EXTENSIONS];

/** Whether a file name is an SQL file's: `.sql`, or one for one database (`DIALECT_SQL_EXTENSIONS`). */
export function isSqlFileName(name: string): boolean {
  return name.endsWith('.sql') || DIALECT_SQL_EXTENSIONS.some((extension) => name.endsWith(extension));
}

/**
 * Whether droplint reads a file of this name: a lintable extension after a
 * non-empty stem. A file named just `.sql` is a hidden file, not a migration;
 * every entry point (walk, named file, standard input, language server,
 * `--changed-since`) asks this one question so that they agree.
 */
export function hasLintableExtension(filePath: string): boolean {
  const name = path.basename(filePath);
  return LINTABLE_EXTENSIONS.some((extension) => name.length > extension.length && name.endsWith(extension));
}

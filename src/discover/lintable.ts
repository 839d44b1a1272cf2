import path from 'node:path';
import { SCRIPT_EXTENSIONS } from './script-migrations.js';

/** File extensions discovered when walking folders, and accepted when a file is named. */
export const LINTABLE_EXTENSIONS: readonly string[] = ['.sql', '.py', ...SCRIPT_EXTENSIONS];

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

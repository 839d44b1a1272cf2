import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** Hidden folders, caches, virtualenvs and installed packages are never the application's models. */
const SKIPPED_DIRS = /^(\..*|__pycache__|node_modules|site-packages|venv|virtualenv)$/;
/** Tests define models of their own (fixtures), and migration folders only describe tables. */
const TEST_DIRS = /^(tests?|testing|versions)$/;
const TEST_FILES = /^(test_.*|.*_test|conftest)\.py$/;

/**
 * The `.py` files under a folder, in name order, at most `limit`, never those
 * of an Alembic environment's `versions/` (beside its `env.py`: Alembic loads
 * them, no import of the application does); without `tests`, also leaves out
 * test folders and files and any `versions/` folder.
 */
export function pythonFilesUnder(
  dir: string,
  limit: number,
  options: { readonly tests: boolean; readonly walked?: (dir: string) => void } = { tests: true },
): string[] {
  const out: string[] = [];
  options.walked?.(dir);
  const walk = (d: string): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= limit) return;
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.test(e.name) || (!options.tests && TEST_DIRS.test(e.name))) continue;
        if (e.name === 'versions' && isFile(path.join(d, 'env.py'))) continue;
        // Reported before the pyvenv.cfg check: the folder is looked into even when it turns out to be a virtualenv.
        options.walked?.(p);
        if (isFile(path.join(p, 'pyvenv.cfg'))) continue;
        walk(p);
      } else if (e.isFile() && e.name.endsWith('.py') && (options.tests || !TEST_FILES.test(e.name))) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() === true;
}

export function isDir(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
}

import { statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { compareText } from '../compare.js';
import { displayPath } from '../display-path.js';
import { globEntriesSync, globMatcher } from '../globs.js';
import { FsProbe } from './fs-probe.js';
import { GitignoreLoader, isIgnored, type GitignoreChain } from './gitignore.js';
import { trackedFiles } from '../vcs/git.js';
import { DIALECT_SQL_EXTENSIONS, hasLintableExtension } from './lintable.js';
import { MigrationLayouts } from './migrations-like.js';
import { isScriptFile, isScriptMigrationPath, SCRIPT_EXTENSIONS, scriptGlobs } from './script-migrations.js';

/** Which front-end reads a file: discovery decides it, the parsers follow it. */
export type FileKind = 'sql' | 'prisma' | 'python' | 'script' | 'drizzle';

export interface DiscoveredFile {
  readonly absPath: string;
  /** Relative to cwd, '/'-separated (absolute with '/' if outside cwd). */
  readonly path: string;
  readonly kind: FileKind;
  /** For 'prisma': absolute path of the `migrations` folder holding migration_lock.toml. */
  readonly prismaDir: string | null;
}

export interface Discovery {
  /** Sorted by `path`, no duplicates. */
  readonly files: DiscoveredFile[];
  /** One-line messages, e.g. `path not found: foo/bar`. */
  readonly problems: string[];
  /** `.sql` files found walking folders and left out because they are not migrations (`summary.skipped`). */
  readonly skipped: number;
}

export interface DiscoverOptions {
  readonly cwd: string;
  /** Folder that `include`/`exclude` globs are relative to. */
  readonly root: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /**
   * More globs (relative to `root`) of files linted wherever they lie, like
   * `include`'s, but restricting nothing: the `files` of the configuration's
   * `[[overrides]]` entries.
   */
  readonly alwaysLint?: readonly string[];
  /**
   * Judge every file inside this folder, named ones too, as a walk of it
   * would: the language server lints a document as `droplint` run at the
   * workspace folder does, though it names the document and reads only its
   * folder.
   */
  readonly walkRoot?: string;
}

/** Folders never walked into, wherever they are (besides any folder holding `pyvenv.cfg`). */
export const SKIPPED_FOLDERS: readonly string[] = ['node_modules', '.git', '.venv', 'venv', 'site-packages', '__pypackages__', '.tox'];

const PRISMA_MIGRATION_FILE = 'migration.sql';
const PRISMA_LOCK_FILE = 'migration_lock.toml';
const VIRTUALENV_MARKER = 'pyvenv.cfg';

/**
 * Finds the migration files to lint among `paths` (files or folders, relative
 * to `cwd` or absolute). Folders are walked, skipping dependency and VCS
 * folders, virtualenvs and what `.gitignore` files exclude; named files are
 * taken as they are. `exclude` globs drop any file, `include` globs (when
 * given) restrict the files found by walking. A walked `.sql` file of no
 * recognised migration layout is linted only in a migrations-like folder, or
 * when `include` or `alwaysLint` matches it; the others are counted as
 * skipped.
 */
export async function discover(paths: readonly string[], options: DiscoverOptions): Promise<Discovery> {
  const cwd = path.resolve(options.cwd);
  const root = path.resolve(cwd, options.root);
  const probe = new FsProbe();
  const gitignores = new GitignoreLoader(probe);
  const isExcluded = compileGlobs(options.exclude);
  const isIncluded = compileGlobs(options.include);
  const isForced = compileGlobs([...options.include, ...(options.alwaysLint ?? [])]);
  const layouts = new MigrationLayouts(probe);
  const walkRoot = options.walkRoot === undefined ? null : path.resolve(cwd, options.walkRoot);
  const problems: string[] = [];
  const found = new Map<string, DiscoveredFile>();
  const skipped = new Set<string>();

  const rootRelative = (absPath: string): string | null => relativeInside(root, absPath);
  const excluded = (absPath: string): boolean => {
    const rel = rootRelative(absPath);
    return isExcluded !== null && rel !== null && isExcluded(rel);
  };
  const included = (absPath: string): boolean => {
    const rel = rootRelative(absPath);
    return isIncluded === null || rel === null || isIncluded(rel);
  };
  const forced = (absPath: string): boolean => {
    const rel = rootRelative(absPath);
    return isForced !== null && rel !== null && isForced(rel);
  };
  /** Adds a file found in `base`'s walk (null: named), unless it is a loose `.sql` file outside a migrations-like folder. */
  const add = (absPath: string, base: string | null): void => {
    if (found.has(absPath)) return;
    const prismaDir = prismaMigrationsDir(absPath, probe);
    const kind = fileKind(absPath, prismaDir);
    if (base !== null && kind === 'sql' && !forced(absPath) && !layouts.isRecognised(absPath, prismaDir)) {
      if (!layouts.isMigrationsLike(path.dirname(absPath), base) || layouts.isTemplate(absPath)) {
        skipped.add(absPath);
        return;
      }
    }
    found.set(absPath, { absPath, path: displayPath(cwd, absPath), kind, prismaDir });
  };
  const judgedFrom = (absPath: string, walked: string | null): string | null =>
    walkRoot !== null && relativeInside(walkRoot, absPath) !== null ? walkRoot : walked;

  for (const given of paths) {
    const absPath = path.resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absPath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(code === 'ENOENT' || code === 'ENOTDIR' ? `path not found: ${given}` : `cannot read path: ${given} (${code ?? String(error)})`);
      continue;
    }
    if (stats.isDirectory()) {
      for (const file of walk(absPath, probe, gitignores)) {
        if (!excluded(file) && included(file)) add(file, judgedFrom(file, absPath));
      }
    } else if (stats.isFile()) {
      // Named explicitly: .gitignore and `include` do not apply, `exclude` does.
      // Files of other formats are left to the front-ends still to come.
      if (hasLintableExtension(absPath) && !excluded(absPath)) add(absPath, judgedFrom(absPath, null));
    }
  }

  const files = [...found.values()].sort((a, b) => compareText(a.path, b.path));
  return { files, problems, skipped: [...skipped].filter((file) => !found.has(file)).length };
}

/** Which front-end reads a file: Python files may be Alembic migrations; SQL files are Prisma's or raw. */
export function fileKind(absPath: string, prismaDir: string | null): FileKind {
  if (absPath.endsWith('.py')) return 'python';
  if (SCRIPT_EXTENSIONS.some((extension) => absPath.endsWith(extension))) return 'script';
  return prismaDir === null ? 'sql' : 'prisma';
}

/**
 * A walked entry to read: a regular file, a link to one, or a link that cannot
 * be followed (dangling, or a loop), which is then reported as unreadable
 * rather than skipped silently. Folders (even named `x.sql`), links to folders,
 * and FIFOs or sockets (reading one could block) are not read.
 */
function isLintableEntry(absPath: string, listed: Pick<Dirent, 'isFile' | 'isSymbolicLink'>): boolean {
  // The folder listing tells a file from a link: only a link needs a stat.
  if (listed.isFile()) return true;
  if (!listed.isSymbolicLink()) return false;
  try {
    return statSync(absPath).isFile();
  } catch {
    return true;
  }
}

/** What a walk knows about one folder below the walked one. */
interface FolderState {
  /** The folder or one of its parents (below the walked folder) is ignored or a virtualenv. */
  readonly skipped: boolean;
  /** The `.gitignore` files that apply to the folder's entries. */
  readonly chain: GitignoreChain;
}

/**
 * Absolute paths of the lintable files inside folder `dir`. A file a
 * `.gitignore` pattern excludes is still one when git tracks it: git ignores
 * only untracked files (`*secret*` in a project's `.gitignore` must not hide
 * its committed `add_secrets` migration).
 */
function walk(dir: string, probe: FsProbe, gitignores: GitignoreLoader): string[] {
  const { files, ignored } = walkFolder(dir, probe, gitignores);
  if (ignored.length === 0) return files;
  const tracked = trackedFiles(dir, ignored);
  return [...files, ...ignored.filter((file) => tracked.has(file))];
}

/** The lintable files inside `dir`, and those that `.gitignore` patterns exclude by their own name (not by a folder's). */
function walkFolder(dir: string, probe: FsProbe, gitignores: GitignoreLoader): { files: string[]; ignored: string[] } {
  const entries = globEntriesSync(['**/*.sql', ...DIALECT_SQL_EXTENSIONS.map((extension) => `**/*${extension}`), '**/*.py', ...scriptGlobs(dir)], {
    cwd: dir,
    // Links are kept here and sorted out below (`isLintableEntry`).
    onlyFiles: false,
    // Never enter linked folders: a link back to a parent would loop.
    followSymbolicLinks: false,
    dot: false,
    ignore: SKIPPED_FOLDERS.map((name) => `**/${name}`),
    suppressErrors: true,
    unique: true,
  });

  // The walked folder itself is not checked against .gitignore (it was named),
  // only what lies below it; each folder's state is worked out once.
  const states = new Map<string, FolderState>();
  states.set(dir, { skipped: false, chain: gitignores.chainFor(dir) });
  const stateOf = (folder: string): FolderState => {
    let state = states.get(folder);
    if (state === undefined) {
      state = folderState(folder, stateOf(path.dirname(folder)), probe, gitignores);
      states.set(folder, state);
    }
    return state;
  };

  const files: string[] = [];
  const ignored: string[] = [];
  for (const entry of entries) {
    const absPath = path.join(dir, ...entry.path.split('/'));
    if (!isLintableEntry(absPath, entry.dirent)) continue;
    if (isScriptFile(entry.path) && !isScriptMigrationPath(dir, entry.path)) continue;
    const parent = stateOf(path.dirname(absPath));
    if (parent.skipped) continue;
    (isIgnored(parent.chain, absPath, false) ? ignored : files).push(absPath);
  }
  return { files, ignored };
}

function folderState(folder: string, parent: FolderState, probe: FsProbe, gitignores: GitignoreLoader): FolderState {
  if (parent.skipped) return parent;
  if (isIgnored(parent.chain, folder, true) || probe.isFile(path.join(folder, VIRTUALENV_MARKER))) {
    return { skipped: true, chain: [] };
  }
  const own = gitignores.at(folder);
  // A nested repository starts afresh: its parents' .gitignore files do not reach into it.
  const inherited = gitignores.isRepoRoot(folder) ? [] : parent.chain;
  return { skipped: false, chain: own === null ? inherited : [...inherited, own] };
}

/**
 * For `<dir>/<migration-name>/migration.sql` with `<dir>/migration_lock.toml`
 * present, `<dir>`; otherwise null.
 */
function prismaMigrationsDir(absPath: string, probe: FsProbe): string | null {
  if (path.basename(absPath) !== PRISMA_MIGRATION_FILE) return null;
  const migrationsDir = path.dirname(path.dirname(absPath));
  return probe.isFile(path.join(migrationsDir, PRISMA_LOCK_FILE)) ? migrationsDir : null;
}

/** A matcher for root-relative '/'-separated paths, or null when there are no globs. */
function compileGlobs(globs: readonly string[]): ((rel: string) => boolean) | null {
  return globs.length === 0 ? null : globMatcher(globs);
}

/** `absPath` relative to `folder`, '/'-separated, or null when it is not inside `folder`. */
function relativeInside(folder: string, absPath: string): string | null {
  const rel = path.relative(folder, absPath);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

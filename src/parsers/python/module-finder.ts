import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** How far above the starting folder the folder holding a top-level package is looked for. */
const MAX_LEVELS = 8;
/** Files that mark a project's root: the search for a package goes no higher. */
const PROJECT_ROOTS = ['pyproject.toml', 'setup.py', 'setup.cfg', '.git'];

/** A module as Python finds it: the files it runs (packages' `__init__.py` on the way, then the module). */
export interface Resolved {
  readonly files: readonly string[];
}

/** What a name in a folder is, for the module search. */
type Kind = 'file' | 'dir';

/**
 * Finds the project's modules the way Python's path would, without running
 * anything: a top-level package is looked for in the folders named by an
 * `alembic.ini`'s `prepend_sys_path`, then from the starting folder upward,
 * in each folder and its `src/` (a `src` layout), up to the project's root
 * (`pyproject.toml`, `setup.py`, `setup.cfg`, `.git`).
 *
 * Each folder is listed once: one listing answers for every module of a
 * package, where a stat per candidate path would not. The folders listed are
 * what a module search depends on (a module added or removed changes its
 * folder's modification time), so a cached result can be checked against them.
 */
export class ModuleFinder {
  private readonly roots = new Map<string, string | null>();
  /** Hundreds of model files import the same few modules: each is looked up once. */
  private readonly modules = new Map<string, Resolved | null>();
  private readonly listings = new Map<string, ReadonlyMap<string, Kind> | null>();
  private searchPath: readonly string[] | null = null;
  private readonly configs: string[] = [];

  constructor(private readonly start: string) {}

  /** `app.models` from the folder that holds the `app` package. */
  resolveAbsolute(parts: readonly string[]): Resolved | null {
    const root = this.rootOf(parts[0]!);
    return root === null ? null : this.resolveIn(root, parts);
  }

  /** `from ..x import y` in a file of folder `dir`. */
  resolveRelative(dir: string, level: number, parts: readonly string[]): Resolved | null {
    let base = dir;
    for (let i = 1; i < level; i++) base = path.dirname(base);
    return this.resolveIn(base, parts);
  }

  /** Whether some folder of the search path holds this top-level package or module. */
  hasTopLevel(top: string): boolean {
    return this.rootOf(top) !== null;
  }

  /** What the searches so far read: the folders listed, and the `alembic.ini` files read. */
  dependencies(): { readonly folders: readonly string[]; readonly files: readonly string[] } {
    return { folders: [...this.listings.keys()], files: this.configs };
  }

  private resolveIn(base: string, parts: readonly string[]): Resolved | null {
    const key = `${base}\0${parts.join('.')}`;
    let module = this.modules.get(key);
    if (module === undefined) {
      module = resolveIn(base, parts, (p) => this.kind(p));
      this.modules.set(key, module);
    }
    return module;
  }

  private kind(p: string): Kind | null {
    const dir = path.dirname(p);
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      // A folder that its parent's listing shows absent (`from app.models import Model` tries `app/models/Model/`)
      // is neither listed nor depended on: the parent's modification time already changes when it appears.
      const up = path.dirname(dir);
      const parent = up === dir ? undefined : this.listings.get(up);
      if (parent !== undefined && parent !== null && parent.get(path.basename(dir)) !== 'dir') return null;
      this.listings.set(dir, (listing = list(dir)));
    }
    return listing?.get(path.basename(p)) ?? null;
  }

  private rootOf(top: string): string | null {
    if (this.roots.has(top)) return this.roots.get(top)!;
    const found = this.folders().find((base) => this.kind(path.join(base, `${top}.py`)) === 'file' || this.kind(path.join(base, top)) === 'dir') ?? null;
    this.roots.set(top, found);
    return found;
  }

  /** The folders searched, in order. */
  private folders(): readonly string[] {
    if (this.searchPath !== null) return this.searchPath;
    const prepended: string[] = [];
    const upward: string[] = [];
    let dir = this.start;
    for (let i = 0; i < MAX_LEVELS; i++) {
      upward.push(dir, path.join(dir, 'src'));
      if (this.kind(path.join(dir, 'alembic.ini')) === 'file') {
        this.configs.push(path.join(dir, 'alembic.ini'));
        prepended.push(...prependedSysPath(dir));
      }
      const up = path.dirname(dir);
      if (up === dir || PROJECT_ROOTS.some((marker) => this.kind(path.join(dir, marker)) !== null)) break;
      dir = up;
    }
    this.searchPath = [...new Set([...prepended, ...upward])];
    return this.searchPath;
  }
}

/** A folder's files and folders by name (links followed); null when it cannot be listed. */
function list(dir: string): ReadonlyMap<string, Kind> | null {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const kinds = new Map<string, Kind>();
  for (const e of entries) {
    const kind = e.isFile() ? 'file' : e.isDirectory() ? 'dir' : e.isSymbolicLink() ? linkKind(path.join(dir, e.name)) : null;
    if (kind !== null) kinds.set(e.name, kind);
  }
  return kinds;
}

function linkKind(p: string): Kind | null {
  const stats = statSync(p, { throwIfNoEntry: false });
  return stats?.isFile() ? 'file' : stats?.isDirectory() ? 'dir' : null;
}

/** `prepend_sys_path = .` (or several, separated by the path separator or spaces) in `dir/alembic.ini`, as folders. */
function prependedSysPath(dir: string): string[] {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'alembic.ini'), 'utf8');
  } catch {
    return [];
  }
  const value = /^\s*prepend_sys_path\s*=\s*(.*)$/m.exec(text)?.[1]?.trim();
  if (!value) return [];
  // Alembic runs from the folder of its ini file; `%(here)s` names that folder too.
  return value
    .split(/[\s:;,]+/)
    .filter((p) => p !== '')
    .map((p) => path.resolve(dir, p.replace(/%\(here\)s/g, dir)));
}

/** Python's order: a regular package (with `__init__.py`), else a module, else a namespace package. */
function resolveIn(base: string, parts: readonly string[], kind: (p: string) => Kind | null): Resolved | null {
  const files: string[] = [];
  let dir = base;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const pkg = path.join(dir, part);
    const init = path.join(pkg, '__init__.py');
    const file = path.join(dir, `${part}.py`);
    if (kind(init) === 'file') {
      files.push(init);
      dir = pkg;
    } else if (last && kind(file) === 'file') {
      files.push(file);
    } else if (kind(pkg) === 'dir') {
      dir = pkg;
    } else return null;
  }
  return { files };
}

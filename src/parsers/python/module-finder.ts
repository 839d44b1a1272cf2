import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** How far above the starting folder the folder holding a top-level package is looked for. */
const MAX_LEVELS = 8;
/** Files that mark a project's root: the search for a package goes no higher. */
const PROJECT_ROOTS = ['pyproject.toml', 'setup.py', 'setup.cfg', '.git'];

/** A module as Python finds it: the files it runs (packages' `__init__.py` on the way, then the module). */
export interface Resolved {
  readonly files: readonly string[];
}

/**
 * Finds the project's modules the way Python's path would, without running
 * anything: a top-level package is looked for in the folders named by an
 * `alembic.ini`'s `prepend_sys_path`, then from the starting folder upward,
 * in each folder and its `src/` (a `src` layout), up to the project's root
 * (`pyproject.toml`, `setup.py`, `setup.cfg`, `.git`).
 */
export class ModuleFinder {
  private readonly roots = new Map<string, string | null>();
  /** Hundreds of model files import the same few modules: each is looked up on disk once. */
  private readonly modules = new Map<string, Resolved | null>();
  private searchPath: readonly string[] | null = null;

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

  private resolveIn(base: string, parts: readonly string[]): Resolved | null {
    const key = `${base}\0${parts.join('.')}`;
    let module = this.modules.get(key);
    if (module === undefined) {
      module = resolveIn(base, parts);
      this.modules.set(key, module);
    }
    return module;
  }

  /** Whether some folder of the search path holds this top-level package or module. */
  hasTopLevel(top: string): boolean {
    return this.rootOf(top) !== null;
  }

  private rootOf(top: string): string | null {
    if (this.roots.has(top)) return this.roots.get(top)!;
    const found = this.folders().find((base) => isFile(path.join(base, `${top}.py`)) || isDir(path.join(base, top))) ?? null;
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
      prepended.push(...prependedSysPath(dir));
      const up = path.dirname(dir);
      if (up === dir || PROJECT_ROOTS.some((marker) => exists(path.join(dir, marker)))) break;
      dir = up;
    }
    this.searchPath = [...new Set([...prepended, ...upward])];
    return this.searchPath;
  }
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
function resolveIn(base: string, parts: readonly string[]): Resolved | null {
  const files: string[] = [];
  let dir = base;
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1;
    const pkg = path.join(dir, part);
    const init = path.join(pkg, '__init__.py');
    const file = path.join(dir, `${part}.py`);
    if (isFile(init)) {
      files.push(init);
      dir = pkg;
    } else if (last && isFile(file)) {
      files.push(file);
    } else if (isDir(pkg)) {
      dir = pkg;
    } else return null;
  }
  return { files };
}

export function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() === true;
}

function isDir(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
}

function exists(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false }) !== undefined;
}

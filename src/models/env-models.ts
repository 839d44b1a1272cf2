import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { SyntaxNode } from 'tree-sitter';
import { parsePython } from '../parsers/python/python.js';
import { assignedNames, moduleAssignments } from '../parsers/python/values.js';
import type { PyImport } from '../parsers/python/imports.js';
import { isFile, ModuleFinder, type Resolved } from '../parsers/python/module-finder.js';
import type { PyFileFacts } from './python-facts.js';

/**
 * Reads and parses a Python file (cached by the caller); null when it cannot
 * be read. `followed`: the file is only reached by following imports, and its
 * facts may be empty (no classes, tables or imports) when its text cannot
 * define or load a model, so that it is not parsed (see `mayDefineModels`).
 */
export type FactsOf = (absPath: string, followed?: boolean) => Promise<PyFileFacts | null>;

/** How many files one environment's models may span before droplint stops following imports. */
const MAX_FILES = 2000;
/** Libraries env.py imports that are never the application's models. */
const NOT_MODELS = new Set(['__future__', 'alembic', 'asyncio', 'flask_sqlalchemy', 'logging', 'os', 'sqlalchemy', 'sqlmodel', 'sys', 'typing']);

/**
 * The model files an Alembic `env.py` points autogenerate at, read statically:
 * `target_metadata = Base.metadata` (or `metadata`, `db.metadata`, a list of
 * them) where the name is imported from a module of the project (`from
 * app.models import Base`, `from myapp.db import metadata`, `import
 * app.models`). The files are that module (a package's `__init__.py`), the
 * `__init__.py` of the packages above it (Python runs them too), and, followed
 * transitively, the modules those files import from the same top-level
 * package, relatively or absolutely; modules `env.py` itself imports from that
 * package (`import app.models  # noqa`) are added as well. A file that loads
 * modules by name (`importlib.import_module`, `pkgutil`) adds every `.py`
 * file of its folder. `SQLModel.metadata` (imported from `sqlmodel`) is
 * global: the project modules `env.py` imports are its models.
 *
 * Null when that is not unambiguous: no module-level `target_metadata`, one
 * assigned in several places or computed (`current_app.extensions[…]`, a
 * function call), a name defined in `env.py` itself, a module not found in the
 * project, or no file found.
 */
export async function modelFilesFromEnv(envPath: string, roots: readonly string[] | null, factsOf: FactsOf): Promise<string[] | null> {
  if (roots === null || roots.length === 0) return null;
  const envFacts = await factsOf(envPath);
  if (envFacts === null) return null;

  const envDir = path.dirname(envPath);
  const finder = new ModuleFinder(envDir);
  const seeds = new Set<string>();
  const tops = new Set<string>();
  let globalSqlModel = false;
  for (const root of roots) {
    const found = locate(root, envFacts.imports, envDir, finder);
    if (found === null) return null;
    if (found === 'sqlmodel') {
      globalSqlModel = true;
      continue;
    }
    for (const file of found.files) seeds.add(file);
    if (found.top !== null) tops.add(found.top);
  }
  // Modules env.py imports for their side effect of registering models.
  for (const i of envFacts.imports) {
    if (i.level > 0) continue;
    const top = i.module.split('.')[0]!;
    if (NOT_MODELS.has(top) || (!globalSqlModel && !tops.has(top))) continue;
    const files = importedFiles(i, envDir, finder);
    if (files.length === 0) continue;
    tops.add(top);
    for (const file of files) seeds.add(file);
  }
  if (seeds.size === 0) return null;
  return follow([...seeds], tops, finder, factsOf);
}

/** `target_metadata`'s value in env.py as dotted names (`Base.metadata`); null when it is not unambiguous (see modelFilesFromEnv). */
export async function targetMetadataRoots(envText: string): Promise<string[] | null> {
  const { module } = await parsePython(envText);
  const value = targetMetadata(module);
  return value ? metadataRoots(value) : null;
}

/** The expression of the one module-level `target_metadata = …`; null when there is none, or more than one place sets it. */
function targetMetadata(module: SyntaxNode): SyntaxNode | null {
  const sets = (a: SyntaxNode): boolean => assignedNames(a).some(([name]) => name === 'target_metadata');
  const direct = moduleAssignments(module).filter(sets);
  const anywhere = module.descendantsOfType('assignment').filter((a) => a.parent?.type !== 'assignment' && sets(a));
  if (direct.length === 0 || anywhere.length !== direct.length) return null;
  return assignedNames(direct.at(-1)!).findLast(([name]) => name === 'target_metadata')?.[1] ?? null;
}

/** `Base.metadata`, `metadata`, `[a.metadata, b.metadata]` as dotted names; null for anything computed. */
function metadataRoots(value: SyntaxNode): string[] | null {
  if (value.type === 'list' || value.type === 'tuple' || value.type === 'parenthesized_expression') {
    const parts = value.namedChildren.filter((c) => c.type !== 'comment').map(metadataRoots);
    return parts.some((p) => p === null) ? null : parts.flatMap((p) => p!);
  }
  if (value.type !== 'identifier' && value.type !== 'attribute') return null;
  const text = value.text.replace(/\s+/g, '');
  return /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(text) ? [text] : null;
}

interface Located {
  readonly files: readonly string[];
  /** The top-level package, for an absolute module. */
  readonly top: string | null;
}

/** Where the name a dotted expression starts with comes from. */
function locate(dotted: string, imports: readonly PyImport[], envDir: string, finder: ModuleFinder): Located | 'sqlmodel' | null {
  const [first, ...rest] = dotted.split('.') as [string, ...string[]];
  for (const i of [...imports].reverse()) {
    let base: string[];
    let path_: string[];
    if (i.kind === 'from') {
      const bound = i.names.find((n) => n.boundAs === first);
      if (!bound) continue;
      base = i.module === '' ? [] : i.module.split('.');
      path_ = [...base, bound.name, ...rest];
      if (i.level === 0 && /^sqlmodel(\.|$)/.test(i.module) && bound.name === 'SQLModel') return 'sqlmodel';
    } else if (i.alias === first) {
      base = i.module.split('.');
      path_ = [...base, ...rest];
    } else if (i.alias === null && i.module.split('.')[0] === first) {
      base = [first];
      path_ = dotted.split('.');
    } else continue;
    // The longest prefix that is a module: `app.models.Base.metadata` → app.models.
    for (let k = path_.length; k >= Math.max(base.length, 1); k--) {
      const parts = path_.slice(0, k);
      const module = i.level > 0 ? finder.resolveRelative(envDir, i.level, parts) : finder.resolveAbsolute(parts);
      if (module !== null && module.files.length > 0) return { files: module.files, top: i.level > 0 ? null : parts[0]! };
    }
    return null;
  }
  return null;
}

/** The files an import statement makes Python run, within the project. */
function importedFiles(i: PyImport, fromDir: string, finder: ModuleFinder): string[] {
  const parts = i.module === '' ? [] : i.module.split('.');
  const resolve = (p: string[]): Resolved | null => (i.level > 0 ? finder.resolveRelative(fromDir, i.level, p) : p.length > 0 ? finder.resolveAbsolute(p) : null);
  const module = resolve(parts);
  if (module === null) return [];
  const files = [...module.files];
  // `from pkg import submodule`
  for (const n of i.names) {
    const sub = resolve([...parts, n.name]);
    if (sub !== null) files.push(...sub.files);
  }
  return files;
}

/** Follows imports from the seed files, within the given top-level packages (relative imports always). */
async function follow(seeds: readonly string[], tops: ReadonlySet<string>, finder: ModuleFinder, factsOf: FactsOf): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...seeds];
  const seedSet = new Set(seeds);
  for (let next = 0; next < queue.length && seen.size < MAX_FILES; next++) {
    const file = queue[next]!;
    if (seen.has(file)) continue;
    seen.add(file);
    const facts = await factsOf(file, !seedSet.has(file));
    if (facts === null) continue;
    const dir = path.dirname(file);
    for (const i of facts.imports) {
      if (i.level === 0 && !tops.has(i.module.split('.')[0]!)) continue;
      for (const next of importedFiles(i, dir, finder)) if (!seen.has(next)) queue.push(next);
    }
    if (facts.dynamicImports) for (const next of pythonFilesUnder(dir, MAX_FILES)) if (!seen.has(next)) queue.push(next);
  }
  return [...seen].sort();
}

/** Hidden folders, caches, virtualenvs and installed packages are never the application's models. */
const SKIPPED_DIRS = /^(\..*|__pycache__|node_modules|site-packages|venv|virtualenv)$/;

function pythonFilesUnder(dir: string, limit: number): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= limit) return;
      const p = path.join(d, e.name);
      if (e.isDirectory() && !SKIPPED_DIRS.test(e.name) && !isFile(path.join(p, 'pyvenv.cfg'))) walk(p);
      else if (e.isFile() && e.name.endsWith('.py')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

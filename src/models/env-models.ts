import path from 'node:path';
import type { SyntaxNode } from 'tree-sitter';
import { parsePython } from '../parsers/python/python.js';
import { assignedNames, moduleAssignments } from '../parsers/python/values.js';
import type { PyFileFacts, PyImport } from './python-facts.js';
import { pythonFilesUnder } from './python-files.js';
import type { ModuleFinder, Resolved } from '../parsers/python/module-finder.js';

/** Reads and parses a Python file (cached by the caller); null when it cannot be read. */
export type FactsOf = (absPath: string) => Promise<PyFileFacts | null>;

/** How the trace reads the project. */
export interface EnvReader {
  readonly factsOf: FactsOf;
  /** Finds modules from env.py's folder. */
  readonly finder: ModuleFinder;
  /** Receives each folder whose every module was read (a file that loads modules by name): the trace depends on its listing. */
  readonly walked: (dir: string) => void;
}

/** How many files one environment's models may span before droplint stops following imports. */
const MAX_FILES = 2000;
/** Libraries env.py imports that are never the application's models. */
const NOT_MODELS = new Set(['__future__', 'alembic', 'asyncio', 'flask_sqlalchemy', 'logging', 'os', 'sqlalchemy', 'sqlmodel', 'sys', 'typing']);

/**
 * What an Alembic `env.py` says about its models: the files that define them,
 * or why that cannot be traced (then the models are looked for in the whole
 * project, see project-models.ts).
 */
export type EnvModels =
  /** No metadata at all (`target_metadata = None`, or never set): autogenerate refuses to run, nothing to compare. */
  | { readonly kind: 'no-autogenerate' }
  | { readonly kind: 'traced'; readonly files: readonly string[] }
  | {
      readonly kind: 'untraced';
      /** Why, as the note that no models could be known says it. */
      readonly why: string;
      /** The library a `Base` comes from (`flask_appbuilder`): its own tables are in the metadata too. */
      readonly library: string | null;
    };

/**
 * The model files an Alembic `env.py` points autogenerate at, read statically:
 * `target_metadata = Base.metadata` (or `metadata`, `db.metadata`, a list of
 * them) where the name is imported from a module of the project (`from
 * app.models import Base`, `from myapp.db import metadata`, `import
 * app.models`), or where it is an object env.py makes with something imported
 * from the project (`db = provide_db(); target_metadata = db.Base.metadata`).
 * The files are that module (a package's `__init__.py`), the `__init__.py` of
 * the packages above it (Python runs them too), and, followed transitively,
 * the modules those files import from the same top-level package, relatively
 * or absolutely; modules `env.py` itself imports from that package (`import
 * app.models  # noqa`) are added as well. A file that loads modules by name
 * (`importlib.import_module`, `pkgutil`) adds every `.py` file of its folder.
 * `SQLModel.metadata` (imported from `sqlmodel`) is global: the project
 * modules `env.py` imports are its models.
 *
 * Untraced when that is not unambiguous: no module-level `target_metadata`
 * (Flask-Migrate's `get_metadata()`), one assigned in several places or
 * computed (`current_app.extensions[…]`, a function call), a name defined in
 * `env.py` itself, a `Base` from a library, a module not found in the
 * project, or no file found.
 */
export async function modelFilesFromEnv(envPath: string, envText: string, reader: EnvReader): Promise<EnvModels> {
  const { factsOf, finder } = reader;
  const envFacts = await factsOf(envPath);
  const other = envFacts?.imports.map((i) => i.module.split('.')[0]!).find((top) => OTHER_ORMS.has(top));
  const untraced = (why: string, library: string | null = null): EnvModels => ({
    kind: 'untraced',
    why: other === undefined ? why : `${why}, and imports ${other}, an ORM whose models droplint does not read`,
    library,
  });
  if (!envText.includes('target_metadata')) return { kind: 'no-autogenerate' };
  const { module } = await parsePython(envText);
  const value = targetMetadata(module);
  if (value?.type === 'none') return { kind: 'no-autogenerate' };
  // `target_metadata = current_app.extensions["migrate"].db.metadata`, or the template's `get_metadata()`.
  if (FLASK_MIGRATE.test(value?.text ?? envText)) return untraced('takes its metadata from Flask-Migrate\'s db (current_app.extensions["migrate"])');
  if (value === null) return untraced('sets no single module-level target_metadata');
  const roots = metadataRoots(value);
  if (roots === null || roots.length === 0) return untraced(`computes target_metadata (${shortText(value.text)})`);
  if (envFacts === null) return untraced('cannot be read');

  const envDir = path.dirname(envPath);
  const seeds = new Set<string>();
  const tops = new Set<string>();
  let globalSqlModel = false;
  for (const root of roots) {
    const first = root.split('.')[0]!;
    // `db = provide_db()` in env.py: the object comes from what that call's name is imported from.
    const origin: ReturnType<typeof locate> =
      locate(root, envFacts.imports, envDir, finder) ?? locate(madeFrom(module, first) ?? '', envFacts.imports, envDir, finder);
    if (origin === null) return untraced(`does not import ${first} (target_metadata = ${shortText(value.text)}) from the project`);
    if (origin === 'sqlmodel') {
      globalSqlModel = true;
      continue;
    }
    if ('library' in origin) return untraced(`imports ${first} from ${origin.library}, not found in the project (a library)`, origin.library);
    for (const file of origin.files) seeds.add(file);
    if (origin.top !== null) tops.add(origin.top);
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
  if (seeds.size === 0) return untraced('imports no module of the project');
  return { kind: 'traced', files: await follow([...seeds], tops, reader) };
}

/** ORMs other than SQLAlchemy's: their models are not read (set `models` to SQLAlchemy mirrors of them, if any). */
const OTHER_ORMS = new Set(['django', 'mongoengine', 'peewee', 'playhouse', 'pony', 'tortoise']);

/** Flask-Migrate keeps its `db` under `current_app.extensions["migrate"]`. */
const FLASK_MIGRATE = /extensions\s*\[\s*["']migrate["']\s*\]/;

function shortText(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

/** `name = helper(…)` or `name = a.b` at module level: the dotted name the value starts with (`helper`, `a.b`). */
function madeFrom(module: SyntaxNode, name: string): string | null {
  const assigned = moduleAssignments(module).flatMap((a) => assignedNames(a).filter(([n]) => n === name));
  if (assigned.length !== 1) return null;
  let value = assigned[0]![1];
  while (value?.type === 'call') value = value.childForFieldName('function');
  return value !== null && (value.type === 'identifier' || value.type === 'attribute') ? value.text.replace(/\s+/g, '') : null;
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

/**
 * Where the name a dotted expression starts with comes from: project files, a
 * library (an absolute import not found in the project), or null when
 * env.py does not import it.
 */
function locate(
  dotted: string,
  imports: readonly PyImport[],
  envDir: string,
  finder: ModuleFinder,
): Located | 'sqlmodel' | { readonly library: string } | null {
  if (dotted === '') return null;
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
    return i.level === 0 ? { library: base[0] ?? first } : null;
  }
  return null;
}

/** The files an import statement makes Python run, within the project. */
function importedFiles(i: PyImport, fromDir: string, finder: ModuleFinder): string[] {
  const parts = i.module === '' ? [] : i.module.split('.');
  const resolve = (p: string[]): Resolved | null =>
    i.level > 0 ? finder.resolveRelative(fromDir, i.level, p) : p.length > 0 ? finder.resolveAbsolute(p) : null;
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
async function follow(seeds: readonly string[], tops: ReadonlySet<string>, { factsOf, finder, walked }: EnvReader): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...seeds];
  while (queue.length > 0 && seen.size < MAX_FILES) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const facts = await factsOf(file);
    if (facts === null) continue;
    const dir = path.dirname(file);
    // A module that imports others by name at run time (`import_module`, a helper importing every module of a
    // package) may load any module of its own folder, or of a package whose location it takes (`models.__file__`).
    const walk = (folder: string): void => {
      for (const next of pythonFilesUnder(folder, MAX_FILES, { tests: true, walked })) if (!seen.has(next)) queue.push(next);
    };
    for (const i of facts.imports) {
      if (i.level === 0 && !tops.has(i.module.split('.')[0]!)) continue;
      const located = i.names.some((n) => facts.walkedPackages.includes(n.boundAs)) || facts.walkedPackages.includes(i.alias ?? i.module.split('.')[0]!);
      for (const next of importedFiles(i, dir, finder)) {
        if (!seen.has(next)) queue.push(next);
        if (located && path.basename(next) === '__init__.py') walk(path.dirname(next));
      }
    }
    if (facts.dynamicImports) walk(dir);
  }
  return [...seen].sort();
}

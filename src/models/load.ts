import path from 'node:path';
import { hashBytes } from '../cache/content-hash.js';
import type { DiskCache } from '../cache/disk-cache.js';
import { globSync } from '../globs.js';
import { displayPath } from '../display-path.js';
import { readSource } from '../parsers/read-source.js';
import { migrationSet } from '../history/replay.js';
import type { MigrationUnit } from '../ir/unit.js';
import { cachedEnvModels, cachedTrace, TRACE_KIND, type TraceCache } from './env-trace-cache.js';
import { configuredIndex, perSetIndex, type ModelIndex, type ModelSet } from './model-set.js';
import { readPythonFacts, type PyFileFacts } from './python-facts.js';
import { libraryTables, projectPythonFiles, projectRoot } from './project-models.js';
import { resolveModels } from './resolve.js';

export interface LoadModelsOptions {
  readonly cwd: string;
  /** Folder the `models` globs are relative to (the config file's). */
  readonly root: string;
  /** `models` from the config; empty: look at each Alembic set's `env.py`. */
  readonly globs: readonly string[];
  readonly units: readonly MigrationUnit[];
  /** A file's text (an editor's buffer, or the disk), or null when it cannot be read. */
  readonly read: (absPath: string) => string | null;
  /** The persistent cache, which keeps each Python file's facts by its content's hash; null for none. */
  readonly disk?: DiskCache | null;
  /** Whether `read` gives a file's text from the disk (no editor buffer stands for it): then an unchanged file is not read again. */
  readonly fromDisk?: (absPath: string) => boolean;
  /**
   * Whether to answer from the persistent cache alone, read only when a rule
   * first asks about a set's models: its cached env.py trace, checked then.
   * Where the cache cannot answer (no trace, a stale one, models that must be
   * looked for in the whole project; no cache at all), the index answers
   * nothing and says so (ModelIndex.mustLoad): the models are then to be
   * loaded without this. A run whose rules ask nothing of the models (most
   * migrations neither create a table nor carry a note) reads none.
   */
  readonly fromCacheOnly?: boolean;
}

/**
 * The ORM models of the run's Alembic migration sets: from the `models` globs
 * when configured (one set of models for every Alembic set), else for each
 * set with an `env.py` (in the set's folder or up to three folders above)
 * from its `target_metadata` where that names the models (and they define at
 * least one table), else every model definition of the project (see
 * project-models.ts), marked as guessed. A set for which none is found has no
 * models, and a note of what was tried on its first revision; so does a set
 * whose models were guessed (the rule decides whether the guess is
 * believable). A set without `env.py` (an excerpt), or whose `env.py` gives
 * autogenerate no metadata, has neither. Null when no
 * set has either.
 */
export async function loadModels(options: LoadModelsOptions): Promise<ModelIndex | null> {
  const migrations = options.units.filter((u) => u.meta.format === 'alembic' && u.meta.role === 'migration');
  if (migrations.length === 0) return null;
  const facts = new FactsCache(options.cwd, options.read, options.disk ?? null, options.fromDisk ?? (() => false));

  if (options.globs.length > 0) {
    const files = globSync([...options.globs], { cwd: options.root, absolute: true, onlyFiles: true, unique: true })
      .map((f) => path.normalize(f))
      .sort();
    return configuredIndex(await buildSet('models in the configuration', files, (abs) => facts.get(abs)));
  }

  const bySet = new Map<string, MigrationUnit[]>();
  for (const unit of migrations) {
    const key = migrationSet(unit);
    const list = bySet.get(key);
    if (list) list.push(unit);
    else bySet.set(key, [unit]);
  }
  const traceCache = options.disk ? { disk: options.disk, cwd: options.cwd, fromDisk: options.fromDisk ?? (() => false) } : null;
  if (options.fromCacheOnly === true) return cachedIndex(bySet, options, traceCache);
  const sets = new Map<string, ModelSet>();
  const notes = new Map<string, readonly string[]>();
  const projects = new Map<string, Promise<PyFileFacts[]>>();
  for (const [key, units] of bySet) {
    const folder = path.resolve(options.cwd, key);
    const envPath = envOf(folder, options.read);
    // Without an env.py the folder is no runnable Alembic project (an excerpt, a copy): nothing to say about its models.
    if (envPath === null) continue;
    const tried: string[] = [];
    let library: string | null = null;
    const envName = displayPath(options.cwd, envPath);
    const { env, set } = await cachedEnvModels(
      envPath,
      options.read(envPath)!,
      (abs) => facts.get(abs),
      (found, factsOf) => (found.kind === 'traced' ? buildSet(envName, found.files, factsOf) : Promise.resolve(null)),
      traceCache,
    );
    if (env.kind === 'no-autogenerate') continue;
    if (env.kind === 'traced') {
      if (tracedModels(set)) {
        sets.set(key, set);
        continue;
      }
      tried.push(`the ${env.files.length} modules ${envName}'s target_metadata leads to define no model`);
    } else {
      tried.push(`${envName} ${env.why}`);
      library = env.library;
    }
    const root = projectRoot(path.dirname(envPath));
    let project = projects.get(root);
    if (!project) projects.set(root, (project = projectModelFacts(root, facts)));
    const rootName = path.resolve(options.cwd) === root ? '.' : displayPath(options.cwd, root);
    const found = resolveModels(`every model under ${rootName}`, await project, { guessed: true, libraryTables: libraryTables(library) });
    if (found.tables.length > 0 || found.unresolved.length > 0) {
      sets.set(key, found);
      tried.push(`read every model definition of the project instead (${found.files.length} files under ${rootName})`);
    } else tried.push(`found no SQLAlchemy, SQLModel or Flask-SQLAlchemy model in the project (the Python under ${rootName})`);
    notes.set(firstRevision(units).file.path, tried);
  }
  return sets.size === 0 && notes.size === 0 ? null : perSetIndex(sets, notes);
}

/** Whether a traced env.py's models are the set's: files that define no model at all mean they live where droplint did not look. */
function tracedModels(set: ModelSet | null): set is ModelSet {
  return set !== null && (set.tables.length > 0 || set.unresolved.length > 0);
}

/**
 * The index `loadModels` makes, answered from the cached env.py traces alone
 * (see LoadModelsOptions.fromCacheOnly): nothing is read until a rule asks
 * about a set, and then only its trace. A note is asked of its carrier only,
 * and a set's models or note that the trace alone cannot give (it is missing
 * or stale, or there is no cache; its models must be looked for in the whole
 * project, which is also when a note is made) leave the index answering null
 * and `mustLoad()` true.
 */
function cachedIndex(bySet: ReadonlyMap<string, readonly MigrationUnit[]>, options: LoadModelsOptions, cache: TraceCache | null): ModelIndex {
  const carriers = new Set([...bySet.values()].map((units) => firstRevision(units).file.path));
  const answers = new Map<string, ModelSet | null>();
  let mustLoad = false;
  const answer = (key: string): ModelSet | null => {
    const envPath = envOf(path.resolve(options.cwd, key), options.read);
    if (envPath === null) return null;
    const trace = cache === null ? undefined : cachedTrace(envPath, options.read(envPath)!, cache);
    if (trace?.check() !== true) mustLoad = true;
    else if (trace.env.kind === 'traced' && tracedModels(trace.set)) return trace.set;
    else if (trace.env.kind !== 'no-autogenerate') mustLoad = true;
    return null;
  };
  const modelsFor = (unit: MigrationUnit): ModelSet | null => {
    if (unit.meta.format !== 'alembic') return null;
    const key = migrationSet(unit);
    if (!answers.has(key)) answers.set(key, answer(key));
    return answers.get(key)!;
  };
  return {
    modelsFor,
    // A set the trace answers for has no note; one it cannot answer for is loaded again (mustLoad), note and all.
    noteFor: (unit) => (carriers.has(unit.file.path) ? (modelsFor(unit), null) : null),
    mustLoad: () => mustLoad,
  };
}

/** How many folders above a migration set its env.py may be (`versions/postgresql/` → `versions/` → env.py's folder). */
const ENV_LEVELS = 3;

function envOf(folder: string, read: (absPath: string) => string | null): string | null {
  let dir = folder;
  for (let i = 0; i <= ENV_LEVELS; i++) {
    const env = path.join(dir, 'env.py');
    if (read(env) !== null) return env;
    dir = path.dirname(dir);
  }
  return null;
}

/** The set's base revision (the first by path among several), else its first file. */
function firstRevision(units: readonly MigrationUnit[]): MigrationUnit {
  const sorted = [...units].sort((a, b) => (a.file.path < b.file.path ? -1 : a.file.path > b.file.path ? 1 : 0));
  return sorted.find((u) => u.meta.format === 'alembic' && u.meta.role === 'migration' && u.meta.revision.downRevisions?.length === 0) ?? sorted[0]!;
}

/** The files of the project's Python that define classes or tables: only files that can define a model are parsed. */
async function projectModelFacts(root: string, facts: FactsCache): Promise<PyFileFacts[]> {
  const read: PyFileFacts[] = [];
  for (const file of projectPythonFiles(root)) {
    const f = await facts.get(file);
    if (f !== null && (f.classes.length > 0 || f.tables.length > 0)) read.push(f);
  }
  return read;
}

async function buildSet(source: string, files: readonly string[], factsOf: (absPath: string) => Promise<PyFileFacts | null>): Promise<ModelSet> {
  const read: PyFileFacts[] = [];
  for (const file of files) {
    const f = await factsOf(file);
    if (f !== null) read.push(f);
  }
  return resolveModels(source, read);
}

/**
 * Each Python file is read and parsed once per run, whichever set needs it;
 * with the persistent cache, once for as long as its content stays the same: a
 * file on disk whose size and times are unchanged is not even read, an
 * editor's buffer is read and hashed.
 */
class FactsCache {
  private readonly cache = new Map<string, Promise<PyFileFacts | null>>();

  constructor(
    private readonly cwd: string,
    private readonly read: (absPath: string) => string | null,
    private readonly disk: DiskCache | null,
    private readonly fromDisk: (absPath: string) => boolean,
  ) {}

  get(absPath: string): Promise<PyFileFacts | null> {
    let facts = this.cache.get(absPath);
    if (!facts) {
      facts = this.parse(absPath);
      this.cache.set(absPath, facts);
    }
    return facts;
  }

  private async parse(absPath: string): Promise<PyFileFacts | null> {
    const shown = displayPath(this.cwd, absPath);
    const onDisk = this.disk !== null && this.fromDisk(absPath) ? this.disk.content(absPath, false, TRACE_KIND) : null;
    const diskKey = onDisk === null ? null : `facts\0${shown}\0${onDisk.hash}`;
    const early = diskKey === null ? undefined : (this.disk!.get(diskKey) as PyFileFacts | undefined);
    if (early !== undefined) return early;
    const text = this.read(absPath);
    if (text === null) return null;
    const key = diskKey ?? (this.disk === null ? null : `facts\0${shown}\0text:${hashBytes(Buffer.from(text))}`);
    try {
      const facts = await readPythonFacts(shown, text);
      if (key !== null) this.disk!.set(key, facts);
      return facts;
    } catch {
      // A file droplint cannot parse contributes no models; it never stops the run.
      return null;
    }
  }
}

/** Models given as source text (tests, tools): one set for every Alembic migration. */
export async function modelsFromSources(sources: ReadonlyArray<{ readonly path: string; readonly text: string }>): Promise<ModelIndex> {
  const facts: PyFileFacts[] = [];
  for (const s of sources) facts.push(await readPythonFacts(s.path, s.text));
  return configuredIndex(resolveModels('models', facts));
}

/** A model or env.py file's text: an editor's unsaved buffer if there is one, else the disk; null when unreadable. */
export function readText(absPath: string, buffers?: ReadonlyMap<string, string>): string | null {
  const buffer = buffers?.get(absPath);
  if (buffer !== undefined) return buffer;
  const read = readSource(absPath);
  return read.problem === null ? read.text : null;
}

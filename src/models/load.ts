import path from 'node:path';
import { globSync } from '../globs.js';
import { displayPath } from '../display-path.js';
import type { FileValues } from '../cache/file-values.js';
import { migrationSet } from '../history/replay.js';
import type { MigrationUnit } from '../ir/unit.js';
import { modelFilesFromEnv, targetMetadataRoots } from './env-models.js';
import { mayDefineModels } from './model-text.js';
import { configuredIndex, perSetIndex, type ModelIndex, type ModelSet } from './model-set.js';
import { readPythonFacts, type PyFileFacts } from './python-facts.js';
import { resolveModels } from './resolve.js';

export interface LoadModelsOptions {
  readonly cwd: string;
  /** Folder the `models` globs are relative to (the config file's). */
  readonly root: string;
  /** `models` from the config; empty: look at each Alembic set's `env.py`. */
  readonly globs: readonly string[];
  readonly units: readonly MigrationUnit[];
  /** Reads files (an editor's buffer, or the disk) and what is computed from them, through the persistent cache when there is one. */
  readonly files: FileValues;
}

/**
 * The ORM models of the run's Alembic migration sets: from the `models` globs
 * when configured (one set of models for every Alembic set), else from each
 * set's `env.py` (`versions/`'s parent folder) where its `target_metadata`
 * names the models unambiguously (and they define at least one table). Null
 * when no models are known: then
 * table-without-model has nothing to compare with and stays silent.
 */
export async function loadModels(options: LoadModelsOptions): Promise<ModelIndex | null> {
  const migrations = options.units.filter((u) => u.meta.format === 'alembic' && u.meta.role === 'migration');
  if (migrations.length === 0) return null;
  const facts = new FactsCache(options.cwd, options.files);

  if (options.globs.length > 0) {
    const files = globSync([...options.globs], { cwd: options.root, absolute: true, onlyFiles: true, unique: true }).map((f) => path.normalize(f)).sort();
    return configuredIndex(await buildSet('models in the configuration', files, facts));
  }

  const sets = new Map<string, ModelSet>();
  const tried = new Set<string>();
  for (const unit of migrations) {
    const key = migrationSet(unit);
    if (tried.has(key)) continue;
    tried.add(key);
    const versions = path.resolve(options.cwd, key);
    if (path.basename(versions) !== 'versions') continue;
    const envPath = path.join(path.dirname(versions), 'env.py');
    const roots = await options.files.of('env-metadata', envPath, targetMetadataRoots);
    if (roots === null) continue;
    const files = await modelFilesFromEnv(envPath, roots, (abs, followed) => facts.get(abs, followed));
    if (files === null) continue;
    // Whatever led to them, files whose text cannot define a model add nothing to the set.
    const set = await buildSet(displayPath(options.cwd, envPath), files, facts, true);
    // Files that define no model at all mean the models live where droplint did not look: unknown, not "none".
    if (set.tables.length > 0 || set.unresolved.length > 0) sets.set(key, set);
  }
  return sets.size === 0 ? null : perSetIndex(sets);
}

async function buildSet(source: string, files: readonly string[], facts: FactsCache, followed = false): Promise<ModelSet> {
  const read: PyFileFacts[] = [];
  for (const file of files) {
    const f = await facts.get(file, followed);
    if (f !== null) read.push(f);
  }
  return resolveModels(source, read);
}

/** Each Python file is read and parsed once per run (and, through the persistent cache, once per content), whichever set needs it. */
class FactsCache {
  private readonly cache = new Map<string, Promise<PyFileFacts | null>>();

  constructor(
    private readonly cwd: string,
    private readonly files: FileValues,
  ) {}

  /** `followed`: see FactsOf. */
  get(absPath: string, followed = false): Promise<PyFileFacts | null> {
    const how = followed ? 'followed' : 'whole';
    const key = `${how}\0${absPath}`;
    let facts = this.cache.get(key);
    if (!facts) {
      const read = (text: string): Promise<PyFileFacts> => {
        const shown = displayPath(this.cwd, absPath);
        return followed && !mayDefineModels(absPath, text) ? Promise.resolve({ path: shown, classes: [], tables: [], imports: [], dynamicImports: false }) : readPythonFacts(shown, text);
      };
      // Facts hold the path as shown, which the working folder decides. A file droplint cannot parse contributes no models; it never stops the run.
      facts = this.files.of(`py-facts\0${how}\0${this.cwd}\0${absPath}`, absPath, read).catch(() => null);
      this.cache.set(key, facts);
    }
    return facts;
  }
}

/** Models given as source text (tests, tools): one set for every Alembic migration. */
export async function modelsFromSources(sources: ReadonlyArray<{ readonly path: string; readonly text: string }>): Promise<ModelIndex> {
  const facts: PyFileFacts[] = [];
  for (const s of sources) facts.push(await readPythonFacts(s.path, s.text));
  return configuredIndex(resolveModels('models', facts));
}

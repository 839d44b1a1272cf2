import { statSync } from 'node:fs';
import path from 'node:path';
import { hashBytes } from '../cache/content-hash.js';
import type { DiskCache } from '../cache/disk-cache.js';
import { dependenciesUnchanged, type FileDependency } from '../cache/file-dependencies.js';
import { ModuleFinder } from '../parsers/python/module-finder.js';
import { modelFilesFromEnv, type EnvModels, type FactsOf } from './env-models.js';
import { makeModelSet, type ModelSet } from './model-set.js';

/**
 * A folder whose listing was modified this close to the trace may change again
 * within the file system's timestamp resolution without its time changing:
 * such a trace is not kept.
 */
const RACY_MS = 2000;

/** A folder the trace listed, with its modification time then; null: it could not be listed. */
type FolderStamp = readonly [absPath: string, mtimeMs: number | null];

/** A model set as stored: its data, without the lookup made from it. */
type StoredModelSet = Omit<ModelSet, 'defines'>;

interface CachedTrace {
  readonly env: EnvModels;
  readonly set: StoredModelSet | null;
  readonly files: readonly FileDependency[];
  readonly folders: readonly FolderStamp[];
}

/** What env.py leads to: the trace, and the models read from the files it found (null: none were read). */
export interface EnvTrace {
  readonly env: EnvModels;
  readonly set: ModelSet | null;
}

export interface TraceCache {
  readonly disk: DiskCache;
  /** The working folder: the model set names files relative to it. */
  readonly cwd: string;
  /** Whether a file's text comes from the disk: a trace through an editor's buffer is neither kept nor reused. */
  readonly fromDisk: (absPath: string) => boolean;
}

/**
 * The trace of `envPath` the persistent cache holds, if it holds one, not
 * checked: `check` says whether every file and folder it read is unchanged
 * (a stat each, a thousand in a large project). Until it says so, the trace
 * may be stale.
 */
export function cachedTrace(envPath: string, envText: string, cache: TraceCache): (EnvTrace & { readonly check: () => boolean }) | undefined {
  if (!cache.fromDisk(envPath)) return undefined;
  const cached = cache.disk.get(traceKey(envPath, envText, cache)) as CachedTrace | undefined;
  if (cached === undefined) return undefined;
  const { set } = cached;
  return {
    env: cached.env,
    set: set && makeModelSet(set.source, set.files, set.tables, set.unresolved, set.guessed),
    check: () => stillValid(cached, cache),
  };
}

/**
 * What an `env.py` says about its models (see env-models.ts), and the models
 * `modelsOf` reads from the files it leads to, kept in the persistent cache.
 * The trace reads the imports of hundreds of modules and
 * lists their folders, and from one commit to the next none of them changes:
 * it is reused while every file it read has the same content and every folder
 * it listed the same modification time (a module added, removed or renamed
 * changes its folder's).
 */
export async function cachedEnvModels(
  envPath: string,
  envText: string,
  factsOf: FactsOf,
  modelsOf: (env: EnvModels, factsOf: FactsOf) => Promise<ModelSet | null>,
  cache: TraceCache | null,
): Promise<EnvTrace> {
  const finder = new ModuleFinder(path.dirname(envPath));
  if (cache === null || !cache.fromDisk(envPath)) {
    const env = await modelFilesFromEnv(envPath, envText, { factsOf, finder, walked: () => {} });
    return { env, set: await modelsOf(env, factsOf) };
  }
  const cached = cachedTrace(envPath, envText, cache);
  if (cached?.check() === true) return { env: cached.env, set: cached.set };

  const read = new Set<string>();
  const walked = new Set<string>();
  const startedAt = Date.now();
  const recorded: FactsOf = (absPath) => {
    read.add(absPath);
    return factsOf(absPath);
  };
  const env = await modelFilesFromEnv(envPath, envText, { factsOf: recorded, finder, walked: (dir) => walked.add(dir) });
  const set = await modelsOf(env, recorded);
  const dependencies = finder.dependencies();
  const files = [...read, ...dependencies.files];
  const folders = [...new Set([...dependencies.folders, ...walked])].map((dir): FolderStamp => [dir, folderTime(dir)]);
  const racy = folders.some(([, mtimeMs]) => mtimeMs !== null && mtimeMs > startedAt - RACY_MS);
  if (!racy && files.every(cache.fromDisk)) {
    const stored = set && { source: set.source, files: set.files, tables: set.tables, unresolved: set.unresolved, guessed: set.guessed };
    const trace: CachedTrace = {
      env,
      set: stored,
      files: files.map((absPath) => ({ absPath, hash: cache.disk.content(absPath, false, TRACE_KIND)?.hash ?? null })),
      folders,
    };
    cache.disk.set(traceKey(envPath, envText, cache), trace);
  }
  return { env, set };
}

/**
 * The kind of the traces' entries in the persistent cache, kept apart from
 * the migrations' (see DiskCache): the stamps of the model files, which only
 * a trace or the models need, are kept with them.
 */
export const TRACE_KIND = 'env';

function traceKey(envPath: string, envText: string, cache: TraceCache): string {
  return `${TRACE_KIND}\0${cache.cwd}\0${envPath}\0${hashBytes(Buffer.from(envText))}`;
}

function stillValid(trace: CachedTrace, cache: TraceCache): boolean {
  return (
    trace.folders.every(([dir, mtimeMs]) => folderTime(dir) === mtimeMs) &&
    trace.files.every((file) => cache.fromDisk(file.absPath)) &&
    dependenciesUnchanged(trace.files, cache.disk, TRACE_KIND)
  );
}

function folderTime(dir: string): number | null {
  const stats = statSync(dir, { throwIfNoEntry: false });
  return stats?.isDirectory() ? stats.mtimeMs : null;
}

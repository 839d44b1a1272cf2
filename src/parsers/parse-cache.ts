import { readFileSync } from 'node:fs';
import type { MigrationUnit } from '../ir/unit.js';
import type { ParseJob } from './front-ends.js';
import { parseAll, parseThreads } from './parse-pool.js';

/**
 * Parsed units by file, each kept with the exact bytes it was parsed from: a
 * file is parsed again as soon as its bytes differ, so a cached unit can never
 * hide what a file now says. Least recently used entries go first once the
 * cached files exceed the limits.
 */
export class ParseCache {
  private readonly entries = new Map<string, { readonly bytes: Uint8Array; readonly unit: MigrationUnit | null }>();
  private cachedBytes = 0;
  /** Files found in the cache, and files parsed, since it was created: for tests and measurements. */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly maxBytes = 32 * 1024 * 1024,
    private readonly maxFiles = 20_000,
  ) {}

  /** The unit parsed from these bytes for this job, or undefined (null is a cached "not a migration"). */
  get(job: ParseJob, bytes: Uint8Array): MigrationUnit | null | undefined {
    const key = cacheKey(job);
    const entry = this.entries.get(key);
    if (entry === undefined || Buffer.compare(entry.bytes, bytes) !== 0) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.unit;
  }

  set(job: ParseJob, bytes: Uint8Array, unit: MigrationUnit | null): void {
    const key = cacheKey(job);
    this.forget(key);
    // Larger than the whole cache: keeping it would only evict everything else.
    if (bytes.byteLength > this.maxBytes) return;
    this.entries.set(key, { bytes, unit });
    this.cachedBytes += bytes.byteLength;
    for (const oldest of this.entries.keys()) {
      if (this.cachedBytes <= this.maxBytes && this.entries.size <= this.maxFiles) break;
      this.forget(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.cachedBytes -= entry.bytes.byteLength;
    this.entries.delete(key);
  }
}

/** Everything besides the bytes that a unit depends on: the path it is shown as, its front-end, its dialect. */
function cacheKey(job: ParseJob): string {
  return [job.absPath, job.path, job.kind, job.dialect].join('\0');
}

/**
 * `parseAll` through the cache. Files are read here, once: the bytes compared
 * with the cache are the bytes parsed. A file that cannot be read is left to
 * its job, which reports why, and is not cached.
 */
export async function parseCached(jobs: readonly ParseJob[], cache: ParseCache, threads: number | undefined): Promise<Array<MigrationUnit | null>> {
  const read = jobs.map((job): ParseJob => (job.bytes !== undefined ? job : { ...job, ...readBytes(job.absPath) }));
  const found = read.map((job) => (job.bytes === undefined ? undefined : cache.get(job, job.bytes)));
  const missing = read.filter((_, i) => found[i] === undefined);
  const parsed = await parseAll(missing, parseThreads(threads ?? null, missing));
  let next = 0;
  return found.map((unit, i) => {
    if (unit !== undefined) return unit;
    const job = read[i]!;
    const fresh = parsed[next++] ?? null;
    if (job.bytes !== undefined) cache.set(job, job.bytes, fresh);
    return fresh;
  });
}

function readBytes(absPath: string): { bytes?: Uint8Array } {
  try {
    return { bytes: readFileSync(absPath) };
  } catch {
    return {};
  }
}

import { readFileSync } from 'node:fs';
import { hashBytes } from '../cache/content-hash.js';
import type { DiskCache } from '../cache/disk-cache.js';
import { dependenciesUnchanged } from '../cache/file-dependencies.js';
import type { MigrationUnit, SourceFile } from '../ir/unit.js';
import type { FileRead } from './file-reads.js';
import type { ParsedJob, ParseJob } from './front-ends.js';
import { parseAll, parseThreads } from './parse-pool.js';
import { decodeSource } from './read-source.js';

/**
 * A file whose unit the persistent cache held changed again before its text
 * was needed (between two reads of one run): the unit no longer matches the
 * file, and the run cannot report on it. A usage problem: run again.
 */
export class SourceChangedError extends Error {
  override readonly name = 'SourceChangedError';
}

/**
 * Parsed units by file, each kept with the hash of the exact bytes it was
 * parsed from, and the other files read for it (a migration's imported
 * helpers) with theirs: a file is parsed again as soon as its bytes, or those
 * of a file it was read with, differ, so a cached unit can never hide what
 * the files now say. Least recently used entries go
 * first once the cached files exceed the limits. Behind it, optionally, the
 * persistent cache: units of files on disk outlive the process (the CLI's
 * runs, the language server's start).
 */
export class ParseCache {
  private readonly entries = new Map<string, { readonly hash: string; readonly size: number; readonly parsed: ParsedJob }>();
  private cachedBytes = 0;
  /**
   * Files found in the in-memory cache, files not found there, and texts of
   * stored units read back from their files, since it was created: for tests
   * and measurements.
   */
  readonly stats = { hits: 0, misses: 0, textsRead: 0 };

  constructor(
    private readonly maxBytes = 32 * 1024 * 1024,
    private readonly maxFiles = 20_000,
    readonly disk: DiskCache | null = null,
  ) {}

  /** The unit parsed from bytes of this hash for this job, or undefined (null is a cached "not a migration"). */
  get(job: ParseJob, hash: string): MigrationUnit | null | undefined {
    const key = cacheKey(job);
    const entry = this.entries.get(key);
    if (entry === undefined || entry.hash !== hash || !this.unchanged(entry.parsed.reads)) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.parsed.unit;
  }

  /** The unit the persistent cache holds for this job's bytes, or undefined; it then joins the in-memory cache. */
  getStored(job: ParseJob, hash: string, size: number): MigrationUnit | null | undefined {
    const stored = this.disk?.get(diskKey(job, hash)) as ParsedJob | undefined;
    if (stored === undefined || !this.unchanged(stored.reads)) return undefined;
    const parsed = { ...stored, unit: stored.unit && withTextFromFile(stored.unit, job.absPath, hash, () => this.stats.textsRead++) };
    this.set(job, hash, size, parsed);
    return parsed.unit;
  }

  /** Whether the other files a unit was read with still hold what they held. */
  private unchanged(reads: readonly FileRead[]): boolean {
    return reads.length === 0 || dependenciesUnchanged(reads, this.disk);
  }

  set(job: ParseJob, hash: string, size: number, parsed: ParsedJob): void {
    const key = cacheKey(job);
    this.forget(key);
    // Larger than the whole cache: keeping it would only evict everything else.
    if (size > this.maxBytes) return;
    this.entries.set(key, { hash, size, parsed });
    this.cachedBytes += size;
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
    this.cachedBytes -= entry.size;
    this.entries.delete(key);
  }
}

/** Everything besides the bytes that a unit depends on: the path it is shown as, its front-end, its dialect. */
function cacheKey(job: ParseJob): string {
  return [job.absPath, job.path, job.kind, job.dialect].join('\0');
}

/** The persistent cache's key: the file is known by its content, wherever it lies. */
function diskKey(job: ParseJob, hash: string): string {
  return ['unit', job.path, job.kind, job.dialect, hash].join('\0');
}

/**
 * `parseAll` through the cache. A file on disk whose size and times the
 * persistent cache knows unchanged is not read at all; any other is read
 * here, once: the bytes hashed are the bytes parsed. A file that cannot be
 * read is left to its job, which reports why, and is not cached. Units of
 * bytes given in the job (standard input, an editor's buffer) stay in memory.
 */
export async function parseCached(jobs: readonly ParseJob[], cache: ParseCache, threads: number | undefined): Promise<Array<MigrationUnit | null>> {
  const { disk } = cache;
  const found: Array<MigrationUnit | null | undefined> = [];
  const toParse: Array<{ index: number; job: ParseJob; hash: string | null; size: number; onDisk: boolean }> = [];
  for (const [index, job] of jobs.entries()) {
    let content =
      job.bytes !== undefined
        ? { hash: hashBytes(job.bytes), size: job.bytes.byteLength, bytes: job.bytes }
        : (disk?.content(job.absPath) ?? readBytes(job.absPath));
    let unit = content === null ? undefined : cache.get(job, content.hash);
    if (unit === undefined && content !== null && job.bytes === undefined) unit = cache.getStored(job, content.hash, content.size);
    found.push(unit);
    if (unit !== undefined) continue;
    // Parsed from the bytes that were hashed, never from a second read that may differ.
    if (content !== null && content.bytes === null) content = disk?.content(job.absPath, true) ?? null;
    toParse.push({
      index,
      job: content === null ? job : { ...job, bytes: content.bytes! },
      hash: content?.hash ?? null,
      size: content?.size ?? 0,
      onDisk: job.bytes === undefined,
    });
  }
  const parsed = await parseAll(
    toParse.map((item) => item.job),
    parseThreads(
      threads ?? null,
      toParse.map((item) => item.job),
    ),
  );
  toParse.forEach(({ index, job, hash, size, onDisk }, i) => {
    const result = parsed[i]!;
    found[index] = result.unit;
    if (hash === null) return;
    cache.set(job, hash, size, result);
    if (onDisk) disk?.set(diskKey(job, hash), withoutText(result));
  });
  return found as Array<MigrationUnit | null>;
}

function readBytes(absPath: string): { hash: string; size: number; bytes: Uint8Array } | null {
  try {
    const bytes = readFileSync(absPath);
    return { hash: hashBytes(bytes), size: bytes.byteLength, bytes };
  } catch {
    return null;
  }
}

/**
 * What the persistent cache keeps of a parsed file: all but its text, most of
 * a unit's size. A run reads every unit of a migration's history and shows
 * the text of few (those with findings), so the text is read from the file
 * when asked for (see `withTextFromFile`).
 */
function withoutText(parsed: ParsedJob): ParsedJob {
  return parsed.unit === null ? parsed : { ...parsed, unit: { ...parsed.unit, file: { path: parsed.unit.file.path } as SourceFile } };
}

/** A stored unit whose text, when first asked for, is read from the file: decoded as its front-end decoded it, if the bytes still hash as they did. */
function withTextFromFile(unit: MigrationUnit, absPath: string, hash: string, onRead: () => void): MigrationUnit {
  let text: string | undefined;
  const file: SourceFile = {
    path: unit.file.path,
    get text(): string {
      if (text === undefined) {
        onRead();
        text = textOf(absPath, hash, unit.file.path);
      }
      return text;
    },
  };
  return { ...unit, file };
}

function textOf(absPath: string, hash: string, shown: string): string {
  let bytes: Uint8Array | null;
  try {
    bytes = readFileSync(absPath);
  } catch {
    bytes = null;
  }
  if (bytes === null || hashBytes(bytes) !== hash) throw new SourceChangedError(`${shown} changed while droplint was reading it; run droplint again`);
  // A file that could not be decoded was cached as an unreadable unit, whose text is empty: so is this.
  return decodeSource(bytes).text;
}

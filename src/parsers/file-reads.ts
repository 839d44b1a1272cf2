import { AsyncLocalStorage } from 'node:async_hooks';
import { hashBytes } from '../cache/content-hash.js';
import type { FileDependency } from '../cache/file-dependencies.js';

/** A file other than its own that a front-end read for a unit: the unit is only as current as these files. */
export type FileRead = FileDependency;

/** The reads of the job under way, per async context: jobs of one thread may interleave (the language server). */
const current = new AsyncLocalStorage<Map<string, string | null>>();

/** Runs one job, and gives back the other files it read, in path order. */
export async function collectReads<T>(job: () => Promise<T>): Promise<{ value: T; reads: FileRead[] }> {
  const reads = new Map<string, string | null>();
  const value = await current.run(reads, job);
  return { value, reads: [...reads].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([absPath, hash]) => ({ absPath, hash })) };
}

/** Records that the job under way read `absPath` (its bytes, or null when it could not be read); outside a job, nothing. */
export function noteRead(absPath: string, bytes: Uint8Array | null): void {
  current.getStore()?.set(absPath, bytes === null ? null : hashBytes(bytes));
}

/** `noteRead` for a file whose hash is already known (a module parsed earlier in this thread). */
export function noteHash(absPath: string, hash: string | null): void {
  current.getStore()?.set(absPath, hash);
}

import { readFileSync } from 'node:fs';
import { hashBytes } from './content-hash.js';
import type { DiskCache } from './disk-cache.js';

/**
 * A file besides its own that a cached result was made from (a project module
 * a migration imports), with the content hash it had then; null: it could not
 * be read then.
 */
export interface FileDependency {
  readonly absPath: string;
  readonly hash: string | null;
}

/**
 * Whether every file still has the content it had: known from the persistent
 * cache's stamp when its size and times are unchanged, else read and hashed
 * again. A file deleted, changed, or newly unreadable (or readable) since
 * makes the result stale. `kind`: where the stamps are kept (see DiskCache.content).
 */
export function dependenciesUnchanged(dependencies: readonly FileDependency[], disk: DiskCache | null, kind?: string): boolean {
  return dependencies.every((dependency) => currentHash(dependency.absPath, disk, kind) === dependency.hash);
}

function currentHash(absPath: string, disk: DiskCache | null, kind: string | undefined): string | null {
  if (disk !== null) return disk.content(absPath, false, kind)?.hash ?? null;
  try {
    return hashBytes(readFileSync(absPath));
  } catch {
    return null;
  }
}

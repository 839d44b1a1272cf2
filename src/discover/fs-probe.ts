import fs from 'node:fs';

/**
 * Cached file-system look-ups for one discovery run: each path is asked about
 * at most once, however many files lead to it. Synchronous on purpose: a walk
 * makes thousands of tiny look-ups, and a thread-pool round trip for each one
 * costs far more than the look-up itself.
 */
export class FsProbe {
  private readonly isFileCache = new Map<string, boolean>();
  private readonly existsCache = new Map<string, boolean>();
  private readonly textCache = new Map<string, string | null>();

  /** True when `absPath` is a regular file (symbolic links followed). */
  isFile(absPath: string): boolean {
    return memo(this.isFileCache, absPath, () => isFile(absPath));
  }

  /** True when something (file, folder, link) exists at `absPath`. */
  exists(absPath: string): boolean {
    return memo(this.existsCache, absPath, () => fs.lstatSync(absPath, { throwIfNoEntry: false }) !== undefined);
  }

  /** The file's text, or null when it cannot be read (missing, a folder, no permission). */
  readText(absPath: string): string | null {
    return memo(this.textCache, absPath, () => {
      try {
        return fs.readFileSync(absPath, 'utf8');
      } catch {
        return null;
      }
    });
  }
}

function memo<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  if (cache.has(key)) return cache.get(key)!;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** A regular file (symbolic links followed); false for anything else, or when a parent is not a folder (`ENOTDIR`). */
export function isFile(absPath: string): boolean {
  try {
    return fs.statSync(absPath, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

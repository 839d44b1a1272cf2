import { promises as fsp } from 'node:fs';

/**
 * Cached file-system look-ups for one discovery run: each path is asked about
 * at most once, however many files lead to it.
 */
export class FsProbe {
  private readonly isFileCache = new Map<string, Promise<boolean>>();
  private readonly existsCache = new Map<string, Promise<boolean>>();
  private readonly textCache = new Map<string, Promise<string | null>>();

  /** True when `absPath` is a regular file (symbolic links followed). */
  isFile(absPath: string): Promise<boolean> {
    return memo(this.isFileCache, absPath, async () => {
      try {
        return (await fsp.stat(absPath)).isFile();
      } catch {
        return false;
      }
    });
  }

  /** True when something (file, folder, link) exists at `absPath`. */
  exists(absPath: string): Promise<boolean> {
    return memo(this.existsCache, absPath, async () => {
      try {
        await fsp.lstat(absPath);
        return true;
      } catch {
        return false;
      }
    });
  }

  /** The file's text, or null when it cannot be read (missing, a folder, no permission). */
  readText(absPath: string): Promise<string | null> {
    return memo(this.textCache, absPath, async () => {
      try {
        return await fsp.readFile(absPath, 'utf8');
      } catch {
        return null;
      }
    });
  }
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, compute: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute();
    cache.set(key, value);
  }
  return value;
}

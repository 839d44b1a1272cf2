import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hashText } from './content-hash.js';
import { DiskCache } from './disk-cache.js';

export interface CacheLocationOptions {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The config file in use, if any: its folder is the project's root. */
  readonly configFile: string | null;
  /** `--cache-dir`. */
  readonly cacheDir?: string;
}

/** This project's persistent cache; null when its folder cannot be found or created (caching is then off). */
export function openProjectCache(options: CacheLocationOptions): DiskCache | null {
  const folder = projectCacheFolder(options);
  return folder === null ? null : DiskCache.open(folder);
}

/**
 * The folder of this project's cache: under `--cache-dir`, else
 * `DROPLINT_CACHE_DIR`, else the user's cache folder, one subfolder per
 * project root, so that nothing is written into the user's repository unless
 * asked. The subfolder is named after the root's path (its base name, for
 * people looking, and a hash, so that two roots never share one).
 */
export function projectCacheFolder(options: CacheLocationOptions): string | null {
  const base =
    options.cacheDir !== undefined
      ? path.resolve(options.cwd, options.cacheDir)
      : options.env.DROPLINT_CACHE_DIR
        ? path.resolve(options.cwd, options.env.DROPLINT_CACHE_DIR)
        : userCacheFolder(options.env);
  if (base === null) return null;
  const root = projectRoot(options.cwd, options.configFile);
  const name = path.basename(root).replace(/[^\w.-]/g, '_') || 'root';
  return path.join(base, `${name}-${hashText(root).slice(0, 16)}`);
}

/** The platform's folder for caches: XDG on Linux and the BSDs, `~/Library/Caches` on macOS, `%LOCALAPPDATA%` on Windows. */
function userCacheFolder(env: NodeJS.ProcessEnv): string | null {
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'droplint');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'droplint', 'Cache');
  let home: string;
  try {
    home = env.HOME || os.homedir();
  } catch {
    return null;
  }
  if (!home) return null;
  return process.platform === 'darwin' ? path.join(home, 'Library', 'Caches', 'droplint') : path.join(home, '.cache', 'droplint');
}

/** The config file's folder, else the git work tree's top level (found without running git), else the working directory. */
function projectRoot(cwd: string, configFile: string | null): string {
  if (configFile !== null) return path.dirname(path.resolve(cwd, configFile));
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

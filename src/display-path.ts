import path from 'node:path';

/**
 * How a path is shown to the user and in every output: relative to the working
 * directory (`../shared/V1__a.sql` when outside it), `/`-separated. Only a path
 * on another drive, which has no relative form, stays absolute.
 */
export function displayPath(cwd: string, absPath: string): string {
  const rel = path.relative(cwd, absPath);
  const shown = rel === '' ? path.basename(absPath) : path.isAbsolute(rel) ? absPath : rel;
  return shown.split(path.sep).join('/');
}

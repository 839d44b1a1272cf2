import path from 'node:path';

/**
 * How a path is shown to the user and in every output: relative to the working
 * directory (`../shared/V1__a.sql` when outside it), `/`-separated. Only a path
 * on another drive, which has no relative form, stays absolute.
 */
export function displayPath(cwd: string, absPath: string): string {
  // A file below the working directory (most are): its path past it, without path.relative's work (~25 µs a call).
  const below = absPath.length > cwd.length + 1 && absPath.charAt(cwd.length) === path.sep && absPath.startsWith(cwd);
  if (below && path.isAbsolute(cwd) && !absPath.includes(`${path.sep}..`))
    return absPath
      .slice(cwd.length + 1)
      .split(path.sep)
      .join('/');
  const rel = path.relative(cwd, absPath);
  const shown = rel === '' ? path.basename(absPath) : path.isAbsolute(rel) ? absPath : rel;
  return shown.split(path.sep).join('/');
}

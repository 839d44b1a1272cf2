import { createRequire } from 'node:module';
import type FastGlob from 'fast-glob';
import type Picomatch from 'picomatch';

/**
 * Glob matching and walking, loaded on first use: a pre-commit run on one
 * named file needs neither, and loading fast-glob alone costs ~40 ms.
 */
const require = createRequire(import.meta.url);

let picomatch: typeof Picomatch | undefined;
let fastGlob: typeof FastGlob | undefined;

/** A matcher for `/`-separated relative paths (dot files included). */
export function globMatcher(globs: readonly string[]): (relPath: string) => boolean {
  picomatch ??= require('picomatch') as typeof Picomatch;
  return picomatch([...globs], { dot: true });
}

/** fast-glob's synchronous walk. */
export function globSync(patterns: string | string[], options: FastGlob.Options): string[] {
  fastGlob ??= require('fast-glob') as typeof FastGlob;
  return fastGlob.sync(patterns, options);
}

/** fast-glob's synchronous walk, each entry with the type its folder listing gave (no stat per entry). */
export function globEntriesSync(patterns: string | string[], options: FastGlob.Options): FastGlob.Entry[] {
  fastGlob ??= require('fast-glob') as typeof FastGlob;
  return fastGlob.sync(patterns, { ...options, objectMode: true });
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashBytes } from './content-hash.js';

/** Set by the bundler (scripts/bundle.mjs): a hash of the code it bundled. */
declare const DROPLINT_BUILD_ID: string | undefined;

let computed: string | undefined;

/**
 * What identifies this build of droplint's code, for the persistent cache: an
 * entry written by another build (another version, or the same version with
 * any front-end changed) is never read. The bundle has it built in; run
 * unbundled (tests, tools), it is a hash of the code beside this module.
 */
export function buildId(): string {
  if (typeof DROPLINT_BUILD_ID === 'string') return DROPLINT_BUILD_ID;
  computed ??= hashOwnCode();
  return computed;
}

/** `src/` and `rules/` above this module (the sources, or tsc's output under dist/), file by file in name order. */
function hashOwnCode(): string {
  const top = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const parts: Buffer[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      if (/\.(ts|js|mjs|mts)$/.test(name)) parts.push(Buffer.from(`${path.relative(top, file)}\0`), readFileSync(file));
      else if (!name.includes('.')) walk(file);
    }
  };
  for (const part of ['src', 'rules', 'bin']) walk(path.join(top, part));
  return `dev-${hashBytes(Buffer.concat(parts)).slice(0, 24)}`;
}

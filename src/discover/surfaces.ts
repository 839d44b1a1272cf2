import path from 'node:path';
import { globSync } from '../globs.js';
import { SKIPPED_FOLDERS } from './discover.js';

/** File names that may be deploy surfaces (src/parsers/deploy decides which are). */
const SURFACE_GLOBS = [
  '**/package.json',
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.Dockerfile',
  '**/Containerfile',
  '**/Procfile',
  '**/fly.toml',
  '**/railway.toml',
  '**/railway.json',
  '**/render.yaml',
  '**/render.yml',
  '**/docker-compose*.yml',
  '**/docker-compose*.yaml',
  '**/compose*.yml',
  '**/compose*.yaml',
  '**/Makefile',
  '**/makefile',
  '**/GNUmakefile',
  '.github/workflows/*.yml',
  '.github/workflows/*.yaml',
];

/**
 * The deploy surfaces of the project below `root`, absolute and sorted:
 * dependency, VCS and virtualenv folders are skipped. Shell scripts are not
 * listed: they are read when a surface runs them.
 */
export function projectSurfaces(root: string): string[] {
  return globSync(SURFACE_GLOBS, {
    cwd: root,
    absolute: true,
    dot: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: SKIPPED_FOLDERS.map((name) => `**/${name}/**`),
  })
    .map((file) => path.normalize(file))
    .sort();
}

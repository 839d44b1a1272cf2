/**
 * The test surfaces of a run: Python test files (`conftest.py`, files below a
 * `test`/`tests` folder) and application functions named for dropping
 * everything, among the Python files that are no migrations; and the
 * Jest/Vitest global set-up and set-up files that the project's configs name.
 */
import path from 'node:path';
import { displayPath } from '../../display-path.js';
import { SKIPPED_FOLDERS } from '../../discover/discover.js';
import { globSync } from '../../globs.js';
import type { TeardownOp } from '../../ir/operations.js';
import type { MigrationUnit } from '../../ir/unit.js';
import { readText } from '../deploy/project.js';
import { JAVASCRIPT, PYTHON } from './languages.js';
import { scanTeardowns } from './scan.js';

const TEST_FILE = /(^|\/)(conftest\.py|tests?\/.*\.py|test_[^/]*\.py|[^/]*_test\.py)$/;
/** In application code, only a function named for it is a teardown: `drop_tables()`, `reset_db()`. */
const TEARDOWN_FUNCTION = /def\s+\w*(drop|reset|wipe|clear|purge|destroy|teardown|truncate|recreate)\w*\s*\(/i;
const TEST_CONFIGS = [
  '**/jest.config.{js,ts,mjs,cjs,mts,cts,json}',
  '**/vitest.config.{js,ts,mjs,cjs,mts,cts}',
  '**/vitest.workspace.{js,ts,mjs}',
  '**/vite.config.{js,ts,mjs,cjs,mts}',
];
/** `globalSetup: './x'`, `setupFiles: ['./a', './b']` (also `setupFilesAfterEach`), as a config writes them. */
const SETUP_KEYS = /\b(?:globalSetup|setupFiles\w*)\s*["']?\s*:\s*(\[[^\]]*\]|["'][^"']+["'])/g;

export interface TeardownRequest {
  readonly cwd: string;
  readonly root: string;
  /** Python files the run found that are no Alembic migration or env.py. */
  readonly python: readonly string[];
  /** Whether a file is among the linted paths. */
  readonly wanted: (absPath: string) => boolean;
  /** Whether to look for the project's test configs (a folder is walked). */
  readonly walking: boolean;
  /** Each Alembic env.py that overrides the URL (env-url-override): its absolute path and where, as `path:line`. */
  readonly urlOverrides: ReadonlyArray<{ readonly envFile: string; readonly at: string }>;
  readonly read?: (absPath: string) => string | null;
}

export function teardownUnits(request: TeardownRequest): MigrationUnit[] {
  const read = request.read ?? readText;
  const units: MigrationUnit[] = [];
  const add = (file: string, text: string, ops: Omit<TeardownOp, 'urlOverride'>[], urlOverride: string | null): void => {
    if (ops.length === 0) return;
    const operations = ops.map((op) => ({ ...op, urlOverride }));
    units.push({
      file: { path: displayPath(request.cwd, file), text },
      format: 'test',
      dialect: null,
      orderKey: path.basename(file),
      phases: ['none'],
      operations,
      suppressions: [],
      meta: { format: 'test' },
    });
  };
  for (const file of request.python) {
    const text = read(file);
    if (text === null) continue;
    const rel = path.relative(request.root, file).split(path.sep).join('/');
    const ops = TEST_FILE.test(rel) ? scanTeardowns(text, PYTHON) : scanTeardowns(text, PYTHON, TEARDOWN_FUNCTION);
    // An env.py speaks for the project around its migrations folder: the tests inside that project run through it.
    const override = request.urlOverrides.find(({ envFile }) => !path.relative(path.dirname(path.dirname(envFile)), file).startsWith('..'));
    add(file, text, ops, override?.at ?? null);
  }
  if (request.walking) {
    for (const setup of setupFiles(request.root, read)) {
      if (!request.wanted(setup)) continue;
      const text = read(setup);
      if (text !== null) add(setup, text, scanTeardowns(text, JAVASCRIPT), null);
    }
  }
  return units;
}

/** The set-up files the project's Jest and Vitest configs name, absolute. */
function setupFiles(root: string, read: (absPath: string) => string | null): string[] {
  const configs = globSync(TEST_CONFIGS, { cwd: root, absolute: true, suppressErrors: true, ignore: SKIPPED_FOLDERS.map((name) => `**/${name}/**`) });
  const files = new Set<string>();
  for (const config of configs) {
    const text = read(config) ?? '';
    for (const m of text.matchAll(SETUP_KEYS)) {
      for (const name of m[1]!.matchAll(/["']([^"']+)["']/g)) {
        const spec = name[1]!.replace(/^<rootDir>\//, '');
        if (!spec.startsWith('.') && !spec.includes('/')) continue;
        const abs = path.resolve(path.dirname(config), spec);
        const found = [abs, ...['.ts', '.js', '.mjs', '.cjs', '.mts'].map((ext) => `${abs}${ext}`)].find((candidate) => read(candidate) !== null);
        if (found !== undefined) files.add(found);
      }
    }
  }
  return [...files].sort();
}

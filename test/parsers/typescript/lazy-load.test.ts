/** TypeScript's parser is the heaviest dependency: only a run that reads a TS/JS migration may load it. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { project } from '../../cli/run-cli.js';

const bin = path.resolve('bin/droplint.js');
const preload = path.resolve('test/fixtures/preload/report-typescript.cjs');

function loadsTypeScript(cwd: string, args: readonly string[]): boolean {
  const run = spawnSync(process.execPath, ['--require', preload, bin, ...args], { cwd, encoding: 'utf8' });
  return /typescript loaded: true/.test(run.stderr);
}

describe('loading the TypeScript parser', () => {
  const dir = project({
    'sql/V1__init.sql': 'DROP TABLE users;\n',
    'src/app.ts': 'export const up = 1;\n',
    'migrations/20240101000000_init.js': "exports.up = (knex) => knex.schema.dropTable('users');\n",
  });

  it('a SQL file alone, or a project whose TS files are no migrations, never loads it', () => {
    expect(loadsTypeScript(dir, ['sql/V1__init.sql'])).toBe(false);
    expect(loadsTypeScript(dir, ['src'])).toBe(false);
  });

  it('a TS/JS migration does', () => {
    expect(loadsTypeScript(dir, ['migrations/20240101000000_init.js'])).toBe(true);
  });
});

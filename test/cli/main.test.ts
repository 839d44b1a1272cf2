import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../bin/main.mjs';
import type { Io } from '../../src/cli/main.js';
import { project } from './run-cli.js';

// A front-end that crashes on one file stands in for a parser bug.
vi.mock('../../src/parsers/sql/sql-file.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/parsers/sql/sql-file.js')>();
  return {
    parseSqlFile: (file: { path: string }, ...rest: unknown[]) => {
      if (file.path.includes('crash')) throw new Error('boom');
      return (real.parseSqlFile as (...args: unknown[]) => unknown)(file, ...rest);
    },
  };
});

async function runMain(cwd: string, argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd,
    env: { NO_COLOR: '1' },
    isTty: false,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: () => new Uint8Array(),
  };
  return { status: await main(argv, io), stdout, stderr };
}

describe('main, in process', () => {
  it('finds the package version when run from the sources', async () => {
    const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(await runMain(project(), ['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('turns a front-end crash on one file into a parse-error and lints the others', async () => {
    const dir = project({ 'V1__crash.sql': 'SELECT 1;\n', 'V2__drop.sql': 'DROP TABLE a;\n' });
    const run = await runMain(dir, ['--format', 'json']);
    expect(run.status).toBe(1);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ file: string; rule: string; message: string }> };
    expect(doc.diagnostics.map((d) => [d.file, d.rule, d.message])).toEqual([
      ['V1__crash.sql', 'parse-error', 'cannot parse: droplint failed on this file (boom); please report it'],
      ['V2__drop.sql', 'drop-table', 'migration drops table "a"; all of its rows are lost'],
    ]);
  });
});

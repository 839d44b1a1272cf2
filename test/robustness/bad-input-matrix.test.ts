import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { droplint, project } from '../cli/run-cli.js';

/**
 * The bad-input cases of issue 7 that test/cli/bad-input.test.ts,
 * exit-codes.test.ts, changed-since.test.ts and config/load.test.ts do not
 * already cover. Each one: a one-line message naming the file, no stack trace,
 * the other files still linted, the contract's exit code.
 */
interface Doc {
  summary: { files: number; errors: number };
  diagnostics: Array<{ file: string; line: number; column: number; rule: string; message: string }>;
}

const DROP = 'DROP TABLE "other";\n';
const rows = (doc: Doc): string[] => doc.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);

function lintDoc(dir: string, args: string[] = []): { status: number | null; doc: Doc; stderr: string } {
  const run = droplint(dir, ['--format', 'json', '--rule', 'unmanaged-table-drop=off', ...args]);
  expect(run.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  return { status: run.status, doc: JSON.parse(run.stdout) as Doc, stderr: run.stderr };
}

describe('bad-input matrix', () => {
  it('lone CR line endings give the right lines and columns', () => {
    const dir = project({ 'V1__cr.sql': 'CREATE TABLE x (id int);\rDROP TABLE "c";\r  DROP TABLE "d";\r' });
    const { status, doc } = lintDoc(dir);
    expect(status).toBe(1);
    expect(rows(doc)).toEqual(['V1__cr.sql:2:1 drop-table', 'V1__cr.sql:3:3 drop-table']);
  });

  it('a 10,000-character line keeps its column count', () => {
    const dir = project({ 'V1__long.sql': `SELECT '${'x'.repeat(10_000)}'; DROP TABLE "u";\n` });
    const { doc } = lintDoc(dir);
    expect(rows(doc)).toEqual(['V1__long.sql:1:10012 drop-table']);
  });

  it('5,000 levels of nested parentheses neither crash nor hide the next statement', () => {
    const nest = `${'('.repeat(5000)}1${')'.repeat(5000)}`;
    const dir = project({ 'V1__deep.sql': `SELECT ${nest};\nALTER TABLE t ADD CONSTRAINT c CHECK ${nest.replace('1', 'a > 1')};\nDROP TABLE "after";\n` });
    const { status, doc } = lintDoc(dir);
    expect(status).toBe(1);
    expect(rows(doc)).toContain('V1__deep.sql:3:1 drop-table');
  });

  it('a 50 MB SQL file is linted within a time bound, with the drop at its end found', () => {
    const line = '1\tsome text here that is data\n';
    const data = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
    const dir = project({ 'V1__big.sql': `COPY t (id, note) FROM stdin;\n${data}\\.\nDROP TABLE "big";\n`, 'V2__small.sql': DROP });
    const started = performance.now();
    const { status, doc } = lintDoc(dir);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(status).toBe(1);
    const lines = data.length / line.length + 3;
    expect(rows(doc)).toEqual([`V1__big.sql:${lines}:1 drop-table`, 'V2__small.sql:1:1 drop-table']);
  }, 30_000);

  it('a symbolic link loop, a dangling link and a linked folder loop in a migrations folder', () => {
    const dir = project({ 'migrations/V1__real.sql': 'DROP TABLE "real";\n', 'migrations/V3__ok.sql': DROP });
    const m = path.join(dir, 'migrations');
    fs.symlinkSync('V2__b.sql', path.join(m, 'V2__a.sql'));
    fs.symlinkSync('V2__a.sql', path.join(m, 'V2__b.sql'));
    fs.symlinkSync('gone.sql', path.join(m, 'V4__dangling.sql'));
    fs.symlinkSync('V1__real.sql', path.join(m, 'V5__linked.sql'));
    fs.symlinkSync('..', path.join(m, 'loop'));
    const { status, doc } = lintDoc(dir);
    expect(status).toBe(1);
    expect(doc.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`)).toEqual([
      'migrations/V1__real.sql:1 drop-table migration drops table "real"; all of its rows are lost',
      'migrations/V2__a.sql:1 parse-error cannot parse: cannot read file (ELOOP: symbolic link loop)',
      'migrations/V2__b.sql:1 parse-error cannot parse: cannot read file (ELOOP: symbolic link loop)',
      'migrations/V3__ok.sql:1 drop-table migration drops table "other"; all of its rows are lost',
      'migrations/V4__dangling.sql:1 parse-error cannot parse: cannot read file (ENOENT: no such file, or a broken symbolic link)',
      'migrations/V5__linked.sql:1 drop-table migration drops table "real"; all of its rows are lost',
    ]);
  });

  it('a named path that is a link loop is a one-line usage problem; the other paths are linted', () => {
    const dir = project({ 'V3__ok.sql': DROP });
    fs.symlinkSync('V2__b.sql', path.join(dir, 'V2__a.sql'));
    fs.symlinkSync('V2__a.sql', path.join(dir, 'V2__b.sql'));
    const { status, doc, stderr } = lintDoc(dir, ['V2__a.sql', 'V3__ok.sql']);
    expect(status).toBe(2);
    expect(stderr).toBe('droplint: cannot read path: V2__a.sql (ELOOP)\n');
    expect(rows(doc)).toEqual(['V3__ok.sql:1:1 drop-table']);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file is a parse-error; the others are still linted', () => {
    const dir = project({ 'V1__secret.sql': DROP, 'V2__ok.sql': DROP });
    fs.chmodSync(path.join(dir, 'V1__secret.sql'), 0o000);
    const { status, doc } = lintDoc(dir);
    expect(status).toBe(1);
    expect(doc.diagnostics.map((d) => `${d.file} ${d.rule} ${d.message}`)).toEqual([
      'V1__secret.sql parse-error cannot parse: cannot read file (EACCES: permission denied)',
      'V2__ok.sql drop-table migration drops table "other"; all of its rows are lost',
    ]);
  });

  it.each(['droplint.config.js', 'droplint.mjs', 'droplint.cjs'])('rejects a JavaScript config file %s (exit 2): config is data, never code', (name) => {
    const dir = project({ [name]: 'throw new Error("executed")\n', 'V1__a.sql': DROP });
    expect(droplint(dir, ['--config', name])).toEqual({
      status: 2,
      stdout: '',
      stderr: `droplint: ${name}: unsupported config file type (expected .toml or .json)\n`,
    });
  });
});

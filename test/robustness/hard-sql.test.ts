import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { droplint, project } from '../cli/run-cli.js';

/**
 * Hand-written files in the style of PostgreSQL's regression suite (psql
 * meta-commands, COPY data blocks, nested dollar quotes, BEGIN ATOMIC, a
 * Latin-1 file, very long identifiers, deep nesting, a broken tail), linted in
 * one run: nothing aborts, what cannot be read is a parse-error.
 */
const FIXTURES = path.resolve('test/fixtures/hard-sql');

describe('hard SQL corpus', () => {
  it('lints every file in one run, reporting what it cannot parse', () => {
    // In a `sql/` folder: walking the project, droplint lints loose .sql files only in migrations-like folders.
    const files = Object.fromEntries(fs.readdirSync(FIXTURES).map((name) => [`sql/${name}`, fs.readFileSync(path.join(FIXTURES, name))]));
    const dir = project(files);
    const started = performance.now();
    const run = droplint(dir, ['--format', 'json', '--rule', 'unmanaged-table-drop=off', 'sql']);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout) as {
      summary: { files: number };
      diagnostics: Array<{ file: string; line: number; rule: string; table: string | null; message: string }>;
    };
    expect(doc.summary.files).toBe(Object.keys(files).length);
    const rows = doc.diagnostics.map((d) => `${d.file.replace('sql/', '')}:${d.line} ${d.rule} ${d.table ?? d.message}`);
    expect(rows).toEqual([
      '01_psql_meta.sql:16 drop-table meta_gone',
      // The DROP after the data block is found; the "DROP TABLE" and "TRUNCATE" inside the data are not statements.
      '02_copy_stdin.sql:7 drop-table after_copy',
      // EXECUTE of a constant inner dollar quote is read; the outer quote ends where it should.
      '03_nested_dollar.sql:3 drop-table inside_inner',
      '03_nested_dollar.sql:8 drop-table after_dollars',
      '04_begin_atomic.sql:13 drop-table after_atomic',
      '05_latin1.sql:1 parse-error cannot parse: not valid UTF-8 text; droplint reads migrations as UTF-8',
      `06_long_identifiers.sql:3 drop-table ${'y'.repeat(5000)}`,
      '07_deep_nesting.sql:3 drop-table after_nesting',
      '08_broken_tail.sql:1 drop-table before_the_mess',
      '08_broken_tail.sql:2 parse-error cannot parse: syntax error at or near "SELEC"',
      // Unbalanced parentheses send the statement the recognizers accepted to the grammar.
      '08_broken_tail.sql:3 parse-error cannot parse: syntax error at end of input',
      '08_broken_tail.sql:5 delete-without-where cleanup_everything',
      '08_broken_tail.sql:6 parse-error cannot parse: unterminated dollar-quoted string $tag$',
      '08_broken_tail.sql:7 drop-table swallowed',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { droplint, lintJson, project } from './run-cli.js';

const TABLES = [
  'DROP TABLE auth_sessions;',
  'DROP TABLE authors;',
  'DROP TABLE billing.invoices;',
  'DROP TABLE public.invoices;',
  'DROP TABLE "User";',
  'DROP TABLE "user";',
  'TRUNCATE billing.ledger;',
  '',
].join('\n');

describe('protected tables', () => {
  it('--protected-table "auth_*" protects matching tables only', () => {
    const dir = project({ 'migrations/V7__cleanup.sql': TABLES });
    const protectedHits = lintJson(dir, ['--protected-table', 'auth_*'], 1).filter((f) => f.includes('protected-table'));
    expect(protectedHits).toEqual(['migrations/V7__cleanup.sql:1:1 error[protected-table]']);
  });

  it('config protected-tables with billing.* and a quoted "User", plus --protected-table', () => {
    const dir = project({
      'droplint.toml': 'protected-tables = ["billing.*", \'"User"\']\n',
      'migrations/V7__cleanup.sql': TABLES,
    });
    const protectedLines = (args: string[]): string[] => lintJson(dir, args, 1).filter((f) => f.includes('protected-table'));
    expect(protectedLines([])).toEqual([
      'migrations/V7__cleanup.sql:3:1 error[protected-table]',
      'migrations/V7__cleanup.sql:5:1 error[protected-table]',
      'migrations/V7__cleanup.sql:7:1 error[protected-table]',
    ]);
    // The command line adds to the config's list.
    expect(protectedLines(['--protected-table', 'auth_*'])).toEqual([
      'migrations/V7__cleanup.sql:1:1 error[protected-table]',
      'migrations/V7__cleanup.sql:3:1 error[protected-table]',
      'migrations/V7__cleanup.sql:5:1 error[protected-table]',
      'migrations/V7__cleanup.sql:7:1 error[protected-table]',
    ]);
  });

  it('protects in a downgrade too, at error', () => {
    const dir = project({ 'db/000004_auth.down.sql': 'DROP TABLE auth_tokens;\n' });
    expect(lintJson(dir, ['--protected-table', 'auth_*'], 1)).toEqual([
      'db/000004_auth.down.sql:1:1 warning[drop-table]',
      'db/000004_auth.down.sql:1:1 error[protected-table]',
    ]);
  });
});

describe('--dialect', () => {
  const MYSQL = 'DROP TABLE `orders`;\nALTER TABLE `users` DROP COLUMN `nick_name`;\n';

  it('mysql reads backtick identifiers', () => {
    const dir = project({ 'db/V5__mysql.sql': MYSQL });
    const run = droplint(dir, ['--format', 'json', '--dialect', 'mysql']);
    expect(run.status).toBe(1);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<Record<string, unknown>> };
    expect(
      doc.diagnostics.map((d) => [d.rule, d.line, d.column, d.endColumn, d.table, (d.object as { column: string | null } | null)?.column ?? null]),
    ).toEqual([
      ['drop-table', 1, 1, 20, 'orders', null],
      ['drop-column', 2, 21, 44, 'users', 'nick_name'],
    ]);
  });

  it('the config dialect applies too, and --dialect postgresql does not read backticks', () => {
    const dir = project({ 'db/V5__mysql.sql': MYSQL });
    // Without a dialect, the backticks show MySQL.
    expect(lintJson(dir, [], 1)).toEqual(['db/V5__mysql.sql:1:1 error[drop-table]', 'db/V5__mysql.sql:2:21 error[drop-column]']);
    expect(lintJson(dir, ['--dialect', 'postgresql'], 1)).toContain('db/V5__mysql.sql:1:12 error[parse-error]');
    const withConfig = project({ 'droplint.toml': 'dialect = "mysql"\n', 'db/V5__mysql.sql': MYSQL });
    expect(lintJson(withConfig, [], 1)).toEqual(['db/V5__mysql.sql:1:1 error[drop-table]', 'db/V5__mysql.sql:2:21 error[drop-column]']);
  });
});

describe('--stdin', () => {
  const SQL = '-- drop the old carts\nDROP TABLE carts;\n';

  it('lints standard input as the named file, which need not exist', () => {
    const dir = project();
    const run = droplint(dir, ['--stdin', '--stdin-filename', 'migrations/V3__x.sql', '--format', 'json'], SQL);
    expect(run.status).toBe(1);
    const doc = JSON.parse(run.stdout) as { summary: { files: number }; diagnostics: Array<Record<string, unknown>> };
    expect(doc.summary.files).toBe(1);
    expect(doc.diagnostics.map((d) => [d.file, d.line, d.column, d.rule, d.phase])).toEqual([['migrations/V3__x.sql', 2, 1, 'drop-table', 'upgrade']]);
  });

  it('shows a name starting with two dots as relative (it is inside the folder)', () => {
    expect(lintJson(project(), ['--stdin', '--stdin-filename', '..V3__x.sql'], 1, SQL)).toEqual(['..V3__x.sql:2:1 error[drop-table]']);
  });

  it('reads standard input, not the file on disk, and takes the phase from the name', () => {
    const dir = project({ 'db/000003_carts.down.sql': 'SELECT 1;\n' });
    expect(lintJson(dir, ['--stdin', '--stdin-filename', 'db/000003_carts.down.sql'], 0, SQL)).toEqual(['db/000003_carts.down.sql:2:1 warning[drop-table]']);
  });

  it('lints nothing for a name droplint would not lint: excluded, or not SQL', () => {
    const dir = project({ 'droplint.toml': 'exclude = ["legacy/**"]\n', 'legacy/V1__old.sql': 'SELECT 1;\n' });
    for (const name of ['legacy/V1__old.sql', 'legacy/V2__new.sql', 'notes.txt']) {
      expect(lintJson(dir, ['--stdin', '--stdin-filename', name], 0, SQL)).toEqual([]);
    }
  });

  it('rejects a folder as the file name', () => {
    const dir = project({ 'migrations/V1__a.sql': 'DROP TABLE a;\n' });
    const run = droplint(dir, ['--stdin', '--stdin-filename', 'migrations'], SQL);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('droplint: --stdin-filename names a folder, not a file: migrations\n');
    expect(run.stdout).not.toContain('V1__a.sql');
  });
});

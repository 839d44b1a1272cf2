import { describe, expect, it } from 'vitest';
import { droplint, lintJson, project } from './run-cli.js';

/** Lints one file and returns its findings as `line:col severity[rule]`. */
function lintOne(name: string, text: string, status: number, args: string[] = []): string[] {
  const dir = project({ [name]: text });
  return lintJson(dir, [name, ...args], status).map((f) => f.slice(name.length + 1));
}

function messages(name: string, text: string, args: string[] = []): string[] {
  const dir = project({ [name]: text });
  const doc = JSON.parse(droplint(dir, ['--format', 'json', name, ...args]).stdout) as { diagnostics: Array<{ message: string }> };
  return doc.diagnostics.map((d) => d.message);
}

describe('droplint-ignore', () => {
  it('on the line before the statement', () => {
    const sql = '-- droplint-ignore drop-table: archived to s3 in OPS-1234\nDROP TABLE "session";\nDROP TABLE "token";\n';
    expect(lintOne('V2__drop_legacy.sql', sql, 1)).toEqual(['3:1 error[drop-table]']);
  });

  it("on the line before, with Prisma's -- DropTable comment in between", () => {
    const dir = project({
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'prisma/migrations/20240301000000_rm/migration.sql': [
        '-- droplint-ignore drop-table: replaced by "Invoice" in 2024-03',
        '-- DropTable',
        'DROP TABLE "Bill";',
        '',
        '-- DropTable',
        'DROP TABLE "Receipt";',
        '',
      ].join('\n'),
    });
    expect(lintJson(dir, [], 1)).toEqual(['prisma/migrations/20240301000000_rm/migration.sql:6:1 error[drop-table]']);
  });

  it("at the end of the statement's first line", () => {
    const sql = 'DROP TABLE "tmp_import"; -- droplint-ignore drop-table: scratch table\nDROP TABLE "orders";\n';
    expect(lintOne('V3__x.sql', sql, 1)).toEqual(['2:1 error[drop-table]']);
  });

  it('with comma-separated ids, each of which must suppress something', () => {
    const sql = [
      '-- droplint-ignore drop-column, protected-table: bio moved to "profiles" in v2.3',
      'ALTER TABLE "users" DROP COLUMN "bio";',
      '-- droplint-ignore drop-column, drop-table: only the column',
      'ALTER TABLE "posts" DROP COLUMN "avatar";',
      '',
    ].join('\n');
    const args = ['--protected-table', 'users'];
    expect(lintOne('V4__x.sql', sql, 0, args)).toEqual(['3:1 warning[unused-suppression]']);
    expect(messages('V4__x.sql', sql, args)).toEqual(['droplint-ignore drop-table suppresses nothing: no drop-table finding here']);
    // Without the protected table, that id suppresses nothing either.
    expect(messages('V4__x.sql', sql)).toEqual([
      'droplint-ignore protected-table suppresses nothing: no protected-table finding here',
      'droplint-ignore drop-table suppresses nothing: no drop-table finding here',
    ]);
  });

  it('droplint-ignore-file in the first 10 lines, with and without ids', () => {
    const all = '-- Legacy dump, never run in production.\n-- droplint-ignore-file: replaced by the 2024 baseline\nDROP TABLE a;\nTRUNCATE b;\n';
    expect(lintOne('legacy.sql', all, 0)).toEqual([]);
    const some = `${'\n'.repeat(9)}-- droplint-ignore-file drop-table: tables archived in OPS-7\nDROP TABLE a;\nTRUNCATE b;\n`;
    expect(lintOne('legacy.sql', some, 1)).toEqual(['12:1 error[truncate-table]']);
  });

  it('droplint-ignore-file below line 10 is reported and not applied', () => {
    const sql = `${'\n'.repeat(10)}-- droplint-ignore-file drop-table: too late\nDROP TABLE a;\n`;
    expect(lintOne('late.sql', sql, 1)).toEqual(['11:1 warning[invalid-suppression]', '12:1 error[drop-table]']);
    expect(messages('late.sql', sql)[0]).toBe('droplint-ignore-file only counts in the first 10 lines');
  });

  it('a suppression that matches nothing is an unused-suppression warning', () => {
    const sql = 'CREATE TABLE "t" (id int);\n-- droplint-ignore drop-table: left over\nCREATE INDEX "t_id" ON "t" (id);\n';
    expect(lintOne('V5__x.sql', sql, 0)).toEqual(['2:1 warning[unused-suppression]']);
    expect(lintOne('V5__x.sql', sql, 1, ['--max-warnings', '0'])).toEqual(['2:1 warning[unused-suppression]']);
    const file = '-- droplint-ignore-file: nothing to hide\nSELECT 1;\n';
    expect(lintOne('V6__x.sql', file, 0)).toEqual(['1:1 warning[unused-suppression]']);
    expect(messages('V6__x.sql', file)).toEqual(['droplint-ignore-file on line 1 suppresses nothing']);
  });

  it('an unknown rule id, or no reason, is an invalid-suppression warning; without a reason it still applies', () => {
    const sql = ['-- droplint-ignore drop-tabel: typo', 'DROP TABLE a;', '-- droplint-ignore drop-table', 'DROP TABLE b;', ''].join('\n');
    expect(lintOne('V7__x.sql', sql, 1)).toEqual(['1:1 warning[invalid-suppression]', '2:1 error[drop-table]', '3:1 warning[invalid-suppression]']);
    expect(messages('V7__x.sql', sql)).toEqual([
      'droplint-ignore names unknown rule "drop-tabel"',
      'migration drops table "a"; all of its rows are lost',
      'droplint-ignore has no reason: write `droplint-ignore drop-table: <why this is safe>`',
    ]);
  });

  it('only covers the statement it belongs to, not a clause of a multi-line one', () => {
    const sql = [
      'ALTER TABLE "users"',
      '  DROP COLUMN "bio", -- droplint-ignore drop-column: bio is unused',
      '  DROP COLUMN "email";',
      'ALTER TABLE "users"',
      '  -- droplint-ignore drop-column: nickname is unused',
      '  DROP COLUMN "nickname";',
      'DROP TABLE "keep";',
      '',
    ].join('\n');
    expect(lintOne('V8__x.sql', sql, 1)).toEqual([
      '2:3 error[drop-column]',
      '2:22 warning[invalid-suppression]',
      '3:3 error[drop-column]',
      '5:3 warning[invalid-suppression]',
      '6:3 error[drop-column]',
      '7:1 error[drop-table]',
    ]);
  });

  it('a suppression of a rule this run turns off is not reported as unused', () => {
    const sql = '-- droplint-ignore drop-table: archived\nDROP TABLE a;\n';
    expect(lintOne('V9__x.sql', sql, 0, ['--rule', 'drop-table=off'])).toEqual([]);
    expect(lintOne('000009_x.down.sql', sql, 0, ['--rule', 'drop-table=off'])).toEqual([]);
  });

  it('a droplint-ignore with no statement after it is invalid', () => {
    expect(lintOne('V10__x.sql', 'DROP TABLE a; -- fine\n-- droplint-ignore drop-table: nothing below\n', 1)).toEqual([
      '1:1 error[drop-table]',
      '2:1 warning[invalid-suppression]',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { hasLintableExtension } from '../../src/discover/lintable.js';
import { droplint, project } from '../cli/run-cli.js';

describe('which file names droplint reads', () => {
  it('needs a name before the extension', () => {
    expect(hasLintableExtension('m/V1__init.sql')).toBe(true);
    expect(hasLintableExtension('alembic/versions/a1_init.py')).toBe(true);
    expect(hasLintableExtension('m/.sql')).toBe(false);
    expect(hasLintableExtension('.py')).toBe(false);
    expect(hasLintableExtension('m/notes.sql.txt')).toBe(false);
    expect(hasLintableExtension('delta/58/05cache.sql.postgres')).toBe(true);
    expect(hasLintableExtension('delta/58/05cache.sql.sqlite')).toBe(true);
    expect(hasLintableExtension('m/.sql.postgres')).toBe(false);
  });

  it("reads a migration's per-database parts (`.sql.postgres`, `.sql.sqlite`) in their dialect, each database's parts a history of their own", () => {
    const dir = project({
      'schema/delta/58/01add.sql.postgres': 'ALTER TABLE receipts ADD COLUMN thread_id TEXT;\n',
      'schema/delta/58/01add.sql.sqlite':
        'CREATE TABLE receipts_new (id BIGINT, thread_id TEXT);\nINSERT INTO receipts_new (id) SELECT id FROM receipts;\nDROP TABLE receipts;\nALTER TABLE receipts_new RENAME TO receipts;\n',
      'schema/delta/58/02drop.sql.postgres': 'TRUNCATE cache_stream;\nALTER TABLE receipts DROP COLUMN thread_id;\n',
      'schema/delta/58/03drop.sql.sqlite': 'DELETE FROM `receipts`;\n',
    });
    const run = droplint(dir, ['--format', 'json', '.']);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ file: string; line: number; rule: string; severity: string }> };
    expect(doc.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity}[${d.rule}]`)).toEqual([
      // SQLite's rebuild adds `thread_id`: nothing held it before there (PostgreSQL's part, which adds it too, is not SQLite's history).
      'schema/delta/58/02drop.sql.postgres:1 error[truncate-table]',
      'schema/delta/58/02drop.sql.postgres:2 error[drop-column]',
      'schema/delta/58/03drop.sql.sqlite:1 error[delete-without-where]',
    ]);
  });

  it('reads the same history whether a migration is named or its folder walked (a file named `.sql` is in neither)', () => {
    const dir = project({
      'm/.sql': 'CREATE TABLE t (id int);\n',
      'm/V1__init.sql': 'CREATE TABLE u (id int);\n',
      'm/V2__drop.sql': 'DROP TABLE t;\n',
    });
    const rules = (args: string[]): string[] =>
      (JSON.parse(droplint(dir, ['--format', 'json', ...args]).stdout) as { diagnostics: Array<{ rule: string }> }).diagnostics.map((d) => d.rule);
    // `t` was created only by the hidden `.sql` file, which is no migration: its drop is unmanaged either way.
    expect(rules(['m'])).toEqual(['drop-table', 'unmanaged-table-drop']);
    expect(rules(['m/V2__drop.sql'])).toEqual(['drop-table', 'unmanaged-table-drop']);
  });
});

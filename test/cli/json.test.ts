import { describe, expect, it } from 'vitest';
import { droplint, findings, lintJson, project } from './run-cli.js';

const FLYWAY = ['-- Remove the legacy session store', 'DROP TABLE "session";', 'ALTER TABLE public."user" DROP COLUMN "legacy_id";', ''].join('\n');

const EXPECTED = `{
  "version": 2,
  "summary": {
    "files": 1,
    "errors": 3,
    "warnings": 0,
    "infos": 0,
    "skipped": 0
  },
  "diagnostics": [
    {
      "rule": "drop-table",
      "severity": "error",
      "file": "migrations/V2__drop_legacy.sql",
      "line": 2,
      "column": 1,
      "endLine": 2,
      "endColumn": 21,
      "message": "migration drops table \\"session\\"; all of its rows are lost",
      "phase": "upgrade",
      "schema": null,
      "table": "session",
      "object": {
        "kind": "table",
        "schema": null,
        "table": "session",
        "column": null,
        "name": "session"
      },
      "help": "Stop using the table, deploy, back it up, then drop it in a later migration; or suppress with a reason."
    },
    {
      "rule": "protected-table",
      "severity": "error",
      "file": "migrations/V2__drop_legacy.sql",
      "line": 2,
      "column": 1,
      "endLine": 2,
      "endColumn": 21,
      "message": "migration drops protected table \\"session\\" (matches \`session\` in protected-tables)",
      "phase": "upgrade",
      "schema": null,
      "table": "session",
      "object": {
        "kind": "table",
        "schema": null,
        "table": "session",
        "column": null,
        "name": "session"
      },
      "help": "This table is owned by something else (an auth library, another service): change it there, not in this migration."
    },
    {
      "rule": "drop-column",
      "severity": "error",
      "file": "migrations/V2__drop_legacy.sql",
      "line": 3,
      "column": 27,
      "endLine": 3,
      "endColumn": 50,
      "message": "migration drops column \\"legacy_id\\" of table \\"public.user\\"; its data is lost",
      "phase": "upgrade",
      "schema": "public",
      "table": "user",
      "object": {
        "kind": "column",
        "schema": "public",
        "table": "user",
        "column": "legacy_id",
        "name": "legacy_id"
      },
      "help": "Expand/contract: stop reading the column, deploy, then drop it in a later migration; or suppress with a reason."
    }
  ]
}
`;

describe('--format json', () => {
  it('writes the exact version 2 document', () => {
    const dir = project({ 'migrations/V2__drop_legacy.sql': FLYWAY });
    const run = droplint(dir, ['--format', 'json', '--protected-table', 'session']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(EXPECTED);
  });

  it('writes an empty list and counts the files when nothing is found', () => {
    const dir = project({ 'migrations/a.sql': 'SELECT 1;\n', 'migrations/b.sql': '' });
    const run = droplint(dir, ['--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      '{\n  "version": 2,\n  "summary": {\n    "files": 2,\n    "errors": 0,\n    "warnings": 0,\n    "infos": 0,\n    "skipped": 0\n  },\n  "diagnostics": []\n}\n',
    );
  });

  it('is byte-identical across runs and sorted by file, line, column, rule over several files', () => {
    const dir = project({
      'z/V1__drop.sql': 'TRUNCATE "audit";\nDROP TABLE "x"; DROP TABLE "a";\n',
      'db/migrations/000003_rm.down.sql': 'DROP TABLE "widgets";\n',
      'db/migrations/000003_rm.up.sql': 'DELETE FROM "carts";\n',
      'b/schema.sql': '-- migrate:up\nALTER TABLE "t" DROP COLUMN "c";\n\n-- migrate:down\nDROP TABLE "t";\n',
      'a/migrations/drop.sql': 'DROP SCHEMA "old" CASCADE;\n',
    });
    const args = ['--format', 'json', '--protected-table', 'widgets'];
    const first = droplint(dir, args);
    const second = droplint(dir, args);
    expect(second.stdout).toBe(first.stdout);
    expect(findings(first)).toEqual([
      'a/migrations/drop.sql:1:1 error[drop-schema]',
      'b/schema.sql:2:17 error[drop-column]',
      'b/schema.sql:5:1 warning[drop-table]',
      // The downgrade drops "t", which existed before its upgrade (which altered it): a wrong undo.
      'b/schema.sql:5:1 warning[unmanaged-table-drop]',
      'db/migrations/000003_rm.down.sql:1:1 warning[drop-table]',
      'db/migrations/000003_rm.down.sql:1:1 error[protected-table]',
      // The up migration before it never created the table the down drops.
      'db/migrations/000003_rm.down.sql:1:1 warning[unmanaged-table-drop]',
      'db/migrations/000003_rm.up.sql:1:1 error[delete-without-where]',
      'z/V1__drop.sql:1:1 error[truncate-table]',
      'z/V1__drop.sql:2:1 error[drop-table]',
      'z/V1__drop.sql:2:17 error[drop-table]',
    ]);
  });

  it('gives the phase of each section and file name, and the table column under "object"', () => {
    const dir = project({
      'db/20240101120000_users.sql': '-- migrate:up\nALTER TABLE users DROP COLUMN nickname;\n-- migrate:down\nALTER TABLE users DROP COLUMN bio;\n',
      'db/notes.sql': 'ALTER TABLE users DROP COLUMN avatar;\n',
    });
    const run = droplint(dir, ['--format', 'json']);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<Record<string, unknown>> };
    expect(doc.diagnostics.map((d) => [d.file, d.line, d.phase, d.table, d.object, d.column])).toEqual([
      ['db/20240101120000_users.sql', 2, 'upgrade', 'users', { kind: 'column', schema: null, table: 'users', column: 'nickname', name: 'nickname' }, 19],
      ['db/20240101120000_users.sql', 4, 'downgrade', 'users', { kind: 'column', schema: null, table: 'users', column: 'bio', name: 'bio' }, 19],
      ['db/notes.sql', 1, 'none', 'users', { kind: 'column', schema: null, table: 'users', column: 'avatar', name: 'avatar' }, 19],
    ]);
  });

  it('keeps --quiet output to errors, summary included', () => {
    // The down drops what its up created: a warning, which --quiet hides.
    const dir = project({ 'x.down.sql': 'DROP TABLE a;\n', 'x.up.sql': 'CREATE TABLE a (id int);\nDROP TABLE b;\n' });
    expect(lintJson(dir, ['--quiet'], 1)).toEqual(['x.up.sql:2:1 error[drop-table]']);
    const run = droplint(dir, ['--format', 'json', '--quiet']);
    expect(run.stdout).toContain('"errors": 1,\n    "warnings": 0,');
  });
});

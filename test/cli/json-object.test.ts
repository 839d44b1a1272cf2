import { describe, expect, it } from 'vitest';
import { droplint, project } from './run-cli.js';

interface Json {
  version: number;
  diagnostics: Array<{ rule: string; line: number; schema: string | null; table: string | null; object: unknown }>;
}

describe('--format json: what each finding is about', () => {
  it('describes the object of every rule under "object", null when there is none', () => {
    const dir = project({
      'db/V1__init.sql': 'CREATE TABLE app.orders (id int, note text);\n',
      'db/V2__drop.sql': [
        'ALTER TABLE app.orders DROP COLUMN note;', // 1
        'DROP TABLE app.orders;', // 2
        'DROP SCHEMA billing CASCADE;', // 3
        'DROP DATABASE legacy;', // 4
        'TRUNCATE "Session";', // 5
        'DELETE FROM audit;', // 6
        "DO $$ BEGIN EXECUTE 'DROP TABLE ' || name; END $$;", // 7
        'DROP TABLE stray;', // 8
        'DROP TABLE "oops', // 9
        '',
      ].join('\n'),
    });
    const run = droplint(dir, ['--format', 'json', '--protected-table', 'billing.*']);
    const doc = JSON.parse(run.stdout) as Json;
    expect(doc.version).toBe(2);
    const about = doc.diagnostics.map((d) => [d.line, d.rule, d.object]);
    const table = (schema: string | null, name: string) => ({ kind: 'table', schema, table: name, column: null, name });
    expect(about).toEqual([
      [1, 'drop-column', { kind: 'column', schema: 'app', table: 'orders', column: 'note', name: 'note' }],
      [2, 'drop-table', table('app', 'orders')],
      [3, 'drop-schema', { kind: 'schema', schema: 'billing', table: null, column: null, name: 'billing' }],
      [3, 'protected-table', { kind: 'schema', schema: 'billing', table: null, column: null, name: 'billing' }],
      [4, 'drop-database', { kind: 'database', schema: null, table: null, column: null, name: 'legacy' }],
      [5, 'truncate-table', table(null, 'Session')],
      [6, 'delete-without-where', table(null, 'audit')],
      [7, 'dynamic-operation', null],
      [8, 'drop-table', table(null, 'stray')],
      [8, 'unmanaged-table-drop', table(null, 'stray')],
      [9, 'parse-error', null],
    ]);
    // The flat keys stay, and agree with the object.
    for (const d of doc.diagnostics) {
      const object = d.object as { schema: string | null; table: string | null } | null;
      expect([d.schema, d.table]).toEqual([object?.schema ?? null, object?.table ?? null]);
    }
  });
});

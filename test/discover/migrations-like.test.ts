import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { lintPaths } from '../../src/pipeline.js';
import { REGISTRY } from '../../rules/index.js';
import { droplint, project } from '../cli/run-cli.js';

// A SQLite database file saved under a .sql name: binary, and no migration.
const SQLITE = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(64, 0xff)]);

/** A monorepo as found in the wild: migrations in several layouts, and .sql files that are not migrations. */
const MONOREPO: Record<string, string | Uint8Array> = {
  // Migrations-like folders by name.
  'packages/db/migrations/0001_init.sql': 'CREATE TABLE account (id int);\n',
  'packages/db/migrations/0002_drop.sql': 'DROP TABLE account;\n',
  'services/api/schema/tables.sql': 'CREATE TABLE job (id int);\n',
  // Recognised layouts outside such folders: golang-migrate pair, Flyway, dbmate sections, node-pg-migrate, Drizzle.
  'internal/store/000001_users.up.sql': 'CREATE TABLE users (id int);\n',
  'internal/store/000001_users.down.sql': 'DROP TABLE users;\n',
  'internal/store/notes.sql': 'DROP TABLE users;\n', // beside recognised files: linted
  'backend/V1__init.sql': 'CREATE TABLE plan (id int);\n',
  'tools/20240101_seed.sql': '-- migrate:up\nCREATE TABLE tool (id int);\n-- migrate:down\nDROP TABLE tool;\n',
  'pg/1700000000000_add.sql': '-- Up Migration\nCREATE TABLE item (id int);\n-- Down Migration\nDROP TABLE item;\n',
  'web/drizzle/0000_init.sql': 'CREATE TABLE post (id int);\n',
  'web/drizzle/meta/_journal.json': '{"entries":[]}\n',
  // bun's migrate: `.tx.up.sql` beside `.down.sql`, and a numbered up file with no down file yet.
  'pkg/bunapp/pgx/20220926100949_init.tx.up.sql': 'CREATE TABLE spans (id int);\n',
  'pkg/bunapp/pgx/20220926100949_init.down.sql': 'DROP TABLE spans;\n',
  'pkg/bunapp/pgy/20231214074655_params.up.sql': 'ALTER TABLE spans ADD COLUMN params jsonb;\n',
  // Not migrations: test resources (a Hive script), an MSSQL init script, dbt models and macros, seeds, a binary file.
  'tests/resources/hive/create.sql': 'DROP TABLE IF EXISTS src;\nCREATE TABLE src (key INT) STORED AS TEXTFILE;\n',
  'docker/mssql/init.sql': 'CREATE DATABASE app\nGO\nDROP TABLE x\nGO\n',
  'analytics/dbt_project.yml': 'name: analytics\n',
  'analytics/models/orders.sql': "select * from {{ ref('raw_orders') }}\n",
  'analytics/macros/cleanup.sql': '{% macro cleanup() %} drop table {{ this }} {% endmacro %}\n',
  'db/seeds/demo.sql': 'DELETE FROM account;\n',
  'db/migrations/test/fixture.sql': 'DROP TABLE fixture;\n',
  'data/app.sql': SQLITE,
  // Templates an application renders at run time (pgAdmin-style), in a `templates` tree or marked by Jinja tags.
  'web/browser/templates/casts/sql/default/delete.sql': 'DROP CAST {{ conn|qtIdent(name) }} CASCADE;\n',
  'web/browser/sql/default/update.sql': '{% if data.name %}\nALTER TABLE {{ name }} RENAME TO {{ data.name }};\n{% endif %}\nDROP TABLE x;\n',
};

const LINTED = [
  'backend/V1__init.sql',
  'internal/store/000001_users.down.sql',
  'internal/store/000001_users.up.sql',
  'internal/store/notes.sql',
  'packages/db/migrations/0001_init.sql',
  'packages/db/migrations/0002_drop.sql',
  'pg/1700000000000_add.sql',
  'pkg/bunapp/pgx/20220926100949_init.down.sql',
  'pkg/bunapp/pgx/20220926100949_init.tx.up.sql',
  'pkg/bunapp/pgy/20231214074655_params.up.sql',
  'services/api/schema/tables.sql',
  'tools/20240101_seed.sql',
  'web/drizzle/0000_init.sql',
];
const SKIPPED = [
  'analytics/macros/cleanup.sql',
  'analytics/models/orders.sql',
  'data/app.sql',
  'db/migrations/test/fixture.sql',
  'db/seeds/demo.sql',
  'docker/mssql/init.sql',
  'tests/resources/hive/create.sql',
  'web/browser/sql/default/update.sql',
  'web/browser/templates/casts/sql/default/delete.sql',
];

interface Json {
  summary: { files: number; skipped: number };
  diagnostics: Array<{ file: string; rule: string; line: number; phase: string }>;
}

function json(dir: string, args: string[] = []): Json {
  return JSON.parse(droplint(dir, ['--format', 'json', ...args]).stdout) as Json;
}

describe('discovery at a repository root', () => {
  it('lints migration layouts anywhere and loose .sql files only in migrations-like folders, counting the rest', () => {
    const dir = project(MONOREPO);
    const doc = json(dir);
    expect(doc.summary).toMatchObject({ files: LINTED.length, skipped: SKIPPED.length });
    const reported = new Set(doc.diagnostics.map((d) => d.file));
    for (const file of SKIPPED) expect(reported.has(file), file).toBe(false);
    // No parse-error from the Hive script, the MSSQL script, the dbt files or the binary file.
    expect(doc.diagnostics.filter((d) => d.rule === 'parse-error')).toEqual([]);
    expect(doc.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual([
      'internal/store/000001_users.down.sql:1 drop-table',
      'internal/store/notes.sql:1 drop-table',
      'packages/db/migrations/0002_drop.sql:1 drop-table',
      'pg/1700000000000_add.sql:4 drop-table',
      'pkg/bunapp/pgx/20220926100949_init.down.sql:1 drop-table',
      'tools/20240101_seed.sql:4 drop-table',
    ]);
    // node-pg-migrate's `-- Down Migration` opens the downgrade, as dbmate's `-- migrate:down` does.
    expect(doc.diagnostics.filter((d) => d.file.startsWith('pg/')).map((d) => d.phase)).toEqual(['downgrade']);
  });

  it('says in the text summary how many files were skipped and how to include them', () => {
    const dir = project(MONOREPO);
    const run = droplint(dir, []);
    expect(run.stdout).toContain(
      '9 .sql files were skipped: of no known migration layout, and not in a migrations folder (or a template). ' +
        'To lint one, name it on the command line, or match it with `include` or an `[[overrides]]` entry in the configuration.',
    );
    const clean = droplint(project({ 'migrations/V1__a.sql': 'SELECT 1;\n' }), []);
    expect(clean.stdout).toBe('No problems found in 1 file.\n');
  });

  it('always lints a file named on the command line: a binary one is a parse-error', () => {
    const dir = project(MONOREPO);
    const doc = json(dir, ['data/app.sql', 'tests/resources/hive/create.sql']);
    expect(doc.summary).toMatchObject({ files: 2, skipped: 0 });
    expect(doc.diagnostics.map((d) => `${d.file} ${d.rule}`)).toContain('data/app.sql parse-error');
    expect(doc.diagnostics.map((d) => `${d.file} ${d.rule}`)).toContain('tests/resources/hive/create.sql drop-table');
  });

  it('lints what `include` matches wherever it lies', () => {
    const dir = project({ ...MONOREPO, 'droplint.toml': 'include = ["docker/**", "packages/**"]\n' });
    const doc = json(dir);
    expect(doc.summary).toMatchObject({ files: 3, skipped: 0 });
    expect(doc.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toContain('docker/mssql/init.sql:3 drop-table');
  });

  it('counts the named folder itself: `droplint db` lints what db/ holds, but not its seeds', () => {
    const dir = project({ 'db/001_init.sql': 'CREATE TABLE t (id int);\n', 'db/seeds/demo.sql': 'DELETE FROM t;\n', 'scripts/x.sql': 'SELECT 1;\n' });
    expect(json(dir, ['db']).summary).toMatchObject({ files: 1, skipped: 1 });
    expect(json(dir, ['scripts']).summary).toMatchObject({ files: 0, skipped: 1 });
  });

  it("gives the language server the same files: judged from the workspace folder, not the document's", async () => {
    const root = project(MONOREPO);
    const lint = async (file: string): Promise<string[]> => {
      const abs = path.join(root, file);
      const outcome = await lintPaths({
        registry: REGISTRY,
        cwd: root,
        paths: [path.dirname(abs), abs],
        config: { config: DEFAULT_CONFIG, file: null, root },
        walkRoot: root,
      });
      return [...outcome.result.sources.keys()];
    };
    expect(await lint('tests/resources/hive/create.sql')).toEqual([]);
    expect(await lint('data/app.sql')).toEqual([]);
    expect(await lint('packages/db/migrations/0002_drop.sql')).toEqual(['packages/db/migrations/0001_init.sql', 'packages/db/migrations/0002_drop.sql']);
    expect(await lint('internal/store/notes.sql')).toContain('internal/store/notes.sql');
  });
});

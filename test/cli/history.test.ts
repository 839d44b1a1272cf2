import { describe, expect, it } from 'vitest';
import { droplint, project } from './run-cli.js';

interface Doc {
  diagnostics: Array<{ file: string; line: number; rule: string; severity: string; message: string }>;
}

const rows = (dir: string): string[] =>
  (JSON.parse(droplint(dir, ['--format', 'json']).stdout) as Doc).diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.rule}`);

const revision = (id: string, down: string | null, upgrade: string, downgrade = 'pass'): string =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down === null ? 'None' : `"${down}"`}\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n${downgrade}\n`;

describe('what the history knows', () => {
  it('one install script per database is a set of its own; a versioned migration named for a database is not', () => {
    const schema = 'DROP TABLE IF EXISTS users;\nCREATE TABLE users (id int);\nDROP TABLE IF EXISTS audit;\nCREATE TABLE audit (id int);\n';
    const dir = project({
      // Each database's full schema: both build every table afresh, neither after the other.
      'sql/schema_mysql.sql': schema,
      'sql/schema_postgresql.sql': schema,
      // Two databases' install scripts in one folder: the second follows the first no more than a variant does.
      'db/config.sql': 'DROP TABLE IF EXISTS app;\nCREATE TABLE app (id int);\nDROP TABLE IF EXISTS item;\nCREATE TABLE item (id int);\n',
      'db/portal.sql': 'DROP TABLE IF EXISTS users;\nCREATE TABLE users (id int);\nDROP TABLE IF EXISTS role;\nCREATE TABLE role (id int);\n',
      // `to_postgres` says what V2 does: it follows V1, which created users, so dropping users loses its rows.
      'migrations/V1__init.sql': 'CREATE TABLE users (id int);\n',
      'migrations/V2__to_postgres.sql': schema,
    });
    expect(rows(dir)).toEqual([
      'db/config.sql:1 warning drop-table',
      // The folder's first script drops tables it never created: the set starts from an existing schema, said once.
      'db/config.sql:1 info unmanaged-table-drop',
      'db/config.sql:3 warning drop-table',
      'db/portal.sql:1 warning drop-table',
      'db/portal.sql:3 warning drop-table',
      'migrations/V2__to_postgres.sql:1 error drop-table',
      // audit: the install scripts, another set of the project, create it with rows.
      'migrations/V2__to_postgres.sql:3 error drop-table',
      'sql/schema_mysql.sql:1 warning drop-table',
      'sql/schema_mysql.sql:3 warning drop-table',
      'sql/schema_postgresql.sql:1 warning drop-table',
      'sql/schema_postgresql.sql:3 warning drop-table',
    ]);
  });

  it('an Alembic set on an empty baseline: one info for the drops it cannot judge, copy-then-swap and undo as info', () => {
    const dir = project({
      'migrations/versions/a1_baseline.py': revision('a1', null, '    pass'),
      'migrations/versions/b2_cleanup.py': revision(
        'b2',
        'a1',
        [
          '    op.drop_table("legacy_sessions")',
          '    op.add_column("user", sa.Column("email_v2", sa.Text()))',
          '    op.execute("UPDATE \\"user\\" SET email_v2 = lower(email)")',
          '    op.drop_column("user", "email")',
          '    op.create_table("audit", sa.Column("id", sa.Integer()))',
        ].join('\n'),
        '    op.drop_table("audit")\n    op.drop_table("audit_types")',
      ),
    });
    expect(rows(dir)).toEqual([
      'migrations/versions/a1_baseline.py:1 info unmanaged-table-drop',
      'migrations/versions/b2_cleanup.py:9 error drop-table',
      'migrations/versions/b2_cleanup.py:12 info drop-column',
      'migrations/versions/b2_cleanup.py:17 info drop-table',
      'migrations/versions/b2_cleanup.py:18 warning drop-table',
      // The downgrade drops a table neither its upgrade nor the history created: a wrong name.
      'migrations/versions/b2_cleanup.py:18 warning unmanaged-table-drop',
    ]);
  });

  it('a complete SQL history: the drop of a table it never created is one frame with two findings in text', () => {
    const dir = project({
      'db/migrations/V1__init.sql': 'CREATE TABLE invoice (id bigint, total numeric);\n',
      'db/migrations/V2__cleanup.sql':
        'CREATE TABLE invoice_new (id bigint, total numeric);\nINSERT INTO invoice_new SELECT * FROM invoice;\nDROP TABLE invoice;\nALTER TABLE invoice_new RENAME TO invoice;\nDROP TABLE session;\n',
    });
    const run = droplint(dir, []);
    expect(run.stdout).toBe(
      'db/migrations/V2__cleanup.sql:5:1: error[drop-table] migration drops table "session"; all of its rows are lost\n' +
        'db/migrations/V2__cleanup.sql:5:1: error[unmanaged-table-drop] migration drops table "session", which no earlier migration in this set created: it belongs to something else\n' +
        '  |\n' +
        '5 | DROP TABLE session;\n' +
        '  | ^^^^^^^^^^^^^^^^^^\n' +
        '  = help: Stop using the table, deploy, back it up, then drop it in a later migration; or suppress with a reason.\n' +
        '  = help: Remove the drop: the table is owned elsewhere (an auth library, another service); exclude it from autogenerate instead.\n' +
        '\n' +
        'Found 2 errors in 2 files.\n',
    );
  });

  it('release folders are one set; a rollback folder holds downgrades', () => {
    const mv = (name: string) =>
      `CREATE MATERIALIZED VIEW IF NOT EXISTS analytics.${name}\n    TO analytics.autocomplete AS\nSELECT project_id, ${name} AS value FROM analytics.sessions;\n`;
    const dir = project({
      'schema/db/init_dbs/clickhouse/1.9.0/1.sql':
        'CREATE TABLE IF NOT EXISTS analytics.autocomplete (project_id UInt16, value String) ENGINE = MergeTree ORDER BY project_id;\n',
      'schema/db/init_dbs/clickhouse/1.10.0/1.sql': mv('browser_mv'),
      'schema/db/init_dbs/clickhouse/1.10.0/2.sql': 'ALTER TABLE analytics.autocomplete ADD COLUMN IF NOT EXISTS country String;\n',
      // Sorts after 1.9.0 (release numbers, not text): the view it drops is 1.10.0's.
      'schema/db/init_dbs/clickhouse/1.11.0/1.sql': 'DROP TABLE IF EXISTS analytics.browser_mv;\nDROP TABLE IF EXISTS analytics.autocomplete;\n',
      'schema/db/rollback_dbs/clickhouse/1.10.0/1.10.0.sql': 'ALTER TABLE analytics.autocomplete DROP COLUMN IF EXISTS country;\n',
    });
    expect(rows(dir)).toEqual([
      'schema/db/init_dbs/clickhouse/1.11.0/1.sql:2 error drop-table',
      'schema/db/rollback_dbs/clickhouse/1.10.0/1.10.0.sql:1 warning drop-column',
    ]);
  });

  it("Diesel's folders run in version order, dashes left out: a copy in 20170428… comes before a drop in 2017-10-16…", () => {
    const dir = project({
      'migrations/20170101000000_init/up.sql': 'CREATE TABLE users (id int PRIMARY KEY, api_token text);\n',
      'migrations/20170428154714_tokens/up.sql':
        'CREATE TABLE api_tokens (user_id int, token text);\nINSERT INTO api_tokens (user_id, token) SELECT id, api_token FROM users;\n',
      'migrations/2017-10-16-200404_drop_token/up.sql': 'ALTER TABLE users DROP COLUMN api_token;\n',
    });
    expect(rows(dir)).toEqual(['migrations/2017-10-16-200404_drop_token/up.sql:1 info drop-column']);
  });

  it("a downgrade dropping the columns its upgrade's rebuild added undoes it", () => {
    const dir = project({
      'migrations/0001_init.up.sql': 'CREATE TABLE ec (name text PRIMARY KEY, value int);\n',
      'migrations/0002_node.up.sql':
        'CREATE TABLE ec_new (id serial PRIMARY KEY, name text, value int, node text);\nINSERT INTO ec_new (name, value) SELECT name, value FROM ec;\nDROP TABLE ec;\nALTER TABLE ec_new RENAME TO ec;\n',
      'migrations/0002_node.down.sql': 'ALTER TABLE ec DROP COLUMN node;\nALTER TABLE ec DROP COLUMN value;\n',
    });
    // `value` was the old table's, copied into the rebuilt one: the downgrade did not get it from its upgrade.
    expect(rows(dir)).toEqual(['migrations/0002_node.down.sql:1 info drop-column', 'migrations/0002_node.down.sql:2 warning drop-column']);
  });

  it('per-database copies in one folder are one set per database', () => {
    const dir = project({
      'migrations/sql/20200101000000_init.postgres.up.sql': 'CREATE TABLE "login_request_methods" (id uuid PRIMARY KEY);\n',
      'migrations/sql/20200101000000_init.mysql.up.sql': 'CREATE TABLE `login_request_methods` (id char(36) PRIMARY KEY);\n',
      'migrations/sql/20200201000000_rename.postgres.up.sql': 'ALTER TABLE "login_request_methods" RENAME TO "login_flow_methods";\n',
      'migrations/sql/20200201000000_rename.mysql.up.sql': 'ALTER TABLE `login_request_methods` RENAME TO `login_flow_methods`;\n',
      // Each database's copy drops the table its own rename made: a drop, not a stray table.
      'migrations/sql/20200301000000_drop.postgres.up.sql': 'DROP TABLE "login_flow_methods";\n',
      'migrations/sql/20200301000000_drop.mysql.up.sql': 'DROP TABLE `login_flow_methods`;\n',
    });
    expect(rows(dir)).toEqual([
      'migrations/sql/20200301000000_drop.mysql.up.sql:1 error drop-table',
      'migrations/sql/20200301000000_drop.postgres.up.sql:1 error drop-table',
    ]);
  });

  it('a migration split into step files (popx) is one migration: temporary columns, copies and rebuilds across steps', () => {
    const step = (version: string, n: number, name: string): string => `migrations/sql/${version}${String(n).padStart(6, '0')}_${name}.sqlite3.up.sql`;
    const dir = project({
      [step('20200101000000', 0, 'init')]: 'CREATE TABLE "sessions" ("id" TEXT PRIMARY KEY, "token" TEXT, "note" TEXT);\n',
      // Copy-then-swap over four steps: the old column's values are in the new one.
      [step('20200812124254', 0, 'add_session_token')]: 'ALTER TABLE "sessions" RENAME COLUMN "token" TO "_token_tmp";\n',
      [step('20200812124254', 1, 'add_session_token')]: 'ALTER TABLE "sessions" ADD COLUMN "token" TEXT;\n',
      [step('20200812124254', 2, 'add_session_token')]: 'UPDATE "sessions" SET "token" = "_token_tmp";\n',
      [step('20200812124254', 3, 'add_session_token')]: 'ALTER TABLE "sessions" DROP COLUMN "_token_tmp";\n',
      // A column added by one step and dropped by a later one held nothing before.
      [step('20210410175418', 0, 'network')]: 'ALTER TABLE "sessions" ADD COLUMN "nid" CHAR(36);\n',
      [step('20210410175418', 1, 'network')]: 'ALTER TABLE "sessions" DROP COLUMN "nid";\n',
      // A rebuild over steps that leaves "note" out of the copy: its values are lost.
      [step('20210501000000', 0, 'rebuild')]: 'CREATE TABLE "_sessions_tmp" ("id" TEXT PRIMARY KEY, "token" TEXT);\n',
      [step('20210501000000', 1, 'rebuild')]: 'INSERT INTO "_sessions_tmp" (id, token) SELECT id, token FROM "sessions";\n',
      [step('20210501000000', 2, 'rebuild')]: 'DROP TABLE "sessions";\n',
      [step('20210501000000', 3, 'rebuild')]: 'ALTER TABLE "_sessions_tmp" RENAME TO "sessions";\n',
    });
    expect(rows(dir)).toEqual([
      'migrations/sql/20200812124254000003_add_session_token.sqlite3.up.sql:1 info drop-column',
      'migrations/sql/20210501000000000002_rebuild.sqlite3.up.sql:1 error drop-table',
    ]);
  });

  it('a table another migration set of the project creates is the project own: dropped, not unmanaged', () => {
    const dir = project({
      'src/database/migrations/V1__init.sql': 'CREATE TABLE apikey (id text PRIMARY KEY, created_at timestamp);\n',
      'src/enterprise/database/migrations/V2__workspaces.sql': 'CREATE TABLE workspace (id text PRIMARY KEY);\n',
      'src/enterprise/database/migrations/V3__cleanup.sql': 'DROP TABLE apikey;\nDROP TABLE session;\n',
      // The schema a fresh install loads, beside the release folders that upgrade older ones.
      'db/init_dbs/clickhouse/create/init_schema.sql':
        'CREATE TABLE IF NOT EXISTS analytics.autocomplete (project_id UInt16, value String) ENGINE = MergeTree ORDER BY project_id;\n' +
        'CREATE MATERIALIZED VIEW IF NOT EXISTS analytics.browser_mv TO analytics.autocomplete AS SELECT project_id, browser AS value FROM analytics.sessions;\n',
      'db/init_dbs/clickhouse/1.1.0/1.sql':
        'CREATE TABLE IF NOT EXISTS analytics.tags (project_id UInt16, tag String) ENGINE = MergeTree ORDER BY project_id;\n',
      'db/init_dbs/clickhouse/1.2.0/1.sql': 'DROP TABLE IF EXISTS analytics.browser_mv;\n',
    });
    expect(rows(dir)).toEqual([
      // Release scripts that create only IF NOT EXISTS may run on a database that has the tables: the set says so once.
      'db/init_dbs/clickhouse/1.1.0/1.sql:1 info unmanaged-table-drop',
      'src/enterprise/database/migrations/V3__cleanup.sql:1 error drop-table',
      'src/enterprise/database/migrations/V3__cleanup.sql:2 error drop-table',
      'src/enterprise/database/migrations/V3__cleanup.sql:2 error unmanaged-table-drop',
    ]);
  });

  it('a script in a folder of undo scripts undoes the upgrade at the same path below a sibling folder (Sqitch)', () => {
    const dir = project({
      'sqitch/deploy/appschema.sql': 'BEGIN;\nCREATE SCHEMA flipr;\nCOMMIT;\n',
      'sqitch/revert/appschema.sql': 'BEGIN;\nDROP SCHEMA flipr;\nCOMMIT;\n',
      'sqitch/deploy/users.sql': 'BEGIN;\nCREATE TABLE flipr.users (nickname TEXT PRIMARY KEY, password TEXT NOT NULL);\nCOMMIT;\n',
      'sqitch/revert/users.sql': 'BEGIN;\nDROP TABLE flipr.users;\nCOMMIT;\n',
      // Its upgrade created neither: this one keeps its severity.
      'sqitch/revert/legacy.sql': 'DROP SCHEMA legacy CASCADE;\n',
      // A schema created and dropped by one migration held nothing before it.
      'db/migrations/V1__scratch.sql': 'CREATE SCHEMA scratch;\nCREATE TABLE scratch.t (id int);\nDROP SCHEMA scratch CASCADE;\n',
      // `IF NOT EXISTS` does not say the upgrade made it: the schema may hold what was there before.
      'sqitch/deploy/reports.sql': 'CREATE SCHEMA IF NOT EXISTS reports;\n',
      'sqitch/revert/reports.sql': 'DROP SCHEMA reports CASCADE;\n',
    });
    expect(rows(dir)).toEqual([
      // drop-schema keeps its severity in a downgrade, even of the schema its upgrade created.
      'sqitch/revert/appschema.sql:2 error drop-schema',
      'sqitch/revert/legacy.sql:1 error drop-schema',
      'sqitch/revert/reports.sql:1 error drop-schema',
      'sqitch/revert/users.sql:2 info drop-table',
    ]);
  });

  it('a numbered `_down.sql` file undoes its `_up.sql` file, found wherever the pair lies', () => {
    const dir = project({
      'app/store/postgres/0001_init_up.sql': 'CREATE TABLE webhooks (id bigint PRIMARY KEY, url text);\n',
      'app/store/postgres/0001_init_down.sql': 'DROP TABLE webhooks;\n',
      'app/store/postgres/0002_add_internal_up.sql': 'ALTER TABLE webhooks ADD COLUMN internal boolean;\n',
      'app/store/postgres/0002_add_internal_down.sql': 'ALTER TABLE webhooks DROP COLUMN internal;\n',
      'app/store/postgres/0003_drop_url_up.sql': 'ALTER TABLE webhooks DROP COLUMN url;\n',
      'app/store/postgres/0003_drop_url_down.sql': 'ALTER TABLE webhooks ADD COLUMN url text;\n',
    });
    expect(rows(dir)).toEqual([
      'app/store/postgres/0001_init_down.sql:1 info drop-table',
      'app/store/postgres/0002_add_internal_down.sql:1 info drop-column',
      'app/store/postgres/0003_drop_url_up.sql:1 error drop-column',
    ]);
  });
});

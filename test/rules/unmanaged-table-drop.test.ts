import rule from '../../rules/unmanaged-table-drop.js';
import { orm } from './orm-migration.js';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/engine/diagnostic.js';
import type { Dialect } from '../../src/ir/unit.js';
import { lint } from '../../src/engine/lint.js';
import { compileTablePatterns } from '../../src/engine/table-pattern.js';
import { parseSqlFile } from '../../src/parsers/sql/sql-file.js';
import { SUPPRESSION_RULES } from '../../rules/index.js';
import { testRule } from './rule-tester.js';

const A1 =
  'from alembic import op\nimport sqlalchemy as sa\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    op.create_table("report", sa.Column("id", sa.Integer()))\n\ndef downgrade():\n    op.drop_table("report")\n';
const V1 = 'CREATE TABLE "invoice" ("id" BIGINT PRIMARY KEY, "total" NUMERIC NOT NULL);\n';

testRule(rule, {
  valid: [
    // Created by an earlier migration of the set.
    { code: 'DROP TABLE "invoice";', history: [V1] },
    // Schema-qualified with the default schema, or written in another case: the same table.
    { code: 'DROP TABLE public.invoice;', history: [V1] },
    { code: 'DROP TABLE INVOICE;', history: ['CREATE TABLE invoice (id int);'] },
    // A ClickHouse view dropped and re-created with a new query: the view, not a stray table.
    {
      code: 'DROP TABLE IF EXISTS analytics.browser_mv;\nCREATE MATERIALIZED VIEW analytics.browser_mv TO analytics.autocomplete AS\nSELECT project_id, browser AS value FROM analytics.sessions;',
      dialect: 'clickhouse',
      history: ['CREATE TABLE analytics.autocomplete (project_id UInt16, value String) ENGINE = MergeTree ORDER BY project_id;'],
    },
    // A guard before a rebuild through a temporary table (folded into the rebuild): the migration claims the name.
    {
      code: 'DROP TABLE IF EXISTS item_temp;\nCREATE TABLE item_temp (id int, note text);\nINSERT INTO item_temp (id, note) SELECT id, note FROM item;\nDROP TABLE item;\nALTER TABLE item_temp RENAME TO item;',
      history: ['CREATE TABLE item (id int, note text);'],
    },
    // Dropped to be created again: the migration claims the table (drop-table judges the rows).
    { code: 'DROP TABLE IF EXISTS events.run_executions;\nCREATE TABLE events.run_executions (id serial PRIMARY KEY);', history: [V1] },
    // Created earlier in the same migration.
    'CREATE TABLE tmp_ids (id bigint);\nINSERT INTO tmp_ids SELECT id FROM invoice;\nDROP TABLE tmp_ids;',
    // Created earlier in the same downgrade.
    { code: 'CREATE TABLE tmp (id int);\nDROP TABLE tmp;', filename: 'V3__x.down.sql', history: [V1] },
    // A downgrade that rebuilds a known table: renamed aside, re-created, copied back, the old one dropped.
    {
      format: 'alembic',
      history: [A1],
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.add_column("report", sa.Column("hash", sa.Text()))\n\ndef downgrade():\n    op.rename_table("report", "report_tmp")\n    op.create_table("report", sa.Column("id", sa.Integer()))\n    op.execute("INSERT INTO report SELECT id FROM report_tmp")\n    op.drop_table("report_tmp")\n',
    },
    // Created unqualified, dropped under the placeholder the migration tool fills in with the database (bun's ?DB).
    { code: 'DROP TABLE IF EXISTS ?DB.edges ?ON_CLUSTER;', history: [V1, 'CREATE TABLE edges ?ON_CLUSTER (id Int64) ENGINE = MergeTree ORDER BY id;'] },
    // Renamed, then dropped under its new name.
    { code: 'DROP TABLE "invoice_archive";', history: [V1, 'ALTER TABLE "invoice" RENAME TO "invoice_archive";'] },
    // Created by raw SQL in an Alembic migration, dropped by op.drop_table in a later one.
    {
      format: 'alembic',
      history: [
        'from alembic import op\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    op.execute("CREATE TABLE audit_log (id bigint)")\n\ndef downgrade():\n    pass\n',
      ],
      code: 'from alembic import op\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.drop_table("audit_log")\n\ndef downgrade():\n    pass\n',
    },
    // A downgrade dropping what its own upgrade created.
    {
      format: 'alembic',
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "c3"\ndown_revision = None\n\ndef upgrade():\n    op.create_table("tag", sa.Column("id", sa.Integer()))\n\ndef downgrade():\n    op.drop_table("tag")\n',
    },
    // Created through the ORM (`create_all(tables=[…])`, `__table__.create()`), dropped by name in a later revision.
    ...['Base.metadata.create_all(op.get_bind(), tables=[Log.__table__])', 'Log.__table__.create(op.get_bind())'].map((create) => ({
      format: 'alembic' as const,
      history: [orm(`    ${create}`).code.replace('revision = "b2"\ndown_revision = "a1"', 'revision = "a1"\ndown_revision = None')],
      code: 'from alembic import op\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.drop_table("logs")\n\ndef downgrade():\n    pass\n',
    })),
    // Created by CREATE TABLE … AS, by SELECT … INTO, or by a rename of a table the history never saw created.
    { code: 'DROP TABLE invoice_2023;', history: [V1, 'CREATE TABLE invoice_2023 AS SELECT * FROM invoice WHERE year = 2023;'] },
    { code: 'DROP TABLE dbo.invoice_copy;', dialect: 'sqlserver', history: [V1, 'SELECT * INTO dbo.invoice_copy FROM dbo.invoice;'] },
    { code: 'DROP TABLE legacy_renamed;', history: [V1, 'ALTER TABLE legacy RENAME TO legacy_renamed;'] },
    // After create_all() of models, the history cannot name every table.
    {
      format: 'alembic',
      history: [
        A1,
        'from alembic import op\nfrom app.models import Base\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    Base.metadata.create_all(op.get_bind())\n\ndef downgrade():\n    pass\n',
      ],
      code: 'from alembic import op\nrevision = "c3"\ndown_revision = "b2"\n\ndef upgrade():\n    op.drop_table("job")\n\ndef downgrade():\n    pass\n',
    },
    // A lone down file shows no upgrade to compare with.
    { code: 'DROP TABLE audit;', filename: '000002_audit.down.sql' },
    // A set that starts from an existing schema: said once, on its first migration (not the one linted here).
    { code: 'DROP TABLE "session";', history: ['ALTER TABLE "user" ADD COLUMN "nick" TEXT;'] },
    // The version table of the migration tool the project replaced (sqlalchemy-migrate before Alembic).
    { code: 'DROP TABLE IF EXISTS migrate_version;', history: [V1] },
    { code: 'DROP TABLE __diesel_schema_migrations;', history: [V1] },
    // The SQLite rebuild is not a drop.
    {
      dialect: 'sqlite',
      history: ['CREATE TABLE "User" ("id" TEXT NOT NULL PRIMARY KEY, "bio" TEXT);'],
      code: 'CREATE TABLE "new_User" ("id" TEXT NOT NULL PRIMARY KEY);\nINSERT INTO "new_User" ("id") SELECT "id" FROM "User";\nDROP TABLE "User";\nALTER TABLE "new_User" RENAME TO "User";',
    },
  ],
  invalid: [
    {
      // A downgrade dropping a table neither its upgrade nor an earlier migration created: a wrong name.
      format: 'alembic',
      history: [A1],
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.create_table("kg_entities", sa.Column("id", sa.Integer()))\n\ndef downgrade():\n    op.drop_table("kg_entity_types")\n',
      errors: [
        {
          line: 10,
          column: 5,
          severity: 'warning',
          table: 'kg_entity_types',
          message:
            'downgrade() drops table "kg_entity_types", which neither its upgrade nor an earlier migration created: a wrong name, or a table that belongs to something else',
        },
      ],
    },
    {
      // A downgrade renaming a table no migration created, then dropping it, still drops what is not its own.
      format: 'alembic',
      history: [A1],
      code: 'from alembic import op\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    op.rename_table("kg_entity_types", "kg_old")\n    op.drop_table("kg_old")\n',
      errors: [{ line: 10, column: 5, severity: 'warning', table: 'kg_old' }],
    },
    {
      // The same where the set starts from an existing schema: its own upgrade is there to compare with.
      code: '-- migrate:up\nCREATE TABLE kg_entities (id int);\n-- migrate:down\nDROP TABLE kg_entity_types;\n',
      filename: '20240101120000_kg.sql',
      history: ['ALTER TABLE "user" ADD COLUMN "nick" TEXT;'],
      errors: [{ line: 4, column: 1, severity: 'warning', table: 'kg_entity_types' }],
    },
    {
      // Seed 003: the auth library's tables were never created by these migrations.
      format: 'alembic',
      history: [
        'from alembic import op\nimport sqlalchemy as sa\nrevision = "4e7a"\ndown_revision = None\n\ndef upgrade():\n    op.create_table("research_reports", sa.Column("id", sa.Integer()))\n\ndef downgrade():\n    op.drop_table("research_reports")\n',
      ],
      code: 'from alembic import op\nrevision = "8223"\ndown_revision = "4e7a"\n\n\ndef upgrade():\n    op.drop_table("session")\n    op.drop_table("research_reports")\n\n\ndef downgrade():\n    pass\n',
      errors: [
        {
          line: 7,
          column: 5,
          endColumn: 29,
          table: 'session',
          severity: 'error',
          message: 'upgrade() drops table "session", which no earlier migration in this set created: it belongs to something else',
        },
      ],
    },
    {
      // Renamed away: the old name no longer exists.
      code: 'DROP TABLE "invoice";',
      history: [V1, 'ALTER TABLE "invoice" RENAME TO "invoice_archive";'],
      errors: [{ line: 1, column: 1, table: 'invoice' }],
    },
    {
      // Dropped twice: the second drop is of a table that no longer exists in the history. IF EXISTS changes nothing:
      // a migration written from a schema diff drops another system's tables that way too.
      code: 'DROP TABLE IF EXISTS "invoice";',
      history: [V1, 'DROP TABLE "invoice";'],
      errors: [
        {
          line: 1,
          column: 1,
          table: 'invoice',
          severity: 'error',
          message: 'migration drops table "invoice", which no earlier migration in this set created: it belongs to something else',
        },
      ],
    },
    {
      // A schema qualifies: billing.invoice is not the default schema's invoice.
      code: 'DROP TABLE billing.invoice;',
      history: [V1],
      errors: [{ line: 1, column: 1, table: 'invoice' }],
    },
    {
      code: 'DROP TABLE `legacy_sessions`;',
      dialect: 'mysql',
      history: ['CREATE TABLE `users` (`id` INT NOT NULL);'],
      errors: [{ line: 1, column: 1, table: 'legacy_sessions' }],
    },
  ],
});

// Without earlier migrations there is no history to judge ownership by.
testRule(rule, {
  valid: ['DROP TABLE "session";', { code: 'DROP TABLE `legacy_sessions`;', dialect: 'mysql' }],
  invalid: [],
});

/** Every finding of the rule in a folder of SQL migrations, all of them reported; each file read in `dialectOf` its name. */
const lintSet = async (files: Record<string, string>, dialectOf: (name: string) => Dialect = () => 'postgresql'): Promise<Diagnostic[]> => {
  const units = await Promise.all(Object.entries(files).map(([name, text]) => parseSqlFile({ path: `migrations/${name}`, text }, dialectOf(name))));
  const settings = { protectedTables: compileTablePatterns([]) };
  return lint(units, [rule], SUPPRESSION_RULES, { settings, overrides: {}, downgrade: 'warning' }).filter((d) => d.rule === rule.meta.id);
};

// A set that starts from an existing schema is said once, as info, on its first migration.
describe('a set that starts from an existing schema', () => {
  it('reports once, on the first migration, naming the tables it cannot judge', async () => {
    const found = await lintSet({
      'V1__baseline.sql': 'ALTER TABLE "user" ADD COLUMN "nick" TEXT;\n',
      'V2__cleanup.sql': 'DROP TABLE "session";\nDROP TABLE "account";\n',
      'V3__more.sql': 'DROP TABLE "verification";\n',
    });
    expect(found.map((d) => [d.file, d.line, d.severity, d.message])).toEqual([
      [
        'migrations/V1__baseline.sql',
        1,
        'info',
        'this migration set starts from an existing schema (its first migration changes table "user", which it never creates): droplint cannot tell whether the tables its migrations drop without creating them ("session", "account", "verification") belong to it, so it does not report them as unmanaged (their drops are still `drop-table` findings)',
      ],
    ]);
  });

  it("judges a set that keeps each version's migrations in a folder of their own by its first version's files together", async () => {
    const versions = (first: string) => ({
      '0.17/00__inbox.sql': 'CREATE TABLE inbox (id int);\n',
      '0.17/01__cleanup.sql': first,
      '0.18/00__drop.sql': 'DROP TABLE tag;\n',
    });
    // The first version deletes from a table it never creates, in its second file: the set started from an existing schema.
    const found = await lintSet(versions('DELETE FROM activity;\n'));
    expect(found.map((d) => [d.file, d.line, d.severity, d.message])).toEqual([
      [
        'migrations/0.17/00__inbox.sql',
        1,
        'info',
        'this migration set starts from an existing schema (its first version (2 migrations in migrations/0.17) changes table "activity" (in migrations/0.17/01__cleanup.sql), which it never creates): droplint cannot tell whether the tables its migrations drop without creating them ("tag") belong to it, so it does not report them as unmanaged (their drops are still `drop-table` findings)',
      ],
    ]);
    // A first version that touches only what it creates starts from nothing: the drop is judged.
    const judged = await lintSet(versions('DELETE FROM inbox;\n'));
    expect(judged.map((d) => [d.file, d.severity])).toEqual([['migrations/0.18/00__drop.sql', 'error']]);
  });

  it('says an empty baseline creates no table, and nothing when no drop is left unjudged', async () => {
    const empty = await lintSet({ 'V1__baseline.sql': 'SELECT 1;\n', 'V2__x.sql': 'DROP TABLE legacy;\n' });
    expect(empty.map((d) => d.message)).toEqual([expect.stringContaining('(its first migration creates no table)')]);
    expect(await lintSet({ 'V1__baseline.sql': 'SELECT 1;\n', 'V2__x.sql': 'CREATE TABLE t (id int);\nDROP TABLE t;\n' })).toEqual([]);
  });

  // Each sign that a first migration ran on existing tables, then the same first migration without it: the drop is judged.
  it.each([
    {
      sign: 'every table created IF NOT EXISTS (a script that may run on existing tables)',
      first: 'CREATE TABLE IF NOT EXISTS events (id int);\nCREATE TABLE IF NOT EXISTS users (id int);\n',
      why: '(its first migration creates its tables only if they do not exist yet (IF NOT EXISTS))',
      // One plain CREATE TABLE says the set starts from nothing.
      without: 'CREATE TABLE IF NOT EXISTS events (id int);\nCREATE TABLE users (id int);\n',
    },
    {
      sign: 'a foreign key to a table the first migration never creates (it was there before)',
      first: 'CREATE TABLE roles (id int, event_id int, FOREIGN KEY (event_id) REFERENCES events.events (id));\n',
      why: '(its first migration creates "roles" referring to table "events.events", which it never creates)',
      // A key to itself, or to a table the first migration creates later on, says nothing of the kind.
      without:
        'CREATE TABLE roles (id int, parent_id int REFERENCES roles (id), event_id int REFERENCES events.events (id));\nCREATE TABLE events.events (id int);\n',
    },
  ])('takes $sign for a start from an existing schema', async ({ first, why, without }) => {
    const drop = { 'V2__x.sql': 'DROP TABLE legacy_events;\n' };
    const signed = await lintSet({ 'V1__init.sql': first, ...drop });
    expect(signed.map((d) => [d.line, d.severity, d.message])).toEqual([[1, 'info', expect.stringContaining(why)]]);
    const plain = await lintSet({ 'V1__init.sql': without, ...drop });
    expect(plain.map((d) => [d.file, d.line, d.severity])).toEqual([['migrations/V2__x.sql', 1, 'error']]);
  });
});

describe('per-database copies of a migration (popx)', () => {
  it('take the tables that the folder files naming no database create as their own', async () => {
    const files: Record<string, string> = {
      '20190100000001_consent.up.sql': 'CREATE TABLE consent_request (id int);\nCREATE TABLE clients (id int);\n',
      '20190100000002_flow.mysql.up.sql': 'CREATE TABLE flow (id int);\n',
      '20190100000003_merge.mysql.up.sql': 'DROP TABLE consent_request;\nDROP TABLE session;\n',
    };
    // Each file in the dialect its name says; one that names none in the default.
    const found = await lintSet(files, (name) => (name.includes('.mysql.') ? 'mysql' : 'postgresql'));
    expect(found.map((d) => [d.file, d.line])).toEqual([['migrations/20190100000003_merge.mysql.up.sql', 2]]);
  });
});

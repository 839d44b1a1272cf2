import rule from '../../rules/unmanaged-table-drop.js';
import { orm } from './orm-migration.js';
import { testRule } from './rule-tester.js';

const V1 = 'CREATE TABLE "invoice" ("id" BIGINT PRIMARY KEY, "total" NUMERIC NOT NULL);\n';

testRule(rule, {
  valid: [
    // Created by an earlier migration of the set.
    { code: 'DROP TABLE "invoice";', history: [V1] },
    // Schema-qualified with the default schema, or written in another case: the same table.
    { code: 'DROP TABLE public.invoice;', history: [V1] },
    { code: 'DROP TABLE INVOICE;', history: ['CREATE TABLE invoice (id int);'] },
    // Created earlier in the same migration.
    'CREATE TABLE tmp_ids (id bigint);\nINSERT INTO tmp_ids SELECT id FROM invoice;\nDROP TABLE tmp_ids;',
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
    // The SQLite rebuild is not a drop.
    {
      dialect: 'sqlite',
      history: ['CREATE TABLE "User" ("id" TEXT NOT NULL PRIMARY KEY, "bio" TEXT);'],
      code: 'CREATE TABLE "new_User" ("id" TEXT NOT NULL PRIMARY KEY);\nINSERT INTO "new_User" ("id") SELECT "id" FROM "User";\nDROP TABLE "User";\nALTER TABLE "new_User" RENAME TO "User";',
    },
  ],
  invalid: [
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
      // Dropped twice: the second drop is of a table that no longer exists in the history.
      code: 'DROP TABLE IF EXISTS "invoice";',
      history: [V1, 'DROP TABLE "invoice";'],
      errors: [{ line: 1, column: 1, table: 'invoice' }],
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

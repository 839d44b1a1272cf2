import rule from '../../rules/drop-table.js';
import { orm } from './orm-migration.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: [
    'CREATE TABLE "Post" ("id" TEXT NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));',
    '-- DROP TABLE "User"; was considered and rejected\nSELECT 1;',
    "COMMENT ON TABLE \"User\" IS 'never DROP TABLE this';",
    'DROP INDEX "User_email_key";',
    'DROP VIEW "active_users";',
    'DROP TYPE "Role_old";',
    // A scratch table created earlier in the same migration holds no prior data.
    'CREATE TEMP TABLE "tmp_ids" ("id" TEXT);\nINSERT INTO "tmp_ids" SELECT "id" FROM "User";\nDROP TABLE "tmp_ids";',
    { code: 'DROP TABLE "audit";', downgrade: 'off', filename: '000002_audit.down.sql' },
    // A model's table created, or an Enum type dropped: no rows lost.
    orm('    Log.__table__.create(op.get_bind())'),
    orm('    sa.Enum("a", "b", name="kind").drop(op.get_bind())'),
  ],
  invalid: [
    {
      // SQLAlchemy Core on a model's table, resolved through its __tablename__.
      ...orm('    Log.__table__.drop(op.get_bind())'),
      errors: [{ line: 18, column: 5, endColumn: 38, table: 'logs', message: 'upgrade() drops table "logs"; all of its rows are lost' }],
    },
    {
      code: '-- DropTable\nDROP TABLE "Client";\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 20, table: 'Client', severity: 'error', message: 'migration drops table "Client"; all of its rows are lost' }],
    },
    {
      code: 'DROP TABLE IF EXISTS billing.invoice CASCADE;',
      errors: [{ line: 1, column: 1, endColumn: 45, table: 'invoice', message: 'migration drops table "billing.invoice"; all of its rows are lost' }],
    },
    {
      // Several tables: each is reported at its own name.
      code: 'DROP TABLE session, account;',
      errors: [
        { line: 1, column: 12, endColumn: 19, table: 'session' },
        { line: 1, column: 21, endColumn: 28, table: 'account' },
      ],
    },
    {
      code: 'DROP TABLE "audit_log";',
      filename: '000002_audit.down.sql',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'down migration drops table "audit_log"; all of its rows are lost' }],
    },
    {
      code: 'DROP TABLE "audit_log";',
      filename: '000002_audit.down.sql',
      downgrade: 'error',
      errors: [{ line: 1, column: 1, severity: 'error' }],
    },
    {
      code: '-- migrate:up\nCREATE TABLE t (id int);\n\n-- migrate:down\nDROP TABLE t;\n',
      filename: '20240101120000_t.sql',
      errors: [{ line: 5, column: 1, severity: 'warning', table: 't' }],
    },
    {
      code: 'DO $$\nBEGIN\n  DROP TABLE legacy_sessions;\nEND\n$$;',
      errors: [{ line: 3, column: 3, endColumn: 29, table: 'legacy_sessions' }],
    },
    {
      code: 'DROP TABLE `Post`;',
      dialect: 'mysql',
      errors: [{ line: 1, column: 1, table: 'Post' }],
    },
    {
      code: 'BEGIN TRY\n\nBEGIN TRAN;\n\n-- DropTable\nDROP TABLE [dbo].[Post];\n\nCOMMIT TRAN;\n\nEND TRY\nBEGIN CATCH\n\nIF @@TRANCOUNT > 0\nBEGIN\n    ROLLBACK TRAN;\nEND;\nTHROW\n\nEND CATCH\n',
      dialect: 'sqlserver',
      errors: [{ line: 6, column: 1, endColumn: 24, table: 'Post', message: 'migration drops table "dbo.Post"; all of its rows are lost' }],
    },
  ],
});

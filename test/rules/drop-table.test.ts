import rule from '../../rules/drop-table.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: [
    // A Null-engine table and a materialized view writing TO another table hold no rows.
    { code: 'DROP TABLE IF EXISTS traces_null ON CLUSTER default SYNC;', dialect: 'clickhouse', history: ['CREATE TABLE traces_null ON CLUSTER default\n(\n    `id` String,\n    `ts` DateTime64(3) CODEC(Delta, ZSTD(3))\n) Engine = Null();'] },
    { code: 'DROP TABLE traces_mv;', dialect: 'clickhouse', history: ['CREATE TABLE traces_daily (project_id String, day Date, n UInt64) ENGINE = SummingMergeTree ORDER BY (project_id, day);', 'CREATE MATERIALIZED VIEW traces_mv ON CLUSTER default TO traces_daily AS\nSELECT project_id, toDate(ts) AS day, count() AS n FROM traces_null GROUP BY project_id, day;'] },
    { code: 'DROP VIEW IF EXISTS traces_mv ON CLUSTER default;', dialect: 'clickhouse', history: ['CREATE TABLE traces_daily (project_id String, day Date, n UInt64) ENGINE = SummingMergeTree ORDER BY (project_id, day);', 'CREATE MATERIALIZED VIEW traces_mv ON CLUSTER default TO traces_daily AS\nSELECT project_id, toDate(ts) AS day, count() AS n FROM traces_null GROUP BY project_id, day;'] },
    { code: 'DROP DICTIONARY IF EXISTS country_dict ON CLUSTER default SYNC;', dialect: 'clickhouse' },
    'CREATE TABLE "Post" ("id" TEXT NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));',
    '-- DROP TABLE "User"; was considered and rejected\nSELECT 1;',
    "COMMENT ON TABLE \"User\" IS 'never DROP TABLE this';",
    'DROP INDEX "User_email_key";',
    'DROP VIEW "active_users";',
    'DROP TYPE "Role_old";',
    // A scratch table created earlier in the same migration holds no prior data.
    'CREATE TEMP TABLE "tmp_ids" ("id" TEXT);\nINSERT INTO "tmp_ids" SELECT "id" FROM "User";\nDROP TABLE "tmp_ids";',
    { code: 'DROP TABLE "audit";', downgrade: 'off', filename: '000002_audit.down.sql' },
  ],
  invalid: [
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
      // A materialized view without TO stores its rows in an inner table of its own.
      code: 'DROP TABLE traces_inner SYNC;',
      dialect: 'clickhouse',
      history: ['CREATE TABLE traces_null ON CLUSTER default\n(\n    `id` String,\n    `ts` DateTime64(3) CODEC(Delta, ZSTD(3))\n) Engine = Null();', 'CREATE MATERIALIZED VIEW traces_inner\nENGINE = SummingMergeTree ORDER BY day AS\nSELECT toDate(ts) AS day, count() AS n FROM traces_null GROUP BY day;'],
      errors: [{ line: 1, column: 1, endColumn: 29, table: 'traces_inner' }],
    },
    {
      code: 'DROP TABLE IF EXISTS traces_daily ON CLUSTER default SYNC;',
      dialect: 'clickhouse',
      history: ['CREATE TABLE traces_daily (project_id String, day Date, n UInt64) ENGINE = SummingMergeTree ORDER BY (project_id, day);', 'CREATE MATERIALIZED VIEW traces_mv ON CLUSTER default TO traces_daily AS\nSELECT project_id, toDate(ts) AS day, count() AS n FROM traces_null GROUP BY project_id, day;'],
      errors: [{ line: 1, column: 1, endColumn: 58, table: 'traces_daily' }],
    },
    {
      // A Unicode-escaped name is the table it spells, not a table named U.
      code: 'DROP TABLE U&"d\\0061ta";',
      errors: [{ line: 1, column: 1, endColumn: 24, table: 'data', message: 'migration drops table "data"; all of its rows are lost' }],
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

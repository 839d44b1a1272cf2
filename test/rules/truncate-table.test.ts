import rule from '../../rules/truncate-table.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: [
    // A table in a schema the same migration created held nothing before it.
    "CREATE SCHEMA staging;\nSELECT copy_tables('public', 'staging');\nTRUNCATE staging.events;",
    "SELECT 'TRUNCATE users';",
    'GRANT TRUNCATE ON "User" TO admin;',
    'DELETE FROM "Session" WHERE "expires" < now();',
  ],
  invalid: [
    {
      // The downgrade setting caps it like every destructive rule (warning by default).
      code: 'TRUNCATE audit;',
      filename: '000002_audit.down.sql',
      errors: [{ line: 1, column: 1, severity: 'warning', table: 'audit' }],
    },
    {
      // Rows of a table its upgrade created: info.
      code: '-- migrate:up\nCREATE TABLE audit (id int);\n-- migrate:down\nTRUNCATE audit;\n',
      filename: '20240101120000_audit.sql',
      errors: [{ line: 4, column: 1, severity: 'info', table: 'audit' }],
    },
    {
      code: 'TRUNCATE TABLE "Session";',
      errors: [{ line: 1, column: 1, endColumn: 25, table: 'Session', message: 'migration truncates table "Session"; all of its rows are deleted' }],
    },
    {
      // A function the migration defines but never calls truncates when something else calls it: a warning, said so.
      code: 'CREATE FUNCTION cleanup() RETURNS void LANGUAGE plpgsql AS $$ BEGIN TRUNCATE net.http_response; END $$;\nGRANT EXECUTE ON FUNCTION cleanup() TO app;',
      errors: [
        {
          line: 1,
          column: 69,
          severity: 'warning',
          message: 'function cleanup(), which this migration defines but does not call, truncates table "net.http_response"; all of its rows are deleted',
        },
      ],
    },
    {
      // Called by the migration: its body runs now.
      code: 'CREATE FUNCTION cleanup() RETURNS void LANGUAGE plpgsql AS $$ BEGIN TRUNCATE net.http_response; END $$;\nSELECT cleanup();',
      errors: [{ line: 1, column: 69, severity: 'error', message: 'migration truncates table "net.http_response"; all of its rows are deleted' }],
    },
    {
      code: 'TRUNCATE ONLY a, public.b RESTART IDENTITY CASCADE;',
      errors: [
        { line: 1, column: 15, endColumn: 16, table: 'a' },
        { line: 1, column: 18, endColumn: 26, table: 'b' },
      ],
    },
  ],
});

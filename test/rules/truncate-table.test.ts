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
      code: 'TRUNCATE ONLY a, public.b RESTART IDENTITY CASCADE;',
      errors: [
        { line: 1, column: 15, endColumn: 16, table: 'a' },
        { line: 1, column: 18, endColumn: 26, table: 'b' },
      ],
    },
  ],
});

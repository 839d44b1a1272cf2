import rule from '../../rules/truncate-table.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: ["SELECT 'TRUNCATE users';", 'GRANT TRUNCATE ON "User" TO admin;', 'DELETE FROM "Session" WHERE "expires" < now();'],
  invalid: [
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

import rule from '../../rules/protected-table.js';
import { testRule } from './rule-tester.js';

const AUTH = ['user', 'session', 'account', 'verification', 'auth_*', 'billing.*', '"Member"'];

testRule(rule, {
  valid: [
    { code: 'DROP TABLE "session";', protectedTables: [] },
    { code: 'DROP TABLE "sessions";', protectedTables: AUTH },
    { code: 'ALTER TABLE "session" ADD COLUMN "ip" TEXT;', protectedTables: AUTH },
    { code: 'CREATE INDEX "session_token" ON "session" ("token");', protectedTables: AUTH },
    // billing.* names a schema: a table without one does not match it.
    { code: 'DROP TABLE invoice;', protectedTables: AUTH },
    // A quoted pattern matches its exact case only.
    { code: 'DROP TABLE member;', protectedTables: AUTH },
  ],
  invalid: [
    {
      code: '-- DropTable\nDROP TABLE "session";',
      protectedTables: AUTH,
      errors: [{ line: 2, column: 1, table: 'session', message: 'migration drops protected table "session" (matches `session` in protected-tables)' }],
    },
    {
      code: 'UPDATE "session" SET "token" = NULL;',
      protectedTables: AUTH,
      errors: [
        {
          line: 1,
          column: 1,
          column_: 'token',
          message: 'migration overwrites a column of every row of protected table "session" (matches `session` in protected-tables)',
        },
      ],
    },
    {
      // Bare patterns match whatever the case: SQL folds unquoted names.
      code: 'ALTER TABLE "User" DROP COLUMN "emailVerified";',
      protectedTables: AUTH,
      errors: [
        { line: 1, column: 20, column_: 'emailVerified', message: 'migration drops a column of protected table "User" (matches `user` in protected-tables)' },
      ],
    },
    {
      code: 'TRUNCATE auth_tokens;',
      protectedTables: AUTH,
      errors: [{ line: 1, column: 1, message: /truncates protected table "auth_tokens" \(matches `auth_\*`/ }],
    },
    {
      code: 'DELETE FROM billing.invoice WHERE id = 1;',
      protectedTables: AUTH,
      errors: [{ line: 1, column: 1, message: /deletes rows of protected table "billing.invoice"/ }],
    },
    { code: 'DROP TABLE "Member";', protectedTables: AUTH, errors: [{ line: 1, column: 1, table: 'Member' }] },
    {
      code: 'DROP SCHEMA billing CASCADE;',
      protectedTables: AUTH,
      errors: [{ line: 1, column: 1, message: /drops schema "billing", which holds protected tables \(matches `billing\.\*`/ }],
    },
    {
      // Any phase: a protected table is never this migration's to drop.
      code: 'DROP TABLE account;',
      filename: '000004_accounts.down.sql',
      protectedTables: AUTH,
      errors: [{ line: 1, column: 1, severity: 'error' }],
    },
  ],
});

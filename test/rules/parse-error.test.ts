import rule from '../../rules/parse-error.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: [
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "idx" ON "User" USING btree (lower("email"));',
    'ALTER TYPE "Role" ADD VALUE \'AUDITOR\';',
    'CREATE EXTENSION IF NOT EXISTS "pgcrypto";',
    '',
    // CockroachDB syntax PostgreSQL's grammar lacks: not a parse-error where nothing may be destroyed.
    { code: 'CREATE INVERTED INDEX IF NOT EXISTS idx_cred_config ON identity_credentials (config);', dialect: 'cockroachdb' },
    // A placeholder the migration tool fills in before running (Flyway, envsubst) stands for a name.
    'DROP TABLE ${schema}.users;\nALTER TABLE ${schema}.orders DROP COLUMN note;\nGRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${reader};',
    { code: 'ALTER TABLE ${DATABASE}.t DROP COLUMN IF EXISTS `c`;', dialect: 'mysql' },
    // bun's migrate: `?DB` and `?ON_CLUSTER` placeholders, statements split by a comment line, none ended by `;`.
    'DROP TABLE IF EXISTS ?DB.spans ?ON_CLUSTER\n\n--migration:split\n\nDROP VIEW IF EXISTS ?DB.spans_mv ?ON_CLUSTER\n',
  ],
  invalid: [
    {
      code: 'CREATE TABEL "User" ("id" TEXT);\nDROP TABLE "Post";',
      errors: [{ line: 1, column: 8, endColumn: 13, message: 'cannot parse: syntax error at or near "TABEL"' }],
    },
    {
      code: 'ALTER TABLE "User" DROP COLUM "bio";',
      errors: [{ line: 1, column: 31, message: /syntax error at or near "\\"bio\\""|syntax error.*may destroy data/ }],
    },
    {
      // In CockroachDB too, a statement that may destroy data and does not parse is reported.
      code: 'ALTER TABLE "User" DROP COLUM "bio";',
      dialect: 'cockroachdb',
      errors: [{ line: 1, column: 31, message: /may destroy data/ }],
    },
    {
      code: "INSERT INTO notes VALUES ('it's');\nDROP TABLE notes;",
      errors: [{ line: 1, column: 32, message: 'cannot parse: unterminated string literal' }],
    },
  ],
});

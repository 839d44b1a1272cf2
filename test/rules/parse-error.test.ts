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
    // psql variables (`psql -v schema=app`): `:name` a name, `:"name"` a quoted one, `:'name'` a string; `a[1:n]` stays a slice.
    [
      'create table :SCHEMA.jobs (id bigserial primary key, tags text[]);',
      'alter table :"SCHEMA".jobs rename column tags to labels;',
      "comment on table :SCHEMA.jobs is :'note';",
      'delete from :SCHEMA.jobs where id = :id;',
      'select labels[1:n], x::int from :SCHEMA.jobs, (select 2 as n, 1 as x) s;',
    ].join('\n'),
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
      // A psql variable after an operand is no name: `t :x` is still a syntax error.
      code: 'alter table :SCHEMA.jobs :x drop column c;',
      errors: [{ line: 1, column: 26, message: /syntax error at or near ":"|may destroy data/ }],
    },
    {
      code: "INSERT INTO notes VALUES ('it's');\nDROP TABLE notes;",
      errors: [{ line: 1, column: 32, message: 'cannot parse: unterminated string literal' }],
    },
  ],
});

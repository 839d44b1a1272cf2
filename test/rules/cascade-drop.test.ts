import { describe, expect, it } from 'vitest';
import rule from '../../rules/cascade-drop.js';
import { droplint, project } from '../cli/run-cli.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: [
    // Without CASCADE the database refuses to drop what something still uses.
    'DROP TYPE ticket_status;',
    'DROP EXTENSION IF EXISTS "uuid-ossp";',
    'DROP FUNCTION IF EXISTS touch_updated_at() RESTRICT;',
    // Dropping a table with CASCADE removes views and foreign keys, no column of another table.
    'DROP TABLE ticket CASCADE;',
    'DROP INDEX idx_ticket_status CASCADE;',
    // Only triggers depend on a trigger function, created by an earlier migration or earlier in the same one.
    {
      code: 'DROP FUNCTION refresh_post() CASCADE;',
      history: ['CREATE OR REPLACE FUNCTION refresh_post() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;'],
    },
    'CREATE FUNCTION public.touch() RETURNS TRIGGER AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$ LANGUAGE plpgsql;\nDROP FUNCTION public.touch CASCADE;',
    // The `downgrade` setting caps it like every destructive rule.
    { code: 'DROP TYPE ticket_status CASCADE;', filename: '0002_status.down.sql', downgrade: 'off' },
  ],
  invalid: [
    {
      code: 'DROP TYPE ticket_status CASCADE;',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 32,
          message: 'migration drops type "ticket_status" with CASCADE; every column that depends on it is dropped with its data',
        },
      ],
    },
    {
      code: 'CREATE TABLE t (id int);\nDROP DOMAIN IF EXISTS public.email, us_postal_code CASCADE;',
      errors: [
        { line: 2, column: 23, endColumn: 35, message: /drops domain "public\.email" with CASCADE/ },
        { line: 2, column: 37, endColumn: 51, message: /drops domain "us_postal_code" with CASCADE/ },
      ],
    },
    { code: 'DROP EXTENSION vector CASCADE;', errors: [{ line: 1, column: 1, message: /drops extension "vector" with CASCADE/ }] },
    {
      // No stored value depends on a function: what goes with it is derived or holds no rows, but goes unnamed.
      code: 'DROP FUNCTION slugify(text, int) CASCADE;',
      errors: [
        {
          line: 1,
          column: 1,
          endColumn: 41,
          severity: 'warning',
          message:
            'migration drops function "slugify" with CASCADE; what uses it goes with it, unnamed: generated columns it computes, and defaults, constraints, indexes, views, triggers and policies',
        },
      ],
    },
    {
      // A function returning a value may compute a generated column; one replaced by such a function too: a warning.
      code: 'DROP FUNCTION hot_rank(int) CASCADE;\nDROP FUNCTION touch CASCADE;',
      history: [
        'CREATE FUNCTION hot_rank(score int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT score $$;',
        'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\nCREATE OR REPLACE FUNCTION touch() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;',
      ],
      errors: [
        { line: 1, column: 1, severity: 'warning', message: /drops function "hot_rank"/ },
        { line: 2, column: 1, severity: 'warning', message: /drops function "touch"/ },
      ],
    },
    { code: 'DROP COLLATION german CASCADE;', errors: [{ line: 1, column: 1, message: /drops collation "german"/ }] },
    {
      // The history knows every column and its type: the only one of the type was converted first.
      code: 'ALTER TABLE ticket ALTER COLUMN status TYPE text USING status::text;\nDROP TYPE IF EXISTS "Status" CASCADE;',
      history: [`CREATE TYPE "Status" AS ENUM ('open', 'closed');\nCREATE TABLE ticket (id int, status "Status" NOT NULL);`],
      errors: [
        {
          line: 2,
          column: 1,
          severity: 'warning',
          message:
            'migration drops type "Status" with CASCADE; no column of the tables the migrations built has it at this point (they changed or dropped those that had), so only what droplint cannot see goes with it: a type or domain built on it, a column added where droplint cannot read',
        },
      ],
    },
    {
      // One left of that type (an array of it, in a table renamed since, its column renamed): named.
      code: 'ALTER TABLE ticket ALTER COLUMN status TYPE text;\nDROP TYPE status CASCADE;',
      history: [
        `CREATE TYPE status AS ENUM ('open', 'closed');\nCREATE TABLE ticket (id int, status status);\nCREATE TABLE audit (id int, seen public.status[]);`,
        'ALTER TABLE audit RENAME TO ticket_audit;\nALTER TABLE ticket_audit RENAME COLUMN seen TO seen_statuses;',
      ],
      errors: [
        {
          line: 2,
          column: 1,
          severity: 'error',
          message: 'migration drops type "status" with CASCADE; every column that depends on it is dropped with its data: "ticket_audit"."seen_statuses"',
        },
      ],
    },
    // A column of a type the history does not know (a table made AS SELECT), a set that starts from an existing schema,
    // a first migration: nothing to say which columns go.
    {
      code: 'ALTER TABLE ticket ALTER COLUMN status TYPE text;\nDROP TYPE status CASCADE;',
      history: [`CREATE TYPE status AS ENUM ('open');\nCREATE TABLE ticket (id int, status status);\nCREATE TABLE snapshot AS SELECT * FROM ticket;`],
      errors: [
        {
          line: 2,
          column: 1,
          severity: 'error',
          message: 'migration drops type "status" with CASCADE; every column that depends on it is dropped with its data',
        },
      ],
    },
    {
      // A downgrade's own steps before the drop are not replayed (it converts the column back): no column named, no warning.
      code: '-- migrate:up\nALTER TABLE ticket ALTER COLUMN status TYPE text;\n-- migrate:down\nALTER TABLE ticket ALTER COLUMN status TYPE status USING status::status;\nDROP TYPE status CASCADE;',
      history: [`CREATE TYPE status AS ENUM ('open');\nCREATE TABLE ticket (id int, status status);`],
      errors: [{ line: 5, column: 1, severity: 'warning', message: /with CASCADE; every column that depends on it is dropped with its data$/ }],
    },
    {
      // A set that starts from an existing schema: the columns the migration converted first are named, and what it may
      // have missed is a warning; a conversion to the dropped type itself detaches nothing.
      code: 'ALTER TABLE ticket ALTER COLUMN status TYPE text USING status::text;\nALTER TABLE audit ALTER COLUMN seen TYPE public.status[];\nDROP TYPE status CASCADE;',
      history: ['ALTER TABLE ticket ADD COLUMN note text;'],
      errors: [
        {
          line: 3,
          column: 1,
          severity: 'warning',
          message:
            'migration drops type "status" with CASCADE after converting "ticket"."status" to another type; a column it did not convert goes with it, with its data',
        },
      ],
    },
    {
      code: 'DROP TYPE status CASCADE;',
      history: ['ALTER TABLE ticket ADD COLUMN note text;'],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'error',
          message: 'migration drops type "status" with CASCADE; every column that depends on it is dropped with its data',
        },
      ],
    },
    {
      code: `CREATE TYPE status AS ENUM ('open');\nCREATE TABLE ticket (id int, status text);\nDROP TYPE status CASCADE;`,
      errors: [
        {
          line: 3,
          column: 1,
          severity: 'error',
          message: 'migration drops type "status" with CASCADE; every column that depends on it is dropped with its data',
        },
      ],
    },
    {
      code: 'DROP TYPE mood CASCADE;',
      filename: '0002_mood.down.sql',
      errors: [{ line: 1, column: 1, severity: 'warning', message: /^down migration drops type "mood"/ }],
    },
  ],
});

describe('cascade-drop through the CLI', () => {
  it('knows the trigger functions of earlier Diesel migrations, one folder each', () => {
    const dir = project({
      'migrations/2020-01-13-025151_counts/up.sql':
        'CREATE TABLE post (id int, score int);\nCREATE FUNCTION refresh_post() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n',
      'migrations/2020-01-13-025151_counts/down.sql': 'DROP FUNCTION refresh_post();\nDROP TABLE post;\n',
      'migrations/2020-12-17-031053_remove_fast/up.sql': 'DROP FUNCTION refresh_post() CASCADE;\nDROP TYPE mood CASCADE;\n',
      'migrations/2020-12-17-031053_remove_fast/down.sql': 'SELECT 1;\n',
    });
    const run = droplint(dir, ['--format', 'json']);
    const found = (JSON.parse(run.stdout) as { diagnostics: Array<{ rule: string; line: number }> }).diagnostics.filter((d) => d.rule === 'cascade-drop');
    expect(found).toEqual([expect.objectContaining({ line: 2 })]);
  });
});

import rule from '../../rules/cascade-drop.js';
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
    { code: 'DROP FUNCTION slugify(text, int) CASCADE;', errors: [{ line: 1, column: 1, endColumn: 41, message: /drops function "slugify"/ }] },
    { code: 'DROP COLLATION german CASCADE;', errors: [{ line: 1, column: 1, message: /drops collation "german"/ }] },
    {
      code: 'DROP TYPE mood CASCADE;',
      filename: '0002_mood.down.sql',
      errors: [{ line: 1, column: 1, severity: 'warning', message: /^down migration drops type "mood"/ }],
    },
  ],
});

import rule from '../../rules/drop-schema.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: [
    'CREATE SCHEMA IF NOT EXISTS business;',
    "-- DROP SCHEMA business CASCADE;\nSELECT 'DROP SCHEMA mapping';",
    // MySQL's DROP SCHEMA is DROP DATABASE: reported by that rule instead.
    { code: 'DROP SCHEMA `legacy`;', dialect: 'mysql' },
  ],
  invalid: [
    {
      code: 'DROP SCHEMA business CASCADE;',
      errors: [{ line: 1, column: 1, endColumn: 29, severity: 'error', message: 'migration drops schema "business" with CASCADE; every table in it is lost' }],
    },
    {
      // A re-run guard before the schema is created: whatever it held the first time round is lost.
      code: 'DROP SCHEMA IF EXISTS tenant CASCADE;\nCREATE SCHEMA tenant;\nDROP SCHEMA tenant CASCADE;',
      errors: [{ line: 1, column: 1, endColumn: 37, severity: 'error', message: 'migration drops schema "tenant" with CASCADE; every table in it is lost' }],
    },
    {
      // Any phase: a downgrade to base is how seed 001 lost its schemas.
      code: 'DROP SCHEMA IF EXISTS "mapping";',
      filename: 'U3__undo_mapping.sql',
      errors: [{ line: 1, column: 1, severity: 'error', message: 'down migration drops schema "mapping"; every object in it is lost' }],
    },
  ],
});

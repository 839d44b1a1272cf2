import rule from '../../rules/drop-database.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: ['CREATE DATABASE analytics;', "SELECT 'DROP DATABASE prod';", 'DROP TABLE "x";'],
  invalid: [
    {
      code: 'DROP DATABASE IF EXISTS prod;',
      errors: [{ line: 1, column: 1, endColumn: 29, severity: 'error', message: 'migration drops database "prod"; every table in it is lost' }],
    },
    {
      code: '/*!40000 DROP DATABASE IF EXISTS `shop`*/;',
      dialect: 'mysql',
      errors: [{ line: 1, column: 10, message: 'migration drops database "shop"; every table in it is lost' }],
    },
    { code: 'DROP SCHEMA `legacy`;', dialect: 'mysql', errors: [{ line: 1, column: 1 }] },
  ],
});

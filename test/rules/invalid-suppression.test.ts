import dropTable from '../../rules/drop-table.js';
import rule from '../../rules/invalid-suppression.js';
import { testRule } from './rule-tester.js';

testRule(
  rule,
  {
    valid: ['-- droplint-ignore drop-table: archived in OPS-1234\nDROP TABLE "invoice";', 'DROP TABLE "Post";'],
    invalid: [
      {
        code: '-- droplint-ignore drop-table\nDROP TABLE "invoice";',
        errors: [{ line: 1, column: 1, message: 'droplint-ignore has no reason: write `droplint-ignore drop-table: <why this is safe>`' }],
      },
      {
        code: '-- droplint-ignore drop-tables: typo\nDROP TABLE "invoice";',
        errors: [{ line: 1, column: 1, message: 'droplint-ignore names unknown rule "drop-tables"' }],
      },
      {
        code: 'DROP TABLE a;\n\n\n\n\n\n\n\n\n\n-- droplint-ignore-file drop-table: too late\nDROP TABLE b;',
        errors: [{ line: 11, column: 1, message: 'droplint-ignore-file only counts in the first 10 lines' }],
      },
      {
        code: 'DROP TABLE a;\n-- droplint-ignore drop-table: nothing after me\n',
        errors: [{ line: 2, column: 1, message: 'no statement follows this droplint-ignore comment' }],
      },
    ],
  },
  [dropTable],
);

import dropColumn from '../../rules/drop-column.js';
import dropTable from '../../rules/drop-table.js';
import rule from '../../rules/unused-suppression.js';
import { testRule } from './rule-tester.js';

testRule(
  rule,
  {
    valid: [
      '-- droplint-ignore drop-table: replaced by "invoice_v2", archived in OPS-1234\nDROP TABLE "invoice";',
      // Prisma's own comment may stand between the suppression and the statement.
      '-- droplint-ignore drop-table: archived\n-- DropTable\nDROP TABLE "Post";',
      'DROP TABLE "Post"; -- droplint-ignore drop-table: archived',
      '-- droplint-ignore-file drop-table: legacy cleanup, all archived\nDROP TABLE a;\nDROP TABLE b;',
      '-- droplint-ignore-file drop-table, drop-column: both archived\nALTER TABLE a DROP COLUMN x;\nDROP TABLE b;',
    ],
    invalid: [
      {
        // Misplaced: the blank statement after it drops nothing.
        code: '-- droplint-ignore drop-table: archived\nCREATE TABLE t (id int);\nDROP TABLE u;',
        errors: [
          { line: 1, column: 1, endColumn: 40, severity: 'warning', message: 'droplint-ignore drop-table suppresses nothing: no drop-table finding here' },
        ],
      },
      {
        code: '-- droplint-ignore drop-table, drop-column: archived\nDROP TABLE b;',
        errors: [{ line: 1, column: 1, message: 'droplint-ignore drop-column suppresses nothing: no drop-column finding here' }],
      },
      {
        code: '-- droplint-ignore-file: nothing here drops\nCREATE TABLE t (id int);',
        errors: [{ line: 1, column: 1, message: 'droplint-ignore-file on line 1 suppresses nothing' }],
      },
    ],
  },
  [dropTable, dropColumn],
);

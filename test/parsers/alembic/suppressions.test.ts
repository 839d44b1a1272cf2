/** `# droplint-ignore` comments in Alembic migrations, as the contract places them. */
import dropTable from '../../../rules/drop-table.js';
import { testRule } from '../../rules/rule-tester.js';

const lines = (...l: string[]): string => [...l, ''].join('\n');

/** A migration whose upgrade() is `body` (from line 7 on). */
function upgrade(...body: string[]): { format: 'alembic'; code: string } {
  return {
    format: 'alembic',
    code: lines('from alembic import op', '', 'revision = "b2c3d4e5f6a7"', 'down_revision = "a1b2c3d4e5f6"', '', 'def upgrade():', ...body),
  };
}

const REASON = 'moved to the archive database in 2024-03';
const message = (table: string): string => `upgrade() drops table "${table}"; all of its rows are lost`;

testRule(dropTable, {
  valid: [
    // On the line before the call.
    upgrade(`    # droplint-ignore drop-table: ${REASON}`, '    op.drop_table("legacy")'),
    // At the end of the call's line.
    upgrade(`    op.drop_table("legacy")  # droplint-ignore drop-table: ${REASON}`),
    // At the end of the first line of a call written over several lines.
    upgrade(`    op.drop_table(  # droplint-ignore drop-table: ${REASON}`, '        "legacy",', '    )'),
    // Before op.execute(): the DROP inside its string.
    upgrade(`    # droplint-ignore drop-table: ${REASON}`, '    op.execute("DROP TABLE legacy")'),
    // Before a loop or a `with` block: everything in it.
    upgrade(`    # droplint-ignore drop-table: ${REASON}`, '    for name in ("a", "b"):', '        op.drop_table(name)'),
    // Several ids.
    upgrade(`    # droplint-ignore drop-table, unmanaged-table-drop: ${REASON}`, '    op.drop_table("legacy")'),
    // The whole file, in its first ten lines.
    { format: 'alembic', code: `# droplint-ignore-file drop-table: ${REASON}\n` + upgrade('    op.drop_table("legacy")').code },
  ],
  invalid: [
    {
      // At the end of a later line it would look as if it meant that line only: it covers nothing.
      ...upgrade('    op.drop_table(', `        "legacy",  # droplint-ignore drop-table: ${REASON}`, '    )'),
      errors: [{ line: 7, column: 5, endLine: 9, endColumn: 6, message: message('legacy') }],
    },
    {
      // Another rule's suppression.
      ...upgrade(`    # droplint-ignore drop-column: ${REASON}`, '    op.drop_table("legacy")'),
      errors: [{ line: 8, column: 5, message: message('legacy') }],
    },
    {
      // It covers the next statement only.
      ...upgrade(`    # droplint-ignore drop-table: ${REASON}`, '    op.drop_table("a")', '    op.drop_table("b")'),
      errors: [{ line: 9, column: 5, endColumn: 23, message: message('b') }],
    },
    {
      // A comment inside a string is no comment.
      ...upgrade(`    op.execute("DROP TABLE legacy -- droplint-ignore drop-table: ${REASON}")`),
      errors: [{ line: 7, column: 17, message: message('legacy') }],
    },
  ],
});

import { defineRule } from '../src/engine/rule.js';
import { lossOf } from '../src/engine/loss.js';
import { onTable } from '../src/engine/db-object.js';
import { actor, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'delete-without-where',
    defaultSeverity: 'error',
    downgradeSensitive: true,
    summary: 'DELETE without WHERE: every row of the table is deleted.',
    help: 'Add a WHERE clause that selects only the rows to delete, or suppress with a reason.',
    examples: {
      flagged: {
        files: {
          'migrations/V2__purge_sessions.sql': 'DELETE FROM "session";\n',
        },
      },
      safe: {
        files: {
          'migrations/V2__purge_sessions.sql': 'DELETE FROM "session" WHERE "expiresAt" < now();\n',
        },
      },
    },
    docs: `
Reports \`DELETE FROM t\` with no \`WHERE\` clause of its own (a \`WHERE\` inside a
subquery does not count), or with one that holds for every row (\`WHERE true\`,
\`WHERE 1\`, \`WHERE 1 = 1\`), and ClickHouse's \`ALTER TABLE t DELETE WHERE 1\`. A
table created earlier in the same migration and phase, or in a schema created
so (without \`IF NOT EXISTS\`), is not reported: nothing that existed before is
lost. Where the migration then inserts back rows it read from the same table
before the delete (a \`SELECT\` from it, then Sequelize's \`bulkInsert\`), it is
a warning: the rows are rewritten, and droplint cannot tell whether all of them
go back.

**Why it loses data.** It deletes every row, exactly like \`TRUNCATE\`, and is
often a data fix whose condition was lost in editing.

**Safe alternative.** Write the condition (\`DELETE FROM "session" WHERE
"expiresAt" < now()\`); to empty a table on purpose, say so:

\`\`\`sql
-- droplint-ignore delete-without-where: seed data, reinserted below
DELETE FROM "country";
\`\`\`
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'delete' || op.hasWhere) return;
    const loss = lossOf(op, ctx, op.table, null, 'every row is deleted');
    if (loss === null) return;
    ctx.report({
      span: op.span,
      phase: op.phase,
      object: onTable(op.table),
      atMost: loss.atMost,
      message: `${actor(ctx.unit, op)} deletes every row of table ${tableName(op.table)} (${op.alwaysTrue ? 'its WHERE is always true' : 'DELETE without WHERE'})${loss.consequence === 'every row is deleted' ? '' : `; ${loss.consequence}`}`,
    });
  },
});

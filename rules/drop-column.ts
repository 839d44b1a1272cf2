import { defineRule } from '../src/engine/rule.js';
import { actor, quoted, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'drop-column',
    defaultSeverity: 'error',
    downgradeSensitive: true,
    summary: 'A column is dropped, or a rebuilt table leaves it out: its data is lost.',
    help: 'Expand/contract: stop reading the column, deploy, then drop it in a later migration; or suppress with a reason.',
    examples: {
      flagged: { files: {
        'migrations/V2__drop_legacy_id.sql': 'ALTER TABLE "user" DROP COLUMN "legacy_id";\n',
      } },
      safe: { files: {
        'migrations/V2__add_external_id.sql': 'ALTER TABLE "user" ADD COLUMN "external_id" TEXT;\nUPDATE "user" SET "external_id" = "legacy_id";\n',
      } },
    },
    docs: `
Reports \`ALTER TABLE … DROP COLUMN\`, \`op.drop_column(…)\`, \`batch_op.drop_column(…)\`,
and a table rebuilt without some of its columns (SQLite's
create-copy-drop-rename, which Prisma calls "RedefineTables": the columns not
copied into the new table are lost).

**Why it loses data.** The column's values are gone, and application code that
still reads it fails the moment the migration runs — before the new code is
deployed.

**Safe alternative.** Expand/contract: deploy code that no longer reads or
writes the column, then drop it in a later migration (after a backup). If the
drop is intended:

\`\`\`sql
-- droplint-ignore drop-column: "legacy_id" unused since v2.3, values copied to "external_id"
ALTER TABLE "user" DROP COLUMN "legacy_id";
\`\`\`

In a downgrade the severity is the \`downgrade\` setting (warning by default).
`,
  },
  operation(op, ctx) {
    if (op.kind === 'drop-column') {
      ctx.report({
        span: op.span,
        phase: op.phase,
        table: op.table,
        column: op.column,
        message: `${actor(ctx.unit, op.phase)} drops column ${quoted(op.column)} of table ${tableName(op.table)}; its data is lost`,
      });
    } else if (op.kind === 'redefine-table' && op.keptColumns !== null) {
      const kept = new Set(op.keptColumns);
      for (const column of ctx.history.columnsBefore(op) ?? []) {
        if (kept.has(column)) continue;
        ctx.report({
          span: op.span,
          phase: op.phase,
          table: op.table,
          column,
          message: `${actor(ctx.unit, op.phase)} rebuilds table ${tableName(op.table)} without column ${quoted(column)}; its data is lost`,
        });
      }
    }
  },
});

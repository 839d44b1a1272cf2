import { defineRule } from '../src/engine/rule.js';
import { lossOf } from '../src/engine/loss.js';
import { onTable } from '../src/engine/db-object.js';
import { actor, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'truncate-table',
    defaultSeverity: 'error',
    downgradeSensitive: true,
    summary: 'A table is truncated: all of its rows are deleted.',
    help: 'Delete only the rows you mean to, with a WHERE clause, or suppress with a reason.',
    examples: {
      flagged: {
        files: {
          'migrations/V2__clear_cache.sql': 'TRUNCATE "render_cache";\n',
        },
      },
      safe: {
        files: {
          'migrations/V2__expire_cache.sql': 'DELETE FROM "render_cache" WHERE "createdAt" < now() - interval \'30 days\';\n',
        },
      },
    },
    docs: `
Reports \`TRUNCATE\` in any phase, except of a table created earlier in the same
migration and phase, or in a schema created so (without \`IF NOT EXISTS\`):
nothing that existed before is lost.

**Why it loses data.** \`TRUNCATE\` empties the table at once (with \`CASCADE\`,
every table referencing it too), and cannot be undone by a later migration.

**Safe alternative.** Delete the rows you mean to delete with a \`WHERE\`
clause, or move them to an archive table first. If emptying the table is the
point (a cache, a queue):

\`\`\`sql
-- droplint-ignore truncate-table: cache table, rebuilt on startup
TRUNCATE "render_cache";
\`\`\`
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'truncate') return;
    const loss = lossOf(op, ctx, op.table, null, 'all of its rows are deleted');
    if (loss === null) return;
    ctx.report({
      span: op.span,
      phase: op.phase,
      object: onTable(op.table),
      atMost: loss.atMost,
      message: `${actor(ctx.unit, op)} truncates table ${tableName(op.table)}; ${loss.consequence}`,
    });
  },
});

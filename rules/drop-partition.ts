import { onPartition } from '../src/engine/db-object.js';
import { defineRule } from '../src/engine/rule.js';
import { actor, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'drop-partition',
    defaultSeverity: 'error',
    downgradeSensitive: true,
    summary: 'A partition is dropped or emptied: all of its rows are lost.',
    help: 'Detach the partition (or copy its rows elsewhere) and drop it in a later migration once nothing needs it; or suppress with a reason.',
    docs: `
Reports \`ALTER TABLE … DROP PARTITION\` and \`TRUNCATE PARTITION\` (MySQL),
\`ALTER TABLE … DROP PARTITION|PART\`, \`DROP DETACHED PARTITION\`,
\`CLEAR COLUMN … IN PARTITION\` and \`DELETE IN PARTITION … WHERE\` a condition
that is always true (ClickHouse).

**Why it loses data.** The partition's rows are deleted at once, and unlike a
\`DELETE\` there is no condition a reviewer can check: which rows are lost
depends on how the table is partitioned.

**Safe alternative.** Detach the partition first (\`DETACH PARTITION\` keeps
its data on disk and can be attached again), or copy its rows to an archive
table; drop it in a later migration. If the data is meant to go (a retention
job written as a migration), say so:

\`\`\`sql
-- droplint-ignore drop-partition: events older than 2023 are archived to S3
ALTER TABLE \`events\` DROP PARTITION p2022;
\`\`\`
`,
    examples: {
      flagged: {
        files: {
          'migrations/V2__drop_old_events.sql': 'ALTER TABLE events DROP PARTITION p2022;\n',
          'droplint.toml': 'dialect = "mysql"\n',
        },
      },
      safe: {
        files: {
          'migrations/V2__detach_old_events.sql': 'ALTER TABLE events DETACH PARTITION 202212;\n',
          'droplint.toml': 'dialect = "clickhouse"\n',
        },
      },
    },
  },
  operation(op, ctx) {
    if (op.kind !== 'drop-partition') return;
    ctx.report({
      span: op.span,
      phase: op.phase,
      object: onPartition(op.table, op.partition),
      message: `${actor(ctx.unit, op)} drops partition ${op.partition} of table ${tableName(op.table)}; all of its rows are lost`,
    });
  },
});

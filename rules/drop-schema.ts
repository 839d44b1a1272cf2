import { defineRule } from '../src/engine/rule.js';
import { onSchema } from '../src/engine/db-object.js';
import { actor, quoted } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'drop-schema',
    defaultSeverity: 'error',
    downgradeSensitive: false,
    summary: 'A schema is dropped: with CASCADE, every table in it goes too.',
    help: 'Drop the tables you mean to drop one by one, after a backup; never DROP SCHEMA … CASCADE in a migration.',
    examples: {
      flagged: {
        files: {
          'migrations/V2__drop_billing.sql': 'DROP SCHEMA billing CASCADE;\n',
        },
      },
      safe: {
        files: {
          'migrations/V2__drop_export.sql': '-- droplint-ignore drop-table: scratch export table, recreated nightly\nDROP TABLE billing.tmp_export;\n',
        },
      },
    },
    docs: `
Reports \`DROP SCHEMA\` in any phase, downgrades included. A schema created
earlier in the same migration and phase (without \`IF NOT EXISTS\`) is not
reported. A downgrade dropping the schema its own upgrade created keeps the
error: it is what a \`downgrade base\` against the wrong database runs.

**Why it loses data.** \`DROP SCHEMA … CASCADE\` removes every table, view and
function in the schema in one statement. A downgrade to base that drops the
application's schemas is how a test teardown wiped the \`business\` and
\`mapping\` schemas of a production database.

**Safe alternative.** Leave schemas alone in migrations. Drop the specific
tables you intend to drop, each reviewed on its own, after a backup.
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'drop-schema') return;
    // A schema the same migration and phase created held nothing before it. One its upgrade created keeps the
    // error in the downgrade: `downgrade base` run against the wrong database drops the application's schemas.
    if (ctx.history.addedBy(op) === 'same-phase') return;
    const consequence = op.cascade ? ' with CASCADE; every table in it is lost' : '; every object in it is lost';
    ctx.report({
      span: op.span,
      phase: op.phase,
      object: onSchema(op.schema),
      message: `${actor(ctx.unit, op)} drops schema ${quoted(op.schema)}${consequence}`,
    });
  },
});

import { defineRule } from '../src/engine/rule.js';
import { onDatabase } from '../src/engine/db-object.js';
import { actor, quoted } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'drop-database',
    defaultSeverity: 'error',
    downgradeSensitive: false,
    summary: 'A database is dropped: everything in it is lost.',
    help: 'Never drop a database from a migration; do it by hand, after a backup, outside the migration history.',
    examples: {
      flagged: {
        files: {
          'migrations/V2__reset.sql': 'DROP DATABASE analytics;\n',
        },
      },
      safe: {
        files: {
          'migrations/V2__events.sql': 'CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);\n',
        },
      },
    },
    docs: `
Reports \`DROP DATABASE\` (and MySQL's \`DROP SCHEMA\`, which is the same) in any phase.
A database created earlier in the same migration and phase is not reported;
one its upgrade created keeps the error in the downgrade.

**Why it loses data.** Every table of the database is gone, and a migration
runs wherever its connection points — including production when a URL is
overridden.

**Safe alternative.** Databases are created and dropped by operators, not by
migrations.
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'drop-database') return;
    // A database the same migration and phase created held nothing before it; one its upgrade created keeps the error.
    if (ctx.history.addedBy(op) === 'same-phase') return;
    ctx.report({
      span: op.span,
      phase: op.phase,
      object: onDatabase(op.database),
      message: `${actor(ctx.unit, op)} drops database ${quoted(op.database)}; every table in it is lost`,
    });
  },
});

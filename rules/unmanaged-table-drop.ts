import { defineRule } from '../src/engine/rule.js';
import { actor, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'unmanaged-table-drop',
    defaultSeverity: 'error',
    downgradeSensitive: false,
    summary: 'A table is dropped that no earlier migration in the set created: it belongs to something else.',
    help: 'Remove the drop: the table is owned elsewhere (an auth library, another service); exclude it from autogenerate instead.',
    examples: {
      flagged: { files: {
        'migrations/V1__init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n',
        'migrations/V2__autogen.sql': 'DROP TABLE session;\n',
      } },
      safe: { files: {
        'migrations/V1__init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\nCREATE TABLE user_tokens (id bigint PRIMARY KEY);\n',
        'migrations/V2__drop_tokens.sql': '-- droplint-ignore drop-table: tokens moved to redis in 4.2\nDROP TABLE user_tokens;\n',
      } },
    },
    docs: `
Reports a dropped table that the migration history never created: no earlier
migration in the same set (the Alembic \`versions/\` folder, the Prisma
\`migrations\` folder, the folder of SQL files) creates it, by operation or raw
SQL, and it is not created earlier in the same migration. A table rebuilt in
place (SQLite's redefine pattern) is not a drop. In the first migration of a
set, or a lone file, there is no history to judge by, and nothing is reported.

**Why it loses data.** A table the migrations never created was created by
something else: an auth library (Better Auth's \`session\`, \`account\`,
\`verification\`), another service sharing the database, a manual fix.
Autogenerate proposes dropping every such table because no model describes
it; applied unreviewed, that is how eleven auth tables vanished.

**Safe alternative.** Delete the drop from the migration. Tell the tool that
the table is not its own: Alembic's \`include_object\` hook (or a model with
\`extend_existing=True\`), \`protected-tables\` in droplint's config. If the
table really is obsolete, drop it in a migration of its owner.
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'drop-table' || ctx.history.tableBefore(op) !== null || !ctx.history.hasEarlierMigrations(ctx.unit)) return;
    ctx.report({
      span: op.span,
      phase: op.phase,
      table: op.table,
      message: `${actor(ctx.unit, op.phase)} drops table ${tableName(op.table)}, which no earlier migration in this set created: it belongs to something else`,
    });
  },
});

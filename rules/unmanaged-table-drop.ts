import { defineRule } from '../src/engine/rule.js';
import { remade, renamedEarlier } from '../src/engine/recreated.js';
import { onTable } from '../src/engine/db-object.js';
import { actor, tableName } from '../src/engine/wording.js';
import { retiredToolOf } from '../src/engine/retired-tools.js';

export default defineRule({
  meta: {
    id: 'unmanaged-table-drop',
    defaultSeverity: 'error',
    downgradeSensitive: true,
    summary: 'A table is dropped that no earlier migration in the set created: it belongs to something else.',
    help: 'Remove the drop: the table is owned elsewhere (an auth library, another service); exclude it from autogenerate instead.',
    examples: {
      flagged: {
        files: {
          'migrations/V1__init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n',
          'migrations/V2__autogen.sql': 'DROP TABLE session;\n',
        },
      },
      safe: {
        files: {
          'migrations/V1__init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\nCREATE TABLE user_tokens (id bigint PRIMARY KEY);\n',
          'migrations/V2__drop_tokens.sql': '-- droplint-ignore drop-table: tokens moved to redis in 4.2\nDROP TABLE user_tokens;\n',
        },
      },
    },
    docs: `
Reports a dropped table that the migration history never created: no earlier
migration in the same set (the Alembic \`versions/\` folder, the Prisma
\`migrations\` folder, the folder of SQL files) creates it (by operation, raw
SQL, \`CREATE TABLE … AS\`, \`SELECT … INTO\`, or a rename), and it is not
created earlier in the same migration, nor in a schema the same migration
created. This needs a complete history: the
set's first migration creates tables and touches none it does not create (where
a set keeps each version's migrations in a folder of their own, as
\`0.17/00__inbox.sql\` and \`0.17/01__cleanup.sql\`, its first version's files
are judged together).
Where a set starts from an existing schema (an empty baseline, a first
migration that alters tables it never creates or creates tables whose foreign
keys name one it never creates, as a history squashed onto \`create_all()\`
does, \`create_all()\` of models), the
history cannot judge, and the set's first migration gets one \`info\` finding
saying so instead of one per drop.

A downgrade that drops a table that neither its upgrade nor an earlier
migration created is reported too: it usually names the wrong table (the
upgrade created \`…_entities\`, the downgrade drops \`…_entity_types\`). A table rebuilt in
place (create a new table, copy every row into it, drop the old one, rename the
new one: SQLite's redefine pattern, or the same by hand) is not a drop, nor is a
table dropped and created again by the same migration (a ClickHouse view
re-created with a new query, \`DROP TABLE IF EXISTS x\` before \`CREATE TABLE x\`):
the migration claims it, and \`drop-table\` says whether rows are lost. A
table that another migration set of the project creates (an enterprise
\`migrations/\` folder beside the main one, a schema file beside release
folders, or the files of a folder that name no database beside those that
do: popx's \`x.up.sql\` and \`x.mysql.up.sql\`) is the project's own, and not
reported as unmanaged when dropped by an upgrade; its drop is still \`drop-table\`. Nor is the version table of a
migration tool the project replaced (\`migrate_version\`, \`south_migrationhistory\`, \`__diesel_schema_migrations\`). In the first migration of a
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
    if (op.kind !== 'drop-table' || ctx.history.addedBy(op) !== null || ctx.history.tableBefore(op) !== null) return;
    // Dropped to be made again by the same migration (a view with a new query, `DROP TABLE IF EXISTS x; CREATE TABLE x`, a rename to x):
    // the migration claims the table; whether rows are lost is drop-table's to say.
    if (remade(op, ctx) !== null) return;
    if (op.phase === 'downgrade') {
      // Even where the set starts from an existing schema: its own upgrade is there to compare with.
      if (!ctx.history.knowsEveryCreation(op)) return;
      // The history of a downgrade starts after its upgrade: a known table it renamed itself is one it had.
      const renamed = renamedEarlier(op, ctx);
      if (renamed !== null && ctx.history.tableBefore(renamed) !== null) return;
      // A lone down file shows no upgrade to compare with.
      if (!ctx.history.hasEarlierMigrations(ctx.unit) && ctx.unit.operations.every((o) => o.phase === 'downgrade')) return;
      ctx.report({
        span: op.span,
        phase: op.phase,
        object: onTable(op.table),
        message: `${actor(ctx.unit, op)} drops table ${tableName(op.table)}, which neither its upgrade nor an earlier migration created: a wrong name, or a table that belongs to something else`,
      });
      return;
    }
    // Without earlier migrations there is no history to judge ownership by.
    if (!ctx.history.hasEarlierMigrations(ctx.unit) || !ctx.history.knowsEveryTable(op)) return;
    // Another migration set of the project creates it: the project's own table, in a database its sets share.
    if (ctx.history.createdByOtherSets(ctx.unit, op.table) !== null) return;
    // The version table of the tool the set replaced: the set's project retires it (see drop-table).
    if (retiredToolOf(op.table) !== null) return;
    ctx.report({
      span: op.span,
      phase: op.phase,
      object: onTable(op.table),
      message: `${actor(ctx.unit, op)} drops table ${tableName(op.table)}, which no earlier migration in this set created: it belongs to something else`,
    });
  },
  unit(ctx) {
    const start = ctx.history.existingSchema(ctx.unit);
    if (start === null || start.unjudged.length === 0) return;
    const names = [...new Set(start.unjudged.map(tableName))];
    const listed = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    ctx.report({
      span: start.span,
      phase: 'none',
      atMost: 'info',
      object: null,
      message: `this migration set starts from an existing schema (${start.why}): droplint cannot tell whether the tables its migrations drop without creating them (${listed}) belong to it, so it does not report them as unmanaged (their drops are still \`drop-table\` findings)`,
    });
  },
});

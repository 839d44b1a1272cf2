import { destroyedTable } from '../src/ir/operations.js';
import { defineRule } from '../src/engine/rule.js';
import { onColumn, onSchema, onTable } from '../src/engine/db-object.js';
import { actor, quoted, tableName } from '../src/engine/wording.js';

const VERBS = {
  'drop-table': 'drops',
  'drop-column': 'drops a column of',
  truncate: 'truncates',
  delete: 'deletes rows of',
  'overwrite-column': 'overwrites a column of every row of',
} as const;

export default defineRule({
  meta: {
    id: 'protected-table',
    defaultSeverity: 'error',
    downgradeSensitive: false,
    summary: 'A destructive operation touches a table listed in protected-tables, in any phase.',
    help: 'This table is owned by something else (an auth library, another service): change it there, not in this migration.',
    examples: {
      flagged: {
        files: {
          'droplint.toml': 'protected-tables = ["session", "account", "verification"]\n',
          'migrations/V3__cleanup.sql': 'DROP TABLE "session";\n',
        },
      },
      safe: {
        files: {
          'droplint.toml': 'protected-tables = ["session", "account", "verification"]\n',
          'migrations/V3__cleanup.sql': 'CREATE INDEX "session_expires_idx" ON "session" ("expiresAt");\n',
        },
      },
    },
    docs: `
Reports any drop, column drop, truncate, delete or overwriting \`UPDATE\` (see
\`update-without-where\`) of a table that matches
\`protected-tables\` — in upgrades and downgrades alike — and \`DROP SCHEMA\` of a
schema named by a \`schema.*\` pattern.

\`\`\`toml
protected-tables = ["user", "session", "account", "verification", "auth_*", "billing.*", '"User"']
\`\`\`

Patterns: \`*\` matches any run of characters; \`schema.table\` restricts the
schema (a table written without a schema only matches \`*.table\` or a bare
\`table\`); bare names match case-insensitively (SQL folds unquoted names),
\`"Quoted"\` names match exactly. \`--protected-table NAME\` adds patterns on the
command line. \`protected-presets = ["better-auth", "django-auth", …]\` adds the
tables that well-known libraries own (docs/presets.md lists each preset and its
source).

**Why it loses data.** Autogenerate drops every table it has no model for: an
auth library's \`session\`, \`account\` and \`verification\` tables were dropped
exactly this way. These tables are not the migration's to touch.

**Safe alternative.** Remove the operation from the migration; teach the
migration tool to ignore the table (Alembic: \`include_object\`; Prisma: keep
the model).
`,
  },
  operation(op, ctx) {
    const protectedTables = ctx.settings.protectedTables;
    if (protectedTables.isEmpty) return;
    if (op.kind === 'drop-schema') {
      const pattern = protectedTables.matchSchema(op.schema);
      if (pattern === null) return;
      ctx.report({
        span: op.span,
        phase: op.phase,
        object: onSchema(op.schema),
        message: `${actor(ctx.unit, op)} drops schema ${quoted(op.schema)}, which holds protected tables (matches \`${pattern}\` in protected-tables)`,
      });
      return;
    }
    const table = destroyedTable(op);
    if (table === null || !(op.kind in VERBS)) return;
    const pattern = protectedTables.match(table);
    if (pattern === null) return;
    ctx.report({
      span: op.span,
      phase: op.phase,
      object: op.kind === 'drop-column' || op.kind === 'overwrite-column' ? onColumn(table, op.column) : onTable(table),
      message: `${actor(ctx.unit, op)} ${VERBS[op.kind as keyof typeof VERBS]} protected table ${tableName(table)} (matches \`${pattern}\` in protected-tables)`,
    });
  },
});

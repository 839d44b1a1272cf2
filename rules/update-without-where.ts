import { defineRule } from '../src/engine/rule.js';
import { lossOf } from '../src/engine/loss.js';
import { onColumn } from '../src/engine/db-object.js';
import { actor, quoted, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'update-without-where',
    defaultSeverity: 'warning',
    downgradeSensitive: true,
    summary: 'UPDATE without WHERE writes a column of every row with a value not computed from it: what the column held is lost.',
    help: 'Add a WHERE clause that selects only the rows to change (a backfill: `WHERE col IS NULL`), or suppress with a reason.',
    examples: {
      flagged: {
        files: {
          'migrations/V2__reset_email.sql': 'UPDATE "user" SET "email" = NULL;\n',
        },
      },
      safe: {
        files: {
          'migrations/V2__reset_email.sql': 'UPDATE "user" SET "email" = NULL WHERE "deletedAt" IS NOT NULL;\n',
        },
      },
    },
    docs: `
Reports \`UPDATE t SET col = value\` with no \`WHERE\` of its own (or one that
holds for every row: \`WHERE true\`, \`WHERE 1 = 1\`) when the value is not
computed from the column itself: a constant (\`NULL\`, \`'pending'\`, \`now()\`),
another column, a subquery. Whatever the column held, in every row, is gone.
MySQL's \`--safe-updates\` refuses such an \`UPDATE\` for the same reason it
refuses a \`DELETE\` without \`WHERE\`. In TS/JS migrations: Knex's
\`knex('t').update({ col: value })\` and Kysely's
\`db.updateTable('t').set({ col: value })\` with no \`where\`, for values that
are literals (\`null\`, \`'active'\`, \`0\`); a computed one
(\`knex.raw('n + 1')\`) may read the column and is not reported. In Alembic,
SQLAlchemy Core's \`t.update().values(col=None)\` and \`sa.update(t).values({"col":
"x"})\` with no \`where\`, for Python literals (\`None\`, strings, numbers,
\`True\`, \`False\`); a value that is SQL (\`sa.text("col")\`) is not one.

Not reported: a value that reads the column (\`SET name = lower(name)\`,
\`SET n = coalesce(n, 0)\`); a column, or a table, the same migration added
earlier in the same phase (a backfill of a new column loses nothing); an
\`UPDATE … FROM\` (it writes only the rows it joins). A column the migration
first copied elsewhere whole is \`info\` naming where its values went, as for
\`drop-column\`.

**Why it loses data.** It is a data fix whose condition was lost in editing,
or a backfill that also overwrites the values the application wrote since the
column was added.

**Safe alternative.** Write the condition: a backfill fills only the rows that
hold nothing yet.

\`\`\`sql
UPDATE "user" SET "plan" = 'free' WHERE "plan" IS NULL;
\`\`\`

In a downgrade the severity is the \`downgrade\` setting (warning by default).
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'overwrite-column') return;
    const loss = lossOf(op, ctx, op.table, op.column, 'what it held is lost');
    if (loss === null) return;
    ctx.report({
      span: op.span,
      phase: op.phase,
      object: onColumn(op.table, op.column),
      atMost: loss.atMost,
      message: `${actor(ctx.unit, op)} sets column ${quoted(op.column)} of every row of table ${tableName(op.table)} to ${shortValue(op.value)} (UPDATE without WHERE); ${loss.consequence}`,
    });
  },
});

/** The value as written, on one line and at most 40 characters. */
function shortValue(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

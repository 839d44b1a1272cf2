import type { DropColumnOp } from '../src/ir/operations.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';
import { type Loss, lossOf } from '../src/engine/loss.js';
import { onColumn } from '../src/engine/db-object.js';
import { actor, quoted, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'drop-column',
    defaultSeverity: 'error',
    downgradeSensitive: true,
    summary: 'A column is dropped, or a rebuilt table leaves it out: its data is lost.',
    help: 'Expand/contract: stop reading the column, deploy, then drop it in a later migration; or suppress with a reason.',
    examples: {
      flagged: {
        files: {
          'migrations/V2__drop_legacy_id.sql': 'ALTER TABLE "user" DROP COLUMN "legacy_id";\n',
        },
      },
      safe: {
        files: {
          'migrations/V2__add_external_id.sql': 'ALTER TABLE "user" ADD COLUMN "external_id" TEXT;\nUPDATE "user" SET "external_id" = "legacy_id";\n',
        },
      },
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

A column added earlier in the same migration and phase (a temporary column) is
not reported: nothing that existed before is lost; nor is a column of a table
in a schema created earlier in the same migration and phase (without \`IF NOT
EXISTS\`), unless the table was moved into it. A column whose values the
same migration first copied elsewhere (copy-then-swap: rename \`old\`, add
\`new\`, \`UPDATE t SET new = f(old)\`, drop \`old\`; the same with the renames
after the copy, \`UPDATE t SET id_big = id\`, \`RENAME id TO id_old\`, \`RENAME
id_big TO id\`, drop \`id_old\`; or \`INSERT … SELECT\` into another table) is
\`info\`, naming where the values went; when that copy has a
\`WHERE\` (or a join, \`DISTINCT\`, …) that may leave rows out, the finding keeps
its severity and says so. An \`INNER JOIN m ON m.key = <expression of the
source's columns>\` leaves out no row when the same migration first copied
every source row into \`m\`, writing that expression into \`key\` (a mapping
table: \`INSERT INTO m (link_id, new_id) SELECT id, gen_random_uuid() FROM
links\`), and neither deleted from \`m\` nor rewrote the key since. A \`WHERE\` of nothing but \`IS NOT NULL\` checks leaves
out only rows that hold no value in the columns it checks, so their copies count
as whole; so does a \`WHERE old <> '[]'\` (one literal) copy into a column the
same migration added with that literal as its default, which the rows left out
hold. A backfill's \`WHERE new IS NULL\` leaves out no row when the same
migration added \`new\` just before with no default (every row holds NULL
there): \`ALTER TABLE k ADD COLUMN ref text; UPDATE k SET ref = user_id WHERE
ref IS NULL\` copies every value. A relation turned around counts as a copy too: \`UPDATE a SET b_id = b.id
FROM b WHERE a.id = b.a_id\` keeps in \`a.b_id\` the links \`b.a_id\` held (a
table's own key is taken to be \`id\`). So does a reference looked up to the key
of the row it names, \`UPDATE t SET user_id = u.id FROM users u WHERE t.user_name =
u.username\` (or \`= 'users/' || u.uid\`: the other column with constant text
around it): the rows left out named no row. A boolean turned into a value
(\`UPDATE t SET status = 'approved' WHERE is_approved\`, and the like for
\`NOT is_approved\`, \`= TRUE\`, \`IS FALSE\`) is encoded, not lost, when the
constants go into a column the same migration added: the rows it leaves out
hold nothing there, which tells them apart. In a PostgreSQL Prisma (or Drizzle) folder, a migration
that also adds the table a column \`NOT NULL\` without a default (before the
drop, or in the same \`ALTER TABLE\`, as Prisma writes it) runs only on an empty
table, which PostgreSQL otherwise refuses: the drop is \`info\`. So it is in a
plain SQL file written in syntax only PostgreSQL accepts (\`::\` casts, \`JSONB\`,
\`BYTEA\`, \`TIMESTAMPTZ\`, \`TEXT[]\`, \`AS ENUM\`, dollar quotes) or named
PostgreSQL by its place (a \`postgres/\` folder), the config or \`--dialect\`, and in an Alembic
migration that imports SQLAlchemy's PostgreSQL dialect (\`from sqlalchemy.dialects
import postgresql\`) and adds the column \`nullable=False\` without \`server_default\`.
Any other SQL file or Alembic migration is PostgreSQL only by default, so there it stays. An
earlier migration of the set that copied every value (its \`WHERE\`, if any, only
\`IS NOT NULL\`) into another column of the table, or into a column of a table
the set's migrations leave standing (\`INSERT INTO user_password (hash, user_id)
SELECT password, id FROM users\` before \`users.password\` is dropped), makes the
drop \`info\` too, naming where the values went; the copy is followed through
the columns' renames since (add \`id_big\` and backfill it, rename \`id\` to
\`id_old\` and \`id_big\` to \`id\`, drop \`id_old\`, each in a migration of its own). In Alembic, a Core \`t.update().values(new=t.c.old)\`
copies too, as does \`other.insert().from_select(["a"], sa.select(t.c.old))\`, and so does a Python loop over rows the migration read
(\`conn.execute(sa.text("SELECT id, old FROM t"))\`, \`sa.select(…)\`,
\`session.query(M)\`) that writes each row's value, or one computed from it,
back on the row's own key (\`UPDATE t SET new = :v WHERE id = :id\`, or Core
\`t.update().where(t.c.id == row.id).values(new=…)\`) or into another table:
a read with a \`WHERE\`/\`LIMIT\`, or an \`if\`, \`continue\` or \`try\` around
the write, keeps the finding (but \`if row.col is not None:\` skips only rows
that hold nothing in \`col\`); a loop droplint cannot follow copies nothing.

A generated column (\`GENERATED ALWAYS AS (…)\`, MySQL's and SQLite's \`AS (…)\`,
ClickHouse's \`MATERIALIZED\`, \`ALIAS\` and \`EPHEMERAL\`, SQLAlchemy's
\`sa.Computed(…)\`) holds nothing the row's other columns do not: dropping it,
or rebuilding its table without it, is \`info\`. An identity is stored, and a
column redefined afterwards (\`MODIFY\`) is judged as stored.

A column whose rows but those of one value the same migration deleted first
(\`DELETE FROM t WHERE deleted\`, then \`DROP COLUMN deleted\`: soft-deleted
rows purged; \`DELETE … WHERE timeframe <> 'All'\`) holds one value on every
row left: \`info\`.

A column \`id\` dropped by an \`ALTER TABLE\` that adds another primary key
(\`DROP COLUMN id, ADD PRIMARY KEY (person_id, post_id)\`, without \`CASCADE\`)
is the surrogate key the new one replaces: a \`warning\`. No foreign key refers
to it, since the database refuses the drop if one does; what is lost is only
where something outside the database kept its values.

\`DROP COLUMN IF EXISTS\` of a column that the earlier migrations of the set
do not leave in its table (never added, or dropped already; the table created
by the set, listing its columns, in a set that starts from an empty schema) drops nothing on a database these migrations
built: a \`warning\`, since something they do not show (a change by hand, a
statement droplint cannot read) may have added it. A cleanup after deleted or
squashed migrations looks like this.

A column of a table the same migration emptied first (\`TRUNCATE\`, \`DELETE\`
with no \`WHERE\`, in the same phase) is \`info\`: the rows were lost there,
and that is reported. Not when rows went back into the table in between, copied
from another table or computed at run time (Sequelize's \`bulkInsert(t, rows)\`):
they may be the old rows.

In a downgrade the severity is the \`downgrade\` setting (warning by default).
`,
  },
  operation(op, ctx) {
    if (op.kind === 'drop-column') {
      const loss = lossOf(op, ctx, op.table, op.column, 'its data is lost');
      if (loss === null) return;
      // Only where the drop would be an error: what is `info` already (its values copied first, …) stays so.
      if (loss.atMost === undefined && op.ifExists === true && absentFromHistory(op, ctx)) {
        ctx.report({
          span: op.span,
          phase: op.phase,
          object: onColumn(op.table, op.column),
          atMost: 'warning',
          message: `${actor(ctx.unit, op)} drops column ${quoted(op.column)} of table ${tableName(op.table)} if it exists; no earlier migration of this set leaves it in the table, so a database these migrations built has none to drop (one changed by hand may)`,
        });
        return;
      }
      const key = loss.atMost === undefined && op.replacedByKey ? replacedKey(op.replacedByKey) : loss;
      ctx.report({
        span: op.span,
        phase: op.phase,
        object: onColumn(op.table, op.column),
        atMost: key.atMost,
        message: `${actor(ctx.unit, op)} drops column ${quoted(op.column)} of table ${tableName(op.table)}; ${key.consequence}`,
      });
    } else if (op.kind === 'redefine-table' && op.keptColumns !== null) {
      const kept = new Set(op.keptColumns.map((c) => c.toLowerCase()));
      // A column the new table has but the copy does not fill starts empty there.
      const inNew = new Set(op.columns.map((c) => c.name.toLowerCase()));
      for (const column of ctx.history.columnsBefore(op) ?? []) {
        if (kept.has(column.toLowerCase())) continue;
        const loss = lossOf(op, ctx, op.table, column, 'its data is lost');
        if (loss === null) continue;
        ctx.report({
          span: op.span,
          phase: op.phase,
          object: onColumn(op.table, column),
          atMost: loss.atMost,
          message: `${actor(ctx.unit, op)} rebuilds table ${tableName(op.table)} without ${inNew.has(column.toLowerCase()) ? 'copying ' : ''}column ${quoted(column)}; ${loss.consequence}`,
        });
      }
    }
  },
});

/**
 * Whether a column dropped `IF EXISTS` is missing from its table as the set's
 * history built it: a history that knows every table, whose migrations created
 * this one listing its columns, and none of them added it since (or it was
 * dropped). What droplint cannot read may still have added it: a warning, not
 * silence.
 */
function absentFromHistory(op: DropColumnOp, ctx: RuleContext): boolean {
  const before = ctx.history.tableBefore(op);
  const created = before?.createdBy?.op;
  if (before === null || created?.kind !== 'create-table' || created.columns.length === 0 || !ctx.history.knowsEveryTable(op)) return false;
  const column = op.column.toLowerCase();
  return !before.columns.some((c) => c.toLowerCase() === column);
}

/** A surrogate key replaced by another primary key (see `DropColumnOp.replacedByKey`): only what outside the database kept its values loses them. */
function replacedKey(columns: readonly string[]): Loss {
  return {
    atMost: 'warning',
    consequence: `it is the key the primary key (${columns.map(quoted).join(', ')}) added in the same statement replaces; no foreign key refers to it (the database refuses the drop if one does), but anything outside the database that kept its values can no longer find the rows`,
  };
}

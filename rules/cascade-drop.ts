import { onSchemaObject } from '../src/engine/db-object.js';
import { defineRule, type RuleContext } from '../src/engine/rule.js';
import { earlierInPhase } from '../src/history/fresh-columns.js';
import type { DropCascadeOp } from '../src/ir/operations.js';
import { actor, quoted, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'cascade-drop',
    defaultSeverity: 'error',
    downgradeSensitive: true,
    summary: 'DROP TYPE|DOMAIN|EXTENSION|FUNCTION|COLLATION … CASCADE: every column that uses it is dropped too.',
    help: 'Drop or convert the dependent columns in their own reviewed steps, then drop the object without CASCADE.',
    docs: `
Reports \`DROP TYPE\`, \`DROP DOMAIN\`, \`DROP EXTENSION\`, \`DROP FUNCTION\` and
\`DROP COLLATION\` with \`CASCADE\`.

**Why it loses data.** Without \`CASCADE\` PostgreSQL refuses to drop an
object that anything depends on. With it, the dependent objects go too,
silently: every column of the dropped type or domain (or of a type the
extension defines: \`vector\`, \`geometry\`, \`hstore\`, …) and every generated
column computed by the dropped function, with all their values. Nothing in the
migration names those columns.

Where the history knows every table of the set and every column's type (SQL
migrations that start from an empty schema; an upgrade after the first), the
finding names the columns that have the type or domain just before the drop;
where none has it any more (the migration converted them first: \`ALTER COLUMN
status TYPE text\`), it is a \`warning\`: what droplint cannot see may still
use it (a domain or type built on it, a column added by code it does not read).
In a first migration or a set that starts from an existing schema, where the history
cannot say, a migration that converts columns to another type before the drop is a
\`warning\` too, naming them: converting first is the safe pattern, and only a
column it missed goes with the type.

A function an earlier migration of the set (or the same one) created
\`RETURNS trigger\` is not reported: only triggers depend on a trigger
function, and no column goes with them. Any other function is a \`warning\`:
no stored value depends on a function. A generated column computed by it goes,
but its values are computed from the row's other columns; defaults,
constraints, indexes, views, triggers and policies that use it go too, and
hold no rows, yet nothing in the migration names them.

**Safe alternative.** Drop without \`CASCADE\`, so that the migration fails
while something still depends on the object; convert or drop the dependent
columns first, each in a statement a reviewer can see:

\`\`\`sql
ALTER TABLE "ticket" ALTER COLUMN "status" TYPE text;
DROP TYPE "ticket_status";
\`\`\`
`,
    examples: {
      flagged: { files: { 'migrations/V2__drop_status.sql': 'DROP TYPE ticket_status CASCADE;\n' } },
      safe: { files: { 'migrations/V2__drop_status.sql': 'ALTER TABLE ticket ALTER COLUMN status TYPE text;\nDROP TYPE ticket_status;\n' } },
    },
  },
  operation(op, ctx) {
    if (op.kind !== 'drop-cascade') return;
    // Only triggers depend on a trigger function: no column goes with it.
    if (ctx.history.dropsTriggerFunction(op) === true) return;
    const name = tableName({ schema: op.schema, name: op.name });
    if (op.objectKind === 'function') {
      // No stored value depends on a function: a generated column computes its values, the rest holds none.
      ctx.report({
        span: op.span,
        phase: op.phase,
        object: onSchemaObject(op.objectKind, op.schema, op.name),
        atMost: 'warning',
        message: `${actor(ctx.unit, op)} drops function ${name} with CASCADE; what uses it goes with it, unnamed: generated columns it computes, and defaults, constraints, indexes, views, triggers and policies`,
      });
      return;
    }
    // Where the history knows every table and every column's type, it can say which columns go.
    const users = ctx.history.hasEarlierMigrations(ctx.unit) && ctx.history.knowsEveryTable(op) ? ctx.history.columnsOfType(op) : null;
    if (users !== null && users.length === 0) {
      ctx.report({
        span: op.span,
        phase: op.phase,
        object: onSchemaObject(op.objectKind, op.schema, op.name),
        atMost: 'warning',
        message: `${actor(ctx.unit, op)} drops ${op.objectKind} ${name} with CASCADE; no column of the tables the migrations built has it at this point (they changed or dropped those that had), so only what droplint cannot see goes with it: a type or domain built on it, a column added where droplint cannot read`,
      });
      return;
    }
    // No history to say which tables there are (a first migration, a set that starts from an existing schema), but the
    // migration converted columns to another type first.
    const unjudged = !ctx.history.hasEarlierMigrations(ctx.unit) || !ctx.history.knowsEveryTable(op);
    const converted = users === null && unjudged ? convertedBefore(op, ctx) : [];
    if (converted.length > 0) {
      ctx.report({
        span: op.span,
        phase: op.phase,
        object: onSchemaObject(op.objectKind, op.schema, op.name),
        atMost: 'warning',
        message: `${actor(ctx.unit, op)} drops ${op.objectKind} ${name} with CASCADE after converting ${converted.join(', ')} to another type; a column it did not convert goes with it, with its data`,
      });
      return;
    }
    const named = users === null ? '' : `: ${users.map((u) => `${tableName(u.table)}.${quoted(u.column)}`).join(', ')}`;
    ctx.report({
      span: op.span,
      phase: op.phase,
      object: onSchemaObject(op.objectKind, op.schema, op.name),
      message: `${actor(ctx.unit, op)} drops ${op.objectKind} ${name} with CASCADE; every column that depends on it is dropped with its data${named}`,
    });
  },
});

/** The columns the same migration converted to another type before `op`, in the same phase: `ALTER COLUMN status TYPE text` before `DROP TYPE status CASCADE`. */
function convertedBefore(op: DropCascadeOp, ctx: RuleContext): string[] {
  const ops = ctx.history.migrationOperations(ctx.unit);
  // A conversion to the dropped type itself (a downgrade converting back) detaches nothing.
  const toIt = (type: string): boolean =>
    type
      .toLowerCase()
      .split(/[^\w$]+/)
      .includes(op.name.toLowerCase());
  return earlierInPhase(ops, ops.indexOf(op)).flatMap((o) =>
    o.kind === 'alter-column-type' && !toIt(o.newType) ? [`${tableName(o.table)}.${quoted(o.column)}`] : [],
  );
}

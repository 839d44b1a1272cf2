import type { Operation } from '../src/ir/operations.js';
import type { PrismaWarning } from '../src/ir/unit.js';
import type { History } from '../src/history/replay.js';
import { defineRule } from '../src/engine/rule.js';
import { onColumn, onTable, type DbObject } from '../src/engine/db-object.js';

export default defineRule({
  meta: {
    id: 'prisma-warning',
    defaultSeverity: 'warning',
    downgradeSensitive: false,
    summary: 'A data-loss warning Prisma wrote into the migration that no other finding covers (a may-fail one is info).',
    help: 'Read the warning and the statements it refers to; resolve it or suppress with a reason.',
    examples: {
      flagged: {
        files: {
          'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
          'prisma/migrations/20240101000000_init/migration.sql':
            'CREATE TABLE "Invoice" ("id" TEXT NOT NULL, "amount" TEXT NOT NULL, CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id"));\n',
          'prisma/migrations/20240201000000_amount_int/migration.sql':
            '/*\n  Warnings:\n\n  - Changed the type of `amount` on the `Invoice` table. No cast exists, the column would be dropped and recreated, which cannot be done if there is data, since the column is required.\n\n*/\n-- AlterTable\nALTER TABLE "Invoice" DROP COLUMN "amount",\nADD COLUMN "amount" INTEGER NOT NULL;\n',
        },
      },
      safe: {
        files: {
          'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
          'prisma/migrations/20240101000000_init/migration.sql':
            'CREATE TABLE "Invoice" ("id" TEXT NOT NULL, "amount" TEXT NOT NULL, CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id"));\n',
          'prisma/migrations/20240201000000_amount_cents/migration.sql': '-- AlterTable\nALTER TABLE "Invoice" ADD COLUMN "amountCents" INTEGER;\n',
        },
      },
    },
    docs: `
Prisma writes a \`Warnings:\` block at the top of \`migration.sql\` when it knows
the migration can lose data or fail on existing rows. droplint cross-checks
every warning: a dropped table or column that droplint also found is reported
by \`drop-table\` / \`drop-column\`; every other warning (a column type cast, a
required column without default, removed enum values, a new unique
constraint, a warned drop that droplint found no statement for) is reported
here, at the warning's line.

Items that say the migration may *fail* rather than lose data ("If there are
existing duplicate values, this will fail", "This is not possible if the table
is not empty", "This step will fail if there are existing NULL values",
removed enum values still in use) are \`info\`: such a migration stops at the
failing statement, the deploy shows it at once, and no row is lost. Items that say data is lost
or could be lost (drops, casts, a column dropped and recreated) keep the
rule's severity.

**Why it matters.** These warnings are written exactly on the migrations that
lose data, and they sit in a comment that nobody is forced to read.

**Safe alternative.** Do what the warning asks (add a default, backfill,
deduplicate) before deploying; suppress with a reason once it is handled:

\`\`\`sql prisma/migrations/20240301000000_unique_email/migration.sql
-- droplint-ignore-file prisma-warning: "email" deduplicated in 20240101_dedupe
/*
  Warnings:

  - A unique constraint covering the columns \`[email]\` on the table \`User\` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
\`\`\`
`,
  },
  unit(ctx) {
    if (ctx.unit.meta.format !== 'prisma') return;
    for (const warning of ctx.unit.meta.warnings) {
      if (isCovered(warning, ctx.unit.operations, ctx.history)) continue;
      const read = readByRebuild(warning, ctx.unit.operations, ctx.history);
      const missed =
        warning.kind === 'other'
          ? ''
          : read
            ? ` Table "${warning.table}" is rebuilt, and the rebuild reads the column's values into the new table: review that it keeps what you need.`
            : ` ${whyMissed(warning, ctx.unit.operations)}; review the SQL by hand.`;
      ctx.report({
        span: warning.span,
        phase: 'upgrade',
        object: warningObject(warning),
        atMost: warning.consequence === 'may-fail' || read ? 'info' : undefined,
        message: `Prisma warns: ${warning.text}${missed}`,
      });
    }
  },
});

/** A drop warning is covered when the drop-table / drop-column rules report the same loss. */
function isCovered(warning: PrismaWarning, ops: readonly Operation[], history: History): boolean {
  if (warning.kind === 'other') return false;
  return ops.some((op) => {
    if (!('table' in op) || op.table.name !== warning.table) return false;
    if (warning.kind === 'drop-table') return op.kind === 'drop-table';
    if (op.kind === 'drop-column') return op.column === warning.column;
    return rebuildKeeps(op, warning.column!, history) === false;
  });
}

/**
 * For a rebuild of a table that had the column before it: whether its copy
 * reads the column into the new table; null for any other operation, or when
 * the history does not know the table's columns.
 */
function rebuildKeeps(op: Operation, column: string, history: History): boolean | null {
  if (op.kind !== 'redefine-table' || op.keptColumns === null || history.columnsBefore(op)?.includes(column) !== true) return null;
  return op.keptColumns.includes(column);
}

/**
 * Whether the column a drop warning names stood before a rebuild of its table
 * that reads it into the new table (`INSERT INTO "new_T" (…, "remainingUses")
 * SELECT …, iif("used", 0, 1) FROM "T"`): its values live on, in another form.
 */
function readByRebuild(warning: PrismaWarning, ops: readonly Operation[], history: History): boolean {
  return (
    warning.kind === 'drop-column' && ops.some((op) => 'table' in op && op.table.name === warning.table && rebuildKeeps(op, warning.column!, history) === true)
  );
}

/** Why a drop warning has no drop-table / drop-column finding. */
function whyMissed(warning: PrismaWarning, ops: readonly Operation[]): string {
  const rebuilt = ops.some((op) => op.kind === 'redefine-table' && op.table.name === warning.table);
  if (warning.kind === 'drop-column' && rebuilt) {
    return `Table "${warning.table}" is rebuilt, but droplint does not know its earlier columns (no earlier migration creates it)`;
  }
  return 'droplint found no statement that does this';
}

/** The column or table a warning names; null when it names neither (a removed enum value, say). */
function warningObject(warning: PrismaWarning): DbObject | null {
  if (warning.table === null) return null;
  const table = { schema: null, name: warning.table };
  return warning.column === null ? onTable(table) : onColumn(table, warning.column);
}

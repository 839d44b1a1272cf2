import { defineRule } from '../src/engine/rule.js';
import type { Span } from '../src/ir/operations.js';
import type { MigrationUnit } from '../src/ir/unit.js';

export default defineRule({
  meta: {
    id: 'history-rewrite',
    defaultSeverity: 'error',
    downgradeSensitive: false,
    readsDeletedMigrations: true,
    summary: 'With --changed-since: a migration that existed at the ref was edited, renamed or deleted.',
    help: 'Leave applied migrations as they were committed: restore the file and make the change in a new migration.',
    examples: {
      flagged: {
        committed: {
          'migrations/V1__init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
        },
        files: {
          'migrations/V1__init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, name text);\n',
        },
        args: ['--changed-since', 'HEAD'],
      },
      safe: {
        committed: {
          'migrations/V1__init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
        },
        files: {
          'migrations/V1__init.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\n',
          'migrations/V2__add_name.sql': 'ALTER TABLE users ADD COLUMN name text;\n',
        },
        args: ['--changed-since', 'HEAD'],
      },
    },
    docs: `
Only with \`--changed-since REF\`: reports a migration that already existed at
\`REF\` (the merge base of \`REF\` and HEAD) and has since been edited, renamed or
deleted — in a commit, in the index or in the working tree. A migration added
since \`REF\` may be changed as often as you like, and files that are not
migrations are never reported: an Alembic \`env.py\`, a Python file that is no
Alembic revision, a SQL file with neither a version nor a direction in its name
(\`schema.sql\`), a down-only migration (\`*.down.sql\`, Flyway \`U…__\`), a Flyway
repeatable migration (\`R__…\`, which Flyway re-applies on purpose whenever it
changes). Renaming an Alembic file without changing it is fine too: Alembic knows
a revision by its \`revision\` id, not by its file name.

**Why it loses data.** Migrations that have run somewhere are immutable. The
databases that applied the old text never see the new one, while a fresh
database gets the new one: the two disagree, and the next migration is planned
against a schema that is not there. Prisma checksums every applied migration and,
on a mismatch, \`prisma migrate dev\` proposes to reset the database and re-plan
from scratch; a renamed migration folder is a new migration that Prisma applies
again. Flyway's \`validate\` fails on a checksum mismatch. Alembic's chain breaks
when a revision disappears. One team's deploy re-applied all 22 Prisma
migrations from \`init\` over a production database and lost every row.

**Safe alternative.** Restore the migration exactly as it was committed at the
ref (\`git checkout REF -- <file>\`), and put the change in a new migration. If a
migration that never ran anywhere must really change, suppress the finding with
a reason (\`droplint-ignore-file history-rewrite: never deployed\`).
`,
  },
  unit(ctx) {
    const unit = ctx.unit;
    const vcs = unit.vcs;
    if (vcs === undefined || vcs.status === 'added' || !isAppliedMigration(unit)) return;
    const name = JSON.stringify(unit.file.path);
    const at = `after it was committed at ${vcs.ref}`;
    const report = (message: string): void => ctx.report({ span: position(unit), phase: 'none', object: null, message });
    const immutable = (reason: string): string => `applied migrations are immutable (${reason}); add a new migration instead`;

    if (vcs.status === 'deleted') {
      report(`migration ${name} was deleted ${at}: databases that applied it now disagree with the history; restore it and add a new migration instead`);
    } else if (vcs.status === 'modified') {
      report(`migration ${name} was edited ${at}: ${immutable(editReason(unit))}`);
    } else if (unit.format === 'alembic') {
      // Alembic finds a revision by its id: only a change of the text matters.
      if (vcs.textChanged) report(`migration ${name} was renamed from ${JSON.stringify(vcs.previousPath)} and edited ${at}: ${immutable(editReason(unit))}`);
    } else {
      const renamed = `renamed from ${JSON.stringify(vcs.previousPath)}${vcs.textChanged ? ' and edited' : ''}`;
      report(`migration ${name} was ${renamed} ${at}: ${immutable(renameReason(unit))}`);
    }
  },
});

/** Whether a deploy applies this file and records it: not env.py, not an unversioned SQL file, not a down-only or repeatable script. */
function isAppliedMigration(unit: MigrationUnit): boolean {
  const meta = unit.meta;
  if (meta.format === 'alembic') return meta.role === 'migration';
  if (meta.format === 'prisma' || meta.format === 'script' || meta.format === 'drizzle') return true;
  if (meta.format === 'deploy' || meta.format === 'test') return false;
  // Down-only files (`*.down.sql`, Flyway `U…`) are never applied by a deploy; the front-end set their phase.
  if (unit.phases.every((phase) => phase === 'downgrade')) return false;
  // Flyway's repeatable `R__` scripts are re-applied whenever they change, on purpose.
  if (meta.convention === 'flyway') return baseName(unit).toLowerCase().startsWith('v');
  if (meta.convention === 'plain') return unit.phases.includes('upgrade');
  return true;
}

function editReason(unit: MigrationUnit): string {
  if (unit.format === 'prisma') return 'Prisma re-plans from scratch on a checksum mismatch';
  if (unit.format === 'alembic') return 'databases that ran this revision never run it again, so they differ from new ones';
  if (unit.meta.format === 'sql' && unit.meta.convention === 'flyway') return "Flyway's validate fails on a checksum mismatch";
  return 'databases that ran it never run it again, so they differ from new ones';
}

function renameReason(unit: MigrationUnit): string {
  if (unit.format === 'prisma') return 'Prisma knows a migration by its folder name and applies the renamed one again';
  if (unit.meta.format === 'sql' && unit.meta.convention === 'flyway')
    return 'Flyway knows a migration by its version and description: validate fails, or it runs again';
  return 'migration tools know a migration by its file name and run the renamed one again';
}

/** An Alembic revision at its `revision = …` line; any other file at its start. */
function position(unit: MigrationUnit): Span {
  if (unit.meta.format === 'alembic' && unit.meta.role === 'migration') return unit.meta.revision.idSpan;
  return { start: 0, end: 0 };
}

function baseName(unit: MigrationUnit): string {
  return unit.file.path.slice(unit.file.path.lastIndexOf('/') + 1);
}

import { defineRule } from '../src/engine/rule.js';
import { revisionOf } from '../src/history/revision-graph.js';

/** An Alembic revision for the docs examples: its id, the one it follows, and the body of its upgrade. */
function revision(id: string, down: string | null, upgrade: string): string {
  const follows = down === null ? 'None' : `"${down}"`;
  return `revision = "${id}"\ndown_revision = ${follows}\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n    pass\n`;
}

export default defineRule({
  meta: {
    id: 'revision-graph',
    defaultSeverity: 'error',
    downgradeSensitive: false,
    summary: 'The Alembic revision graph is broken: several heads, a down_revision that names no revision, a duplicate id.',
    help: 'Repair the chain: `alembic merge heads` for several heads; point down_revision at an existing revision; give each revision its own id.',
    examples: {
      flagged: {
        files: {
          'migrations/versions/a1_init.py': revision('a1', null, '    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))'),
          'migrations/versions/b2_add_email.py': revision('b2', 'a1', '    op.add_column("users", sa.Column("email", sa.Text()))'),
          // A second revision on a1: two heads.
          'migrations/versions/c3_add_name.py': revision('c3', 'a1', '    op.add_column("users", sa.Column("name", sa.Text()))'),
        },
      },
      safe: {
        files: {
          'migrations/versions/a1_init.py': revision('a1', null, '    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))'),
          'migrations/versions/b2_add_email.py': revision('b2', 'a1', '    op.add_column("users", sa.Column("email", sa.Text()))'),
          'migrations/versions/c3_add_name.py': revision('c3', 'b2', '    op.add_column("users", sa.Column("name", sa.Text()))'),
        },
      },
    },
    docs: `
Reports, for the Alembic migrations of one \`versions/\` folder (with the
folders below it, which Alembic reads as one history through several
\`version_locations\`: \`versions/<release>/expand\`, \`…/contract\`):

- more than one head (revisions no other revision follows) on one branch:
  \`alembic upgrade head\` fails, and whoever resolves it under pressure may
  stamp or downgrade the wrong branch. Heads of branches that \`branch_labels\`
  name differently are intended (\`alembic upgrade heads\`) and not reported (a
  label droplint cannot read, such as \`(cli.EXPAND_BRANCH,)\`, is known by its
  expression);
- a \`down_revision\` that names no revision in the folder: the chain is broken
  and Alembic refuses to run, or history was rewritten (a revision deleted or
  renamed after it was applied);
- the same revision id declared by two files.

**Why it matters.** A broken chain is where "just reset the migrations" starts,
and resetting history is how databases get re-created from \`init\`.

**Safe alternative.** \`alembic merge heads\` for parallel branches; restore the
missing revision rather than editing \`down_revision\`; generate a fresh id for a
copied file.
`,
  },
  unit(ctx) {
    const revision = revisionOf(ctx.unit);
    const graph = ctx.history.revisionGraph(ctx.unit);
    if (revision === null || graph === null) return;
    const report = (span: { start: number; end: number }, message: string): void => ctx.report({ span, phase: 'none', object: null, message });
    if (revision.id !== null) {
      const owners = graph.byId.get(revision.id) ?? [];
      const others = owners.filter((u) => u !== ctx.unit).map((u) => u.file.path);
      if (others.length > 0) report(revision.idSpan, `revision "${revision.id}" is also declared in ${others.join(', ')}`);
      const competing = graph.competingHeads.get(revision.id);
      if (competing) {
        report(
          revision.idSpan,
          `revision "${revision.id}" is one of ${competing.length} heads (${competing.join(', ')}): \`alembic upgrade head\` fails until they are merged`,
        );
      }
    }
    for (const down of revision.downRevisions ?? []) {
      if (!graph.byId.has(down)) report(revision.downSpan, `down_revision "${down}" names no revision in this folder: the chain is broken`);
    }
  },
});

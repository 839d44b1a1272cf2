import { defineRule } from '../src/engine/rule.js';
import { actor } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'drop-all',
    defaultSeverity: 'error',
    downgradeSensitive: false,
    summary: 'metadata.drop_all() in a migration: every table the models know is dropped.',
    help: 'Drop the tables this revision created, one op.drop_table() each; never call drop_all() from a migration.',
    examples: {
      flagged: {
        files: {
          'migrations/versions/a1_baseline.py':
            'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))\n\n\ndef downgrade():\n    from app.models import Base\n\n    Base.metadata.drop_all(bind=op.get_bind())\n',
        },
      },
      safe: {
        files: {
          'migrations/versions/a1_baseline.py':
            'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))\n\n\ndef downgrade():\n    raise NotImplementedError("the baseline cannot be downgraded")\n',
        },
      },
    },
    docs: `
Reports \`….metadata.drop_all(…)\` (\`Base.metadata\`, \`SQLModel.metadata\`, a
\`MetaData()\` instance, Flask-SQLAlchemy's \`db.drop_all()\`) anywhere in a
migration, in any phase, helpers included. With \`tables=[…]\` naming known
tables it drops only those, and \`drop-table\` reports each of them instead.

**Why it loses data.** \`drop_all()\` drops every table registered on the
metadata — not the tables this revision created, but all of them. A baseline
revision whose \`downgrade()\` calls it turns \`alembic downgrade base\`, or an
automatic \`alembic downgrade -1\` after a failed deploy, into a wipe of the
application's data: that is how a production database lost \`users\`,
\`clinics\` and \`patients\` while the tables outside \`Base.metadata\` survived.

**Safe alternative.** Make the baseline's \`downgrade()\` drop the tables it
created explicitly (\`op.drop_table("users")\`, …), or make it refuse
(\`raise NotImplementedError("baseline cannot be downgraded")\`).
`,
  },
  operation(op, ctx) {
    if (op.kind !== 'drop-all') return;
    const meta = ctx.unit.meta;
    const base = meta.format === 'alembic' && meta.role === 'migration' && meta.revision.downRevisions?.length === 0;
    const message =
      base && op.phase === 'downgrade'
        ? `downgrade() of the base revision calls ${op.target}.drop_all(): \`alembic downgrade base\` or \`-1\` from here wipes every table the models know`
        : op.method === undefined
          ? `${actor(ctx.unit, op)} calls ${op.target}.drop_all(): every table the models know is dropped`
          : `${actor(ctx.unit, op)} calls ${op.target}(): every ${op.method === 'dropAllSchemas' ? 'schema' : 'table'} of the database is dropped`;
    ctx.report({ span: op.span, phase: op.phase, object: null, message });
  },
});

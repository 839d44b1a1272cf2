import { defineRule } from '../src/engine/rule.js';
import { quoted, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'table-without-model',
    defaultSeverity: 'warning',
    downgradeSensitive: false,
    summary: 'A table the migration history creates has no ORM model: the next autogenerate will propose dropping it.',
    help: 'Add a model for the table (a class with __tablename__, or a Table(...) on the metadata), or list it in unmodeled-tables and exclude it from autogenerate (include_object).',
    examples: {
      flagged: { files: {
        'app/__init__.py': '',
        'app/models.py': 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass User(Base):\n    __tablename__ = "users"\n',
        'migrations/env.py': 'from alembic import context\n\nfrom app.models import Base\n\ntarget_metadata = Base.metadata\n',
        'migrations/versions/a1_init.py': 'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))\n    op.create_table("audit_log", sa.Column("id", sa.Integer(), primary_key=True))\n\n\ndef downgrade():\n    op.drop_table("audit_log")\n    op.drop_table("users")\n',
      } },
      safe: { files: {
        'app/__init__.py': '',
        'app/models.py': 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass User(Base):\n    __tablename__ = "users"\n\n\nclass AuditLog(Base):\n    __tablename__ = "audit_log"\n',
        'migrations/env.py': 'from alembic import context\n\nfrom app.models import Base\n\ntarget_metadata = Base.metadata\n',
        'migrations/versions/a1_init.py': 'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))\n    op.create_table("audit_log", sa.Column("id", sa.Integer(), primary_key=True))\n\n\ndef downgrade():\n    op.drop_table("audit_log")\n    op.drop_table("users")\n',
      } },
    },
    docs: `
Compares the tables an Alembic migration set leaves alive — every table its
migrations create (\`op.create_table\`, \`CREATE TABLE\` in \`op.execute\`),
minus those dropped later, under their latest name after renames — with the
tables the ORM models define, and reports each table without a model at the
migration line that created it.

The models come from \`models\` in the configuration (globs of Python files,
relative to the config file), or, when that is not set, from the \`env.py\`
beside \`versions/\`: its \`target_metadata = Base.metadata\` (or \`metadata\`,
\`db.metadata\`) imported from a module of the project, that module's package
and the modules it imports from the same package. Model files are parsed,
never imported. A model is a class with \`__tablename__ = "x"\`, a
\`Table("x", metadata, …)\` (\`sa.Table\`, \`db.Table\`), a SQLModel
\`table=True\` class (\`__tablename__\`, else the class name lower-cased), a
Flask-SQLAlchemy \`db.Model\` subclass without \`__tablename__\` (the class
name in snake_case), or a class whose base computes \`__tablename__\` with
\`@declared_attr\`. When no models are known, the rule says nothing. Prisma and
raw SQL migration sets have no such models and are skipped.

\`alembic_version\` needs no model, nor do tables matching \`unmodeled-tables\`:

\`\`\`toml
models = ["app/models/**/*.py"]
unmodeled-tables = ["legacy_*", "spatial_ref_sys"]
\`\`\`

**Why it loses data.** \`alembic revision --autogenerate\` compares the
database with the models and proposes \`op.drop_table()\` for every table no
model defines. Tables created by a migration but never given a model were
dropped exactly this way in production, with weeks of data.

**Safe alternative.** Add the missing model (and import it where \`env.py\`'s
metadata sees it), or, for a table that is deliberately not modelled, exclude
it from autogenerate with an \`include_object\` hook in \`env.py\` and list it
in \`unmodeled-tables\`.
`,
  },
  unit(ctx) {
    const unit = ctx.unit;
    if (unit.meta.format !== 'alembic' || unit.meta.role !== 'migration') return;
    const models = ctx.settings.models?.modelsFor(unit) ?? null;
    if (models === null) return;
    for (const state of ctx.history.tablesAtHead(unit)) {
      const created = state.createdBy;
      // Reported once, in the migration that created the table.
      if (created === null || created.unit !== unit) continue;
      if (state.table.name.toLowerCase() === 'alembic_version') continue;
      if (ctx.settings.unmodeledTables?.match(state.table)) continue;
      if (models.defines(state.table)) continue;
      const original = 'table' in created.op ? created.op.table : null;
      const renamed = original !== null && original.name !== state.table.name ? ` (created here as ${quoted(original.name)})` : '';
      ctx.report({
        span: created.op.span,
        phase: created.op.phase,
        table: state.table,
        message: `autogenerate will propose dropping ${tableName(state.table)}: no model defines it${renamed}`,
      });
    }
  },
});

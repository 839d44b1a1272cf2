import { defineRule } from '../src/engine/rule.js';
import { onTable } from '../src/engine/db-object.js';
import { quoted, tableName } from '../src/engine/wording.js';

export default defineRule({
  meta: {
    id: 'table-without-model',
    defaultSeverity: 'warning',
    downgradeSensitive: false,
    summary: 'A table the migration history creates has no ORM model: the next autogenerate will propose dropping it.',
    help: 'Add a model for the table (a class with __tablename__, or a Table(...) on the metadata), or list it in unmodeled-tables and exclude it from autogenerate (include_object).',
    examples: {
      flagged: {
        files: {
          'app/__init__.py': '',
          'app/models.py':
            'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass User(Base):\n    __tablename__ = "users"\n',
          'migrations/env.py': 'from alembic import context\n\nfrom app.models import Base\n\ntarget_metadata = Base.metadata\n',
          'migrations/versions/a1_init.py':
            'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))\n    op.create_table("audit_log", sa.Column("id", sa.Integer(), primary_key=True))\n\n\ndef downgrade():\n    op.drop_table("audit_log")\n    op.drop_table("users")\n',
        },
      },
      safe: {
        files: {
          'app/__init__.py': '',
          'app/models.py':
            'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass User(Base):\n    __tablename__ = "users"\n\n\nclass AuditLog(Base):\n    __tablename__ = "audit_log"\n',
          'migrations/env.py': 'from alembic import context\n\nfrom app.models import Base\n\ntarget_metadata = Base.metadata\n',
          'migrations/versions/a1_init.py':
            'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True))\n    op.create_table("audit_log", sa.Column("id", sa.Integer(), primary_key=True))\n\n\ndef downgrade():\n    op.drop_table("audit_log")\n    op.drop_table("users")\n',
        },
      },
    },
    docs: `
Compares the tables an Alembic migration set leaves alive — every table its
migrations create (\`op.create_table\`, \`CREATE TABLE\` in \`op.execute\`),
minus those dropped later, under their latest name after renames — with the
tables the ORM models define, and reports each table without a model at the
migration line that created it.

The models come from \`models\` in the configuration (globs of Python files,
relative to the config file), or, when that is not set, from the set's
\`env.py\` (beside \`versions/\` or a few folders above): its
\`target_metadata = Base.metadata\` (or \`metadata\`, \`db.metadata\`)
imported from a module of the project, or reached through an object env.py
makes with something imported from it (\`db = provide_db();
target_metadata = db.Base.metadata\`): that module's package and the modules
it imports from the same package. Where \`target_metadata\` cannot be traced
(a \`Base\` from a library such as Flask-AppBuilder, Flask-Migrate's
\`current_app.extensions["migrate"].db.metadata\` or \`get_metadata()\`,
a computed value), every model definition of the project is used instead:
the Python files under the nearest folder with \`pyproject.toml\`,
\`setup.py\` or \`setup.cfg\`, without tests, virtualenvs and migration
folders. Model files are parsed, never imported; only files whose text can
define a model are parsed. A model is a class with \`__tablename__ = "x"\`, a
\`Table("x", metadata, …)\` (\`sa.Table\`, \`db.Table\`), a SQLModel
\`table=True\` class (\`__tablename__\`, else the class name lower-cased), a
Flask-SQLAlchemy \`db.Model\` subclass without \`__tablename__\` (the class
name in snake_case), or a class whose base computes \`__tablename__\` with
\`@declared_attr\`. Prisma and raw SQL migration sets have no such models and
are skipped.

Where the models cannot be known (another ORM, such as peewee, or project
models that define fewer than half of the tables the migrations leave), the
rule says so once per migration set, as an \`info\` finding on the set's
first revision naming what was tried, and reports no table: set \`models\`.

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
    const index = ctx.settings.models;
    if (!index) return;
    const alive = ctx.history
      .tablesAtHead(unit)
      .filter((state) => state.table.name.toLowerCase() !== 'alembic_version' && !ctx.settings.unmodeledTables?.match(state.table));
    const tried = index.noteFor(unit);
    // Nothing to say of a migration that creates none of the tables and carries no note: the models are not needed (nor read).
    if (tried === null && !alive.some((state) => state.createdBy?.unit === unit)) return;
    const models = index.modelsFor(unit);
    const defined = models === null ? 0 : alive.filter((state) => models.defines(state.table)).length;
    // Models guessed from the whole project that miss most of the tables are not the ones autogenerate compares with.
    const believable = models !== null && (!models.guessed || defined * 2 >= alive.length);
    if (tried !== null && !believable) {
      const why =
        models === null
          ? ''
          : `the project's model definitions define only ${defined} of the ${alive.length} tables these migrations leave, so they are not the models autogenerate compares with; `;
      ctx.report({
        span: unit.meta.revision.idSpan,
        phase: 'none',
        atMost: 'info',
        object: null,
        message: `droplint cannot check that every table of this migration set has a model: ${why}it tried: ${tried.join('; ')}. Set \`models\` in the configuration to the files that define the models`,
      });
    }
    if (!believable) return;
    for (const state of alive) {
      const created = state.createdBy;
      // Reported once, in the migration that created the table.
      if (created === null || created.unit !== unit) continue;
      if (models.defines(state.table)) continue;
      const original = 'table' in created.op ? created.op.table : null;
      const renamed = original !== null && original.name !== state.table.name ? ` (created here as ${quoted(original.name)})` : '';
      ctx.report({
        span: created.op.span,
        phase: created.op.phase,
        object: onTable(state.table),
        message: `autogenerate will propose dropping ${tableName(state.table)}: no model defines it${renamed}`,
      });
    }
  },
});

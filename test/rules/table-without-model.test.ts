import rule from '../../rules/table-without-model.js';
import { testRule } from './rule-tester.js';

/**
 * An Alembic migration: line 9 is the first line of upgrade()'s body, so a
 * statement there is at line 9, column 5.
 */
function migration(upgrade: string, revision = 'b2', down: string | null = null): string {
  return [
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    `revision = "${revision}"`,
    `down_revision = ${down === null ? 'None' : `"${down}"`}`,
    '',
    '',
    'def upgrade():',
    upgrade,
    '',
    '',
    'def downgrade():',
    '    pass',
    '',
  ].join('\n');
}

const create = (name: string, extra = ''): string => `    op.create_table("${name}", sa.Column("id", sa.Integer(), nullable=False)${extra})`;

const DECLARATIVE =
  'from sqlalchemy.orm import DeclarativeBase\n\nclass Base(DeclarativeBase):\n    pass\n\nclass Project(Base):\n    __tablename__ = "projects"\n';
const NO_MODELS = '# the models package defines nothing yet\n';

testRule(rule, {
  valid: [
    // A model defined in each supported style.
    { format: 'alembic', code: migration(create('projects')), models: [DECLARATIVE] },
    { format: 'alembic', code: migration(create('project_keywords')), models: ['class Keyword(Base):\n    __tablename__: str = "project_keywords"\n'] },
    {
      format: 'alembic',
      code: migration(create('tags')),
      models: ['import sqlalchemy as sa\nmetadata = sa.MetaData()\ntags = sa.Table("tags", metadata, sa.Column("id", sa.Integer))\n'],
    },
    {
      format: 'alembic',
      code: migration(create('members')),
      models: ['from app import db\nmembers = db.Table("members", db.Column("user_id", db.Integer))\n'],
    },
    {
      format: 'alembic',
      code: migration(create('hero')),
      models: ['from sqlmodel import SQLModel, Field\n\nclass Hero(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n'],
    },
    {
      format: 'alembic',
      code: migration(create('project_monthly_forecast')),
      models: ['from app import db\n\nclass ProjectMonthlyForecast(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n'],
    },
    {
      // The base in one file computes the name; the model is in another.
      format: 'alembic',
      code: migration(create('widget')),
      models: [
        'class Base(DeclarativeBase):\n    @declared_attr.directive\n    def __tablename__(cls) -> str:\n        return cls.__name__.lower()\n',
        'from .base import Base\n\nclass Widget(Base):\n    id = Column(Integer, primary_key=True)\n',
      ],
    },
    // Alembic's own table needs no model.
    { format: 'alembic', code: migration(create('alembic_version')), models: [DECLARATIVE] },
    {
      // Columns on a base from a library that names the table after the class (neutron_lib's BASEV2: `agents`).
      format: 'alembic',
      code: migration(create('agents')),
      models: [
        'from neutron_lib.db import model_base\nimport sqlalchemy as sa\n\nclass Agent(model_base.BASEV2, model_base.HasId):\n    host = sa.Column(sa.String(255))\n',
      ],
    },
    // Exclusions: unmodeled-tables globs, as in protected-tables.
    { format: 'alembic', code: migration(create('legacy_orders')), models: [DECLARATIVE], unmodeledTables: ['legacy_*'] },
    { format: 'alembic', code: migration(create('ledger', ', schema="billing"')), models: [DECLARATIVE], unmodeledTables: ['billing.*'] },
    // Created, then dropped: not at the head of the history.
    { format: 'alembic', code: migration(`${create('tmp_import')}\n    op.drop_table("tmp_import")`), models: [NO_MODELS] },
    // Renamed: the model defines the new name.
    {
      format: 'alembic',
      code: migration(`${create('invoice')}\n    op.rename_table("invoice", "invoices")`),
      models: ['class Invoice(Base):\n    __tablename__ = "invoices"\n'],
    },
    // No models known (no `models`, no readable env.py): nothing to compare with.
    { format: 'alembic', code: migration(create('project_keywords')) },
    // Prisma and raw SQL sets have no ORM models.
    { code: 'CREATE TABLE "orphan" (id int);', models: [DECLARATIVE] },
    { format: 'prisma', code: 'CREATE TABLE "Orphan" ("id" INTEGER NOT NULL);', models: [DECLARATIVE] },
    // A table of an earlier migration is reported there, not in the migration linted now.
    {
      format: 'alembic',
      history: [migration(create('project_keywords'), 'a1')],
      code: migration('    op.add_column("project_keywords", sa.Column("weight", sa.Integer()))', 'b2', 'a1'),
      models: [DECLARATIVE],
    },
  ],
  invalid: [
    {
      // Seed 004: project_keywords was created by a migration and no model defines it.
      format: 'alembic',
      code: migration(
        [
          "    op.create_table('projects',",
          "        sa.Column('id', sa.Integer(), nullable=False),",
          '    )',
          "    op.create_table('project_keywords',",
          "        sa.Column('id', sa.Integer(), nullable=False),",
          '    )',
        ].join('\n'),
      ),
      models: [DECLARATIVE],
      errors: [
        {
          line: 12,
          column: 5,
          endLine: 14,
          endColumn: 6,
          severity: 'warning',
          table: 'project_keywords',
          message: 'autogenerate will propose dropping "project_keywords": no model defines it',
        },
      ],
    },
    {
      // Defaults apply: a Flask model's name is singular snake_case, SQLModel's the lower-cased class name.
      format: 'alembic',
      code: migration([create('project_keywords'), create('keywords')].join('\n')),
      models: [
        'from app import db\n\nclass ProjectKeyword(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n',
        'from sqlmodel import SQLModel, Field\n\nclass Keyword(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n',
      ],
      errors: [
        { line: 9, column: 5, table: 'project_keywords' },
        { line: 10, column: 5, table: 'keywords' },
      ],
    },
    {
      // Renamed: a model under the old name does not count; reported where the table was created.
      format: 'alembic',
      code: migration(`${create('invoice')}\n    op.rename_table("invoice", "invoices")`),
      models: ['class Invoice(Base):\n    __tablename__ = "invoice"\n'],
      errors: [
        {
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 78,
          table: 'invoices',
          message: 'autogenerate will propose dropping "invoices": no model defines it (created here as "invoice")',
        },
      ],
    },
    {
      // A model in another schema is another table; an exclusion that does not match excludes nothing.
      format: 'alembic',
      code: migration([create('ledger', ', schema="billing"'), create('orders_legacy')].join('\n')),
      models: ['class Ledger(Base):\n    __tablename__ = "ledger"\n    __table_args__ = {"schema": "accounting"}\n'],
      unmodeledTables: ['legacy_*'],
      errors: [
        { line: 9, column: 5, table: 'ledger', message: 'autogenerate will propose dropping "billing.ledger": no model defines it' },
        { line: 10, column: 5, table: 'orders_legacy' },
      ],
    },
    {
      // Created by raw SQL: reported at the CREATE inside the string.
      format: 'alembic',
      code: migration('    op.execute("CREATE TABLE audit_log (id bigint)")'),
      models: [NO_MODELS],
      errors: [{ line: 9, column: 17, table: 'audit_log' }],
    },
    {
      // Created, dropped, and created again: at the head, reported at the second creation.
      format: 'alembic',
      code: migration(`${create('tmp_import')}\n    op.drop_table("tmp_import")\n${create('tmp_import')}`),
      models: [NO_MODELS],
      errors: [{ line: 11, column: 5, table: 'tmp_import' }],
    },
  ],
});

/**
 * table-without-model through the CLI on the shapes real Alembic projects
 * take: a `Base` from a library, Flask-Migrate's db, metadata reached through
 * an object env.py makes, an env.py that cannot be traced (every model of the
 * project is used), and another ORM (one note per set).
 */
import { describe, expect, it } from 'vitest';
import { droplint, lintJson, project } from '../cli/run-cli.js';

/** An Alembic revision creating `tables` (line 9 onwards, one a line, column 5). */
function revision(id: string, down: string | null, tables: readonly string[]): string {
  return [
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    `revision = "${id}"`,
    `down_revision = ${down === null ? 'None' : `"${down}"`}`,
    '',
    '',
    'def upgrade():',
    ...tables.map((t) => `    op.create_table("${t}", sa.Column("id", sa.Integer(), primary_key=True))`),
    '',
    '',
    'def downgrade():',
    '    pass',
    '',
  ].join('\n');
}

const PYPROJECT = '[project]\nname = "app"\nversion = "1.0"\n';

/** Flask-AppBuilder's `Base` in env.py; the project's classes subclass its `Model`. */
const LIBRARY_BASE = {
  'pyproject.toml': PYPROJECT,
  'shop/migrations/env.py': [
    'from alembic import context',
    'from flask import current_app',
    'from flask_appbuilder import Base',
    '',
    'config = context.config',
    "target_metadata = Base.metadata  # the library's declarative base, shared by the project's models",
    '',
  ].join('\n'),
  'shop/migrations/versions/a1_init.py': revision('a1', null, ['dashboards', 'ab_user', 'key_value']),
  'shop/models/__init__.py': '',
  'shop/models/helpers.py': 'class AuditMixin:\n    created_on = None\n',
  'shop/models/dashboard.py': [
    'from flask_appbuilder import Model',
    'from sqlalchemy import Column, Integer',
    'from shop.models.helpers import AuditMixin',
    '',
    '',
    'class Dashboard(Model, AuditMixin):',
    '    __tablename__ = "dashboards"',
    '    id = Column(Integer, primary_key=True)',
    '',
  ].join('\n'),
  // A test's own model is not the application's.
  'tests/unit/fixtures.py': 'from flask_appbuilder import Model\n\n\nclass KeyValue(Model):\n    __tablename__ = "key_value"\n',
};

/** Flask-Migrate: env.py reads the metadata of whatever `db` the app registered. */
const FLASK_MIGRATE_ENV = [
  'from alembic import context',
  'from flask import current_app',
  '',
  'config = context.config',
  'target_metadata = current_app.extensions["migrate"].db.metadata',
  '',
].join('\n');

/** Flask-Migrate's newer template: no `target_metadata`, a `get_metadata()` helper passed to configure(). */
const FLASK_MIGRATE_TEMPLATE = [
  'from alembic import context',
  'from flask import current_app',
  '',
  'config = context.config',
  'target_db = current_app.extensions["migrate"].db',
  '',
  '',
  'def get_metadata():',
  '    if hasattr(target_db, "metadatas"):',
  '        return target_db.metadatas[None]',
  '    return target_db.metadata',
  '',
  '',
  'def run_migrations_online():',
  '    context.configure(target_metadata=get_metadata())',
  '',
].join('\n');

function flaskProject(env: string): Record<string, string> {
  return {
    'pyproject.toml': PYPROJECT,
    'migrations/env.py': env,
    'migrations/versions/b1_init.py': revision('b1', null, ['favorites', 'query_snippet', 'events_archive']),
    'app/__init__.py': 'from flask import Flask\nfrom flask_migrate import Migrate\nfrom app.models import db\n\nmigrate = Migrate()\n',
    'app/models/base.py': 'from flask_sqlalchemy import SQLAlchemy\n\n\nclass AppSQLAlchemy(SQLAlchemy):\n    pass\n\n\ndb = AppSQLAlchemy()\n',
    'app/models/__init__.py': [
      'from .base import db',
      '',
      '',
      'class TimestampMixin:',
      '    updated_at = db.Column(db.DateTime)',
      '',
      '',
      'class Favorite(TimestampMixin, db.Model):',
      '    __tablename__ = "favorites"',
      '    id = db.Column(db.Integer, primary_key=True)',
      '',
      '',
      '# No __tablename__: Flask-SQLAlchemy names the table query_snippet.',
      'class QuerySnippet(db.Model):',
      '    id = db.Column(db.Integer, primary_key=True)',
      '',
    ].join('\n'),
    // Installed packages and JavaScript dependencies are never the application's models.
    '.venv/lib/python3.12/site-packages/archive/models.py': 'class Archive(db.Model):\n    __tablename__ = "events_archive"\n',
    'node_modules/py-lib/models.py': 'class Archive(db.Model):\n    __tablename__ = "events_archive"\n',
  };
}

/** Prefect's shape: env.py asks a helper for an interface object whose `Base` holds the models; one versions folder per dialect. */
const HELPER_OBJECT = {
  'pyproject.toml': PYPROJECT,
  'src/orchard/__init__.py': '',
  'src/orchard/server/__init__.py': '',
  'src/orchard/server/database/__init__.py': '',
  'src/orchard/server/database/_migrations/env.py': [
    'from alembic import context',
    'from orchard.server.database.dependencies import provide_database_interface',
    '',
    'db_interface = provide_database_interface()',
    'config = context.config',
    'target_metadata = db_interface.Base.metadata',
    '',
  ].join('\n'),
  'src/orchard/server/database/_migrations/versions/postgresql/2025_01_01_c1_init.py': revision('c1', null, ['flow_run', 'events', 'deployment_version']),
  'src/orchard/server/database/_migrations/versions/sqlite/2025_01_01_d1_init.py': revision('d1', null, ['flow_run', 'events', 'deployment_version']),
  'src/orchard/server/database/dependencies.py': [
    'def provide_database_interface():',
    '    from orchard.server.database.interface import DBInterface',
    '    from orchard.server.database.orm_models import ORMConfiguration',
    '',
    '    return DBInterface(orm=ORMConfiguration())',
    '',
  ].join('\n'),
  'src/orchard/server/database/interface.py': [
    'from orchard.server.database import orm_models',
    '',
    '',
    'class DBInterface:',
    '    @property',
    '    def Base(self):',
    '        return orm_models.Base',
    '',
  ].join('\n'),
  'src/orchard/server/database/orm_models.py': [
    'import re',
    '',
    'from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column',
    '',
    'CAMEL_TO_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")',
    '',
    '',
    'class Base(DeclarativeBase):',
    '    @declared_attr.directive',
    '    def __tablename__(cls) -> str:',
    '        return CAMEL_TO_SNAKE.sub("_", cls.__name__).lower()',
    '',
    '    id: Mapped[int] = mapped_column(primary_key=True)',
    '',
    '',
    'class FlowRun(Base):',
    '    name: Mapped[str]',
    '',
    '',
    'class Event(Base):',
    '    @declared_attr.directive',
    '    def __tablename__(cls) -> str:',
    '        return "events"',
    '',
    '',
    'class ORMConfiguration:',
    '    pass',
    '',
  ].join('\n'),
  // A module env.py never imports: its table is not on the metadata autogenerate compares with.
  'src/orchard/legacy/models.py':
    'from orchard.server.database.orm_models import Base\n\n\nclass DeploymentVersion(Base):\n    __tablename__ = "deployment_version"\n',
};

/** target_metadata computed by a helper droplint cannot follow: every model definition of the project is used. */
const COMPUTED = {
  'setup.py': 'from setuptools import setup\n\nsetup(name="app")\n',
  'alembic/env.py': 'from alembic import context\nfrom app.db import build_metadata\n\ntarget_metadata = build_metadata(schema="main")\n',
  'alembic/versions/e1_init.py': revision('e1', null, ['users', 'orders', 'audit_log']),
  'alembic/versions/e2_backfill.py': [
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    'revision = "e2"',
    'down_revision = "e1"',
    '',
    '# A table described for a data migration is no model.',
    'audit = sa.Table("audit_log", sa.MetaData(), sa.Column("id", sa.Integer))',
    '',
    '',
    'def upgrade():',
    '    pass',
    '',
  ].join('\n'),
  'app/db.py': 'import sqlalchemy as sa\nfrom app.models.base import Base\n\n\ndef build_metadata(schema):\n    return Base.metadata\n',
  'app/models/base.py': 'from sqlalchemy.orm import declarative_base\n\nBase = declarative_base()\n',
  'app/models/user.py': 'from app.models.base import Base\n\n\nclass User(Base):\n    __tablename__ = "users"\n',
  'app/models/order.py':
    'import sqlalchemy as sa\nfrom app.models.base import Base\n\norders = sa.Table("orders", Base.metadata, sa.Column("id", sa.Integer))\n',
  'app/test_models.py': 'from app.models.base import Base\n\n\nclass Audit(Base):\n    __tablename__ = "audit_log"\n',
};

/** Quay's shape: peewee models, and a SQLAlchemy metadata generated from them at run time. */
const PEEWEE_ENV = [
  'from alembic import context',
  'from peewee import SqliteDatabase',
  'from data.database import all_models',
  'from data.model.bridge import gen_sqlalchemy_metadata',
  '',
  'target_metadata = gen_sqlalchemy_metadata(all_models)',
  '',
].join('\n');

const PEEWEE = {
  'setup.cfg': '[metadata]\nname = registry\n',
  'data/__init__.py': '',
  'data/migrations/env.py': PEEWEE_ENV,
  'data/migrations/versions/f1_init.py': revision('f1', null, ['user', 'repository', 'notification']),
  'data/migrations/versions/f2_more.py': revision('f2', 'f1', ['tag']),
  'data/database.py': [
    'from peewee import CharField, Model',
    '',
    '',
    'class BaseModel(Model):',
    '    pass',
    '',
    '',
    'class User(BaseModel):',
    '    username = CharField(unique=True)',
    '',
    '',
    'all_models = [User]',
    '',
  ].join('\n'),
  'data/model/__init__.py': '',
  'data/model/bridge.py': [
    'from sqlalchemy import MetaData, Table',
    '',
    '',
    'def gen_sqlalchemy_metadata(models):',
    '    metadata = MetaData()',
    '    for model in models:',
    '        Table(model._meta.table_name, metadata)',
    '    return metadata',
    '',
  ].join('\n'),
};

/** The one `info` finding of a run, as `file:line:col severity[rule]` and its message. */
function notes(dir: string, args: readonly string[]): Array<[string, string]> {
  const run = droplint(dir, ['--format', 'json', ...args]);
  expect(run.status, run.stderr).toBe(0);
  const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ file: string; line: number; column: number; severity: string; rule: string; message: string }> };
  return doc.diagnostics.map((d) => [`${d.file}:${d.line}:${d.column} ${d.severity}[${d.rule}]`, d.message]);
}

describe('table-without-model on real project shapes', () => {
  it('reads the project classes built on a library Base, and knows the library tables', () => {
    const dir = project(LIBRARY_BASE);
    // key_value: only a test defines it; ab_user is Flask-AppBuilder's own.
    expect(lintJson(dir, ['.'], 0)).toEqual(['shop/migrations/versions/a1_init.py:11:5 warning[table-without-model]']);
  });

  it("reads Flask-SQLAlchemy models for Flask-Migrate's db, in both env.py templates", () => {
    for (const env of [FLASK_MIGRATE_ENV, FLASK_MIGRATE_TEMPLATE]) {
      const dir = project(flaskProject(env));
      expect(lintJson(dir, ['.'], 0)).toEqual(['migrations/versions/b1_init.py:11:5 warning[table-without-model]']);
      expect(lintJson(dir, ['migrations/versions/b1_init.py'], 0)).toEqual(['migrations/versions/b1_init.py:11:5 warning[table-without-model]']);
    }
  });

  it('follows metadata reached through an object a helper makes, in every versions folder', () => {
    const dir = project(HELPER_OBJECT);
    const folder = 'src/orchard/server/database/_migrations/versions';
    expect(lintJson(dir, ['.'], 0)).toEqual([
      `${folder}/postgresql/2025_01_01_c1_init.py:11:5 warning[table-without-model]`,
      `${folder}/sqlite/2025_01_01_d1_init.py:11:5 warning[table-without-model]`,
    ]);
  });

  it('uses every model definition of the project when target_metadata is computed', () => {
    const dir = project(COMPUTED);
    expect(lintJson(dir, ['.'], 0)).toEqual(['alembic/versions/e1_init.py:11:5 warning[table-without-model]']);
  });

  it('says once per set, on its first revision, that the models of another ORM cannot be known', () => {
    const dir = project(PEEWEE);
    const found = notes(dir, ['.']);
    expect(found.map(([where]) => where)).toEqual(['data/migrations/versions/f1_init.py:4:1 info[table-without-model]']);
    expect(found[0]![1]).toContain('data/migrations/env.py computes target_metadata (gen_sqlalchemy_metadata(all_models)), and imports peewee');
    expect(found[0]![1]).toContain('found no SQLAlchemy, SQLModel or Flask-SQLAlchemy model in the project');
    expect(found[0]![1]).toContain('Set `models` in the configuration');
    // The newest revision alone: the note is its set's, not repeated.
    expect(notes(dir, ['data/migrations/versions/f2_more.py'])).toEqual([]);
    // Configured models are used as they are; the rule off says nothing.
    const configured = project({
      ...PEEWEE,
      'droplint.toml': 'models = ["data/mirror.py"]\n',
      'data/mirror.py': 'import sqlalchemy as sa\nmd = sa.MetaData()\nsa.Table("user", md)\nsa.Table("repository", md)\nsa.Table("tag", md)\n',
    });
    expect(lintJson(configured, ['.'], 0)).toEqual(['data/migrations/versions/f1_init.py:11:5 warning[table-without-model]']);
    expect(notes(dir, ['--rule', 'table-without-model=off', '.'])).toEqual([]);
    // An env.py that gives autogenerate no metadata: autogenerate refuses to run, so nothing can be dropped by it.
    expect(notes(project({ ...PEEWEE, 'data/migrations/env.py': 'from alembic import context\n\ntarget_metadata = None\n' }), ['.'])).toEqual([]);
  });

  it('does not believe project models that define fewer than half of the tables: a note, no warnings', () => {
    const dir = project({ ...PEEWEE, 'data/model/notify.py': 'import sqlalchemy as sa\n\nnotifications = sa.Table("notification", sa.MetaData())\n' });
    const found = notes(dir, ['.']);
    expect(found.map(([where]) => where)).toEqual(['data/migrations/versions/f1_init.py:4:1 info[table-without-model]']);
    expect(found[0]![1]).toContain("the project's model definitions define only 1 of the 4 tables these migrations leave");
  });
});

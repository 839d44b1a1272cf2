/** table-without-model through the CLI, with models found from env.py (no `models` setting). */
import { describe, expect, it } from 'vitest';
import { lintJson, project } from '../cli/run-cli.js';

const MIGRATION = [
  'from alembic import op',
  'import sqlalchemy as sa',
  '',
  'revision = "a1"',
  'down_revision = None',
  '',
  '',
  'def upgrade():',
  '    op.create_table("projects", sa.Column("id", sa.Integer()))',
  '    op.create_table("project_keywords", sa.Column("id", sa.Integer()))',
  '    op.create_table("alembic_version", sa.Column("version_num", sa.String(32)))',
  '',
  '',
  'def downgrade():',
  '    pass',
  '',
].join('\n');

const FILES = {
  'alembic/env.py': 'from alembic import context\nfrom app.models import Base\n\nconfig = context.config\ntarget_metadata = Base.metadata\n',
  'alembic/versions/a1_init.py': MIGRATION,
  'app/__init__.py': '',
  'app/models/__init__.py': 'from .base import Base\nfrom .project import Project\n',
  'app/models/base.py': 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n',
  'app/models/project.py': 'from .base import Base\n\n\nclass Project(Base):\n    __tablename__ = "projects"\n',
};

describe('table-without-model on the command line', () => {
  it('reads the models from env.py when `models` is not set', () => {
    const dir = project(FILES);
    expect(lintJson(dir, ['.'], 0)).toEqual(['alembic/versions/a1_init.py:10:5 warning[table-without-model]']);
    // Linting only the migration reads the same models.
    expect(lintJson(dir, ['alembic/versions/a1_init.py'], 0)).toEqual(['alembic/versions/a1_init.py:10:5 warning[table-without-model]']);
  });

  it('honours unmodeled-tables, [rules] and --rule', () => {
    expect(lintJson(project({ ...FILES, 'droplint.toml': 'unmodeled-tables = ["project_*"]\n' }), ['.'], 0)).toEqual([]);
    expect(lintJson(project({ ...FILES, 'droplint.toml': '[rules]\ntable-without-model = "error"\n' }), ['.'], 1)).toEqual([
      'alembic/versions/a1_init.py:10:5 error[table-without-model]',
    ]);
    expect(lintJson(project(FILES), ['--rule', 'table-without-model=off', '.'], 0)).toEqual([]);
  });

  it('uses `models` over env.py', () => {
    const dir = project({
      ...FILES,
      'droplint.toml': 'models = ["app/models/**/*.py", "legacy/*.py"]\n',
      'legacy/keywords.py': 'class K(Base):\n    __tablename__ = "project_keywords"\n',
    });
    expect(lintJson(dir, ['.'], 0)).toEqual([]);
  });
});

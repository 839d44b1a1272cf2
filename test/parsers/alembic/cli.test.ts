/** The built CLI on a temporary Alembic project (run `npm run build` first). */
import { describe, expect, it } from 'vitest';
import { droplint, lintJson, project } from '../../cli/run-cli.js';

const lines = (...l: string[]): string => [...l, ''].join('\n');

const INIT = lines(
  'from alembic import op',
  'import sqlalchemy as sa',
  '',
  'revision = "1a2b3c4d5e6f"',
  'down_revision = None',
  '',
  '',
  'def upgrade():',
  '    op.create_table("sessions", sa.Column("id", sa.Integer(), primary_key=True))',
  '    op.create_table("audit", sa.Column("id", sa.Integer(), primary_key=True))',
  '',
  '',
  'def downgrade():',
  '    # droplint-ignore drop-table: the base revision only ever runs against empty databases',
  '    op.drop_table("audit")',
  '    op.drop_table("sessions")  # droplint-ignore drop-table: as above',
);

const CLEANUP = lines(
  'from alembic import op',
  'from sqlalchemy import text',
  '',
  'revision = "2b3c4d5e6f7a"',
  'down_revision = "1a2b3c4d5e6f"',
  '',
  '',
  'def upgrade():',
  '    op.execute("UPDATE users SET active = false; DROP TABLE sessions")',
  '    conn = op.get_bind()',
  '    conn.execute(text("""',
  '        DELETE FROM audit',
  '    """))',
  '',
  '',
  'def downgrade():',
  '    pass',
);

const ENV = lines(
  'from alembic import context',
  'from app.settings import get_settings',
  '',
  'config = context.config',
  'config.set_main_option("sqlalchemy.url", get_settings().database_url)',
);

describe('droplint on an Alembic project', () => {
  const dir = project({
    'migrations/versions/1a2b3c4d5e6f_init.py': INIT,
    'migrations/versions/2b3c4d5e6f7a_cleanup.py': CLEANUP,
    'migrations/env.py': ENV,
    'migrations/script.py.mako': 'revision = ${repr(up_revision)}\n',
    'app/settings.py': 'def get_settings():\n    return None\n',
  });

  it('points the text output at the DROP inside the Python string', () => {
    const run = droplint(dir, []);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      lines(
        'migrations/versions/2b3c4d5e6f7a_cleanup.py:9:50: error[drop-table] upgrade() drops table "sessions"; all of its rows are lost',
        '  |',
        '9 |     op.execute("UPDATE users SET active = false; DROP TABLE sessions")',
        '  |                                                  ^^^^^^^^^^^^^^^^^^^',
      ),
    );
    expect(run.stdout).toContain(
      lines(
        'migrations/versions/2b3c4d5e6f7a_cleanup.py:12:9: error[delete-without-where] upgrade() deletes every row of table "audit" (DELETE without WHERE)',
        '   |',
        '12 |         DELETE FROM audit',
        '   |         ^^^^^^^^^^^^^^^^^',
      ),
    );
  });

  it('reports each finding once, suppressions honoured, and nothing for files that are not migrations', () => {
    expect(lintJson(dir, [], 1)).toEqual([
      'migrations/env.py:5:1 warning[env-url-override]',
      // `UPDATE users SET active = false` has no WHERE.
      'migrations/versions/2b3c4d5e6f7a_cleanup.py:9:17 warning[update-without-where]',
      'migrations/versions/2b3c4d5e6f7a_cleanup.py:9:50 error[drop-table]',
      'migrations/versions/2b3c4d5e6f7a_cleanup.py:12:9 error[delete-without-where]',
    ]);
  });
});

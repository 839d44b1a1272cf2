import rule from '../../rules/drop-all.js';
import { testRule } from './rule-tester.js';

const lines = (...l: string[]): string => [...l, ''].join('\n');

/** A migration: `down` is its down_revision (null for a base revision); `body` from line 6 on. */
function migration(down: string | null, ...body: string[]): string {
  return lines(
    'from alembic import op',
    'from app.models import Base',
    '',
    `revision = "b2c3d4e5f6a7"`,
    `down_revision = ${down === null ? 'None' : `"${down}"`}`,
    ...body,
  );
}

const BASE_MESSAGE =
  'downgrade() of the base revision calls Base.metadata.drop_all(): `alembic downgrade base` or `-1` from here wipes every table the models know';

testRule(rule, {
  valid: [
    { format: 'alembic', code: migration(null, '', 'def upgrade():', '    op.create_table("users")', '', 'def downgrade():', '    op.drop_table("users")') },
    { format: 'alembic', code: migration(null, '', 'def upgrade():', '    Base.metadata.create_all(bind=op.get_bind())', '', 'def downgrade():', '    pass') },
    // Only the listed tables are dropped: that is drop-table's business.
    { format: 'alembic', code: migration('a1', '', 'def downgrade():', '    Base.metadata.drop_all(op.get_bind(), tables=[sa.table("audit")])') },
    // A comment that only mentions it.
    { format: 'alembic', code: migration(null, '', 'def downgrade():', '    # Base.metadata.drop_all(bind=op.get_bind()) would wipe everything', '    pass') },
    {
      format: 'alembic',
      code: migration(
        null,
        '',
        'def downgrade():',
        '    # droplint-ignore drop-all: the baseline only ever runs on throwaway test databases',
        '    Base.metadata.drop_all(bind=op.get_bind())',
      ),
    },
  ],
  invalid: [
    {
      // The baseline whose downgrade wiped a production database (incident 000).
      format: 'alembic',
      code: migration(
        null,
        '',
        'def upgrade():',
        '    Base.metadata.create_all(bind=op.get_bind())',
        '',
        'def downgrade():',
        '    Base.metadata.drop_all(bind=op.get_bind())',
      ),
      errors: [{ line: 11, column: 5, endLine: 11, endColumn: 47, severity: 'error', message: BASE_MESSAGE }],
    },
    {
      // Reached through a helper, it is still the base revision's downgrade.
      format: 'alembic',
      code: migration(null, '', 'def _reset(bind):', '    Base.metadata.drop_all(bind)', '', 'def downgrade():', '    _reset(op.get_bind())'),
      errors: [{ line: 8, column: 5, endColumn: 33, message: BASE_MESSAGE }],
    },
    {
      format: 'alembic',
      code: migration('a1b2c3d4e5f6', '', 'def upgrade():', '    SQLModel.metadata.drop_all(engine)'),
      errors: [
        {
          line: 8,
          column: 5,
          endColumn: 39,
          severity: 'error',
          message: 'upgrade() calls SQLModel.metadata.drop_all(): every table the models know is dropped',
        },
      ],
    },
    {
      // Not the base revision: a downgrade, still an error (drop-all is not downgrade-sensitive).
      format: 'alembic',
      code: migration('a1b2c3d4e5f6', '', 'def downgrade():', '    metadata = sa.MetaData()', '    metadata.drop_all(op.get_bind())'),
      errors: [{ line: 9, column: 5, severity: 'error', message: 'downgrade() calls metadata.drop_all(): every table the models know is dropped' }],
    },
    {
      // At import time, in no phase: `alembic history` alone would run it.
      format: 'alembic',
      code: migration('a1b2c3d4e5f6', 'db.metadata.drop_all(engine)', '', 'def upgrade():', '    pass'),
      errors: [{ line: 6, column: 1, message: 'migration calls db.metadata.drop_all(): every table the models know is dropped' }],
    },
    {
      // Flask-SQLAlchemy's drop_all() is the same wipe.
      format: 'alembic',
      code: migration('a1b2c3d4e5f6', '', 'def upgrade():', '    db.drop_all()'),
      errors: [{ line: 8, column: 5, endColumn: 18, message: 'upgrade() calls db.drop_all(): every table the models know is dropped' }],
    },
    {
      // A suppression for another rule does not cover it.
      format: 'alembic',
      code: migration(
        null,
        '',
        'def downgrade():',
        '    Base.metadata.drop_all(bind=op.get_bind())  # droplint-ignore drop-table: tables are recreated by the fixtures',
      ),
      errors: [{ line: 8, column: 5, message: BASE_MESSAGE }],
    },
  ],
});

/**
 * Migrations that call the project's own Python: helpers imported from other
 * modules (Superset's `create_table(name, *columns)` and `drop_columns(table,
 * *cols)` in `superset/migrations/shared/utils.py`), models imported from the
 * application, and imports droplint cannot read. Run through the CLI, at the
 * root of a monorepo (a Python backend beside a JavaScript frontend) and on
 * one file. Every expected finding was worked out by reading the fixture.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { droplint, lintJson, project } from '../../cli/run-cli.js';

const root = path.resolve(import.meta.dirname, '../../fixtures/python-helpers');
const v = 'backend/superset/migrations/versions';

/** A migration of revision `id` whose imports are `imports` and whose upgrade() body is `body` (line 9 on, one more per extra import line). */
function migration(imports: string, body: string, id = 'b2'): string {
  return `from alembic import op\n${imports}\n\nrevision = "${id}"\ndown_revision = None\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;
}

describe('helpers and models of the project', () => {
  it('are followed from the root of a monorepo, each finding at the migration call', () => {
    expect(lintJson(root, ['--format', 'json'], 1)).toEqual([
      // drop_columns("report_schedule", *LEGACY): the helper's loop, one column per element of LEGACY.
      `${v}/2024-02-14_10-30_b2c3d4e5f6a7_drop_legacy_columns.py:16:5 error[drop-column]`,
      `${v}/2024-02-14_10-30_b2c3d4e5f6a7_drop_legacy_columns.py:16:5 error[drop-column]`,
      // utils.drop_table(table_name=…) → _drop(name) → op.drop_table(name); the helper create_table()
      // made the table, so it is no unmanaged-table-drop.
      `${v}/2024-02-14_10-30_b2c3d4e5f6a7_drop_legacy_columns.py:17:5 error[drop-table]`,
      // purge_old_logs() from a module that does not exist: never silent; count_logs() says nothing.
      `${v}/2024-03-01_08-00_c3d4e5f6a7b8_purge_logs.py:14:5 warning[dynamic-operation]`,
      // session.query(Log).delete() and session.execute(delete(KeyValue)), models imported from superset.models.core;
      // the filtered ones (lines 24, 26) are not reported.
      `${v}/2024-04-02_12-00_d4e5f6a7b8c9_annotations_and_log_cleanup.py:25:5 error[delete-without-where]`,
      `${v}/2024-04-02_12-00_d4e5f6a7b8c9_annotations_and_log_cleanup.py:27:5 error[delete-without-where]`,
      // LegacyReport.__table__.drop(bind): no migration created legacy_report.
      `${v}/2024-04-02_12-00_d4e5f6a7b8c9_annotations_and_log_cleanup.py:28:5 error[drop-table]`,
      `${v}/2024-04-02_12-00_d4e5f6a7b8c9_annotations_and_log_cleanup.py:28:5 error[unmanaged-table-drop]`,
      // CachedReport comes from superset.extensions, which is not in the project.
      `${v}/2024-04-02_12-00_d4e5f6a7b8c9_annotations_and_log_cleanup.py:29:5 warning[dynamic-operation]`,
      // The downgrade drops only what its upgrade's create_all(tables=[Annotation.__table__]) created: info.
      `${v}/2024-04-02_12-00_d4e5f6a7b8c9_annotations_and_log_cleanup.py:34:5 info[drop-table]`,
      // "annotation" was made by create_all(tables=[Annotation.__table__]): a drop-table, but managed.
      `${v}/2024-05-20_09-15_e5f6a7b8c9d0_drop_annotation.py:13:5 error[drop-table]`,
    ]);
  });

  it('are followed when one migration is named on the command line', () => {
    expect(lintJson(root, ['--format', 'json', `${v}/2024-02-14_10-30_b2c3d4e5f6a7_drop_legacy_columns.py`], 1)).toEqual([
      `${v}/2024-02-14_10-30_b2c3d4e5f6a7_drop_legacy_columns.py:16:5 error[drop-column]`,
      `${v}/2024-02-14_10-30_b2c3d4e5f6a7_drop_legacy_columns.py:16:5 error[drop-column]`,
      `${v}/2024-02-14_10-30_b2c3d4e5f6a7_drop_legacy_columns.py:17:5 error[drop-table]`,
    ]);
  });

  it('binds keyword arguments and defaults, in a src/ layout', () => {
    const dir = project({
      'pyproject.toml': '[project]\nname = "app"\n',
      'src/app/__init__.py': '',
      'src/app/db/__init__.py': 'from .ops import drop_column_if_exists\n',
      'src/app/db/ops.py':
        'from alembic import op\n\n\ndef drop_column_if_exists(table, column, schema=None):\n    with op.batch_alter_table(table, schema=schema) as batch:\n        batch.drop_column(column)\n',
      'migrations/versions/b2_drop.py': migration('from app.db import drop_column_if_exists', '    drop_column_if_exists(column="nickname", table="users")'),
    });
    const found = lintJson(dir, ['--format', 'json'], 1);
    expect(found).toEqual(['migrations/versions/b2_drop.py:9:5 error[drop-column]']);
  });

  it('reads what a helper returns (a table reflected by name), and rows appended per row read, then bulk-inserted, as copies', () => {
    const dir = project({
      'app/__init__.py': '',
      'app/db/__init__.py': '',
      'app/db/utils.py':
        'import sqlalchemy as sa\n\n\ndef load_table(name, connection):\n    """Reflects a table."""\n    return sa.Table(name, sa.MetaData(), autoload_with=connection)\n',
      'migrations/versions/a1_shares.py': [
        'from alembic import op',
        'import sqlalchemy as sa',
        'revision = "a1"',
        'down_revision = None',
        'def upgrade():',
        '    op.create_table("shares", sa.Column("id", sa.String(36), primary_key=True), sa.Column("host", sa.String(255)),',
        '                    sa.Column("status", sa.String(255)), sa.Column("size", sa.Integer), sa.Column("deleted", sa.String(36)))',
        '',
      ].join('\n'),
      'migrations/versions/b2_instances.py': [
        'import logging',
        'from alembic import op',
        'import sqlalchemy as sa',
        'from app.db import utils',
        'LOG = logging.getLogger(__name__)',
        'revision = "b2"',
        'down_revision = "a1"',
        'def upgrade():',
        '    try:',
        '        instances = op.create_table("share_instances", sa.Column("id", sa.String(36)), sa.Column("share_id", sa.String(36)), sa.Column("host", sa.String(255)))',
        '    except Exception:',
        '        LOG.error("share_instances not created")',
        '        raise',
        '    audit = sa.table("share_audit", sa.column("share_id"), sa.column("status"))',
        '    connection = op.get_bind()',
        '    shares = utils.load_table("shares", connection)',
        '    rows, kept = [], []',
        '    for share in connection.execute(shares.select()):',
        '        row = {"id": share.id, "share_id": share.id, "host": share.host}',
        '        rows.append(row)',
        '        if share.deleted == "False":',
        '            kept.append({"share_id": share.id, "status": share.status})',
        '    op.bulk_insert(instances, rows)',
        '    op.bulk_insert(audit, kept)',
        '    op.drop_column("shares", "host")',
        '    op.drop_column("shares", "status")',
        '    op.drop_column("shares", "size")',
        '',
      ].join('\n'),
    });
    const run = droplint(dir, ['--format', 'json']);
    const found = (JSON.parse(run.stdout) as { diagnostics: Array<{ line: number; severity: string; message: string }> }).diagnostics.map(
      (d) => `${d.line} ${d.severity} ${d.message}`,
    );
    expect(found).toEqual([
      '25 info upgrade() drops column "host" of table "shares"; its values were copied into column "host" of table "share_instances" first',
      '26 error upgrade() drops column "status" of table "shares"; its values were copied into column "status" of table "share_audit" first, but only by a copy with an if clause: values it leaves out are lost',
      '27 error upgrade() drops column "size" of table "shares"; its data is lost',
    ]);
  });

  it('follows a helper that collects what it drops in a list first (append in a branch), then loops over it', () => {
    const dir = project({
      'app/__init__.py': '',
      'app/migrations/__init__.py': '',
      'app/migrations/shared.py': [
        'from alembic import op',
        '',
        '',
        'def drop_columns(table_name, *columns):',
        '    cols_to_drop = []',
        '    for col in columns:',
        '        if not table_has_column(table_name, col):',
        '            print("skipping", col)',
        '        else:',
        '            cols_to_drop.append(col)',
        '    with op.batch_alter_table(table_name) as batch_op:',
        '        for col in cols_to_drop:',
        '            batch_op.drop_column(col)',
        '',
      ].join('\n'),
      'app/migrations/versions/b2_drop.py': migration('from app.migrations.shared import drop_columns', '    drop_columns("reports", "legacy_a", "legacy_b")'),
    });
    const run = droplint(dir, ['--format', 'json']);
    const doc = JSON.parse(run.stdout) as { diagnostics: Array<{ line: number; severity: string; rule: string; object: { column: string } }> };
    expect(doc.diagnostics.map((d) => `${d.line} ${d.severity}[${d.rule}] ${d.object.column}`)).toEqual([
      '9 error[drop-column] legacy_a',
      '9 error[drop-column] legacy_b',
    ]);
  });

  it("finds packages through alembic.ini's prepend_sys_path", () => {
    const dir = project({
      'db/alembic.ini': '[alembic]\nscript_location = migrations\nprepend_sys_path = ../shared\n',
      'shared/dbtools.py':
        'from alembic import op\n\n\ndef wipe(table):\n    op.execute(f"TRUNCATE {table}")\n\n\ndef rebuild(table):\n    op.drop_table(table)\n',
      'db/migrations/versions/b2_wipe.py': migration('from dbtools import rebuild', '    rebuild("audit_log")'),
    });
    expect(lintJson(dir, ['--format', 'json'], 1)).toEqual(['db/migrations/versions/b2_wipe.py:9:5 error[drop-table]']);
  });

  it('stops at import cycles and reports an unreadable import only when its name says it destroys', () => {
    const dir = project({
      'pyproject.toml': '',
      'app/__init__.py': '',
      'app/a.py': 'from app.b import drop_twice\n\n\ndef drop_once(table):\n    drop_twice(table)\n',
      'app/b.py': 'from alembic import op\nfrom app.a import drop_once\n\n\ndef drop_twice(table):\n    op.drop_table(table)\n    drop_once(table)\n',
      'migrations/versions/b2_cycle.py': migration(
        'from app.a import drop_once\nfrom app.gone import backfill_rows, wipe_table, remove_index',
        '    drop_once("sessions")\n    backfill_rows()\n    wipe_table("cache")\n    remove_index("ix_cache")',
      ),
    });
    expect(lintJson(dir, ['--format', 'json'], 1)).toEqual([
      // drop_once → drop_twice → drop_once: read once.
      'migrations/versions/b2_cycle.py:10:5 error[drop-table]',
      // wipe_table() (line 12); neither backfill_rows() nor remove_index(), which drops no rows.
      'migrations/versions/b2_cycle.py:12:5 warning[dynamic-operation]',
    ]);
  });
});

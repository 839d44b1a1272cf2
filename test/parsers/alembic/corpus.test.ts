/**
 * A realistic Alembic project (test/fixtures/alembic/pipeline): 27 migrations
 * in the style of Airflow, Superset, MLflow and Redash — batch operations with
 * `recreate`, `op.get_bind()` with dialect checks, `sa.table()` with
 * `op.bulk_insert` and `op.execute(table.update()…)`, ORM data migrations,
 * helpers, a merge of two branches — forming one revision chain, plus a
 * Flask-Migrate `env.py`. Every expected finding was worked out by reading the
 * files; nothing else may be reported, and nothing may fail to parse.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { droplint, findings } from '../../cli/run-cli.js';

const root = path.resolve(import.meta.dirname, '../../fixtures/alembic/pipeline');
const v = 'migrations/versions';

describe('a realistic Alembic project', () => {
  it('is read without a parse error, with exactly the destructive operations it holds', () => {
    const run = droplint(root, ['--format', 'json', 'migrations']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const doc = JSON.parse(run.stdout) as { summary: Record<string, number> };
    // 27 migrations and env.py; utils.py, __init__.py and the .mako template are no migrations.
    // Every downgrade step removes what its own upgrade added: info; and table-without-model says once it cannot check the set.
    expect(doc.summary).toEqual({ files: 28, errors: 3, warnings: 1, infos: 25, skipped: 0 });
    expect(findings(run)).toEqual([
      // Flask-Migrate's env.py overwrites the URL with the app's.
      'migrations/env.py:16:1 warning[env-url-override]',
      // The base revision's downgrade drops everything it created.
      // Flask-Migrate's metadata, and no model anywhere: table-without-model says it cannot check the set.
      `${v}/0001_4e6a06bad7a8_initial_schema.py:12:1 info[table-without-model]`,
      `${v}/0001_4e6a06bad7a8_initial_schema.py:67:5 info[drop-table]`,
      `${v}/0001_4e6a06bad7a8_initial_schema.py:68:5 info[drop-table]`,
      `${v}/0001_4e6a06bad7a8_initial_schema.py:69:5 info[drop-table]`,
      `${v}/0001_4e6a06bad7a8_initial_schema.py:70:5 info[drop-table]`,
      `${v}/0001_4e6a06bad7a8_initial_schema.py:71:5 info[drop-table]`,
      `${v}/0001_4e6a06bad7a8_initial_schema.py:72:5 info[drop-table]`,
      `${v}/0002_1507a7289a2f_create_is_encrypted.py:41:5 info[drop-column]`,
      `${v}/0004_338e90f54d61_more_logging_into_task_isntance.py:24:5 info[drop-column]`,
      `${v}/0004_338e90f54d61_more_logging_into_task_isntance.py:25:5 info[drop-column]`,
      `${v}/0006_502898887f84_adding_extra_to_log.py:23:5 info[drop-column]`,
      `${v}/0007_1b38cef5b76e_add_dagrun.py:34:5 info[drop-table]`,
      `${v}/0009_40e67319e3a9_dagrun_config.py:23:5 info[drop-column]`,
      `${v}/0010_561833c1c74b_add_password_column_to_user.py:23:5 info[drop-column]`,
      `${v}/0011_4446e08588_dagrun_start_end.py:24:5 info[drop-column]`,
      `${v}/0011_4446e08588_dagrun_start_end.py:25:5 info[drop-column]`,
      // batch_op under a `with`, then the table its helper created.
      `${v}/0012_bbc73705a13e_add_notification_sent_column_to_sla_miss.py:41:9 info[drop-column]`,
      `${v}/0012_bbc73705a13e_add_notification_sent_column_to_sla_miss.py:42:5 info[drop-table]`,
      // Line 42 deletes with a WHERE (a Core statement): no finding.
      `${v}/0013_1968acfc09e3_add_is_encrypted_column_to_variable.py:43:5 info[drop-column]`,
      `${v}/0013_1968acfc09e3_add_is_encrypted_column_to_variable.py:44:5 info[drop-table]`,
      `${v}/0016_64de9cddf6c9_add_task_fails_journal_table.py:30:5 info[drop-table]`,
      `${v}/0017_f2ca10b85618_add_dag_stats_table.py:30:5 info[drop-table]`,
      `${v}/0019_8504051e801b_xcom_dag_task_indices.py:42:5 info[drop-table]`,
      // 0e2a74e0fc9f drops "chart" (via Chart.__tablename__) with a reasoned suppression.
      `${v}/2017-02-02_09-31_33ae817a1ff4_add_worker_heartbeat.py:36:5 info[drop-table]`,
      // The one upgrade that destroys data: a loop over two table names, and a TRUNCATE in sa.text().
      `${v}/2017-06-12_16-02_b4456560d4f3_drop_unused_tables.py:22:9 error[drop-table]`,
      `${v}/2017-06-12_16-02_b4456560d4f3_drop_unused_tables.py:22:9 error[drop-table]`,
      `${v}/2017-06-12_16-02_b4456560d4f3_drop_unused_tables.py:24:25 error[truncate-table]`,
      `${v}/2017-07-01_08-45_a92d92aa678e_add_is_active_to_dag.py:28:9 info[drop-column]`,
    ]);
  });
});

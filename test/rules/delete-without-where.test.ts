import rule from '../../rules/delete-without-where.js';
import { orm } from './orm-migration.js';
import { testRule } from './rule-tester.js';

testRule(rule, {
  valid: [
    'DELETE FROM "Session" WHERE "expiresAt" < now();',
    // A table in a schema the same migration created held nothing before it.
    "CREATE SCHEMA staging;\nSELECT copy_tables('public', 'staging');\nDELETE FROM staging.sessions;",
    'DELETE FROM ONLY events AS e USING users u WHERE e.user_id = u.id AND u.deleted;',
    'ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;',
    'GRANT SELECT, INSERT, DELETE ON "Session" TO app;',
    "INSERT INTO audit (note) VALUES ('DELETE FROM users');",
    'DELETE FROM sessions WHERE 1 = 1 AND expired;',
    "DELETE FROM sessions WHERE 1 = 0 OR kind = 'guest';",
    'DELETE FROM sessions WHERE 0;',
    { code: 'ALTER TABLE events ON CLUSTER default DELETE WHERE project_id = {projectId:String};', dialect: 'clickhouse' },
    { code: 'DELETE FROM events ON CLUSTER default WHERE ts < now() - INTERVAL 90 DAY;', dialect: 'clickhouse' },
    // ORM and Core deletes that select their rows.
    orm('    session.query(Log).filter(Log.id < 10).delete()'),
    orm('    session.query(Log).filter_by(id=3).delete(synchronize_session=False)'),
    orm('    session.execute(delete(Log).where(Log.id == 1))'),
    // SQLAlchemy 1.x's Core delete with its condition as an argument.
    orm('    perm = sa.table("perm", sa.column("group_id"))\n    op.get_bind().execute(perm.delete(perm.c.group_id == 1))'),
    orm('    perm = sa.table("perm", sa.column("group_id"))\n    op.get_bind().execute(perm.delete(whereclause=perm.c.group_id == 1))'),
    // Not a query: a Redis client, a dict.
    orm('    redis_connection.delete("logs")'),
    // One row, as a model instance: its delete() is the model's own method.
    orm('    log = Log.query.get(1)\n    log.delete()\n    session.query(Log).filter_by(id=2).first().delete()'),
    // A nested function nothing calls never runs; nor does a route a decorator only registers.
    orm(
      '    def unused():\n        session.query(Log).delete()\n    @app.route("/purge")\n    def purge():\n        Log.query.delete()\n    op.add_column("logs", sa.Column("x", sa.Integer()))',
    ),
  ],
  invalid: [
    {
      code: 'DELETE FROM "Country" WHERE true;',
      errors: [{ line: 1, column: 1, endColumn: 33, table: 'Country', message: 'migration deletes every row of table "Country" (its WHERE is always true)' }],
    },
    { code: 'DELETE FROM country WHERE (1 = 1) RETURNING id;', errors: [{ line: 1, column: 1, table: 'country', message: /its WHERE is always true/ }] },
    { code: "DELETE FROM country WHERE 'x' = 'x';", errors: [{ line: 1, column: 1, table: 'country' }] },
    { code: 'DELETE FROM `country` WHERE 1;', dialect: 'mysql', errors: [{ line: 1, column: 1, table: 'country' }] },
    {
      code: 'ALTER TABLE events ON CLUSTER default DELETE WHERE 1 SETTINGS mutations_sync = 2;',
      dialect: 'clickhouse',
      errors: [{ line: 1, column: 39, endColumn: 53, table: 'events', message: /its WHERE is always true/ }],
    },
    { code: 'DELETE FROM events WHERE true;', dialect: 'clickhouse', errors: [{ line: 1, column: 1, table: 'events' }] },
    {
      // The ORM's bulk delete with no filter, resolved to the model's table.
      ...orm('    session.query(Log).delete()'),
      errors: [{ line: 18, column: 5, endColumn: 32, table: 'logs', message: 'upgrade() deletes every row of table "logs" (DELETE without WHERE)' }],
    },
    { ...orm('    session.query(Log).options(sa.orm.load_only(Log.id)).delete()'), errors: [{ line: 18, column: 5, table: 'logs' }] },
    { ...orm('    session.execute(delete(Log))'), errors: [{ line: 18, column: 5, endColumn: 33, table: 'logs' }] },
    {
      ...orm('    perm = sa.table("perm", sa.column("group_id"))\n    op.get_bind().execute(perm.delete())'),
      errors: [{ line: 19, column: 5, table: 'perm', message: 'upgrade() deletes every row of table "perm" (DELETE without WHERE)' }],
    },
    { ...orm('    Log.query.delete()'), errors: [{ line: 18, column: 5, table: 'logs' }] },
    {
      // A nested function runs where it is called (or passed on).
      ...orm('    def purge():\n        session.query(Log).delete()\n    purge()'),
      errors: [{ line: 19, column: 9, table: 'logs', message: 'upgrade() deletes every row of table "logs" (DELETE without WHERE)' }],
    },
    {
      // The downgrade setting caps it like every destructive rule (warning by default).
      code: 'DELETE FROM audit;',
      filename: '000002_audit.down.sql',
      errors: [{ line: 1, column: 1, severity: 'warning', table: 'audit' }],
    },
    {
      // Rows of a table its upgrade created: info.
      code: '-- migrate:up\nCREATE TABLE audit (id int);\n-- migrate:down\nDELETE FROM audit;\n',
      filename: '20240101120000_audit.sql',
      errors: [{ line: 4, column: 1, severity: 'info', table: 'audit' }],
    },
    {
      code: 'DELETE FROM "Country";',
      errors: [{ line: 1, column: 1, endColumn: 22, table: 'Country', message: 'migration deletes every row of table "Country" (DELETE without WHERE)' }],
    },
    {
      // The WHERE belongs to the subquery, not to the DELETE.
      code: 'DELETE FROM tokens\nUSING (SELECT id FROM users WHERE banned) b;',
      errors: [{ line: 1, column: 1, endLine: 2, table: 'tokens' }],
    },
    {
      code: 'WITH moved AS (DELETE FROM queue RETURNING *)\nINSERT INTO queue_archive SELECT * FROM moved;',
      errors: [{ line: 1, column: 16, endColumn: 45, table: 'queue' }],
    },
    {
      code: 'CREATE RULE keep_nothing AS ON INSERT TO log DO INSTEAD DELETE FROM log;',
      errors: [{ line: 1, column: 57, table: 'log' }],
    },
  ],
});

import rule from '../../rules/drop-table.js';
import { orm, upgrade } from './orm-migration.js';
import { testRule } from './rule-tester.js';

/** Alembic history creating table "policy" (id, name, body); the loops below are upgrade() bodies (see `upgrade`). */
const POLICY_HISTORY =
  'from alembic import op\nimport sqlalchemy as sa\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    op.create_table("policy", sa.Column("id", sa.Integer()), sa.Column("name", sa.Text()), sa.Column("body", sa.Text()))\n';
const POLICY_LOOP = [
  'conn = op.get_bind()',
  'for row in conn.execute(sa.text("SELECT id, name, body FROM policy")).fetchall():',
  '    conn.execute(sa.text("INSERT INTO rule (policy_id, title, text) VALUES (:i, :t, :b)"), {"i": row.id, "t": row.name.title(), "b": row.body})',
];
/** A migration whose upgrade walks the rows of `policy` through the ORM, doing `body` with each, then drops the table. */
const ORM_COPY = (body: string): string =>
  [
    'from alembic import op',
    'from sqlalchemy import orm',
    'from sqlalchemy.orm import declarative_base',
    'revision = "b2"',
    'down_revision = "a1"',
    'Base = declarative_base()',
    'class Old(Base):',
    '    __tablename__ = "policy"',
    'class Rule(Base):',
    '    __tablename__ = "rule"',
    'def upgrade():',
    '    session = orm.Session(bind=op.get_bind())',
    '    for old in session.query(Old).all():',
    `        ${body}`,
    '    op.drop_table("policy")',
    '',
  ].join('\n');

testRule(rule, {
  valid: [
    // A scratch table a routine's body creates and drops again is the routine's own.
    'CREATE FUNCTION rebuild() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE scratch (id int); DROP TABLE scratch; END $$;\nSELECT rebuild();',
    // A Null-engine table and a materialized view writing TO another table hold no rows.
    {
      code: 'DROP TABLE IF EXISTS traces_null ON CLUSTER default SYNC;',
      dialect: 'clickhouse',
      history: ['CREATE TABLE traces_null ON CLUSTER default\n(\n    `id` String,\n    `ts` DateTime64(3) CODEC(Delta, ZSTD(3))\n) Engine = Null();'],
    },
    {
      code: 'DROP TABLE traces_mv;',
      dialect: 'clickhouse',
      history: [
        'CREATE TABLE traces_daily (project_id String, day Date, n UInt64) ENGINE = SummingMergeTree ORDER BY (project_id, day);',
        'CREATE MATERIALIZED VIEW traces_mv ON CLUSTER default TO traces_daily AS\nSELECT project_id, toDate(ts) AS day, count() AS n FROM traces_null GROUP BY project_id, day;',
      ],
    },
    {
      code: 'DROP VIEW IF EXISTS traces_mv ON CLUSTER default;',
      dialect: 'clickhouse',
      history: [
        'CREATE TABLE traces_daily (project_id String, day Date, n UInt64) ENGINE = SummingMergeTree ORDER BY (project_id, day);',
        'CREATE MATERIALIZED VIEW traces_mv ON CLUSTER default TO traces_daily AS\nSELECT project_id, toDate(ts) AS day, count() AS n FROM traces_null GROUP BY project_id, day;',
      ],
    },
    // Dropped and re-created as a materialized view TO a table: the view's query changes, no rows held.
    {
      code: 'DROP TABLE IF EXISTS analytics.browser_mv;\nCREATE MATERIALIZED VIEW IF NOT EXISTS analytics.browser_mv\n    TO analytics.autocomplete AS\nSELECT project_id, browser AS value FROM analytics.sessions;',
      dialect: 'clickhouse',
    },
    {
      code: 'DROP TABLE IF EXISTS events_l7d_mv;\nCREATE MATERIALIZED VIEW IF NOT EXISTS events_l7d_mv\n    ENGINE = ReplacingMergeTree(_timestamp) ORDER BY (project_id, datetime)\n    TTL datetime + INTERVAL 7 DAY\n    POPULATE\nAS SELECT project_id, datetime, _timestamp FROM events;',
      dialect: 'clickhouse',
    },
    // A view with storage of its own, dropped and re-created with POPULATE: its rows are computed again from the source.
    {
      code: 'DROP TABLE sessions_l7d_mv;\nCREATE MATERIALIZED VIEW sessions_l7d_mv ENGINE = ReplacingMergeTree ORDER BY id POPULATE AS SELECT * FROM sessions;',
      dialect: 'clickhouse',
      history: ['CREATE MATERIALIZED VIEW sessions_l7d_mv ENGINE = ReplacingMergeTree ORDER BY id AS SELECT * FROM sessions;'],
    },
    { code: 'DROP DICTIONARY IF EXISTS country_dict ON CLUSTER default SYNC;', dialect: 'clickhouse' },
    'CREATE TABLE "Post" ("id" TEXT NOT NULL, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));',
    '-- DROP TABLE "User"; was considered and rejected\nSELECT 1;',
    'COMMENT ON TABLE "User" IS \'never DROP TABLE this\';',
    'DROP INDEX "User_email_key";',
    'DROP VIEW "active_users";',
    'DROP TYPE "Role_old";',
    // A scratch table created earlier in the same migration holds no prior data.
    'CREATE TEMP TABLE "tmp_ids" ("id" TEXT);\nINSERT INTO "tmp_ids" SELECT "id" FROM "User";\nDROP TABLE "tmp_ids";',
    { code: 'DROP TABLE "audit";', downgrade: 'off', filename: '000002_audit.down.sql' },
    // Copy-then-swap rebuilds, in any dialect: the rows survive under the old name.
    'CREATE TABLE invoice_new (id bigint, total numeric);\nINSERT INTO invoice_new SELECT * FROM invoice;\nDROP TABLE invoice;\nALTER TABLE invoice_new RENAME TO invoice;',
    'CREATE TABLE public.invoice_new AS SELECT id, total FROM invoice;\nDROP TABLE INVOICE;\nALTER TABLE invoice_new RENAME TO invoice;',
    { code: 'CREATE TABLE `t_new` (`id` INT);\nINSERT INTO `t_new` SELECT * FROM `t`;\nDROP TABLE `t`;\nRENAME TABLE `t_new` TO `t`;', dialect: 'mysql' },
    {
      format: 'alembic',
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.create_table("tag_new", sa.Column("id", sa.Integer()))\n    op.execute("INSERT INTO tag_new SELECT * FROM tag")\n    op.drop_table("tag")\n    op.rename_table("tag_new", "tag")\n\ndef downgrade():\n    pass\n',
    },
    // A schema the migration created held nothing before it: its tables, however they were made, are the migration's own.
    "CREATE SCHEMA tenant_a;\nSELECT copy_tables('public', 'tenant_a');\nDROP TABLE tenant_a.users;",
    'CREATE SCHEMA Tenant_A;\nDROP TABLE IF EXISTS tenant_a.events;\nCREATE TABLE tenant_a.events (id int);',
    // Made so by a routine of the same file called with literal arguments.
    [
      'CREATE FUNCTION clone(src text, dest text) RETURNS void LANGUAGE plpgsql AS $$',
      'DECLARE t text;',
      'BEGIN',
      "  EXECUTE 'CREATE SCHEMA ' || dest;",
      "  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = src LOOP EXECUTE 'CREATE TABLE ' || dest || '.' || t || ' AS TABLE ' || src || '.' || t; END LOOP;",
      'END $$;',
      "SELECT clone('public', 'tenant_b');",
      'DROP TABLE tenant_b.users;',
    ].join('\n'),
    // Created under another spelling of the same name, then renamed and dropped: still the migration's own table.
    'CREATE TABLE public.tmp_ids (id int);\nALTER TABLE TMP_IDS RENAME TO tmp_ids_2;\nDROP TABLE tmp_ids_2;',
    {
      format: 'alembic',
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.create_table("scratch", sa.Column("id", sa.Integer()))\n    op.drop_table("scratch")\n\ndef downgrade():\n    pass\n',
    },
    // A model's table created, or an Enum type dropped: no rows lost.
    orm('    Log.__table__.create(op.get_bind())'),
    orm('    sa.Enum("a", "b", name="kind").drop(op.get_bind())'),
  ],
  invalid: [
    {
      // A rebuild that leaves out only the rows whose foreign key holds nothing (they refer to nothing): info. One that
      // checks a column no foreign key holds leaves out rows that held something.
      code: [
        'CREATE TABLE `performers_image_new` (`performer_id` integer primary key, `image` blob not null, foreign key(`performer_id`) references `performers`(`id`));',
        'INSERT INTO `performers_image_new` (`performer_id`, `image`) SELECT `performer_id`, `image` FROM `performers_image` WHERE `performer_id` IS NOT NULL;',
        'DROP TABLE `performers_image`;',
        'ALTER TABLE `performers_image_new` RENAME TO `performers_image`;',
        'CREATE TABLE `studios_image_new` (`studio_id` integer primary key references `studios`(`id`), `image` blob not null);',
        'INSERT INTO `studios_image_new` (`studio_id`, `image`) SELECT `studio_id`, `image` FROM `studios_image` WHERE `image` IS NOT NULL;',
        'DROP TABLE `studios_image`;',
        'ALTER TABLE `studios_image_new` RENAME TO `studios_image`;',
      ].join('\n'),
      dialect: 'sqlite',
      history: [
        'CREATE TABLE performers (id integer primary key);\nCREATE TABLE studios (id integer primary key);\n' +
          'CREATE TABLE performers_image (performer_id integer, image blob);\nCREATE TABLE studios_image (studio_id integer, image blob);',
      ],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'info',
          message:
            'migration rebuilds table "performers_image" leaving out only the rows whose "performer_id" (a foreign key of the new table) holds nothing: rows that refer to nothing',
        },
        {
          line: 5,
          column: 1,
          severity: 'error',
          message: 'migration rebuilds table "studios_image" copying only the rows its WHERE clause keeps; the others are lost',
        },
      ],
    },
    {
      // A full-text index holds text for searching, which the application writes from the tables that keep it.
      code: 'DROP TABLE notes_fts;\nCREATE VIRTUAL TABLE notes_fts USING fts5(body, note_id UNINDEXED);\nINSERT INTO notes_fts (body, note_id) SELECT body, id FROM notes;',
      dialect: 'sqlite',
      history: [
        "CREATE TABLE notes (id integer primary key, body text);\nCREATE VIRTUAL TABLE notes_fts USING fts5(body, note_id UNINDEXED, tokenize='porter');",
      ],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'warning',
          message:
            'migration drops full-text index "notes_fts" (a virtual table of SQLite\'s FTS); its rows are text for searching, which can be indexed again only from the tables that still hold it',
        },
      ],
    },
    {
      // Another virtual table (an R*Tree) holds what was written into it.
      code: 'DROP TABLE places_index;',
      dialect: 'sqlite',
      history: ['CREATE VIRTUAL TABLE places_index USING rtree(id, min_x, max_x);'],
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table "places_index"; all of its rows are lost' }],
    },
    {
      // The version table of the migration tool the project replaced holds none of the application's data; one of the
      // set's own making is judged as any other table.
      format: 'alembic',
      code: orm('    op.drop_table("migrate_version")').code,
      errors: [
        {
          line: 18,
          column: 5,
          severity: 'info',
          message:
            'upgrade() drops table "migrate_version", where sqlalchemy-migrate, a migration tool projects replaced, kept the versions it applied: no data of the application\'s is lost',
        },
      ],
    },
    {
      code: 'DROP TABLE south_migrationhistory;',
      history: ['CREATE TABLE south_migrationhistory (id int);'],
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table "south_migrationhistory"; all of its rows are lost' }],
    },
    {
      // A routine the migration never runs creates nothing: the table the migration drops is not one it made.
      code: 'CREATE FUNCTION setup() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE users (id int); END $$;\nDROP TABLE users;',
      errors: [{ line: 2, column: 1, severity: 'error', message: 'migration drops table "users"; all of its rows are lost' }],
    },
    {
      // Copy-then-swap through renames (ClickHouse): the old table, renamed away, had its rows copied first.
      code: [
        'CREATE TABLE new_events (project_id UUID, event_id UUID) ENGINE = ReplacingMergeTree ORDER BY (project_id, event_id);',
        'INSERT INTO new_events (project_id, event_id) SELECT project_id, event_id FROM events;',
        'RENAME TABLE events TO old_events;',
        'RENAME TABLE new_events TO events;',
        'DROP TABLE IF EXISTS old_events;',
      ].join('\n'),
      dialect: 'clickhouse',
      history: ['CREATE TABLE events (project_id UUID, event_id UUID) ENGINE = MergeTree ORDER BY project_id;'],
      errors: [{ line: 5, column: 1, severity: 'info', message: 'migration drops table "old_events"; its values were copied into table "events" first' }],
    },
    {
      // An UPDATE … FROM that hangs each row of the dropped table on the row it names copies its columns whole, not only its link.
      code: [
        'ALTER TABLE versions ADD COLUMN readme_rendered_at timestamp;',
        'UPDATE versions SET readme_rendered_at = readme_rendering.rendered_at FROM readme_rendering WHERE readme_rendering.version_id = versions.id;',
        'DROP TABLE readme_rendering;',
      ].join('\n'),
      history: [
        'CREATE TABLE versions (id serial PRIMARY KEY);',
        'CREATE TABLE readme_rendering (version_id int NOT NULL PRIMARY KEY, rendered_at timestamp);',
      ],
      errors: [
        {
          line: 3,
          column: 1,
          severity: 'info',
          message:
            'migration drops table "readme_rendering"; its values were copied into table "versions", column "rendered_at" into column "readme_rendered_at" of table "versions" first',
        },
      ],
    },
    {
      // EXCHANGE TABLES swaps the names: the table dropped under the new name holds the old rows, of which a WHERE kept some.
      code: [
        'CREATE TABLE messages_v2 (run_id UUID, time DateTime64(9)) ENGINE = MergeTree ORDER BY run_id TTL time + INTERVAL 7 DAY;',
        'INSERT INTO messages_v2 (run_id, time) SELECT run_id, time FROM messages WHERE time >= now() - INTERVAL 7 DAY;',
        'EXCHANGE TABLES messages AND messages_v2;',
        'DROP TABLE IF EXISTS messages_v2;',
      ].join('\n'),
      dialect: 'clickhouse',
      history: ['CREATE TABLE messages (run_id UUID, time DateTime64(9)) ENGINE = MergeTree ORDER BY run_id;'],
      errors: [
        {
          line: 4,
          column: 1,
          severity: 'error',
          message:
            'migration drops table "messages_v2"; its values were copied into table "messages" first, but only by a copy with a WHERE clause: values it leaves out are lost',
        },
      ],
    },
    {
      // A SQLite rebuild through a backup table that leaves out only the key the database numbers, which nothing refers to.
      code: [
        'ALTER TABLE consent RENAME TO _bkp_consent;',
        'CREATE TABLE consent (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, challenge_id CHAR(36) NOT NULL, subject CHAR(36) NULL);',
        'INSERT INTO consent (challenge_id, subject) SELECT challenge_id, subject FROM _bkp_consent ORDER BY id;',
        'DROP TABLE IF EXISTS _bkp_consent;',
      ].join('\n'),
      dialect: 'sqlite',
      history: [
        'CREATE TABLE consent (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, challenge_id CHAR(36) NOT NULL, subject CHAR(36) NULL);\n' +
          'CREATE TABLE token (id INTEGER PRIMARY KEY, challenge_id CHAR(36) REFERENCES consent (challenge_id));',
      ],
      errors: [
        {
          line: 4,
          column: 1,
          severity: 'info',
          message:
            'migration drops table "_bkp_consent"; its values were copied into table "consent" first ("id", a key the database numbers and no foreign key refers to, is numbered again there)',
        },
      ],
    },
    {
      // The same rebuild where a foreign key refers to the key (added by ALTER TABLE), or where the old key was not numbered: lost.
      code: [
        'ALTER TABLE consent RENAME TO _bkp_consent;',
        'CREATE TABLE consent (id SERIAL PRIMARY KEY, challenge_id TEXT);',
        'INSERT INTO consent (challenge_id) SELECT challenge_id FROM _bkp_consent;',
        'DROP TABLE _bkp_consent;',
        'ALTER TABLE device RENAME TO _bkp_device;',
        'CREATE TABLE device (id SERIAL PRIMARY KEY, name TEXT);',
        'INSERT INTO device (name) SELECT name FROM _bkp_device;',
        'DROP TABLE _bkp_device;',
      ].join('\n'),
      history: [
        'CREATE TABLE consent (id SERIAL PRIMARY KEY, challenge_id TEXT);\nCREATE TABLE grant_row (id SERIAL PRIMARY KEY, consent_id INT);\n' +
          'ALTER TABLE grant_row ADD CONSTRAINT grant_consent_fk FOREIGN KEY (consent_id) REFERENCES consent (id);\n' +
          'CREATE TABLE device (id TEXT PRIMARY KEY, name TEXT);',
      ],
      errors: [
        {
          line: 4,
          column: 1,
          severity: 'error',
          message: 'migration drops table "_bkp_consent"; its values were copied into table "consent" first, but without column "id": its values are lost',
        },
        {
          line: 8,
          column: 1,
          severity: 'error',
          message: 'migration drops table "_bkp_device"; its values were copied into table "device" first, but without column "id": its values are lost',
        },
      ],
    },
    {
      // A drop in the body of a function its migration never calls did not happen: the table still stands.
      code: 'DROP TABLE IF EXISTS audit_log;',
      history: [
        'CREATE TABLE audit_log (id int, entry text);',
        'CREATE FUNCTION purge_audit() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  DROP TABLE audit_log;\nEND;\n$$;',
      ],
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table "audit_log"; all of its rows are lost' }],
    },
    {
      // A cleanup repeating what earlier migrations did: one dropped the backup, one renamed the old table away.
      code: 'DROP TABLE IF EXISTS _bkp_devices;\nDROP TABLE IF EXISTS u2f_devices;',
      history: [
        'CREATE TABLE u2f_devices (id int, key_handle text);\nCREATE TABLE totp (id int, secret text);',
        'ALTER TABLE totp RENAME TO _bkp_devices;\nCREATE TABLE totp (id int, secret text);\nINSERT INTO totp (id, secret) SELECT id, secret FROM _bkp_devices;\nDROP TABLE _bkp_devices;',
        'ALTER TABLE u2f_devices RENAME TO webauthn_devices;',
      ],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'info',
          message: 'migration drops "_bkp_devices" if it exists; an earlier migration dropped it already, so there is none to drop',
        },
        {
          line: 2,
          column: 1,
          severity: 'info',
          message: 'migration drops "u2f_devices" if it exists; an earlier migration renamed it away already, so there is none to drop',
        },
      ],
    },
    {
      // An earlier migration copied every row into a table that stands: info. One that left a column out: still lost.
      code: 'DROP TABLE IF EXISTS file_object_keys;\nDROP TABLE thumbnail_object_keys;',
      history: [
        'CREATE TABLE file_object_keys (file_id bigint, object_key text, size bigint);\nCREATE TABLE thumbnail_object_keys (file_id bigint, object_key text, size bigint);',
        'CREATE TABLE object_keys (file_id bigint, o_type text, object_key text, size bigint);\n' +
          "INSERT INTO object_keys (file_id, o_type, object_key, size) SELECT file_id, 'file', object_key, size FROM file_object_keys;\n" +
          "INSERT INTO object_keys (file_id, o_type, object_key) SELECT file_id, 'thumbnail', object_key FROM thumbnail_object_keys;",
      ],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'info',
          message: 'migration drops table "file_object_keys"; an earlier migration copied its rows into table "object_keys"',
        },
        {
          line: 2,
          column: 1,
          severity: 'error',
          message:
            'migration drops table "thumbnail_object_keys"; an earlier migration copied its rows into table "object_keys", but without column "size": its values are lost',
        },
      ],
    },
    {
      // An earlier migration's copy that left out only the key the database numbers, which the new table numbers again
      // and no foreign key refers to: every row kept. One a foreign key refers to: its numbers are lost.
      code: 'DROP TABLE github_credential;\nDROP TABLE google_credential;',
      history: [
        'CREATE TABLE github_credential (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT, secret TEXT);\n' +
          'CREATE TABLE google_credential (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT, secret TEXT);\n' +
          'CREATE TABLE google_grant (credential_id INTEGER REFERENCES google_credential (id));',
        'CREATE TABLE credential (id INTEGER PRIMARY KEY AUTOINCREMENT, provider TEXT, client_id TEXT, secret TEXT);\n' +
          "INSERT INTO credential (provider, client_id, secret) SELECT 'github', client_id, secret FROM github_credential;\n" +
          "INSERT INTO credential (provider, client_id, secret) SELECT 'google', client_id, secret FROM google_credential;",
      ],
      dialect: 'sqlite',
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'info',
          message:
            'migration drops table "github_credential"; an earlier migration copied its rows into table "credential" ("id", a key the database numbers and no foreign key refers to, is numbered again there)',
        },
        {
          line: 2,
          column: 1,
          severity: 'error',
          message:
            'migration drops table "google_credential"; an earlier migration copied its rows into table "credential", but without column "id": its values are lost',
        },
      ],
    },
    {
      // Copied into a table dropped since, or by a copy with a WHERE: nothing kept.
      code: 'DROP TABLE events;',
      history: [
        'CREATE TABLE events (id int, body text);',
        'CREATE TABLE events_archive (id int, body text);\nINSERT INTO events_archive SELECT * FROM events;\nCREATE TABLE events_recent (id int, body text);\nINSERT INTO events_recent SELECT * FROM events WHERE id > 100;',
        'DROP TABLE events_archive;',
      ],
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table "events"; all of its rows are lost' }],
    },
    {
      // Made again since it was dropped: its rows are lost. Without IF EXISTS, the same drop of a table gone is no cleanup either.
      code: 'DROP TABLE IF EXISTS cache;\nDROP TABLE old_cache;',
      history: [
        'CREATE TABLE cache (k text);\nCREATE TABLE old_cache (k text);',
        'DROP TABLE cache;\nDROP TABLE old_cache;\nCREATE TABLE cache (k text, v text);',
      ],
      errors: [
        { line: 1, column: 1, severity: 'error', message: 'migration drops table "cache"; all of its rows are lost' },
        { line: 2, column: 1, severity: 'error', message: 'migration drops table "old_cache"; all of its rows are lost' },
      ],
    },
    {
      // Sampled traces a materialized view fills from traces, both kept 30 days: what it holds, traces hold too.
      code: 'DROP VIEW IF EXISTS traces_sampling_mv;\nDROP TABLE IF EXISTS traces_sampling;',
      dialect: 'clickhouse',
      history: [
        'CREATE TABLE traces (ts DateTime64(9), id String) ENGINE = MergeTree ORDER BY ts TTL toDateTime(ts) + toIntervalDay(30);',
        'CREATE TABLE traces_sampling (ts DateTime64(9), id String) ENGINE = MergeTree ORDER BY ts TTL toDateTime(ts) + INTERVAL 30 DAY SETTINGS index_granularity = 8192;\n' +
          'CREATE MATERIALIZED VIEW traces_sampling_mv TO traces_sampling AS SELECT ts, id FROM traces;',
      ],
      errors: [
        {
          line: 2,
          column: 1,
          severity: 'warning',
          message:
            'migration drops table "traces_sampling", which materialized view "traces_sampling_mv" fills from "traces"; that table keeps its rows as long (its TTL is no shorter), so they can be computed again from it, unless the view\'s query changed',
        },
      ],
    },
    {
      // From a source without a TTL too; and after the source was renamed.
      code: 'DROP TABLE daily;',
      dialect: 'clickhouse',
      history: [
        'CREATE TABLE events_new (ts DateTime, n UInt64) ENGINE = MergeTree ORDER BY ts;',
        'CREATE TABLE daily (day Date, n UInt64) ENGINE = SummingMergeTree ORDER BY day;\nCREATE MATERIALIZED VIEW daily_mv TO daily AS SELECT toDate(ts) AS day, sum(n) AS n FROM events_new GROUP BY day;',
        'RENAME TABLE events_new TO events;',
      ],
      errors: [{ line: 1, column: 1, severity: 'warning', message: /fills from "events"; that table keeps its rows as long/ }],
    },
    {
      // Metrics kept for good, from traces kept 30 days; a source whose TTL was shortened since; one fed from a
      // Null-engine table; a source dropped since, or next; a table no view fills: each holds what nothing else does.
      code: 'DROP TABLE session_metrics;\nDROP TABLE weekly;\nDROP TABLE traces_amt;\nDROP TABLE orphan_rollup;\nDROP TABLE events2;\nDROP TABLE hourly;\nDROP TABLE raw;',
      dialect: 'clickhouse',
      history: [
        'CREATE TABLE traces (ts DateTime, id String) ENGINE = MergeTree ORDER BY ts TTL ts + INTERVAL 30 DAY;\n' +
          'CREATE TABLE traces_null (ts DateTime, id String) ENGINE = Null;\nCREATE TABLE events2 (ts DateTime) ENGINE = MergeTree ORDER BY ts;\n' +
          'CREATE TABLE gone (ts DateTime) ENGINE = MergeTree ORDER BY ts;',
        'CREATE TABLE session_metrics (ts DateTime, id String) ENGINE = MergeTree ORDER BY ts;\nCREATE MATERIALIZED VIEW session_metrics_mv TO session_metrics AS SELECT ts, id FROM traces;\n' +
          'CREATE TABLE weekly (ts DateTime) ENGINE = MergeTree ORDER BY ts TTL ts + INTERVAL 7 DAY;\nCREATE MATERIALIZED VIEW weekly_mv TO weekly AS SELECT ts FROM events2;\n' +
          'CREATE TABLE traces_amt (ts DateTime) ENGINE = MergeTree ORDER BY ts;\nCREATE MATERIALIZED VIEW traces_amt_mv TO traces_amt AS SELECT ts FROM traces_null;\n' +
          'CREATE TABLE orphan_rollup (ts DateTime) ENGINE = MergeTree ORDER BY ts;\nCREATE MATERIALIZED VIEW orphan_mv TO orphan_rollup AS SELECT ts FROM gone;\n' +
          'CREATE TABLE raw (ts DateTime) ENGINE = MergeTree ORDER BY ts;\nCREATE TABLE hourly (ts DateTime) ENGINE = MergeTree ORDER BY ts;\nCREATE MATERIALIZED VIEW hourly_mv TO hourly AS SELECT ts FROM raw;',
        'ALTER TABLE events2 MODIFY TTL ts + INTERVAL 1 DAY;\nDROP TABLE gone;',
      ],
      errors: [
        { line: 1, column: 1, severity: 'error', message: 'migration drops table "session_metrics"; all of its rows are lost' },
        { line: 2, column: 1, severity: 'error', message: 'migration drops table "weekly"; all of its rows are lost' },
        { line: 3, column: 1, severity: 'error', message: 'migration drops table "traces_amt"; all of its rows are lost' },
        { line: 4, column: 1, severity: 'error', message: 'migration drops table "orphan_rollup"; all of its rows are lost' },
        { line: 5, column: 1, severity: 'error', message: 'migration drops table "events2"; all of its rows are lost' },
        // Its source goes next in the same migration: nothing is left to compute it from.
        { line: 6, column: 1, severity: 'error', message: 'migration drops table "hourly"; all of its rows are lost' },
        { line: 7, column: 1, severity: 'error', message: 'migration drops table "raw"; all of its rows are lost' },
      ],
    },
    {
      // A cache of a view, refreshed: created from the view before, created from it again after the drop.
      code: [
        'DROP TABLE comment_aggregates_fast;',
        'DROP VIEW comment_aggregates_view;',
        'CREATE VIEW comment_aggregates_view AS SELECT c.id, c.content, count(l.id) AS score FROM comment c LEFT JOIN comment_like l ON l.comment_id = c.id GROUP BY c.id;',
        'CREATE TABLE comment_aggregates_fast AS SELECT * FROM comment_aggregates_view;',
      ].join('\n'),
      history: [
        'CREATE TABLE comment (id serial PRIMARY KEY, content text);\nCREATE TABLE comment_like (id serial PRIMARY KEY, comment_id int);',
        'CREATE VIEW comment_aggregates_view AS SELECT c.id, count(l.id) AS score FROM comment c LEFT JOIN comment_like l ON l.comment_id = c.id GROUP BY c.id;\nCREATE TABLE comment_aggregates_fast AS SELECT * FROM comment_aggregates_view;',
      ],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'info',
          message:
            'migration drops table "comment_aggregates_fast", which holds the rows of a query over "comment_aggregates_view" (it was created AS SELECT), and creates it again from that query: what it held is computed again',
        },
      ],
    },
    {
      // Made again from another source, or made as a plain table before: its rows were not the query's.
      code: 'DROP TABLE "TagRank";\nCREATE TABLE "TagRank" AS SELECT * FROM "TagRank_Live";\nDROP TABLE "UserRank";\nCREATE TABLE "UserRank" AS SELECT * FROM "UserRank_Live";',
      history: ['CREATE TABLE "TagRank" AS SELECT * FROM "TagRank_Old";\nCREATE TABLE "UserRank" ("userId" int, "rank" int);'],
      errors: [
        { line: 1, column: 1, severity: 'error', message: 'migration drops table "TagRank"; all of its rows are lost' },
        { line: 3, column: 1, severity: 'error', message: 'migration drops table "UserRank"; all of its rows are lost' },
      ],
    },
    {
      // bun's migrate splits statements by a comment line: each is read.
      code: 'DROP TABLE IF EXISTS ?DB.spans ?ON_CLUSTER\n\n--migration:split\n\nDROP TABLE IF EXISTS ?DB.logs ?ON_CLUSTER\n',
      errors: [
        { line: 1, column: 1, endColumn: 43, table: 'spans' },
        { line: 5, column: 1, endColumn: 42, table: 'logs' },
      ],
    },
    {
      // A placeholder the migration tool fills in (Flyway's `${schema}`) stands for the schema's name.
      code: 'DROP TABLE ${schema}.users;',
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table "${schema}.users"; all of its rows are lost' }],
    },
    {
      // A script that builds the schema from nothing (a dump, an install script): every table dropped if it exists, then created.
      filename: 'schema.sql',
      code: 'DROP TABLE IF EXISTS users;\nCREATE TABLE users (id int);\nDROP TABLE IF EXISTS audit;\nCREATE TABLE audit (id int);',
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'warning',
          message:
            'migration drops "users" if it exists, then makes it again, as it does every table it creates: a script that builds the schema from nothing (an install script or a dump); run on a database that holds the table, it loses every row',
        },
        { line: 3, column: 1, severity: 'warning' },
      ],
    },
    {
      // A migration tool's first migration runs on databases that stood before it (a product's earlier version): a loss.
      filename: 'V1__init.sql',
      code: 'DROP TABLE IF EXISTS users;\nCREATE TABLE users (id int);\nDROP TABLE IF EXISTS audit;\nCREATE TABLE audit (id int);',
      errors: [
        { line: 1, column: 1, severity: 'error', message: 'migration drops table "users"; all of its rows are lost' },
        { line: 3, column: 1, severity: 'error' },
      ],
    },
    {
      // A first migration that re-creates one table but creates another without dropping it first is no such script.
      filename: 'V1__init.sql',
      code: 'CREATE TABLE IF NOT EXISTS users (id int);\nDROP TABLE IF EXISTS collections;\nCREATE TABLE collections (id int);',
      errors: [{ line: 2, column: 1, severity: 'error', message: 'migration drops table "collections"; all of its rows are lost' }],
    },
    {
      // So does psql's `:schema` (`psql -v schema=app`).
      code: 'drop table :schema.users;',
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table ":schema.users"; all of its rows are lost' }],
    },
    {
      // Every row copied into another table by a Python loop, then the table dropped.
      format: 'alembic',
      history: [POLICY_HISTORY],
      code: upgrade(...POLICY_LOOP, 'op.drop_table("policy")'),
      errors: [{ line: 10, column: 5, severity: 'info', message: 'upgrade() drops table "policy"; its values were copied into table "rule" first' }],
    },
    {
      // The same through the ORM: a model instance per row read, added to a session.
      format: 'alembic',
      history: [POLICY_HISTORY],
      code: ORM_COPY('session.add(Rule(policy_id=old.id, title=old.name, text=old.body))'),
      errors: [{ line: 15, column: 5, severity: 'info', message: 'upgrade() drops table "policy"; its values were copied into table "rule" first' }],
    },
    {
      // A model instance made but never added to a session writes nothing.
      format: 'alembic',
      history: [POLICY_HISTORY],
      code: ORM_COPY('print(Rule(policy_id=old.id, title=old.name, text=old.body))'),
      errors: [{ line: 15, column: 5, severity: 'error', message: 'upgrade() drops table "policy"; all of its rows are lost' }],
    },
    {
      // The loop skips some rows: the finding stays.
      format: 'alembic',
      history: [POLICY_HISTORY],
      code: upgrade(...POLICY_LOOP.slice(0, 2), '    if row.body is None:', '        continue', POLICY_LOOP[2]!, 'op.drop_table("policy")'),
      errors: [{ line: 12, column: 5, severity: 'error', message: /but only by a copy with an if clause: values it leaves out are lost$/ }],
    },
    {
      // The loop writes only some columns of each row: the others are lost.
      format: 'alembic',
      history: [POLICY_HISTORY],
      code: upgrade(
        ...POLICY_LOOP.slice(0, 2),
        '    conn.execute(sa.text("INSERT INTO rule (policy_id) VALUES (:i)"), {"i": row.id})',
        'op.drop_table("policy")',
      ),
      errors: [
        { line: 10, column: 5, severity: 'error', message: /copied into table "rule" first, but without columns "name", "body": their values are lost$/ },
      ],
    },
    {
      // A view storing rows of its own: derived, so a warning, not an error.
      code: 'DROP TABLE IF EXISTS sessions_l7d_mv;',
      dialect: 'clickhouse',
      history: ['CREATE MATERIALIZED VIEW sessions_l7d_mv ENGINE = ReplacingMergeTree ORDER BY id TTL ts + INTERVAL 7 DAY AS SELECT * FROM sessions;'],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'warning',
          message:
            'migration drops materialized view "sessions_l7d_mv"; the rows it stores are derived from its source tables, and can be computed again only from what they still hold',
        },
      ],
    },
    {
      // A table of rows the history knows, replaced by a view of the same name: its rows are gone.
      code: 'DROP TABLE analytics.browser;\nCREATE MATERIALIZED VIEW analytics.browser TO analytics.autocomplete AS\nSELECT project_id, browser AS value FROM analytics.sessions;',
      dialect: 'clickhouse',
      history: ['CREATE TABLE analytics.browser (project_id UInt16, value String) ENGINE = MergeTree ORDER BY project_id;'],
      errors: [{ line: 1, column: 1, message: 'migration drops table "analytics.browser"; all of its rows are lost' }],
    },
    {
      // Re-created as a view with storage of its own and no POPULATE: the rows it held are not computed again.
      code: 'DROP TABLE daily;\nCREATE MATERIALIZED VIEW daily ENGINE = SummingMergeTree ORDER BY day AS SELECT toDate(ts) AS day, count() AS n FROM events GROUP BY day;',
      dialect: 'clickhouse',
      errors: [{ line: 1, column: 1, message: 'migration drops table "daily"; all of its rows are lost' }],
    },
    {
      // A re-run guard: no migration made the name before, and this one makes it again (by rename or creation).
      code: 'DROP TABLE IF EXISTS a_old;\nALTER TABLE a RENAME TO a_old;\nCREATE TABLE a (id int);',
      history: ['CREATE TABLE a (id int);'],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'warning',
          message:
            'migration drops "a_old" if it exists, then makes it again; no migration creates it before, so only what an earlier run of this migration left is lost',
        },
      ],
    },
    {
      // A scratch name: made and removed again by the migration (SQLite's rename-away rebuild), in a set that starts from
      // an existing schema, where the history cannot say the name is new.
      code: 'DROP TABLE IF EXISTS _user_old;\nALTER TABLE user RENAME TO _user_old;\nCREATE TABLE user (id int, role text);\nINSERT INTO user (id, role) SELECT id, role FROM _user_old;\nDROP TABLE _user_old;',
      history: ['ALTER TABLE user ADD COLUMN role text;'],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'warning',
          message:
            'migration drops "_user_old" if it exists, then makes a table of that name and removes it again: a name it uses as scratch, so only what an earlier run of this migration left (or a table of that name droplint does not know) is lost',
        },
        // The old table, once its rows are copied back.
        { line: 5, column: 1, severity: 'info', message: 'migration drops table "_user_old"; its values were copied into table "user" first' },
      ],
    },
    {
      // The same guard before a rebuild by copy-then-swap into a temporary table, in a first migration.
      code: 'DROP TABLE IF EXISTS item_temp;\nCREATE TABLE item_temp (id int, note text);\nINSERT INTO item_temp (id, note) SELECT id, note FROM item;\nDROP TABLE item;\nALTER TABLE item_temp RENAME TO item;',
      errors: [{ line: 1, column: 1, severity: 'warning', message: /then makes a table of that name and removes it again: a name it uses as scratch/ }],
    },
    {
      // A guard whose name the migration leaves standing is no scratch: where the set starts from an existing schema, which
      // may hold the table, a warning that says so.
      code: 'DROP TABLE IF EXISTS _user_old;\nALTER TABLE user RENAME TO _user_old;\nCREATE TABLE user (id int);',
      history: ['ALTER TABLE user ADD COLUMN role text;'],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'warning',
          message:
            'migration drops "_user_old" if it exists, then makes it again; no earlier migration creates it, but the set starts from an existing schema, which may hold a table of that name: what it holds is lost',
        },
      ],
    },
    // Without IF EXISTS, or in a first migration (no history to say the table is new), the table may be a live one: an error.
    {
      code: 'DROP TABLE a_old;\nALTER TABLE a RENAME TO a_old;',
      history: ['CREATE TABLE a (id int);'],
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table "a_old"; all of its rows are lost' }],
    },
    {
      code: 'DROP TABLE IF EXISTS users;\nCREATE TABLE users (id int);',
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table "users"; all of its rows are lost' }],
    },
    {
      code: 'DROP TABLE IF EXISTS users;\nCREATE TABLE users (id int);',
      history: ['ALTER TABLE accounts ADD COLUMN nick text;'],
      errors: [{ line: 1, column: 1, severity: 'warning', message: /no earlier migration creates it, but the set starts from an existing schema/ }],
    },
    {
      // No migration says what it is; named as ClickHouse names materialized views: a warning that says so.
      code: 'DROP TABLE IF EXISTS analytics.autocomplete_events_mv;',
      dialect: 'clickhouse',
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'warning',
          message:
            'migration drops "analytics.autocomplete_events_mv", which no migration creates and whose name says materialized view; what such a view stores is derived from its source tables, and can be computed again only from what they still hold',
        },
      ],
    },
    // The name alone says nothing in PostgreSQL, nor where the history created a table of rows by that name.
    {
      code: 'DROP TABLE IF EXISTS events_mv;',
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table "events_mv"; all of its rows are lost' }],
    },
    {
      code: 'DROP TABLE events_mv;',
      dialect: 'clickhouse',
      history: ['CREATE TABLE events_mv (id UInt64) ENGINE = MergeTree ORDER BY id;'],
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table "events_mv"; all of its rows are lost' }],
    },
    {
      // Re-created as a plain view (no TO): not a materialized view writing elsewhere, so still a drop.
      code: 'DROP TABLE analytics.browser;\nCREATE VIEW analytics.browser AS SELECT 1;',
      dialect: 'clickhouse',
      errors: [{ line: 1, column: 1, message: 'migration drops table "analytics.browser"; all of its rows are lost' }],
    },
    {
      // SQLAlchemy Core on a model's table, resolved through its __tablename__.
      ...orm('    Log.__table__.drop(op.get_bind())'),
      errors: [{ line: 18, column: 5, endColumn: 38, table: 'logs', message: 'upgrade() drops table "logs"; all of its rows are lost' }],
    },
    {
      // Every row copied to an archive first.
      code: 'INSERT INTO events_archive SELECT * FROM events;\nDROP TABLE events;',
      errors: [{ line: 2, column: 1, severity: 'info', message: 'migration drops table "events"; its values were copied into table "events_archive" first' }],
    },
    {
      code: 'CREATE TABLE events_2023 AS SELECT * FROM events WHERE year = 2023;\nDROP TABLE events;',
      errors: [{ line: 2, column: 1, severity: 'error', message: /only by a copy with a WHERE clause: values it leaves out are lost$/ }],
    },
    {
      // A rebuild whose copy keeps only some rows is still a drop of the others.
      code: 'CREATE TABLE invoice_new (id bigint);\nINSERT INTO invoice_new SELECT * FROM invoice WHERE total > 0;\nDROP TABLE invoice;\nALTER TABLE invoice_new RENAME TO invoice;',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 4,
          severity: 'error',
          message: 'migration rebuilds table "invoice" copying only the rows its WHERE clause keeps; the others are lost',
        },
      ],
    },
    {
      // A copy made after the drop saved nothing.
      code: 'CREATE TABLE invoice_new (id bigint);\nDROP TABLE invoice;\nINSERT INTO invoice_new SELECT * FROM invoice;\nALTER TABLE invoice_new RENAME TO invoice;',
      errors: [{ line: 2, column: 1, severity: 'error', message: 'migration drops table "invoice"; all of its rows are lost' }],
    },
    {
      // Every row copied, but not every column: the columns left out are lost.
      code: 'INSERT INTO events_archive (id) SELECT id FROM events;\nDROP TABLE events;',
      history: ['CREATE TABLE events (id int, payload text);'],
      errors: [
        {
          line: 2,
          column: 1,
          severity: 'error',
          message:
            'migration drops table "events"; its values were copied into table "events_archive" first, but without column "payload": its values are lost',
        },
      ],
    },
    {
      // The column the rebuild leaves out went, with every row, into another table first.
      code: [
        'INSERT INTO request_methods (id, request_id, config) SELECT id, id, form FROM requests;',
        'INSERT INTO requests_tmp (id, issued_at) SELECT id, issued_at FROM requests;',
        'DROP TABLE requests;',
        'ALTER TABLE requests_tmp RENAME TO requests;',
      ].join('\n'),
      history: ['CREATE TABLE requests (id int, issued_at timestamp, form text);'],
      errors: [
        {
          line: 3,
          column: 1,
          severity: 'info',
          message:
            'migration drops table "requests"; its values were copied into table "requests_tmp", column "form" into column "config" of table "request_methods" first',
        },
      ],
    },
    {
      // Only some rows' values of the left-out column were copied: the others are lost.
      code: [
        "INSERT INTO request_methods (id, config) SELECT id, form FROM requests WHERE kind = 'profile';",
        'INSERT INTO requests_tmp (id, issued_at) SELECT id, issued_at FROM requests;',
        'DROP TABLE requests;',
      ].join('\n'),
      history: ['CREATE TABLE requests (id int, issued_at timestamp, form text, kind text);'],
      errors: [
        {
          line: 3,
          column: 1,
          severity: 'error',
          message:
            'migration drops table "requests"; its values were copied into table "requests_tmp" first, but without columns "form", "kind": their values are lost',
        },
      ],
    },
    {
      // Rows copied into the table itself are kept nowhere else.
      code: 'INSERT INTO events (id) SELECT id FROM events;\nDROP TABLE events;',
      errors: [{ line: 2, column: 1, severity: 'error', message: 'migration drops table "events"; all of its rows are lost' }],
    },
    {
      // Created by the downgrade phase only: the upgrade's drop of the existing table loses its rows.
      code: '-- migrate:up\nDROP TABLE t;\n-- migrate:down\nCREATE TABLE t (id int);\n',
      filename: '20240101120000_t.sql',
      errors: [{ line: 2, column: 1, severity: 'error', table: 't' }],
    },
    {
      code: '-- DropTable\nDROP TABLE "Client";\n',
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 20,
          table: 'Client',
          severity: 'error',
          message: 'migration drops table "Client"; all of its rows are lost',
        },
      ],
    },
    {
      // IF NOT EXISTS: the schema, and its tables, may have been there before.
      code: 'CREATE SCHEMA IF NOT EXISTS archive;\nDROP TABLE archive.users;',
      errors: [{ line: 2, column: 1, severity: 'error', message: 'migration drops table "archive.users"; all of its rows are lost' }],
    },
    {
      // Created by an earlier migration: the application may have filled it since.
      code: 'DROP TABLE archive.users;',
      history: ['CREATE SCHEMA archive;'],
      errors: [{ line: 1, column: 1, severity: 'error', message: 'migration drops table "archive.users"; all of its rows are lost' }],
    },
    {
      // Created by the other phase: the downgrade's schema was not the upgrade's to empty, nor the other way round.
      code: '-- migrate:up\nDROP TABLE archive.users;\n-- migrate:down\nCREATE SCHEMA archive;\n',
      filename: '20240101120000_archive.sql',
      errors: [{ line: 2, column: 1, severity: 'error', table: 'users' }],
    },
    {
      code: '-- migrate:up\nCREATE SCHEMA archive;\n-- migrate:down\nDROP TABLE archive.users;\n',
      filename: '20240101120000_archive.sql',
      errors: [{ line: 4, column: 1, severity: 'warning', table: 'users', message: /all of its rows are lost$/ }],
    },
    {
      // A table moved into the new schema brings its rows.
      code: 'CREATE SCHEMA archive;\nALTER TABLE public.users SET SCHEMA archive;\nDROP TABLE archive.users;',
      errors: [{ line: 3, column: 1, severity: 'error', message: 'migration drops table "archive.users"; all of its rows are lost' }],
    },
    {
      // The call's DROP SCHEMA runs before its CREATE SCHEMA: a table dropped before the call is not the call's.
      code: [
        'CREATE FUNCTION reset(s text) RETURNS void LANGUAGE plpgsql AS $$',
        "BEGIN EXECUTE 'CREATE SCHEMA ' || s; END $$;",
        'DROP TABLE tenant.users;',
        "SELECT reset('tenant');",
      ].join('\n'),
      errors: [{ line: 3, column: 1, severity: 'error', table: 'users' }],
    },
    {
      code: 'DROP TABLE IF EXISTS billing.invoice CASCADE;',
      errors: [{ line: 1, column: 1, endColumn: 45, table: 'invoice', message: 'migration drops table "billing.invoice"; all of its rows are lost' }],
    },
    {
      // Several tables: each is reported at its own name.
      code: 'DROP TABLE session, account;',
      errors: [
        { line: 1, column: 12, endColumn: 19, table: 'session' },
        { line: 1, column: 21, endColumn: 28, table: 'account' },
      ],
    },
    {
      code: 'DROP TABLE "audit_log";',
      filename: '000002_audit.down.sql',
      errors: [{ line: 1, column: 1, severity: 'warning', message: 'down migration drops table "audit_log"; all of its rows are lost' }],
    },
    {
      code: 'DROP TABLE "audit_log";',
      filename: '000002_audit.down.sql',
      downgrade: 'error',
      errors: [{ line: 1, column: 1, severity: 'error' }],
    },
    {
      // A downgrade that removes what its own upgrade added loses nothing that existed before.
      code: '-- migrate:up\nCREATE TABLE t (id int);\n\n-- migrate:down\nDROP TABLE t;\n',
      filename: '20240101120000_t.sql',
      errors: [{ line: 5, column: 1, severity: 'info', table: 't', message: 'down migration drops table "t"; it undoes the upgrade, which created the table' }],
    },
    {
      // A down file's upgrade is its up file: Flyway's U1_0 undoes V1_0 (the tester names the history file V1_0__history.sql).
      code: 'DROP TABLE audit;\nDROP TABLE session;',
      filename: 'U1_0__undo.sql',
      history: ['CREATE TABLE audit (id int);'],
      errors: [
        { line: 1, column: 1, severity: 'info', table: 'audit', message: 'down migration drops table "audit"; it undoes the upgrade, which created the table' },
        { line: 2, column: 1, severity: 'warning', table: 'session' },
      ],
    },
    {
      // Even with downgrade = "error".
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.create_table("tag", sa.Column("id", sa.Integer()))\n    op.rename_table("tag", "label")\n\ndef downgrade():\n    op.drop_table("label")\n    op.drop_table("session")\n',
      format: 'alembic',
      downgrade: 'error',
      errors: [
        { line: 11, column: 5, severity: 'info', table: 'label' },
        // Not added by its upgrade: it keeps its severity.
        { line: 12, column: 5, severity: 'error', table: 'session', message: 'downgrade() drops table "session"; all of its rows are lost' },
      ],
    },
    {
      code: 'DO $$\nBEGIN\n  DROP TABLE legacy_sessions;\nEND\n$$;',
      errors: [{ line: 3, column: 3, endColumn: 29, table: 'legacy_sessions' }],
    },
    {
      // A materialized view without TO stores its rows in an inner table of its own.
      code: 'DROP TABLE traces_inner SYNC;',
      dialect: 'clickhouse',
      history: [
        'CREATE TABLE traces_null ON CLUSTER default\n(\n    `id` String,\n    `ts` DateTime64(3) CODEC(Delta, ZSTD(3))\n) Engine = Null();',
        'CREATE MATERIALIZED VIEW traces_inner\nENGINE = SummingMergeTree ORDER BY day AS\nSELECT toDate(ts) AS day, count() AS n FROM traces_null GROUP BY day;',
      ],
      errors: [{ line: 1, column: 1, endColumn: 29, table: 'traces_inner' }],
    },
    {
      code: 'DROP TABLE IF EXISTS traces_daily ON CLUSTER default SYNC;',
      dialect: 'clickhouse',
      history: [
        'CREATE TABLE traces_daily (project_id String, day Date, n UInt64) ENGINE = SummingMergeTree ORDER BY (project_id, day);',
        'CREATE MATERIALIZED VIEW traces_mv ON CLUSTER default TO traces_daily AS\nSELECT project_id, toDate(ts) AS day, count() AS n FROM traces_null GROUP BY project_id, day;',
      ],
      errors: [{ line: 1, column: 1, endColumn: 58, table: 'traces_daily' }],
    },
    {
      // A Unicode-escaped name is the table it spells, not a table named U.
      code: 'DROP TABLE U&"d\\0061ta";',
      errors: [{ line: 1, column: 1, endColumn: 24, table: 'data', message: 'migration drops table "data"; all of its rows are lost' }],
    },
    {
      code: 'DROP TABLE `Post`;',
      dialect: 'mysql',
      errors: [{ line: 1, column: 1, table: 'Post' }],
    },
    {
      code: 'BEGIN TRY\n\nBEGIN TRAN;\n\n-- DropTable\nDROP TABLE [dbo].[Post];\n\nCOMMIT TRAN;\n\nEND TRY\nBEGIN CATCH\n\nIF @@TRANCOUNT > 0\nBEGIN\n    ROLLBACK TRAN;\nEND;\nTHROW\n\nEND CATCH\n',
      dialect: 'sqlserver',
      errors: [{ line: 6, column: 1, endColumn: 24, table: 'Post', message: 'migration drops table "dbo.Post"; all of its rows are lost' }],
    },
    {
      // Each row derived into two tables: the second copy joins the first's rows on the key it wrote, and matches every row.
      history: ['CREATE TABLE document (id integer PRIMARY KEY, title text, status text, data_id text);'],
      code: derivedRows("'doc_'"),
      errors: [
        {
          line: 3,
          column: 1,
          severity: 'info',
          message:
            'migration drops table "document"; its values were copied into table "envelope", column "data_id" into column "data_id" of table "envelope_item" first',
        },
      ],
    },
    {
      // The join's key is not what the first copy wrote: the second copy may match no row.
      history: ['CREATE TABLE document (id integer PRIMARY KEY, title text, status text, data_id text);'],
      code: derivedRows("'document_'"),
      errors: [
        {
          line: 3,
          column: 1,
          severity: 'error',
          message: 'migration drops table "document"; its values were copied into table "envelope" first, but without column "data_id": its values are lost',
        },
      ],
    },
    {
      // A column split off into a table of its own, for the rows that hold a value: the rows left out held nothing there.
      history: ['CREATE TABLE scenes (id int, title text, cover blob);'],
      code: coverSplitOff('cover IS NOT NULL'),
      errors: [
        {
          line: 6,
          column: 1,
          severity: 'info',
          message:
            'migration drops table "_scenes_old"; its values were copied into table "scenes", column "cover" into column "cover" of table "scenes_cover" first',
        },
      ],
    },
    {
      // It also leaves out rows without a title, whose cover is lost.
      history: ['CREATE TABLE scenes (id int, title text, cover blob);'],
      code: coverSplitOff('cover IS NOT NULL AND title IS NOT NULL'),
      errors: [
        {
          line: 6,
          column: 1,
          severity: 'error',
          message: 'migration drops table "_scenes_old"; its values were copied into table "scenes" first, but without column "cover": its values are lost',
        },
      ],
    },
  ],
});

/** A table rebuilt without its `cover` column, which goes into a table of its own for the rows `where` keeps. */
function coverSplitOff(where: string): string {
  return [
    'ALTER TABLE scenes RENAME TO _scenes_old;',
    'CREATE TABLE scenes (id int, title text);',
    'INSERT INTO scenes (id, title) SELECT id, title FROM _scenes_old;',
    'CREATE TABLE scenes_cover (scene_id int, cover blob);',
    `INSERT INTO scenes_cover (scene_id, cover) SELECT id, cover FROM _scenes_old WHERE ${where};`,
    'DROP TABLE _scenes_old;',
  ].join('\n');
}

/** Every document made an envelope (keyed `'doc_' || id`) and an envelope item found by joining on `prefix || id`; then the table dropped. */
function derivedRows(prefix: string): string {
  return [
    "INSERT INTO envelope (secondary_id, title, status) SELECT 'doc_' || d.id, d.title, d.status FROM document d;",
    `INSERT INTO envelope_item (data_id, envelope_id) SELECT d.data_id, e.id FROM document d JOIN envelope e ON e.secondary_id = ${prefix} || d.id;`,
    'DROP TABLE document;',
  ].join('\n');
}

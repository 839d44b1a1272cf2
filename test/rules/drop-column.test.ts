import rule from '../../rules/drop-column.js';
import { upgrade } from './orm-migration.js';
import { testRule } from './rule-tester.js';

const INIT_SQLITE = `-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "bio" TEXT,
    "age" INTEGER
);
`;

const REDEFINE_WITHOUT_BIO = `/*
  Warnings:

  - You are about to drop the column \`bio\` on the \`User\` table. All the data in the column will be lost.

*/
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "age" INTEGER
);
INSERT INTO "new_User" ("age", "email", "id") SELECT "age", "email", "id" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`;

const REDEFINE_KEEPING_ALL = `-- RedefineTables
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "bio" TEXT,
    "age" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_User" ("age", "bio", "email", "id") SELECT coalesce("age", 0) AS "age", "bio", "email", "id" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
PRAGMA foreign_keys=ON;
`;

/** Reads every row's id and value, and writes json_value back on the row by its id. */
const LOOP_COPY = [
  'conn = op.get_bind()',
  'rows = conn.execute(sa.text("SELECT id, value FROM variable")).fetchall()',
  'for variable_id, value in rows:',
  '    conn.execute(sa.text("UPDATE variable SET json_value = :v WHERE id = :id"), {"v": json.dumps(value), "id": variable_id})',
];

const LIMITED_BY_JOIN =
  'migration drops column "timezone" of table "links"; its values were copied into column "timezone" of table "schedules" first, but only by a copy with a JOIN clause: values it leaves out are lost';

testRule(rule, {
  valid: [
    'ALTER TABLE "User" ADD COLUMN "bio" TEXT;',
    'ALTER TABLE "Invoice" DROP CONSTRAINT "Invoice_userId_fkey";',
    'ALTER TABLE "User" ALTER COLUMN "name" DROP NOT NULL;',
    'ALTER TABLE "User" ALTER COLUMN "name" DROP DEFAULT;',
    "SELECT 'ALTER TABLE x DROP COLUMN y';",
    { code: REDEFINE_KEEPING_ALL, dialect: 'sqlite', format: 'prisma', history: [INIT_SQLITE] },
    // A temporary column added and dropped by one upgrade held nothing that existed before.
    'ALTER TABLE "User" ADD COLUMN "tmp_rank" INTEGER;\nUPDATE "User" SET "rank" = "tmp_rank";\nALTER TABLE "User" DROP COLUMN "tmp_rank";',
    // Names fold: TMP_RANK is the column added as tmp_rank.
    'ALTER TABLE public.users ADD COLUMN tmp_rank int;\nALTER TABLE users DROP COLUMN TMP_RANK;',
    // A column of a table the same migration created, or of a table in a schema it created.
    "CREATE SCHEMA staging;\nSELECT copy_tables('public', 'staging');\nALTER TABLE staging.users DROP COLUMN password;",
    'CREATE TABLE staging (id int, raw text);\nALTER TABLE staging DROP COLUMN raw;',
    // Created IF NOT EXISTS: the columns it lists may be new.
    'CREATE TABLE IF NOT EXISTS scratch (id int, raw text);\nALTER TABLE scratch DROP COLUMN raw;',
    // A scratch column of a table rebuilt by copy-then-swap, one the copy never filled.
    {
      code: 'CREATE TABLE new_t (a int, tmp int);\nINSERT INTO new_t (a) SELECT a FROM t;\nALTER TABLE new_t DROP COLUMN tmp;\nDROP TABLE t;\nALTER TABLE new_t RENAME TO t;',
      history: ['CREATE TABLE t (a int);'],
    },
    // Dropped twice (a squashed baseline): the second finds nothing.
    'CREATE TABLE IF NOT EXISTS scratch (id int, raw text);\nALTER TABLE scratch DROP COLUMN raw;\nALTER TABLE scratch DROP COLUMN IF EXISTS raw;',
    // Renamed after it was added: still the migration's own column.
    'ALTER TABLE users ADD COLUMN tmp int;\nALTER TABLE users RENAME COLUMN tmp TO tmp2;\nALTER TABLE users DROP COLUMN tmp2;',
    {
      format: 'alembic',
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.add_column("user", sa.Column("tmp_id", sa.Integer()))\n    op.execute("UPDATE \\"user\\" SET tmp_id = id")\n    op.drop_column("user", "tmp_id")\n\ndef downgrade():\n    pass\n',
    },
    // A suppression above the rebuild (PRAGMAs may stand between) covers the columns it loses.
    {
      code: '-- droplint-ignore drop-column: "bio" moved to "Profile" in V7\n' + REDEFINE_WITHOUT_BIO.slice(REDEFINE_WITHOUT_BIO.indexOf('-- RedefineTables')),
      dialect: 'sqlite',
      history: [INIT_SQLITE],
    },
  ],
  invalid: [
    {
      // DROP COLUMN IF EXISTS of a column no migration of a set that knows every table ever added: a cleanup, a warning.
      code: 'ALTER TABLE "Job" DROP COLUMN IF EXISTS "summary";',
      history: ['CREATE TABLE "Job" ("id" TEXT NOT NULL, "name" TEXT);', 'ALTER TABLE "Job" ADD COLUMN "state" TEXT;'],
      errors: [
        {
          line: 1,
          column: 19,
          severity: 'warning',
          message:
            'migration drops column "summary" of table "Job" if it exists; no earlier migration of this set leaves it in the table, so a database these migrations built has none to drop (one changed by hand may)',
        },
      ],
    },
    {
      // A type changed by copy-then-swap, the copy made before the renames: the dropped column is the one copied.
      code: [
        'ALTER TABLE jobs ADD COLUMN id_big bigint;',
        'UPDATE jobs SET id_big = id;',
        'ALTER TABLE jobs RENAME COLUMN id TO id_old;',
        'ALTER TABLE jobs RENAME COLUMN id_big TO id;',
        'ALTER TABLE jobs DROP COLUMN id_old;',
        'ALTER TABLE jobs DROP COLUMN state;',
      ].join('\n'),
      errors: [
        {
          line: 5,
          column: 18,
          severity: 'info',
          message: 'migration drops column "id_old" of table "jobs"; its values were copied into column "id_big" first',
        },
        { line: 6, column: 18, severity: 'error', message: 'migration drops column "state" of table "jobs"; its data is lost' },
      ],
    },
    {
      // The same swap over three migrations (add and backfill, rename both, drop): the copy is followed through the renames.
      code: 'ALTER TABLE jobs DROP COLUMN id_old;',
      history: [
        'CREATE TABLE jobs (id int, state text);',
        'ALTER TABLE jobs ADD COLUMN id_big bigint;\nUPDATE jobs SET id_big = id;',
        'ALTER TABLE jobs RENAME COLUMN id TO id_old;\nALTER TABLE jobs RENAME COLUMN id_big TO id;',
      ],
      errors: [
        {
          line: 1,
          column: 18,
          severity: 'info',
          message: 'migration drops column "id_old" of table "jobs"; an earlier migration copied its values into column "id"',
        },
      ],
    },
    {
      // Renamed away, but the copy was dropped since: the values are lost.
      code: 'ALTER TABLE jobs DROP COLUMN id_old;',
      history: [
        'CREATE TABLE jobs (id int, state text);',
        'ALTER TABLE jobs ADD COLUMN id_big bigint;\nUPDATE jobs SET id_big = id;',
        'ALTER TABLE jobs RENAME COLUMN id TO id_old;\nALTER TABLE jobs DROP COLUMN id_big;',
      ],
      errors: [{ line: 1, column: 18, severity: 'error', message: 'migration drops column "id_old" of table "jobs"; its data is lost' }],
    },
    {
      // A copy in the body of a function its migration never calls copied nothing.
      code: 'ALTER TABLE users DROP COLUMN password;',
      history: [
        'CREATE TABLE users (id int, password text);\nCREATE TABLE credentials (user_id int, hash text);',
        'CREATE FUNCTION move_passwords() RETURNS void LANGUAGE sql AS $$\n  INSERT INTO credentials (hash, user_id) SELECT password, id FROM users;\n$$;',
      ],
      errors: [{ line: 1, column: 19, severity: 'error', message: 'migration drops column "password" of table "users"; its data is lost' }],
    },
    {
      // What is info already stays info: the table was emptied first, where its rows are reported.
      code: 'TRUNCATE "Job";\nALTER TABLE "Job" DROP COLUMN IF EXISTS "summary";',
      history: ['CREATE TABLE "Job" ("id" TEXT NOT NULL, "name" TEXT);'],
      errors: [{ line: 2, column: 19, severity: 'info' }],
    },
    {
      // Added by an earlier migration: it exists, and IF EXISTS changes nothing.
      code: 'ALTER TABLE "Job" DROP COLUMN IF EXISTS "state";',
      history: ['CREATE TABLE "Job" ("id" TEXT NOT NULL, "name" TEXT);', 'ALTER TABLE "Job" ADD COLUMN "state" TEXT;'],
      errors: [{ line: 1, column: 19, severity: 'error', message: 'migration drops column "state" of table "Job"; its data is lost' }],
    },
    {
      // Without IF EXISTS the statement fails on a missing column: it is written for one that is there.
      code: 'ALTER TABLE "Job" DROP COLUMN "summary";',
      history: ['CREATE TABLE "Job" ("id" TEXT NOT NULL, "name" TEXT);'],
      errors: [{ line: 1, column: 19, severity: 'error' }],
    },
    {
      // A set that starts from an existing schema cannot say which columns its tables had.
      code: 'ALTER TABLE "Job" DROP COLUMN IF EXISTS "summary";',
      history: ['CREATE TABLE IF NOT EXISTS "Job" ("id" TEXT NOT NULL, "name" TEXT);'],
      errors: [{ line: 1, column: 19, severity: 'error' }],
    },
    {
      // CREATE TABLE IF NOT EXISTS of a table that stood (a column it does not list is dropped, or the table was just renamed to its name) creates nothing.
      code: 'CREATE TABLE IF NOT EXISTS fav_task (id int, task_type text);\nALTER TABLE fav_task DROP COLUMN task_name;',
      errors: [{ line: 2, column: 22, message: /column "task_name" of table "fav_task"/ }],
    },
    {
      dialect: 'mysql',
      code: 'ALTER TABLE t_fav RENAME TO fav_task;\nCREATE TABLE IF NOT EXISTS fav_task (id int, task_type text);\nALTER TABLE fav_task DROP COLUMN task_type;',
      errors: [{ line: 3, column: 22, message: /column "task_type" of table "fav_task"/ }],
    },
    {
      // Copy-then-swap by a Python loop: each row read, its value written back into the new column.
      format: 'alembic',
      code: upgrade('op.add_column("variable", sa.Column("json_value", sa.JSON()))', ...LOOP_COPY, 'op.drop_column("variable", "value")'),
      errors: [
        {
          line: 12,
          column: 5,
          severity: 'info',
          message: 'upgrade() drops column "value" of table "variable"; its values were copied into column "json_value" first',
        },
      ],
    },
    {
      // The loop reads only some rows: the others' values are lost.
      format: 'alembic',
      code: upgrade(...LOOP_COPY.map((l) => l.replace('FROM variable', 'FROM variable WHERE value IS NOT NULL')), 'op.drop_column("variable", "value")'),
      errors: [
        {
          line: 11,
          column: 5,
          severity: 'error',
          message:
            'upgrade() drops column "value" of table "variable"; its values were copied into column "json_value" first, but only by a copy with a WHERE clause: values it leaves out are lost',
        },
      ],
    },
    {
      // A write the loop may skip (an if in its body) is no full copy either.
      format: 'alembic',
      code: upgrade(...LOOP_COPY.slice(0, 3), '    if value:', `    ${LOOP_COPY[3]}`, 'op.drop_column("variable", "value")'),
      errors: [{ line: 12, column: 5, severity: 'error', message: /but only by a copy with an if clause: values it leaves out are lost$/ }],
    },
    {
      // The loop copies another column (or a constant) than the one dropped: its values are lost.
      format: 'alembic',
      code: upgrade(
        'conn = op.get_bind()',
        'for id, name, value in conn.execute(sa.text("SELECT id, name, value FROM variable")):',
        '    conn.execute(sa.text("UPDATE variable SET label = :n, json_value = :c WHERE id = :id"), {"n": name.title(), "c": "{}", "id": id})',
        'op.drop_column("variable", "value")',
      ),
      errors: [{ line: 10, column: 5, severity: 'error', message: 'upgrade() drops column "value" of table "variable"; its data is lost' }],
    },
    {
      // SQLAlchemy Core: every row's values inserted into another table by from_select, then dropped; a filtered select keeps the finding.
      format: 'alembic',
      code: upgrade(
        't = sa.table("t", sa.column("id"), sa.column("old"), sa.column("flag"))',
        'other = sa.table("other", sa.column("t_id"), sa.column("name"), sa.column("flag"))',
        'op.execute(other.insert().from_select(["t_id", "name"], sa.select(t.c.id, t.c.old)))',
        'op.drop_column("t", "old")',
        'op.execute(other.insert().from_select(["t_id", "flag"], sa.select(t.c.id, t.c.flag).where(t.c.flag.isnot(None))))',
        'op.drop_column("t", "flag")',
      ),
      errors: [
        {
          line: 10,
          column: 5,
          severity: 'info',
          message: 'upgrade() drops column "old" of table "t"; its values were copied into column "name" of table "other" first',
        },
        { line: 12, column: 5, severity: 'error', message: /only by a copy with a WHERE clause/ },
      ],
    },
    {
      // SQLAlchemy Core: the whole column copied by one UPDATE, then dropped.
      format: 'alembic',
      code: upgrade(
        'queries = sa.table("queries", sa.Column("schedule", sa.Text()), sa.Column("old_schedule", sa.Text()))',
        'op.execute(queries.update().values({"old_schedule": queries.c.schedule}))',
        'op.drop_column("queries", "schedule")',
      ),
      errors: [
        {
          line: 9,
          column: 5,
          severity: 'info',
          message: 'upgrade() drops column "schedule" of table "queries"; its values were copied into column "old_schedule" first',
        },
      ],
    },
    {
      code: '-- AlterTable\nALTER TABLE "Invoice" DROP COLUMN "taxRate",\nADD COLUMN     "organizationId" TEXT;\n',
      errors: [
        {
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 44,
          table: 'Invoice',
          column_: 'taxRate',
          message: 'migration drops column "taxRate" of table "Invoice"; its data is lost',
        },
      ],
    },
    {
      code: 'ALTER TABLE users DROP COLUMN IF EXISTS legacy_id CASCADE, DROP COLUMN avatar;',
      errors: [
        { line: 1, column: 19, column_: 'legacy_id' },
        { line: 1, column: 60, column_: 'avatar' },
      ],
    },
    {
      code: 'ALTER TABLE `User` DROP COLUMN `bio`,\n    ADD COLUMN `about` VARCHAR(191) NULL;',
      dialect: 'mysql',
      errors: [{ line: 1, column: 20, endColumn: 37, column_: 'bio' }],
    },
    {
      code: 'ALTER TABLE [dbo].[User] DROP COLUMN [bio], [age];',
      dialect: 'sqlserver',
      errors: [
        { line: 1, column: 26, column_: 'bio', table: 'User' },
        { line: 1, column: 45, column_: 'age', table: 'User' },
      ],
    },
    {
      // Added by the upgrade, dropped again in the same upgrade after a downgrade-only step: the drop
      // of "bio", which the migration did not add, is still reported.
      code: 'ALTER TABLE users ADD COLUMN tmp int;\nALTER TABLE users DROP COLUMN tmp;\nALTER TABLE users DROP COLUMN bio;',
      errors: [{ line: 3, column: 19, column_: 'bio' }],
    },
    {
      // Added by the upgrade, dropped by the downgrade: info. A column the upgrade did not add keeps the downgrade severity.
      format: 'alembic',
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.add_column("user", sa.Column("nick", sa.Text()))\n\ndef downgrade():\n    op.drop_column("user", "nick")\n    op.drop_column("user", "email")\n',
      errors: [
        { line: 10, column: 5, severity: 'info', message: 'downgrade() drops column "nick" of table "user"; it undoes the upgrade, which added the column' },
        { line: 11, column: 5, severity: 'warning', column_: 'email' },
      ],
    },
    {
      // Copy-then-swap: every value went to the new column first.
      code: 'ALTER TABLE users RENAME COLUMN kind TO kind_old;\nALTER TABLE users ADD COLUMN kind text;\nUPDATE users SET kind = kind_old::text;\nALTER TABLE users DROP COLUMN kind_old;',
      errors: [
        {
          line: 4,
          column: 19,
          severity: 'info',
          column_: 'kind_old',
          message: 'migration drops column "kind_old" of table "users"; its values were copied into column "kind" first',
        },
      ],
    },
    {
      // The same through Alembic's op.execute.
      format: 'alembic',
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.add_column("user", sa.Column("email_v2", sa.Text()))\n    op.execute("UPDATE \\"user\\" SET email_v2 = lower(email)")\n    op.drop_column("user", "email")\n\ndef downgrade():\n    pass\n',
      errors: [
        {
          line: 9,
          column: 5,
          severity: 'info',
          message: 'upgrade() drops column "email" of table "user"; its values were copied into column "email_v2" first',
        },
      ],
    },
    {
      // Alembic on PostgreSQL (its dialect module imported): nullable=False without server_default runs only on an empty table.
      format: 'alembic',
      code: upgrade(
        'op.add_column("post_reaction", sa.Column("work_package_id", postgresql.UUID(as_uuid=True), nullable=False))',
        'op.drop_column("post_reaction", "post_id")',
      ).replace('import json', 'from sqlalchemy.dialects import postgresql'),
      errors: [
        {
          line: 8,
          column: 5,
          severity: 'info',
          message:
            'upgrade() drops column "post_id" of table "post_reaction"; the table must be empty for the migration to run (it adds column "work_package_id" NOT NULL without a default, which PostgreSQL refuses on a table with rows), so no value is lost',
        },
      ],
    },
    {
      // Without the dialect shown, or with a server_default, the drop loses the column.
      format: 'alembic',
      code: upgrade(
        'op.add_column("post_reaction", sa.Column("work_package_id", sa.Integer(), nullable=False))',
        'op.drop_column("post_reaction", "post_id")',
        'op.add_column("task", sa.Column("rank", postgresql.INTEGER(), server_default="0", nullable=False))',
        'op.drop_column("task", "score")',
      ).replace('import json', 'import sqlalchemy.dialects.mysql'),
      errors: [
        { line: 8, column: 5, severity: 'error', message: 'upgrade() drops column "post_id" of table "post_reaction"; its data is lost' },
        { line: 10, column: 5, severity: 'error', message: 'upgrade() drops column "score" of table "task"; its data is lost' },
      ],
    },
    {
      // An integer primary key added is numbered by the database (SERIAL): the table may hold rows.
      format: 'alembic',
      code: upgrade(
        'op.add_column("chat_message", sa.Column("id", sa.Integer(), primary_key=True, nullable=False))',
        'op.drop_column("chat_message", "latest")',
      ).replace('import json', 'from sqlalchemy.dialects import postgresql'),
      errors: [{ line: 8, column: 5, severity: 'error', message: 'upgrade() drops column "latest" of table "chat_message"; its data is lost' }],
    },
    {
      // Prisma's ALTER TABLE: the column it adds NOT NULL without a default makes PostgreSQL refuse a table with rows, the drop with it.
      format: 'prisma',
      code: 'ALTER TABLE "Account" ADD COLUMN "password" TEXT;\n\nALTER TABLE "Session" DROP COLUMN "expires",\nADD COLUMN "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,\nADD COLUMN "expiresAt" TIMESTAMP(3) NOT NULL;\n',
      errors: [
        {
          line: 3,
          column: 23,
          severity: 'info',
          message:
            'migration drops column "expires" of table "Session"; the table must be empty for the migration to run (it adds column "expiresAt" NOT NULL without a default, which PostgreSQL refuses on a table with rows), so no value is lost',
        },
      ],
    },
    {
      // The same added first, in a statement of its own: the table was empty when the drop ran.
      format: 'prisma',
      code: 'ALTER TABLE "Session" ADD COLUMN "token" TEXT PRIMARY KEY;\nALTER TABLE "Session" DROP COLUMN "expires";',
      errors: [{ line: 2, column: 23, severity: 'info', column_: 'expires' }],
    },
    {
      // A plain SQL file is PostgreSQL only by default: in MySQL, which fills the new column with the type's own default, the column is lost.
      code: 'ALTER TABLE Session DROP COLUMN expires, ADD COLUMN expiresAt DATETIME(3) NOT NULL;',
      errors: [{ line: 1, column: 21, severity: 'error', column_: 'expires' }],
    },
    {
      // A plain SQL file in syntax only PostgreSQL accepts (BYTEA) shows its dialect: PostgreSQL refuses a table with rows.
      code: '-- +goose Up\nALTER TABLE "UserOAuth" DROP COLUMN "accessToken",\nADD COLUMN "accessToken" BYTEA NOT NULL;',
      errors: [
        {
          line: 2,
          column: 25,
          severity: 'info',
          message:
            'migration drops column "accessToken" of table "UserOAuth"; the table must be empty for the migration to run (it adds column "accessToken" NOT NULL without a default, which PostgreSQL refuses on a table with rows), so no value is lost',
        },
      ],
    },
    {
      // A default, an identity or a serial gives the rows a value, and a column added IF NOT EXISTS may be there already:
      // the table may have rows, and the drop loses its column.
      code: 'ALTER TABLE "Session" DROP COLUMN "a", ADD COLUMN "b" int NOT NULL DEFAULT 0, ADD COLUMN "c" int GENERATED ALWAYS AS IDENTITY, ADD COLUMN "d" bigserial NOT NULL, ADD COLUMN IF NOT EXISTS "e" int NOT NULL;',
      errors: [{ line: 1, column: 23, severity: 'error', message: 'migration drops column "a" of table "Session"; its data is lost' }],
    },
    {
      // MySQL gives existing rows the type's implicit default: the table may have rows.
      dialect: 'mysql',
      code: 'ALTER TABLE `Session` DROP COLUMN `expires`, ADD COLUMN `expiresAt` DATETIME(3) NOT NULL;',
      errors: [{ line: 1, column: 23, severity: 'error', column_: 'expires' }],
    },
    {
      // Added later, after another table's change: were the migration not run as one transaction, the drop would stay done.
      code: 'ALTER TABLE "Session" DROP COLUMN "expires";\nALTER TABLE "User" ADD COLUMN "bio" TEXT;\nALTER TABLE "Session" ADD COLUMN "expiresAt" TIMESTAMP(3) NOT NULL;',
      errors: [{ line: 1, column: 23, severity: 'error', column_: 'expires' }],
    },
    {
      // A boolean turned into a status: constants written where it is true and where it is false, into a column the migration added.
      code: "ALTER TABLE applications ADD COLUMN status text;\nUPDATE applications SET status = 'approved' WHERE is_approved = TRUE;\nUPDATE applications SET status = 'declined' WHERE NOT is_approved;\nALTER TABLE applications DROP COLUMN is_approved;",
      errors: [
        {
          line: 4,
          column: 26,
          severity: 'info',
          message:
            'migration drops column "is_approved" of table "applications"; its values were encoded into column "status" first (a constant written where it is true or false)',
        },
      ],
    },
    {
      // The same through Alembic, one side only: the new column is NULL where the flag is not set, which tells the rows apart.
      format: 'alembic',
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.add_column("case_cost_type", sa.Column("model_type", sa.String(), nullable=True))\n    op.execute(\'UPDATE case_cost_type SET model_type = \\\'New\\\' WHERE "default" = true\')\n    op.drop_column("case_cost_type", "default")\n\ndef downgrade():\n    pass\n',
      errors: [{ line: 9, column: 5, severity: 'info', column_: 'default' }],
    },
    {
      // Into a column that already held values: rows where the flag is not set keep whatever it held, which may be the same constant.
      code: "UPDATE applications SET status = 'approved' WHERE is_approved;\nALTER TABLE applications DROP COLUMN is_approved;",
      errors: [
        {
          line: 2,
          column: 26,
          severity: 'error',
          message:
            'migration drops column "is_approved" of table "applications"; its values were copied into column "status" first, but only by a copy with a WHERE clause: values it leaves out are lost',
        },
      ],
    },
    {
      // The rows the copy leaves out hold the literal it skips, and the new column's default is that literal.
      code: [
        "ALTER TABLE hydra_client ADD COLUMN contacts_json jsonb DEFAULT '[]' NOT NULL;",
        "UPDATE hydra_client SET contacts_json = cast('[\"' || REPLACE(contacts, '|', '\",\"') || '\"]' as jsonb) WHERE contacts <> '[]';",
        'ALTER TABLE hydra_client DROP COLUMN contacts;',
      ].join('\n'),
      errors: [
        {
          line: 3,
          column: 26,
          severity: 'info',
          message: 'migration drops column "contacts" of table "hydra_client"; its values were copied into column "contacts_json" first',
        },
      ],
    },
    {
      // The surrogate key, replaced by a primary key on other columns in the same statement: a warning.
      code: [
        'ALTER TABLE captcha_answer DROP CONSTRAINT captcha_answer_uuid_key;',
        'ALTER TABLE comment_like',
        '    DROP COLUMN id,',
        '    ADD PRIMARY KEY (person_id, comment_id),',
        '    DROP CONSTRAINT comment_like_comment_id_person_id_key;',
      ].join('\n'),
      errors: [
        {
          line: 3,
          column: 5,
          severity: 'warning',
          message:
            'migration drops column "id" of table "comment_like"; it is the key the primary key ("person_id", "comment_id") added in the same statement replaces; no foreign key refers to it (the database refuses the drop if one does), but anything outside the database that kept its values can no longer find the rows',
        },
      ],
    },
    {
      // With CASCADE, foreign keys referring to it go too; another column is data; a key added by another statement may not replace it.
      code: [
        'ALTER TABLE a DROP COLUMN id CASCADE, ADD CONSTRAINT a_pkey PRIMARY KEY (uuid);',
        'ALTER TABLE b DROP COLUMN email, ADD PRIMARY KEY (id);',
        'ALTER TABLE c DROP COLUMN id;',
        'ALTER TABLE c ADD PRIMARY KEY (uuid);',
      ].join('\n'),
      errors: [
        { line: 1, column: 15, severity: 'error', message: 'migration drops column "id" of table "a"; its data is lost' },
        { line: 2, column: 15, severity: 'error', message: 'migration drops column "email" of table "b"; its data is lost' },
        { line: 3, column: 15, severity: 'error', message: 'migration drops column "id" of table "c"; its data is lost' },
      ],
    },
    {
      // A foreign key of another table dropped first (as Prisma does): its rows still hold the ids the drop loses.
      code: [
        'ALTER TABLE "Post" DROP CONSTRAINT IF EXISTS "Post_tagId_fkey";',
        'ALTER TABLE "Tag" DROP CONSTRAINT "Tag_pkey",',
        'DROP COLUMN "id",',
        'ADD CONSTRAINT "Tag_pkey" PRIMARY KEY ("name");',
      ].join('\n'),
      errors: [{ line: 3, column: 1, severity: 'error', message: 'migration drops column "id" of table "Tag"; its data is lost' }],
    },
    {
      // MySQL writes the default and the literal in parentheses: the same literal.
      code: [
        "ALTER TABLE hydra_oauth2_flow ADD COLUMN amr_json json DEFAULT ('[]');",
        "UPDATE hydra_oauth2_flow SET amr_json = cast(concat('[\"', REPLACE(amr, '|', '\",\"'), '\"]') as json) WHERE amr <> ('[]');",
        'ALTER TABLE hydra_oauth2_flow DROP COLUMN amr;',
      ].join('\n'),
      dialect: 'mysql',
      errors: [
        {
          line: 3,
          column: 31,
          severity: 'info',
          message: 'migration drops column "amr" of table "hydra_oauth2_flow"; its values were copied into column "amr_json" first',
        },
      ],
    },
    {
      // A parenthesised expression is not one literal.
      code: [
        "ALTER TABLE hydra_oauth2_flow ADD COLUMN amr_json json DEFAULT ('[]');",
        "UPDATE hydra_oauth2_flow SET amr_json = cast(amr as json) WHERE amr <> ('[]' || '');",
        'ALTER TABLE hydra_oauth2_flow DROP COLUMN amr;',
      ].join('\n'),
      dialect: 'mysql',
      errors: [{ line: 3, column: 31, severity: 'error', message: /copied into column "amr_json" first, but only by a copy with a WHERE clause/ }],
    },
    {
      // Another default, a default that is an expression, or another condition: the rows left out lose their values.
      code: [
        "ALTER TABLE hydra_client ADD COLUMN a_json jsonb DEFAULT '{}' NOT NULL;",
        "ALTER TABLE hydra_client ADD COLUMN b_json jsonb DEFAULT '[]' || '[1]';",
        "ALTER TABLE hydra_client ADD COLUMN c_json jsonb DEFAULT '[]';",
        "UPDATE hydra_client SET a_json = cast(a as jsonb) WHERE a <> '[]';",
        "UPDATE hydra_client SET b_json = cast(b as jsonb) WHERE b <> '[]';",
        "UPDATE hydra_client SET c_json = cast(c as jsonb) WHERE c <> '[]' AND id > 10;",
        'ALTER TABLE hydra_client DROP COLUMN a, DROP COLUMN b, DROP COLUMN c;',
      ].join('\n'),
      errors: [
        { line: 7, column: 26, severity: 'error', message: /copied into column "a_json" first, but only by a copy with a WHERE clause/ },
        { line: 7, column: 41, severity: 'error', message: /copied into column "b_json" first, but only by a copy with a WHERE clause/ },
        { line: 7, column: 56, severity: 'error', message: /copied into column "c_json" first, but only by a copy with a WHERE clause/ },
      ],
    },
    {
      // The subquery's `id` is task_instance's: the history table's own ids are not copied anywhere.
      code: [
        'ALTER TABLE task_instance_history ADD COLUMN task_instance_id text;',
        'UPDATE task_instance_history SET task_instance_id = (SELECT id FROM task_instance WHERE task_instance_history.task_id = task_instance.task_id);',
        'ALTER TABLE task_instance_history DROP COLUMN id;',
      ].join('\n'),
      errors: [{ line: 3, column: 35, severity: 'error', message: 'migration drops column "id" of table "task_instance_history"; its data is lost' }],
    },
    {
      // The table was emptied first: the delete is where its rows are lost (delete-without-where reports it).
      code: 'DELETE FROM dag_priority_parsing_request;\nALTER TABLE dag_priority_parsing_request DROP COLUMN fileloc;',
      errors: [
        {
          line: 2,
          column: 42,
          severity: 'info',
          message:
            'migration drops column "fileloc" of table "dag_priority_parsing_request"; the migration deleted every row of the table first, where its rows are reported lost: nothing more is lost here',
        },
      ],
    },
    {
      // Only some rows deleted, or the others deleted after the drop: the column's values are lost here.
      code: "DELETE FROM jobs WHERE state = 'done';\nALTER TABLE jobs DROP COLUMN payload;\nDELETE FROM jobs;",
      errors: [{ line: 2, column: 18, severity: 'error', message: 'migration drops column "payload" of table "jobs"; its data is lost' }],
    },
    {
      // A boolean turned into rows: one row, in a table the same migration created, for each row where it is true.
      code: [
        'CREATE TABLE public_access_repo (repo_id bigint PRIMARY KEY);',
        'INSERT INTO public_access_repo (repo_id) SELECT r.repo_id FROM repositories r WHERE r.repo_is_public = TRUE;',
        'ALTER TABLE repositories DROP COLUMN repo_is_public;',
      ].join('\n'),
      errors: [
        {
          line: 3,
          column: 26,
          severity: 'info',
          message:
            'migration drops column "repo_is_public" of table "repositories"; its values were encoded into table "public_access_repo" first (a row written where it is true or false)',
        },
      ],
    },
    {
      // Rows added to a table that held rows before tell nothing apart; nor does the copy keep any other column whole.
      code: [
        'CREATE TABLE public_access_repo (repo_id bigint PRIMARY KEY);',
        'INSERT INTO access_grants (repo_id) SELECT repo_id FROM repositories WHERE repo_is_public;',
        'INSERT INTO public_access_repo (repo_id) SELECT repo_id FROM repositories WHERE repo_is_public;',
        'ALTER TABLE repositories DROP COLUMN repo_id;',
      ].join('\n'),
      errors: [{ line: 4, column: 26, severity: 'error', message: /only by a copy with a WHERE clause: values it leaves out are lost$/ }],
    },
    {
      code: 'INSERT INTO access_grants (repo_id) SELECT repo_id FROM repositories WHERE repo_is_public;\nALTER TABLE repositories DROP COLUMN repo_is_public;',
      errors: [{ line: 2, column: 26, severity: 'error', message: /copied into table "access_grants" first, but only by a copy with a WHERE clause/ }],
    },
    {
      // A test of a value that is not a boolean's: the other values are lost.
      code: "ALTER TABLE applications ADD COLUMN status text;\nUPDATE applications SET status = 'approved' WHERE state = 'ok';\nALTER TABLE applications DROP COLUMN state;",
      errors: [{ line: 3, column: 26, severity: 'error', message: 'migration drops column "state" of table "applications"; its data is lost' }],
    },
    {
      // Expand/contract: an earlier migration copied the values over; the new column is still there.
      code: 'ALTER TABLE documents DROP COLUMN emoji;',
      history: ['CREATE TABLE documents (id int, emoji text);', 'ALTER TABLE documents ADD COLUMN icon text;\nUPDATE documents SET icon = emoji;'],
      errors: [
        {
          line: 1,
          column: 23,
          severity: 'info',
          message: 'migration drops column "emoji" of table "documents"; an earlier migration copied its values into column "icon"',
        },
      ],
    },
    {
      // The copy is gone with the column it went into: the values are lost.
      code: 'ALTER TABLE documents DROP COLUMN emoji;',
      history: [
        'CREATE TABLE documents (id int, emoji text);',
        'ALTER TABLE documents ADD COLUMN icon text;\nUPDATE documents SET icon = emoji;',
        'ALTER TABLE documents DROP COLUMN icon;',
      ],
      errors: [{ line: 1, column: 23, severity: 'error', message: 'migration drops column "emoji" of table "documents"; its data is lost' }],
    },
    {
      // An earlier migration copied every value (the rows it leaves out hold none) into another table, which still stands.
      code: 'ALTER TABLE users DROP COLUMN password;',
      history: [
        'CREATE TABLE users (id int, password text);',
        'CREATE TABLE user_password (hash text, user_id int);\nINSERT INTO user_password (hash, user_id) SELECT u.password, u.id FROM users u WHERE u.password IS NOT NULL;',
      ],
      errors: [
        {
          line: 1,
          column: 19,
          severity: 'info',
          message: 'migration drops column "password" of table "users"; an earlier migration copied its values into column "hash" of table "user_password"',
        },
      ],
    },
    {
      // The table the values went into is gone again, or the earlier copy kept only some rows: the values are lost.
      code: 'ALTER TABLE users DROP COLUMN password;',
      history: [
        'CREATE TABLE users (id int, password text, active boolean);',
        'CREATE TABLE user_password (hash text, user_id int);\nINSERT INTO user_password (hash, user_id) SELECT password, id FROM users;',
        'CREATE TABLE legacy_password (hash text);\nINSERT INTO legacy_password (hash) SELECT password FROM users WHERE active;',
        'DROP TABLE user_password;',
      ],
      errors: [{ line: 1, column: 19, severity: 'error', message: 'migration drops column "password" of table "users"; its data is lost' }],
    },
    {
      // A foreign key remapped: each name looked up to the id of the row it names, then the name dropped.
      code: 'ALTER TABLE roles ADD COLUMN user_id uuid;\nUPDATE roles SET user_id = accounts_user.id FROM accounts_user WHERE roles.user_name = accounts_user.username;\nALTER TABLE roles DROP COLUMN user_name;',
      errors: [
        {
          line: 3,
          column: 19,
          severity: 'info',
          message: 'migration drops column "user_name" of table "roles"; its values were copied into column "user_id" first',
        },
      ],
    },
    {
      // The same where the reference held the other row's key with a prefix: `'posts/' || posts.uid`.
      code: "ALTER TABLE vote ADD COLUMN post_id integer;\nUPDATE vote SET post_id = post.id FROM post WHERE vote.post_ref = 'posts/' || post.uid;\nALTER TABLE vote DROP COLUMN post_ref;",
      errors: [
        {
          line: 3,
          column: 18,
          severity: 'info',
          message: 'migration drops column "post_ref" of table "vote"; its values were copied into column "post_id" first',
        },
      ],
    },
    {
      // Two columns of the other table, or one of the updated table's own, in the expression: no lookup.
      code: "ALTER TABLE vote ADD COLUMN post_id integer;\nUPDATE vote SET post_id = post.id FROM post WHERE vote.post_ref = post.kind || '/' || post.uid;\nALTER TABLE vote DROP COLUMN post_ref;",
      errors: [{ line: 3, column: 18, severity: 'error', message: 'migration drops column "post_ref" of table "vote"; its data is lost' }],
    },
    {
      code: 'ALTER TABLE vote ADD COLUMN post_id integer;\nUPDATE vote SET post_id = post.id FROM post WHERE vote.post_ref = vote.kind || post.uid;\nALTER TABLE vote DROP COLUMN post_ref;',
      errors: [{ line: 3, column: 18, severity: 'error', message: 'migration drops column "post_ref" of table "vote"; its data is lost' }],
    },
    {
      // Copied into another table.
      code: 'INSERT INTO profiles (user_id, bio) SELECT id, bio FROM users;\nALTER TABLE users DROP COLUMN bio;',
      errors: [
        {
          line: 2,
          column: 19,
          severity: 'info',
          message: 'migration drops column "bio" of table "users"; its values were copied into column "bio" of table "profiles" first',
        },
      ],
    },
    {
      // A copy limited by WHERE keeps the finding, and says so.
      code: "ALTER TABLE users ADD COLUMN kind2 text;\nUPDATE users SET kind2 = kind WHERE kind <> 'legacy';\nALTER TABLE users DROP COLUMN kind;",
      errors: [
        {
          line: 3,
          column: 19,
          severity: 'error',
          message:
            'migration drops column "kind" of table "users"; its values were copied into column "kind2" first, but only by a copy with a WHERE clause: values it leaves out are lost',
        },
      ],
    },
    {
      // The key is not what was copied: the subscription's user link is lost with userId, and the customer ids of
      // users no subscription points at are lost with User.customerId.
      code: 'UPDATE "Subscription" s SET "customerId" = u."customerId" FROM "User" u WHERE s."userId" = u."id";\nALTER TABLE "Subscription" DROP COLUMN "userId";\nALTER TABLE "User" DROP COLUMN "customerId";',
      errors: [
        { line: 2, column: 28, severity: 'error', message: 'migration drops column "userId" of table "Subscription"; its data is lost' },
        {
          line: 3,
          column: 20,
          severity: 'error',
          message:
            'migration drops column "customerId" of table "User"; its values were copied into column "customerId" of table "Subscription" first, but only by a copy with a JOIN clause: values it leaves out are lost',
        },
      ],
    },
    {
      // A relation reversed: each document's data row pointed at it; now the document points at its data row.
      code: 'ALTER TABLE "Document" ADD COLUMN "documentDataId" TEXT;\nUPDATE "Document" SET "documentDataId" = "DocumentData"."id" FROM "DocumentData" WHERE "Document"."id" = "DocumentData"."documentId";\nALTER TABLE "DocumentData" DROP COLUMN "documentId";',
      errors: [
        {
          line: 3,
          column: 28,
          severity: 'info',
          message: 'migration drops column "documentId" of table "DocumentData"; its values were copied into column "documentDataId" of table "Document" first',
        },
      ],
    },
    {
      // A WHERE that leaves out only rows with no value in the column loses none of its values.
      code: 'ALTER TABLE users ADD COLUMN kind2 text;\nUPDATE users SET kind2 = kind WHERE kind IS NOT NULL;\nALTER TABLE users DROP COLUMN kind;',
      errors: [
        {
          line: 3,
          column: 19,
          severity: 'info',
          message: 'migration drops column "kind" of table "users"; its values were copied into column "kind2" first',
        },
      ],
    },
    {
      // Into another table, the same; the other columns of the rows left out are another matter (drop-table).
      code: 'INSERT INTO share (slug, website_id) SELECT share_id, id FROM website WHERE share_id IS NOT NULL;\nALTER TABLE website DROP COLUMN share_id;',
      errors: [
        {
          line: 2,
          column: 21,
          severity: 'info',
          message: 'migration drops column "share_id" of table "website"; its values were copied into column "slug" of table "share" first',
        },
      ],
    },
    {
      // Left out only where every column copied holds nothing (`a IS NOT NULL OR b IS NOT NULL`): nothing of either is lost.
      code: 'INSERT INTO usage (id, a, b) SELECT id, a, b FROM w WHERE a IS NOT NULL OR b IS NOT NULL;\nALTER TABLE w DROP COLUMN a;\nALTER TABLE w DROP COLUMN c;',
      history: ['CREATE TABLE w (id int PRIMARY KEY, a bigint, b bigint, c bigint);'],
      errors: [
        {
          line: 2,
          column: 15,
          severity: 'info',
          message: 'migration drops column "a" of table "w"; its values were copied into column "a" of table "usage" first',
        },
        // `c` was not copied at all.
        { line: 3, column: 15, severity: 'error', message: 'migration drops column "c" of table "w"; its data is lost' },
      ],
    },
    {
      // Values held in other columns of the rows left out: lost.
      code: 'ALTER TABLE users ADD COLUMN kind2 text;\nUPDATE users SET kind2 = kind || note WHERE kind IS NOT NULL;\nALTER TABLE users DROP COLUMN note;',
      errors: [
        {
          line: 3,
          column: 19,
          severity: 'error',
          message:
            'migration drops column "note" of table "users"; its values were copied into column "kind2" first, but only by a copy with a WHERE clause: values it leaves out are lost',
        },
      ],
    },
    {
      // EXTRACT(EPOCH FROM col) reads the column.
      code: 'ALTER TABLE events ADD COLUMN start_ns bigint;\nUPDATE events SET start_ns = EXTRACT(EPOCH FROM started_at) * 1000000000;\nALTER TABLE events DROP COLUMN started_at;',
      errors: [
        {
          line: 3,
          column: 20,
          severity: 'info',
          message: 'migration drops column "started_at" of table "events"; its values were copied into column "start_ns" first',
        },
      ],
    },
    {
      // Rewriting a column in place copies it nowhere; a copy in the downgrade does not count for the upgrade.
      code: '-- migrate:down\nUPDATE users SET x = y;\n-- migrate:up\nUPDATE users SET bio = trim(bio);\nALTER TABLE users DROP COLUMN bio, DROP COLUMN y;\n',
      filename: '20240101120000_t.sql',
      errors: [
        { line: 5, column: 19, severity: 'error', column_: 'bio' },
        { line: 5, column: 36, severity: 'error', column_: 'y' },
      ],
    },
    {
      // Dropped, then dropped again after being re-added: only the first drop loses data.
      code: 'ALTER TABLE users DROP COLUMN bio;\nALTER TABLE users ADD COLUMN bio text;\nALTER TABLE users DROP COLUMN bio;',
      errors: [{ line: 1, column: 19, column_: 'bio' }],
    },
    {
      code: 'ALTER TABLE "User" DROP COLUMN "bio";',
      filename: '000003_bio.down.sql',
      errors: [{ line: 1, column: 20, severity: 'warning', message: 'down migration drops column "bio" of table "User"; its data is lost' }],
    },
    {
      // The rebuilt table leaves "bio" out of the copy: its values are gone.
      code: REDEFINE_WITHOUT_BIO,
      dialect: 'sqlite',
      format: 'prisma',
      history: [INIT_SQLITE],
      errors: [
        {
          line: 10,
          column: 1,
          endLine: 17,
          endColumn: 40,
          table: 'User',
          column_: 'bio',
          message: 'migration rebuilds table "User" without column "bio"; its data is lost',
        },
      ],
    },
    {
      // The new table has the column, but the copy does not fill it: its values are lost all the same.
      code: 'CREATE TABLE users_new (id bigint, created_at timestamp DEFAULT now());\nINSERT INTO users_new (id) SELECT id FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;',
      history: ['CREATE TABLE users (id bigint, created_at timestamp);'],
      errors: [
        { line: 1, column: 1, column_: 'created_at', message: 'migration rebuilds table "users" without copying column "created_at"; its data is lost' },
      ],
    },
    {
      // A rebuild written by hand in PostgreSQL: the column left out of the copy is lost, and only it.
      code: 'CREATE TABLE users_new (id bigint, email text);\nINSERT INTO users_new (id, email) SELECT id, lower(email) FROM users;\nDROP TABLE users;\nALTER TABLE users_new RENAME TO users;',
      history: ['CREATE TABLE users (id bigint, email text, legacy_flag boolean);'],
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 4,
          endColumn: 38,
          column_: 'legacy_flag',
          message: 'migration rebuilds table "users" without column "legacy_flag"; its data is lost',
        },
      ],
    },
    {
      // The column the rebuild leaves out had its values copied, from every row, into another table first.
      code: [
        'INSERT INTO user_flags (user_id, flag) SELECT id, legacy_flag FROM users;',
        'CREATE TABLE users_new (id bigint, email text);',
        'INSERT INTO users_new (id, email) SELECT id, email FROM users;',
        'DROP TABLE users;',
        'ALTER TABLE users_new RENAME TO users;',
      ].join('\n'),
      history: ['CREATE TABLE users (id bigint, email text, legacy_flag boolean);'],
      errors: [
        {
          line: 2,
          column: 1,
          endLine: 5,
          severity: 'info',
          column_: 'legacy_flag',
          message: 'migration rebuilds table "users" without column "legacy_flag"; its values were copied into column "flag" of table "user_flags" first',
        },
      ],
    },
    {
      // DISTINCT over rows that include the key merges none; without the key it may.
      code: [
        'INSERT INTO identities_agents (identity_id, agent_id) SELECT DISTINCT identity_id, id FROM agents WHERE identity_id IS NOT NULL;',
        'ALTER TABLE agents DROP COLUMN identity_id;',
        'INSERT INTO agent_tags (tag) SELECT DISTINCT tag FROM agents;',
        'ALTER TABLE agents DROP COLUMN tag;',
      ].join('\n'),
      errors: [
        { line: 2, column: 20, severity: 'info', column_: 'identity_id' },
        { line: 4, column: 20, severity: 'error', message: /only by a copy with a DISTINCT clause/ },
      ],
    },
    {
      // A copy on one arm of an if keeps nothing a drop on the other arm removes; one before the if does.
      format: 'alembic',
      code: upgrade(
        'if op.get_bind().dialect.name == "sqlite":',
        '    op.execute("CREATE TABLE tmp_items AS SELECT * FROM items")',
        'else:',
        '    op.drop_column("items", "group_id")',
        'op.execute("UPDATE orders SET note_copy = note")',
        'if op.get_bind().dialect.name == "sqlite":',
        '    pass',
        'else:',
        '    op.drop_column("orders", "note")',
      ),
      errors: [
        { line: 10, column: 9, severity: 'error', message: 'upgrade() drops column "group_id" of table "items"; its data is lost' },
        { line: 15, column: 9, severity: 'info', column_: 'note' },
      ],
    },
    {
      // A flag set from whether a value was there keeps the flag, not the value.
      code: [
        'ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;',
        'UPDATE users SET email_verified = (email_verified_at IS NOT NULL);',
        'ALTER TABLE users DROP COLUMN email_verified_at;',
      ].join('\n'),
      errors: [{ line: 3, column: 19, severity: 'error', message: 'migration drops column "email_verified_at" of table "users"; its data is lost' }],
    },
    {
      // A copy in a DO block runs where it is written; one in a function the migration defines may never run.
      code: [
        'DO $$ BEGIN',
        "  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE column_name = 'expires_at') THEN",
        '    ALTER TABLE account ADD COLUMN expires_at_tmp timestamp;',
        '    UPDATE account SET expires_at_tmp = to_timestamp(expires_at);',
        '    ALTER TABLE account DROP COLUMN expires_at;',
        '  END IF;',
        'END $$;',
        'CREATE FUNCTION backfill() RETURNS void LANGUAGE plpgsql AS $$ BEGIN UPDATE account SET note_copy = note; END $$;',
        'ALTER TABLE account DROP COLUMN note;',
      ].join('\n'),
      errors: [
        { line: 5, column: 25, severity: 'info', column_: 'expires_at' },
        { line: 9, column: 21, severity: 'error', message: 'migration drops column "note" of table "account"; its data is lost' },
      ],
    },
    {
      // A backup table thrown away before the migration ends keeps nothing; one whose rows are copied on first does.
      code: [
        'CREATE TABLE devices_backup AS SELECT * FROM devices;',
        'ALTER TABLE devices DROP COLUMN endpoint_id;',
        'DROP TABLE IF EXISTS devices_backup;',
        'CREATE TABLE users_backup AS SELECT * FROM users;',
        'ALTER TABLE users DROP COLUMN nickname;',
        'INSERT INTO profiles (user_id, nickname) SELECT id, nickname FROM users_backup;',
        'DROP TABLE users_backup;',
      ].join('\n'),
      errors: [
        { line: 2, column: 21, severity: 'error', message: 'migration drops column "endpoint_id" of table "devices"; its data is lost' },
        { line: 5, column: 19, severity: 'info', column_: 'nickname' },
      ],
    },
    {
      // The row form of SET copies each column into its own target; a subquery's row is not read.
      code: [
        'ALTER TABLE person ADD COLUMN bio_new text, ADD COLUMN name_new text;',
        'UPDATE person SET (bio_new, name_new) = (trim(bio), name);',
        'ALTER TABLE person DROP COLUMN bio, DROP COLUMN name;',
        'UPDATE person SET (karma) = (SELECT sum(score) FROM vote WHERE vote.person_id = person.id);',
        'ALTER TABLE person DROP COLUMN score;',
      ].join('\n'),
      errors: [
        {
          line: 3,
          column: 20,
          severity: 'info',
          message: 'migration drops column "bio" of table "person"; its values were copied into column "bio_new" first',
        },
        { line: 3, column: 37, severity: 'info', column_: 'name' },
        { line: 5, column: 20, severity: 'error', column_: 'score' },
      ],
    },
    {
      // Soft-deleted rows removed first: the flag left holds one value on every row. Another column of them is still lost.
      code: 'DELETE FROM project_metadata WHERE deleted = TRUE;\nALTER TABLE project_metadata DROP COLUMN deleted;\nALTER TABLE project_metadata DROP COLUMN note;',
      errors: [
        {
          line: 2,
          column: 30,
          severity: 'info',
          message:
            'migration drops column "deleted" of table "project_metadata"; the migration first deleted every row but those holding one value in it: the rows left all hold that value (or none), so dropping it loses nothing more',
        },
        { line: 3, column: 30, severity: 'error', column_: 'note' },
      ],
    },
    {
      // Every metric but the all-time ones deleted: the timeframe left is one value.
      code: "DELETE FROM model_metric WHERE timeframe != 'AllTime';\nALTER TABLE model_metric DROP COLUMN timeframe;",
      errors: [{ line: 2, column: 26, severity: 'info', column_: 'timeframe' }],
    },
    {
      // A DELETE testing more than the flag leaves rows of both values.
      code: "DELETE FROM project_metadata WHERE deleted AND kind = 'x';\nALTER TABLE project_metadata DROP COLUMN deleted;",
      errors: [{ line: 2, column: 30, severity: 'error', column_: 'deleted' }],
    },
    {
      // A backfill of a column added just before, without a default: `WHERE ref IS NULL` holds on every row.
      code: [
        'ALTER TABLE k ADD COLUMN ref text;',
        'UPDATE k SET ref = user_id WHERE ref IS NULL;',
        'ALTER TABLE k ALTER COLUMN ref SET NOT NULL;',
        'ALTER TABLE k DROP COLUMN user_id;',
        'ALTER TABLE k ADD COLUMN owner text;',
        'UPDATE k SET owner = team_id WHERE owner IS NULL AND team_id IS NOT NULL;',
        'ALTER TABLE k DROP COLUMN team_id;',
      ].join('\n'),
      errors: [
        { line: 4, column: 15, severity: 'info', message: 'migration drops column "user_id" of table "k"; its values were copied into column "ref" first' },
        { line: 7, column: 15, severity: 'info', column_: 'team_id' },
      ],
    },
    {
      // Added with a default, the column holds it on every row: the backfill copies nothing.
      code: "ALTER TABLE k ADD COLUMN ref text DEFAULT 'none';\nUPDATE k SET ref = user_id WHERE ref IS NULL;\nALTER TABLE k DROP COLUMN user_id;",
      errors: [{ line: 3, column: 15, severity: 'error', message: /only by a copy with a WHERE clause: values it leaves out are lost$/ }],
    },
    {
      // Nor is a column the migration did not add known to hold nothing; and the IS NULL check then limits the copy too.
      code: 'UPDATE k SET ref = user_id WHERE ref IS NULL AND user_id IS NOT NULL;\nALTER TABLE k DROP COLUMN user_id;',
      errors: [{ line: 2, column: 15, severity: 'error', message: /only by a copy with a WHERE clause/ }],
    },
    {
      // The same backfill in Alembic; with a server_default, the new column holds it on every row instead.
      format: 'alembic',
      code: upgrade(
        'op.add_column("k", sa.Column("ref", sa.Text(), nullable=True))',
        'op.execute("UPDATE k SET ref = user_id WHERE ref IS NULL")',
        'op.drop_column("k", "user_id")',
        'op.add_column("k", sa.Column("owner", sa.Text(), server_default="none"))',
        'op.execute("UPDATE k SET owner = team_id WHERE owner IS NULL")',
        'op.drop_column("k", "team_id")',
      ),
      errors: [
        { line: 9, column: 5, severity: 'info', message: 'upgrade() drops column "user_id" of table "k"; its values were copied into column "ref" first' },
        { line: 12, column: 5, severity: 'error', column_: 'team_id' },
      ],
    },
    {
      // The backfill by an earlier migration keeps the values too.
      code: 'ALTER TABLE k DROP COLUMN user_id;',
      history: ['CREATE TABLE k (id text, user_id text);', 'ALTER TABLE k ADD COLUMN ref text;\nUPDATE k SET ref = user_id WHERE ref IS NULL;'],
      errors: [
        {
          line: 1,
          column: 15,
          severity: 'info',
          message: 'migration drops column "user_id" of table "k"; an earlier migration copied its values into column "ref"',
        },
      ],
    },
    {
      // Generated columns hold nothing the row's other columns do not: PostgreSQL, MySQL/SQLite shorthand, ClickHouse.
      code: 'ALTER TABLE orders DROP COLUMN total;\nALTER TABLE orders DROP COLUMN label;\nALTER TABLE orders DROP COLUMN day;\nALTER TABLE orders DROP COLUMN qty;',
      history: [
        "CREATE TABLE orders (id bigint, qty int, price numeric, total numeric GENERATED ALWAYS AS (price * qty) STORED, label text AS (concat('#', id)), day Date MATERIALIZED toDate(created));",
      ],
      errors: [
        {
          line: 1,
          column: 20,
          severity: 'info',
          message: `migration drops column "total" of table "orders"; the database computes its values from the row's other columns (a generated column): nothing stored is lost`,
        },
        { line: 2, column: 20, severity: 'info', column_: 'label' },
        { line: 3, column: 20, severity: 'info', column_: 'day' },
        { line: 4, column: 20, severity: 'error', message: 'migration drops column "qty" of table "orders"; its data is lost' },
      ],
    },
    {
      // Redefined without its expression (MySQL's MODIFY), the column stores its values: they are lost.
      code: 'ALTER TABLE orders MODIFY total decimal(10,2);\nALTER TABLE orders DROP COLUMN total;',
      dialect: 'mysql',
      history: ['CREATE TABLE orders (id bigint, price decimal(10,2), total decimal(10,2) AS (price * 2));'],
      errors: [{ line: 2, column: 20, severity: 'error', message: 'migration drops column "total" of table "orders"; its data is lost' }],
    },
    {
      // An identity is generated too, but stored: its values are keys other rows may hold.
      code: 'ALTER TABLE orders DROP COLUMN id;',
      history: ['CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY, total numeric DEFAULT (CAST(0 AS numeric)));'],
      errors: [{ line: 1, column: 20, severity: 'error', message: 'migration drops column "id" of table "orders"; its data is lost' }],
    },
    {
      // A SQLite rebuild cannot copy a generated column (it is computed again in the new table): nothing is lost.
      code: [
        'CREATE TABLE flow_next (id text, remember_for int, requested_at timestamp);',
        'INSERT INTO flow_next (id, remember_for, requested_at) SELECT id, remember_for, requested_at FROM flow;',
        'DROP TABLE flow;',
        'ALTER TABLE flow_next RENAME TO flow;',
      ].join('\n'),
      dialect: 'sqlite',
      history: [
        'CREATE TABLE flow (id text, remember_for int, requested_at timestamp);',
        "ALTER TABLE flow ADD COLUMN expires_at TIMESTAMP GENERATED ALWAYS AS (datetime(requested_at, '+' || remember_for || ' seconds')) VIRTUAL;",
      ],
      errors: [
        {
          line: 1,
          column: 1,
          severity: 'info',
          column_: 'expires_at',
          message: /rebuilds table "flow" without column "expires_at"; the database computes its values/,
        },
      ],
    },
    {
      // SQLAlchemy's sa.Computed in Alembic.
      format: 'alembic',
      history: [
        'from alembic import op\nimport sqlalchemy as sa\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    op.create_table("item", sa.Column("id", sa.Integer()), sa.Column("price", sa.Numeric()), sa.Column("gross", sa.Numeric(), sa.Computed("price * 1.2")))\n\ndef downgrade():\n    op.drop_table("item")\n',
      ],
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.drop_column("item", "gross")\n    op.drop_column("item", "price")\n\ndef downgrade():\n    pass\n',
      errors: [
        { line: 7, column: 5, severity: 'info', column_: 'gross' },
        { line: 8, column: 5, severity: 'error', column_: 'price' },
      ],
    },
    {
      // The same in Alembic, across four calls.
      format: 'alembic',
      history: [
        'from alembic import op\nimport sqlalchemy as sa\nrevision = "a1"\ndown_revision = None\n\ndef upgrade():\n    op.create_table("item", sa.Column("id", sa.Integer()), sa.Column("name", sa.Text()), sa.Column("old", sa.Text()))\n\ndef downgrade():\n    op.drop_table("item")\n',
      ],
      code: 'from alembic import op\nimport sqlalchemy as sa\nrevision = "b2"\ndown_revision = "a1"\n\ndef upgrade():\n    op.create_table("item_new", sa.Column("id", sa.Integer()), sa.Column("name", sa.Text()))\n    op.execute("INSERT INTO item_new (id, name) SELECT id, name FROM item")\n    op.drop_table("item")\n    op.rename_table("item_new", "item")\n\ndef downgrade():\n    pass\n',
      errors: [{ line: 7, column: 5, endLine: 10, column_: 'old', message: 'upgrade() rebuilds table "item" without column "old"; its data is lost' }],
    },
    {
      // A mapping table filled from every row first: the INNER JOIN on its key matches every row (either way round).
      code: mappingCopy(),
      errors: [
        {
          line: 4,
          column: 19,
          severity: 'info',
          message: 'migration drops column "timezone" of table "links"; its values were copied into column "timezone" of table "schedules" first',
        },
      ],
    },
    {
      code: mappingCopy({ on: 'l.id = m.link_id' }),
      errors: [{ line: 4, column: 19, severity: 'info' }],
    },
    {
      // A constant the mapping's rows were all given may be part of the key, not another.
      code: mappingCopy({ filled: 'link_id, kind', fill: 'id, 1', on: 'm.link_id = l.id AND m.kind = 1' }),
      errors: [{ line: 4, column: 19, severity: 'info' }],
    },
    {
      code: mappingCopy({ filled: 'link_id, kind', fill: 'id, 1', on: 'm.link_id = l.id AND m.kind = 2' }),
      errors: [{ line: 4, column: 19, severity: 'error', message: LIMITED_BY_JOIN }],
    },
    {
      // The mapping holds only some rows: the join leaves the others out.
      code: mappingCopy({ where: ' WHERE active' }),
      errors: [{ line: 4, column: 19, severity: 'error', message: LIMITED_BY_JOIN }],
    },
    {
      // The join compares another column than the one the mapping was filled from.
      code: mappingCopy({ on: 'm.link_id = l.owner_id' }),
      errors: [{ line: 4, column: 19, severity: 'error', message: LIMITED_BY_JOIN }],
    },
    {
      // A condition besides the key.
      code: mappingCopy({ on: "m.link_id = l.id AND l.kind = 'x'" }),
      errors: [{ line: 4, column: 19, severity: 'error', message: LIMITED_BY_JOIN }],
    },
    {
      // Rows deleted from the mapping, or its key rewritten, in between.
      code: mappingCopy({ between: "DELETE FROM mapping WHERE schedule_id < 'm';\n" }),
      errors: [{ line: 5, column: 19, severity: 'error', message: LIMITED_BY_JOIN }],
    },
    {
      code: mappingCopy({ between: 'UPDATE mapping SET link_id = upper(link_id);\n' }),
      errors: [{ line: 5, column: 19, severity: 'error', message: LIMITED_BY_JOIN }],
    },
  ],
});

/** A column copied through a mapping table the migration fills first, then dropped. */
function mappingCopy({
  filled = 'link_id, schedule_id',
  fill = 'id, gen_random_uuid()::text',
  where = '',
  between = '',
  on = 'm.link_id = l.id',
} = {}): string {
  return [
    'CREATE TEMP TABLE mapping (link_id text NOT NULL, schedule_id text, kind int);',
    `INSERT INTO mapping (${filled}) SELECT ${fill} FROM links${where};`,
    `${between}INSERT INTO schedules (id, timezone) SELECT m.schedule_id, l.timezone FROM links l INNER JOIN mapping m ON ${on};`,
    'ALTER TABLE links DROP COLUMN timezone;',
  ].join('\n');
}

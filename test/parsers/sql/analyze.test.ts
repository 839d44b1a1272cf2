import { describe, expect, it } from 'vitest';
import type { Phase } from '../../../src/ir/operations.js';
import type { Dialect } from '../../../src/ir/unit.js';
import { analyzeSql } from '../../../src/parsers/sql/analyze.js';

type Expected = Record<string, unknown>;

/** Operations with their span replaced by the exact source text it covers. */
/** The operations read from `sql`, with their text; the functions it creates only where `functions` is set (see 'functions'). */
async function ops(sql: string, dialect: Dialect = 'postgresql', phase: Phase = 'upgrade', functions = false): Promise<Expected[]> {
  const { operations } = await analyzeSql(sql, { dialect, phase, sections: true });
  return operations.filter((op) => functions || op.kind !== 'create-function').map(({ span, ...op }) => ({ ...op, text: sql.slice(span.start, span.end) }));
}

const t = (name: string, schema: string | null = null): { schema: string | null; name: string } => ({ schema, name });
const up = { phase: 'upgrade' } as const;

/** A DROP TABLE read from `text`: written with IF EXISTS when the text says so. */
const dropTable = (table: ReturnType<typeof t>, text: string): Expected => ({
  kind: 'drop-table',
  table,
  ...up,
  text,
  ...(/\bIF EXISTS\b/i.test(text) && { ifExists: true }),
});
const dropColumn = (table: ReturnType<typeof t>, column: string, text: string): Expected => ({
  kind: 'drop-column',
  table,
  column,
  ...up,
  text,
});
/** A column added with no default: NULL on every row it is added to. */
const addColumn = (table: ReturnType<typeof t>, name: string, type: string | null, text: string): Expected => ({
  kind: 'add-column',
  table,
  column: { name, type, withoutDefault: true },
  ...up,
  text,
});
const alterType = (table: ReturnType<typeof t>, column: string, newType: string, text: string): Expected => ({
  kind: 'alter-column-type',
  table,
  column,
  newType,
  ...up,
  text,
});
const renameColumn = (table: ReturnType<typeof t>, column: string, newName: string, text: string): Expected => ({
  kind: 'rename-column',
  table,
  column,
  newName,
  ...up,
  text,
});
const truncate = (table: ReturnType<typeof t>, text: string): Expected => ({ kind: 'truncate', table, ...up, text });
const del = (table: ReturnType<typeof t>, hasWhere: boolean, text: string): Expected => ({ kind: 'delete', table, hasWhere, ...up, text });
const dynamic = (description: string, text: string): Expected => ({ kind: 'dynamic', description, ...up, text });
const EXECUTE_DYNAMIC = 'SQL built at run time (EXECUTE)';

describe('CREATE TABLE', () => {
  it('reads a table of a module (USING): a SQLite full-text index as one, the foreign keys of any', async () => {
    expect(
      await ops(
        'CREATE VIRTUAL TABLE notes_fts USING fts5(body, note_id UNINDEXED);\nCREATE TABLE events (owner_id int REFERENCES users (id)) USING delta;',
        'sqlite',
      ),
    ).toEqual([
      {
        kind: 'create-table',
        table: t('notes_fts'),
        columns: [],
        fullTextIndex: true,
        ...up,
        text: 'CREATE VIRTUAL TABLE notes_fts USING fts5(body, note_id UNINDEXED)',
      },
      {
        kind: 'create-table',
        table: t('events'),
        columns: [{ name: 'owner_id', type: 'int' }],
        references: [{ table: t('users'), columns: ['id'], from: ['owner_id'] }],
        ...up,
        text: 'CREATE TABLE events (owner_id int REFERENCES users (id)) USING delta',
      },
    ]);
  });

  it('reads Prisma-style PostgreSQL columns and their types', async () => {
    const sql = [
      'CREATE TABLE "User" (',
      '    "id" SERIAL NOT NULL,',
      '    "email" TEXT NOT NULL,',
      `    "role" "Role" NOT NULL DEFAULT 'USER',`,
      '    "balance" DECIMAL(65,30) NOT NULL,',
      '    "tags" TEXT[],',
      '    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,',
      '    "note" character varying(20) COLLATE "C",',
      '    "parentId" INTEGER REFERENCES "User"("id") ON DELETE CASCADE,',
      '',
      '    CONSTRAINT "User_pkey" PRIMARY KEY ("id")',
      ');',
    ].join('\n');
    expect(await ops(sql)).toEqual([
      {
        kind: 'create-table',
        table: t('User'),
        columns: [
          { name: 'id', type: 'SERIAL', generatedKey: true },
          { name: 'email', type: 'TEXT' },
          { name: 'role', type: '"Role"' },
          { name: 'balance', type: 'DECIMAL(65,30)' },
          { name: 'tags', type: 'TEXT[]' },
          { name: 'createdAt', type: 'TIMESTAMP(3)' },
          { name: 'note', type: 'character varying(20)' },
          { name: 'parentId', type: 'INTEGER' },
        ],
        // What its foreign keys name: here itself.
        references: [{ table: t('User'), columns: ['id'], from: ['parentId'] }],
        ...up,
        text: sql.slice(0, -1),
      },
    ]);
  });

  it('reads IF NOT EXISTS, TEMP and schema-qualified names', async () => {
    const sql = 'CREATE TABLE IF NOT EXISTS public.logs (id bigint);\nCREATE TEMP TABLE tmp (x int);\nCREATE GLOBAL TEMPORARY TABLE g (y text);';
    expect(await ops(sql)).toEqual([
      {
        kind: 'create-table',
        table: t('logs', 'public'),
        columns: [{ name: 'id', type: 'bigint' }],
        ifNotExists: true,
        ...up,
        text: 'CREATE TABLE IF NOT EXISTS public.logs (id bigint)',
      },
      { kind: 'create-table', table: t('tmp'), columns: [{ name: 'x', type: 'int' }], ...up, text: 'CREATE TEMP TABLE tmp (x int)' },
      { kind: 'create-table', table: t('g'), columns: [{ name: 'y', type: 'text' }], ...up, text: 'CREATE GLOBAL TEMPORARY TABLE g (y text)' },
    ]);
  });

  it('takes KEY, INDEX and PERIOD for column names where they cannot start a constraint', async () => {
    expect(await ops("CREATE TABLE settings (key text PRIMARY KEY, period text, CONSTRAINT pk CHECK (key <> ''));")).toEqual([
      {
        kind: 'create-table',
        table: t('settings'),
        columns: [
          { name: 'key', type: 'text' },
          { name: 'period', type: 'text' },
        ],
        ...up,
        text: "CREATE TABLE settings (key text PRIMARY KEY, period text, CONSTRAINT pk CHECK (key <> ''))",
      },
    ]);
    expect(await ops('CREATE TABLE t (id INT, KEY idx (id), INDEX (id), FULLTEXT KEY ft (body));', 'mysql')).toEqual([
      {
        kind: 'create-table',
        table: t('t'),
        columns: [{ name: 'id', type: 'INT' }],
        ...up,
        text: 'CREATE TABLE t (id INT, KEY idx (id), INDEX (id), FULLTEXT KEY ft (body))',
      },
    ]);
    expect(await ops('CREATE TABLE t (id INT, INDEX ix (id));', 'sqlserver')).toEqual([
      { kind: 'create-table', table: t('t'), columns: [{ name: 'id', type: 'INT' }], ...up, text: 'CREATE TABLE t (id INT, INDEX ix (id))' },
    ]);
    // CockroachDB declares indexes inline, named or not; an unnamed one reads so in any dialect.
    const inline = 'CREATE TABLE t (id INT, INDEX (id), UNIQUE INDEX (id), INDEX t_idx (id))';
    expect(await ops(`${inline};`, 'cockroachdb')).toEqual([
      { kind: 'create-table', table: t('t'), columns: [{ name: 'id', type: 'INT' }], ...up, text: inline },
    ]);
    expect(await ops('CREATE TABLE t (id INT, index (id));')).toMatchObject([{ columns: [{ name: 'id', type: 'INT' }] }]);
  });

  it('reads MySQL backticks, charsets and inline keys', async () => {
    const sql =
      'CREATE TABLE `Post` (`id` INT NOT NULL AUTO_INCREMENT, `title` VARCHAR(191) CHARACTER SET utf8mb4 NOT NULL, PRIMARY KEY (`id`)) DEFAULT CHARSET=utf8mb4;';
    expect(await ops(sql, 'mysql')).toEqual([
      {
        kind: 'create-table',
        table: t('Post'),
        columns: [
          { name: 'id', type: 'INT', generatedKey: true },
          { name: 'title', type: 'VARCHAR(191)' },
        ],
        ...up,
        text: sql.slice(0, -1),
      },
    ]);
  });

  it('reads SQL Server [dbo].[T] and SQLite columns without a type', async () => {
    expect(await ops('CREATE TABLE [dbo].[T] ([id] INT NOT NULL IDENTITY(1,1), [name] NVARCHAR(1000));', 'sqlserver')).toEqual([
      {
        kind: 'create-table',
        table: t('T', 'dbo'),
        columns: [
          { name: 'id', type: 'INT', generatedKey: true },
          { name: 'name', type: 'NVARCHAR(1000)' },
        ],
        ...up,
        text: 'CREATE TABLE [dbo].[T] ([id] INT NOT NULL IDENTITY(1,1), [name] NVARCHAR(1000))',
      },
    ]);
    expect(await ops('CREATE TABLE t (a PRIMARY KEY, b);', 'sqlite')).toEqual([
      {
        kind: 'create-table',
        table: t('t'),
        columns: [
          { name: 'a', type: null },
          { name: 'b', type: null },
        ],
        ...up,
        text: 'CREATE TABLE t (a PRIMARY KEY, b)',
      },
    ]);
  });
});

describe('ALTER TABLE', () => {
  it('reads several PostgreSQL actions in one statement', async () => {
    const sql = [
      'ALTER TABLE "User" DROP COLUMN "legacy",',
      `ADD COLUMN "bio" TEXT NOT NULL DEFAULT '',`,
      'ALTER COLUMN "age" SET DATA TYPE BIGINT,',
      'ALTER COLUMN "name" DROP NOT NULL,',
      'ALTER COLUMN "code" TYPE CHARACTER VARYING(255);',
    ].join('\n');
    expect(await ops(sql)).toEqual([
      dropColumn(t('User'), 'legacy', 'DROP COLUMN "legacy"'),
      // A default that is one literal is kept, by kind and value (an empty string here).
      { ...addColumn(t('User'), 'bio', 'TEXT', `ADD COLUMN "bio" TEXT NOT NULL DEFAULT ''`), column: { name: 'bio', type: 'TEXT', defaultLiteral: 'string:' } },
      alterType(t('User'), 'age', 'BIGINT', 'ALTER COLUMN "age" SET DATA TYPE BIGINT'),
      alterType(t('User'), 'code', 'CHARACTER VARYING(255)', 'ALTER COLUMN "code" TYPE CHARACTER VARYING(255)'),
    ]);
  });

  it('reads renames, IF EXISTS, ONLY and USING', async () => {
    const sql = [
      'ALTER TABLE t RENAME COLUMN a TO b;',
      'ALTER TABLE t RENAME c TO d;',
      'ALTER TABLE s.t RENAME TO u;',
      'ALTER TABLE s.t SET SCHEMA "Archive";',
      'ALTER TABLE IF EXISTS ONLY s.t DROP COLUMN IF EXISTS c CASCADE;',
      'ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role" USING ("role"::text::"Role");',
    ].join('\n');
    expect(await ops(sql)).toEqual([
      renameColumn(t('t'), 'a', 'b', 'RENAME COLUMN a TO b'),
      renameColumn(t('t'), 'c', 'd', 'RENAME c TO d'),
      { kind: 'rename-table', table: t('t', 's'), newName: 'u', ...up, text: 'RENAME TO u' },
      { kind: 'rename-table', table: t('t', 's'), newName: 't', newSchema: 'Archive', ...up, text: 'SET SCHEMA "Archive"' },
      { ...dropColumn(t('t', 's'), 'c', 'DROP COLUMN IF EXISTS c CASCADE'), ifExists: true },
      alterType(t('User'), 'role', '"Role"', 'ALTER COLUMN "role" TYPE "Role" USING ("role"::text::"Role")'),
    ]);
  });

  it('reads the foreign keys added, and ignores constraint, index and default changes', async () => {
    const fk = 'ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE';
    const sql = [
      `ALTER TABLE "Post" ${fk};`,
      'ALTER TABLE "Post" DROP CONSTRAINT IF EXISTS "Post_authorId_fkey";',
      'ALTER TABLE t ALTER COLUMN c DROP DEFAULT, ALTER COLUMN c SET NOT NULL;',
      'ALTER TABLE t ADD PRIMARY KEY (id), OWNER TO app, ENABLE ROW LEVEL SECURITY;',
      'ALTER TABLE t ADD COLUMN owner_id int REFERENCES users;',
    ].join('\n');
    expect(await ops(sql)).toEqual([
      { kind: 'add-foreign-key', table: t('Post'), references: { table: t('User'), columns: ['id'], from: ['authorId'] }, ...up, text: fk },
      {
        kind: 'add-foreign-key',
        table: t('t'),
        references: { table: t('users'), columns: null, from: ['owner_id'] },
        ...up,
        text: 'ADD COLUMN owner_id int REFERENCES users',
      },
      addColumn(t('t'), 'owner_id', 'int', 'ADD COLUMN owner_id int REFERENCES users'),
    ]);
  });

  it('reads MySQL ADD … AFTER, MODIFY, CHANGE and DROP without COLUMN', async () => {
    const sql =
      'ALTER TABLE `User` ADD COLUMN `age` INT NOT NULL AFTER `name`, DROP COLUMN `legacy`, MODIFY `email` VARCHAR(191) NOT NULL, ' +
      'CHANGE `fullname` `full_name` VARCHAR(100) NULL, RENAME COLUMN `a` TO `b`, DROP `old`, DROP FOREIGN KEY `fk`, DROP INDEX `idx`, DROP PRIMARY KEY;';
    const User = t('User');
    expect(await ops(sql, 'mysql')).toEqual([
      // NOT NULL and no default: rows the table has get no value from the database (MySQL gives them the type's own).
      { ...addColumn(User, 'age', 'INT', 'ADD COLUMN `age` INT NOT NULL AFTER `name`'), column: { name: 'age', type: 'INT', requiredWithoutDefault: true } },
      dropColumn(User, 'legacy', 'DROP COLUMN `legacy`'),
      alterType(User, 'email', 'VARCHAR(191)', 'MODIFY `email` VARCHAR(191) NOT NULL'),
      renameColumn(User, 'fullname', 'full_name', 'CHANGE `fullname` `full_name` VARCHAR(100) NULL'),
      alterType(User, 'full_name', 'VARCHAR(100)', 'CHANGE `fullname` `full_name` VARCHAR(100) NULL'),
      renameColumn(User, 'a', 'b', 'RENAME COLUMN `a` TO `b`'),
      dropColumn(User, 'old', 'DROP `old`'),
    ]);
  });

  it('reads SQL Server lists after one ADD or DROP', async () => {
    const T = t('User', 'dbo');
    const sql = [
      'ALTER TABLE [dbo].[User] DROP COLUMN [a], [b];',
      'ALTER TABLE [dbo].[User] ADD [age] INT NOT NULL CONSTRAINT [User_age_df] DEFAULT 0, [nick] NVARCHAR(1000);',
      'ALTER TABLE [dbo].[User] DROP CONSTRAINT [User_age_df], COLUMN [age];',
      'ALTER TABLE [dbo].[User] DROP [User_pk];',
      'ALTER TABLE [dbo].[User] ALTER COLUMN [email] NVARCHAR(1000) NOT NULL;',
    ].join('\n');
    expect(await ops(sql, 'sqlserver')).toEqual([
      dropColumn(T, 'a', 'DROP COLUMN [a]'),
      dropColumn(T, 'b', '[b]'),
      {
        ...addColumn(T, 'age', 'INT', 'ADD [age] INT NOT NULL CONSTRAINT [User_age_df] DEFAULT 0'),
        column: { name: 'age', type: 'INT', defaultLiteral: 'number:0' },
      },
      addColumn(T, 'nick', 'NVARCHAR(1000)', '[nick] NVARCHAR(1000)'),
      dropColumn(T, 'age', 'COLUMN [age]'),
      alterType(T, 'email', 'NVARCHAR(1000)', 'ALTER COLUMN [email] NVARCHAR(1000) NOT NULL'),
    ]);
  });

  it('reads SQLite column changes', async () => {
    const sql = 'ALTER TABLE "User" ADD COLUMN "age" INTEGER;\nALTER TABLE "User" DROP COLUMN "age";\nALTER TABLE "User" RENAME COLUMN "a" TO "b";';
    expect(await ops(sql, 'sqlite')).toEqual([
      addColumn(t('User'), 'age', 'INTEGER', 'ADD COLUMN "age" INTEGER'),
      dropColumn(t('User'), 'age', 'DROP COLUMN "age"'),
      renameColumn(t('User'), 'a', 'b', 'RENAME COLUMN "a" TO "b"'),
    ]);
  });
});

describe('DROP', () => {
  it('reads DROP TABLE forms; several names get a span each', async () => {
    const sql = 'DROP TABLE IF EXISTS "User" CASCADE;\nDROP TABLE a, s.b;';
    expect(await ops(sql)).toEqual([dropTable(t('User'), 'DROP TABLE IF EXISTS "User" CASCADE'), dropTable(t('a'), 'a'), dropTable(t('b', 's'), 's.b')]);
    expect(await ops('DROP TEMPORARY TABLE IF EXISTS `db`.`t`;', 'mysql')).toEqual([dropTable(t('t', 'db'), 'DROP TEMPORARY TABLE IF EXISTS `db`.`t`')]);
    expect(await ops('DROP TABLE [dbo].[T];', 'sqlserver')).toEqual([dropTable(t('T', 'dbo'), 'DROP TABLE [dbo].[T]')]);
  });

  it('ends the span at what it read, and leaves trailing words to the grammar', async () => {
    expect(await ops('DROP TABLE a b;\nDROP DATABASE app WITH (FORCE);\nTRUNCATE t RESTART IDENTITY CASCADE;')).toEqual([
      dropTable(t('a'), 'DROP TABLE a'),
      { kind: 'unparsed', reason: 'syntax error at or near "b"', mayBeDestructive: true, ...up, text: 'b' },
      { kind: 'drop-database', database: 'app', ...up, text: 'DROP DATABASE app WITH (FORCE)' },
      truncate(t('t'), 'TRUNCATE t RESTART IDENTITY CASCADE'),
    ]);
    // T-SQL options droplint does not list are no error.
    expect(await ops('TRUNCATE TABLE [dbo].[T] WITH (PARTITIONS (1));', 'sqlserver')).toEqual([truncate(t('T', 'dbo'), 'TRUNCATE TABLE [dbo].[T]')]);
  });

  it('reads DROP SCHEMA and DROP DATABASE (a MySQL schema is a database)', async () => {
    expect(await ops('DROP SCHEMA IF EXISTS audit CASCADE;\nDROP SCHEMA s;\nDROP DATABASE app;')).toEqual([
      { kind: 'drop-schema', schema: 'audit', cascade: true, ...up, text: 'DROP SCHEMA IF EXISTS audit CASCADE' },
      { kind: 'drop-schema', schema: 's', cascade: false, ...up, text: 'DROP SCHEMA s' },
      { kind: 'drop-database', database: 'app', ...up, text: 'DROP DATABASE app' },
    ]);
    expect(await ops('DROP SCHEMA app;', 'mysql')).toEqual([{ kind: 'drop-database', database: 'app', ...up, text: 'DROP SCHEMA app' }]);
  });

  it('ignores drops of objects that hold no rows', async () => {
    const sql = [
      'DROP INDEX CONCURRENTLY IF EXISTS i;',
      'DROP VIEW v;',
      'DROP MATERIALIZED VIEW mv;',
      'DROP TYPE "Role";',
      'DROP FUNCTION f(int);',
      'DROP SEQUENCE s;',
      'DROP EXTENSION e;',
      'DROP TRIGGER tr ON x;',
      'DROP POLICY p ON x;',
      'DROP PROCEDURAL LANGUAGE plsample;',
    ].join('\n');
    expect(await ops(sql)).toEqual([]);
  });

  it('reports DROP OWNED BY as dynamic', async () => {
    expect(await ops('DROP OWNED BY app_user CASCADE;')).toEqual([
      dynamic('DROP OWNED, which drops every table the role owns', 'DROP OWNED BY app_user CASCADE'),
    ]);
  });
});

describe('TRUNCATE and DELETE', () => {
  it('reads TRUNCATE forms', async () => {
    expect(await ops('TRUNCATE t;\nTRUNCATE TABLE ONLY a, s.b RESTART IDENTITY CASCADE;')).toEqual([
      truncate(t('t'), 'TRUNCATE t'),
      truncate(t('a'), 'a'),
      truncate(t('b', 's'), 's.b'),
    ]);
    expect(await ops('TRUNCATE TABLE `t`;', 'mysql')).toEqual([truncate(t('t'), 'TRUNCATE TABLE `t`')]);
    expect(await ops('TRUNCATE TABLE [dbo].[T];', 'sqlserver')).toEqual([truncate(t('T', 'dbo'), 'TRUNCATE TABLE [dbo].[T]')]);
  });

  it('tells DELETE with a WHERE from DELETE without one; a WHERE in a subquery does not count', async () => {
    const sql = [
      'DELETE FROM t;',
      'DELETE FROM t WHERE id = 1;',
      'DELETE FROM t WHERE id IN (SELECT id FROM u WHERE x);',
      'DELETE FROM t USING (SELECT id FROM u WHERE u.bad) s;',
      'DELETE FROM ONLY s.t AS x RETURNING *;',
    ].join('\n');
    expect(await ops(sql)).toEqual([
      del(t('t'), false, 'DELETE FROM t'),
      del(t('t'), true, 'DELETE FROM t WHERE id = 1'),
      del(t('t'), true, 'DELETE FROM t WHERE id IN (SELECT id FROM u WHERE x)'),
      del(t('t'), false, 'DELETE FROM t USING (SELECT id FROM u WHERE u.bad) s'),
      del(t('t', 's'), false, 'DELETE FROM ONLY s.t AS x RETURNING *'),
    ]);
  });

  it('reads MySQL and SQL Server DELETE forms', async () => {
    expect(await ops('DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id;', 'mysql')).toEqual([del(t('t1'), false, 'DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id')]);
    expect(await ops('DELETE TOP (10) FROM [dbo].[Log];\nDELETE [dbo].[Log] WHERE [id] = 1;', 'sqlserver')).toEqual([
      del(t('Log', 'dbo'), false, 'DELETE TOP (10) FROM [dbo].[Log]'),
      del(t('Log', 'dbo'), true, 'DELETE [dbo].[Log] WHERE [id] = 1'),
    ]);
  });

  it('finds DELETE in CTEs, rules and EXPLAIN ANALYZE', async () => {
    const sql = [
      'WITH d AS (DELETE FROM t RETURNING *) SELECT count(*) FROM d;',
      'WITH old AS (SELECT id FROM t WHERE created < now()) DELETE FROM t WHERE id IN (SELECT id FROM old);',
      'CREATE RULE r AS ON DELETE TO v DO INSTEAD DELETE FROM t;',
      'EXPLAIN ANALYZE DELETE FROM t;',
    ].join('\n');
    expect(await ops(sql)).toEqual([
      del(t('t'), false, 'DELETE FROM t RETURNING *'),
      del(t('t'), true, 'DELETE FROM t WHERE id IN (SELECT id FROM old)'),
      del(t('t'), false, 'DELETE FROM t'),
      del(t('t'), false, 'DELETE FROM t'),
    ]);
  });
});

describe('statements that destroy nothing', () => {
  it('ignores ON CONFLICT, privileges, ON DELETE, comments and strings', async () => {
    const sql = [
      "INSERT INTO settings (key) VALUES ('a') ON CONFLICT DO NOTHING;",
      'GRANT SELECT, DELETE ON t TO app;',
      'REVOKE DELETE, TRUNCATE ON t FROM app;',
      'CREATE TABLE c (id int REFERENCES p (id) ON DELETE CASCADE);',
      "COMMENT ON TABLE t IS 'Never DROP TABLE t; TRUNCATE it never';",
      "SELECT 'DROP TABLE x'; -- DROP TABLE y",
      "/* TRUNCATE z */ INSERT INTO log VALUES ('DELETE FROM w');",
      "CREATE VIEW v AS SELECT a, 'DROP TABLE x' FROM t;",
      "CREATE RULE log_ins AS ON INSERT TO t DO ALSO INSERT INTO log VALUES ('x', 'DROP TABLE y');",
      'CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON t FOR EACH ROW EXECUTE FUNCTION log();',
      'CREATE POLICY p ON t FOR DELETE USING (owner = current_user);',
      'MERGE INTO s USING d ON s.id = d.id WHEN MATCHED THEN DELETE;',
    ].join('\n');
    const result = await ops(sql);
    expect(result).toEqual([
      {
        kind: 'create-table',
        table: t('c'),
        columns: [{ name: 'id', type: 'int' }],
        references: [{ table: t('p'), columns: ['id'], from: ['id'] }],
        ...up,
        text: 'CREATE TABLE c (id int REFERENCES p (id) ON DELETE CASCADE)',
      },
    ]);
  });

  it('ignores privileges in MySQL and SQL Server, and trigger event lists', async () => {
    expect(await ops("GRANT DELETE ON db.* TO 'u'@'%';", 'mysql')).toEqual([]);
    expect(await ops('DENY DELETE ON dbo.T TO app;', 'sqlserver')).toEqual([]);
    expect(await ops('CREATE TRIGGER trg ON dbo.T AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON; END;', 'sqlserver')).toEqual([]);
  });
});

describe('functions', () => {
  it('records each function created and whether it returns a trigger, not a procedure', async () => {
    const sql = [
      'CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;',
      'CREATE FUNCTION "hot_rank"(score int) RETURNS int LANGUAGE sql AS $$ SELECT score $$;',
      'CREATE PROCEDURE purge() LANGUAGE sql AS $$ SELECT 1 $$;',
    ].join('\n');
    expect(await ops(sql, 'postgresql', 'upgrade', true)).toMatchObject([
      { kind: 'create-function', schema: 'app', name: 'touch', returnsTrigger: true, ...up },
      { kind: 'create-function', schema: null, name: 'hot_rank', returnsTrigger: false, ...up },
    ]);
  });
});

describe('routine bodies', () => {
  it('reports a static DROP inside a DO block, at its place in the body', async () => {
    const sql = ['DO $$', 'BEGIN', "  IF EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'old') THEN", '    DROP TABLE old;', '  END IF;', 'END', '$$;'].join(
      '\n',
    );
    const [op] = await analyzeSql(sql, { dialect: 'postgresql', phase: 'upgrade' }).then((a) => a.operations);
    expect(op!.span.start).toBe(sql.indexOf('DROP TABLE old'));
    expect(await ops(sql)).toEqual([dropTable(t('old'), 'DROP TABLE old')]);
  });

  it("maps spans through '' and backslashes in single-quoted bodies", async () => {
    const sql = [
      "CREATE FUNCTION purge() RETURNS void AS '",
      'BEGIN',
      "  RAISE NOTICE ''C:\\temp\\'';",
      '  DROP TABLE old_sessions;',
      '  TRUNCATE audit_log;',
      '  DELETE FROM sessions WHERE expired;',
      'END;',
      "' LANGUAGE plpgsql;",
      "DO E'BEGIN RAISE NOTICE \\'x\\\\y\\'; DROP TABLE t2; END';",
    ].join('\n');
    // purge() is never called: what its body does is marked as its own, not the migration's.
    const inPurge = { definedIn: 'function purge' };
    expect(await ops(sql)).toEqual([
      { ...dropTable(t('old_sessions'), 'DROP TABLE old_sessions'), ...inPurge },
      { ...truncate(t('audit_log'), 'TRUNCATE audit_log'), ...inPurge },
      { ...del(t('sessions'), true, 'DELETE FROM sessions WHERE expired'), flag: 'expired', ...inPurge },
      dropTable(t('t2'), 'DROP TABLE t2'),
    ]);
  });

  it('reads dollar-quoted function bodies, BEGIN ATOMIC and nothing in other languages', async () => {
    const sql = [
      'CREATE OR REPLACE FUNCTION reset() RETURNS void LANGUAGE plpgsql AS $fn$',
      'BEGIN',
      '  FOR r IN SELECT 1 LOOP DELETE FROM cache; END LOOP;',
      '  DROP TABLE IF EXISTS tmp_cache;',
      'END $fn$;',
      'CREATE FUNCTION purge() RETURNS void LANGUAGE sql BEGIN ATOMIC DELETE FROM sessions; END;',
      'CREATE FUNCTION py() RETURNS void AS $$ plpy.execute("DROP TABLE x") $$ LANGUAGE plpython3u;',
    ].join('\n');
    // A body inlined (BEGIN ATOMIC) is read as the migration's own statements.
    expect(await ops(sql)).toEqual([
      { ...del(t('cache'), false, 'DELETE FROM cache'), definedIn: 'function reset' },
      { ...dropTable(t('tmp_cache'), 'DROP TABLE IF EXISTS tmp_cache'), definedIn: 'function reset' },
      del(t('sessions'), false, 'DELETE FROM sessions'),
    ]);
  });

  it('analyses EXECUTE of a literal and reports computed SQL as dynamic', async () => {
    const sql = [
      'DO $$',
      'BEGIN',
      "  EXECUTE 'DROP TABLE legacy';",
      "  EXECUTE 'DELETE FROM t WHERE id = $1' USING 5;",
      "  EXECUTE 'DROP TABLE ' || quote_ident(tbl);",
      "  EXECUTE format('TRUNCATE %I', tbl);",
      '  EXECUTE stmt;',
      "  EXECUTE 'GRANT SELECT ON ' || tbl || ' TO app';",
      "  IF x THEN EXECUTE 'ALTER TABLE ' || tbl || ' DROP COLUMN c'; END IF;",
      'END',
      '$$;',
    ].join('\n');
    expect(await ops(sql)).toEqual([
      dropTable(t('legacy'), 'DROP TABLE legacy'),
      del(t('t'), true, 'DELETE FROM t WHERE id = $1'),
      dynamic(EXECUTE_DYNAMIC, "EXECUTE 'DROP TABLE ' || quote_ident(tbl)"),
      dynamic(EXECUTE_DYNAMIC, "EXECUTE format('TRUNCATE %I', tbl)"),
      dynamic(EXECUTE_DYNAMIC, 'EXECUTE stmt'),
      dynamic(EXECUTE_DYNAMIC, "EXECUTE 'ALTER TABLE ' || tbl || ' DROP COLUMN c'"),
    ]);
    const { statements } = await analyzeSql(sql, { dialect: 'postgresql', phase: 'upgrade' });
    expect(statements.map((s) => sql.slice(s.start, s.end))).toEqual([sql.slice(0, -1)]);
  });

  it('resumes after a lexical error inside a body', async () => {
    const sql = "DO $$\nBEGIN\n  RAISE NOTICE 'oops;\n  DROP TABLE x;\nEND\n$$;";
    expect(await ops(sql)).toEqual([
      { kind: 'unparsed', reason: 'unterminated string literal', mayBeDestructive: false, ...up, text: "'oops;" },
      dropTable(t('x'), 'DROP TABLE x'),
    ]);
  });

  it("reads EXECUTE inside a literal inside a literal: DO 'EXECUTE ''…'''", async () => {
    const sql = "DO 'BEGIN EXECUTE ''DROP TABLE x''; END';";
    expect(await ops(sql)).toEqual([dropTable(t('x'), 'DROP TABLE x')]);
  });

  it('reads inline MySQL routine and trigger bodies', async () => {
    const sql = [
      'DELIMITER $$',
      'CREATE DEFINER=`root`@`localhost` PROCEDURE purge()',
      'BEGIN',
      '  IF 1 THEN DELETE FROM t; END IF;',
      '  DROP TABLE x;',
      'END$$',
      'DELIMITER ;',
      'CREATE TRIGGER t_bd BEFORE DELETE ON t FOR EACH ROW DELETE FROM t_audit WHERE t_audit.id = OLD.id;',
      'DROP TABLE y;',
    ].join('\n');
    expect(await ops(sql, 'mysql')).toEqual([
      del(t('t'), false, 'DELETE FROM t'),
      dropTable(t('x'), 'DROP TABLE x'),
      del(t('t_audit'), true, 'DELETE FROM t_audit WHERE t_audit.id = OLD.id'),
      dropTable(t('y'), 'DROP TABLE y'),
    ]);
  });

  it('reads SQLite trigger and T-SQL procedure bodies', async () => {
    expect(await ops('CREATE TRIGGER tr AFTER DELETE ON a BEGIN DELETE FROM b WHERE b.a_id = old.id; END;\nDROP TABLE c;', 'sqlite')).toEqual([
      del(t('b'), true, 'DELETE FROM b WHERE b.a_id = old.id'),
      dropTable(t('c'), 'DROP TABLE c'),
    ]);
    const tsql = 'CREATE PROCEDURE p AS BEGIN BEGIN TRAN; DELETE FROM t; ALTER TABLE u DROP COLUMN v; COMMIT; END;\nDROP TABLE q;';
    expect(await ops(tsql, 'sqlserver')).toEqual([
      del(t('t'), false, 'DELETE FROM t'),
      dropColumn(t('u'), 'v', 'DROP COLUMN v'),
      dropTable(t('q'), 'DROP TABLE q'),
    ]);
  });
});

describe('routines called with literal arguments', () => {
  const schemaOp = (kind: 'create-schema' | 'drop-schema', schema: string, text: string): Expected =>
    kind === 'create-schema' ? { kind, schema, ifNotExists: false, ...up, text } : { kind, schema, cascade: true, ...up, text };
  const clone = [
    'CREATE OR REPLACE FUNCTION clone(src text, dest text) RETURNS void AS $$',
    'DECLARE tbl text;',
    'BEGIN',
    "  EXECUTE 'DROP SCHEMA IF EXISTS ' || dest || ' CASCADE';",
    "  EXECUTE 'CREATE SCHEMA ' || quote_ident(dest);",
    "  EXECUTE format('TRUNCATE %I.%I', dest, 'log');",
    '  FOR tbl IN SELECT table_name FROM information_schema.tables WHERE table_schema = src LOOP',
    "    EXECUTE 'DROP TABLE ' || dest || '.' || tbl;",
    '  END LOOP;',
    'END $$ LANGUAGE plpgsql;',
  ].join('\n');
  // What the body runs for any caller, reported once at the definition.
  const definition = [
    dynamic(EXECUTE_DYNAMIC, "EXECUTE 'DROP SCHEMA IF EXISTS ' || dest || ' CASCADE'"),
    dynamic(EXECUTE_DYNAMIC, "EXECUTE format('TRUNCATE %I.%I', dest, 'log')"),
    dynamic(EXECUTE_DYNAMIC, "EXECUTE 'DROP TABLE ' || dest || '.' || tbl"),
  ];
  const called = (schema: string, text: string): Expected[] => [
    schemaOp('drop-schema', schema, text),
    schemaOp('create-schema', schema, text),
    truncate(t('log', schema), text),
  ];

  it('analyses the SQL a call computes from its literal arguments, at the call; what needs a loop variable stays dynamic', async () => {
    const sql = `${clone}\nSELECT clone('public', 'tenant_a');`;
    expect(await ops(sql)).toEqual([...definition, ...called('tenant_a', "SELECT clone('public', 'tenant_a')")]);
  });

  it('reads each call with its own arguments', async () => {
    const sql = `${clone}\nSELECT clone('public', 'a');\nSELECT * FROM public.clone('public', 'b'::text);`;
    expect(await ops(sql)).toEqual([
      ...definition,
      ...called('a', "SELECT clone('public', 'a')"),
      ...called('b', "SELECT * FROM public.clone('public', 'b'::text)"),
    ]);
  });

  it('keeps only the definition for a routine never called, or called with an argument that is not a literal', async () => {
    const uncalled = definition.map((op) => ({ ...op, definedIn: 'function clone' }));
    expect(await ops(clone)).toEqual(uncalled);
    expect(await ops(`${clone}\nSELECT clone('public', name) FROM tenants;`)).toEqual(definition);
    // Called before it is defined: that call runs whatever the database held under the name.
    expect(await ops(`SELECT clone('public', 'a');\n${clone}`)).toEqual(uncalled);
  });

  it('marks what the body of a routine the file never runs does: named (altered, granted) is no call; a trigger, or a routine it runs, is', async () => {
    const routine = (name: string, body: string, returns = 'void') =>
      `CREATE FUNCTION ${name}() RETURNS ${returns} LANGUAGE plpgsql AS $$ BEGIN ${body} END $$;`;
    const sql = [
      routine('wipe', 'TRUNCATE sessions;'),
      routine('purge', 'PERFORM wipe(); DELETE FROM events;'),
      routine('cleanup', 'DELETE FROM jobs;'),
      routine('audit', 'DELETE FROM audit; RETURN NEW;', 'trigger'),
      'ALTER FUNCTION cleanup() OWNER TO app;',
      'GRANT EXECUTE ON FUNCTION cleanup() TO app;',
      'COMMENT ON FUNCTION cleanup() IS $c$purges jobs$c$;',
      'CREATE OR REPLACE FUNCTION cleanup() RETURNS void LANGUAGE sql AS $b$ SELECT 1 $b$;',
      'CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION audit();',
      'CREATE PROCEDURE nightly() LANGUAGE plpgsql AS $$ BEGIN DELETE FROM logs; END $$;',
      'SELECT purge();',
    ].join('\n');
    expect((await ops(sql)).map((op) => [op.kind, (op.table as { name: string } | undefined)?.name ?? null, op.definedIn ?? null])).toEqual([
      // wipe() runs through purge(), which the migration calls.
      ['truncate', 'sessions', null],
      ['delete', 'events', null],
      ['delete', 'jobs', 'function cleanup'],
      ['delete', 'audit', null],
      ['delete', 'logs', 'procedure nightly'],
    ]);
  });

  it('does not bind a parameter the body assigns or declares again', async () => {
    const sql = [
      'CREATE FUNCTION purge(s text, t text) RETURNS void AS $$',
      'BEGIN',
      '  s := lower(s);',
      "  SELECT 'x' INTO t;",
      "  EXECUTE 'TRUNCATE ' || s;",
      "  EXECUTE 'TRUNCATE ' || t;",
      'END $$ LANGUAGE plpgsql;',
      "SELECT purge('a', 'b');",
    ].join('\n');
    expect(await ops(sql)).toEqual([dynamic(EXECUTE_DYNAMIC, "EXECUTE 'TRUNCATE ' || s"), dynamic(EXECUTE_DYNAMIC, "EXECUTE 'TRUNCATE ' || t")]);
  });

  it('reads CALL with named arguments and defaults, PERFORM in a body, and positional parameters', async () => {
    const sql = [
      "CREATE PROCEDURE purge(t text, s text DEFAULT 'public') LANGUAGE plpgsql AS $$",
      "BEGIN EXECUTE 'TRUNCATE ' || s || '.' || t; END $$;",
      "CALL purge(t => 'events');",
      "CREATE FUNCTION wipe(text) RETURNS void AS 'BEGIN EXECUTE ''DELETE FROM '' || $1; END' LANGUAGE plpgsql;",
      "DO $$ BEGIN PERFORM wipe('sessions'); END $$;",
    ].join('\n');
    expect(await ops(sql)).toEqual([
      dynamic(EXECUTE_DYNAMIC, "EXECUTE 'TRUNCATE ' || s || '.' || t"),
      truncate(t('events', 'public'), "CALL purge(t => 'events')"),
      dynamic(EXECUTE_DYNAMIC, "EXECUTE ''DELETE FROM '' || $1"),
      del(t('sessions'), false, "PERFORM wipe('sessions')"),
    ]);
  });

  it('reads a concatenation of literals only as the SQL it spells, at the EXECUTE', async () => {
    const sql = "DO $$ BEGIN EXECUTE 'DROP TABLE ' || 'old_' || 'events'; END $$;";
    expect(await ops(sql)).toEqual([dropTable(t('old_events'), "EXECUTE 'DROP TABLE ' || 'old_' || 'events'")]);
  });
});

describe('T-SQL and MySQL dynamic SQL and renames', () => {
  it('reads EXEC of a literal, and reports EXEC of a variable as dynamic', async () => {
    const sql = [
      "EXEC('DROP TABLE [dbo].[Old]');",
      "EXEC sp_executesql N'TRUNCATE TABLE [dbo].[T]';",
      'EXEC sp_executesql @sql;',
      'EXEC (@sql);',
      "EXEC ('DROP TABLE ' + @name);",
    ].join('\n');
    expect(await ops(sql, 'sqlserver')).toEqual([
      dropTable(t('Old', 'dbo'), 'DROP TABLE [dbo].[Old]'),
      truncate(t('T', 'dbo'), 'TRUNCATE TABLE [dbo].[T]'),
      dynamic('SQL built at run time (sp_executesql)', 'EXEC sp_executesql @sql'),
      dynamic('SQL built at run time (EXEC)', 'EXEC (@sql)'),
      dynamic('SQL built at run time (EXEC)', "EXEC ('DROP TABLE ' + @name)"),
    ]);
  });

  it("reads Oracle's EXECUTE IMMEDIATE of a literal, in a block or alone, and reports one of a variable as dynamic", async () => {
    const sql = [
      "BEGIN\n  EXECUTE IMMEDIATE 'alter table policy drop column action_old';\nEND;",
      "execute immediate 'DROP TABLE old_rows';",
      'EXECUTE IMMEDIATE stmt;',
    ].join('\n');
    expect(await ops(sql)).toEqual([
      dropColumn(t('policy'), 'action_old', 'drop column action_old'),
      dropTable(t('old_rows'), 'DROP TABLE old_rows'),
      dynamic('SQL built at run time (EXECUTE IMMEDIATE)', 'EXECUTE IMMEDIATE stmt'),
    ]);
  });

  it('reads sp_rename of tables and columns', async () => {
    const sql = "EXEC sp_rename 'dbo.A', 'B';\nEXEC SP_RENAME N'dbo.User.name', N'fullName', N'COLUMN';";
    expect(await ops(sql, 'sqlserver')).toEqual([
      { kind: 'rename-table', table: t('A', 'dbo'), newName: 'B', ...up, text: "EXEC sp_rename 'dbo.A', 'B'" },
      renameColumn(t('User', 'dbo'), 'name', 'fullName', "EXEC SP_RENAME N'dbo.User.name', N'fullName', N'COLUMN'"),
    ]);
  });

  it('reads T-SQL IF … DROP TABLE without a semicolon between them', async () => {
    expect(await ops("IF OBJECT_ID(N'dbo.Old', N'U') IS NOT NULL DROP TABLE [dbo].[Old];", 'sqlserver')).toEqual([
      dropTable(t('Old', 'dbo'), 'DROP TABLE [dbo].[Old]'),
    ]);
  });

  it('reads T-SQL statements that follow IF, BEGIN or each other without a semicolon', async () => {
    const sql = [
      "IF OBJECT_ID('a') IS NOT NULL DROP TABLE a",
      "IF OBJECT_ID('b') IS NOT NULL DROP TABLE b",
      'GO',
      "IF NOT EXISTS (SELECT 1 FROM sys.columns WHERE name = 'y')",
      'BEGIN',
      "  EXEC('ALTER TABLE [dbo].[T] DROP COLUMN [y]')",
      'END;',
      'IF @x = 1 EXEC sp_executesql @sql;',
    ].join('\n');
    expect(await ops(sql, 'sqlserver')).toEqual([
      dropTable(t('a'), 'DROP TABLE a'),
      dropTable(t('b'), 'DROP TABLE b'),
      dropColumn(t('T', 'dbo'), 'y', 'DROP COLUMN [y]'),
      dynamic('SQL built at run time (sp_executesql)', 'EXEC sp_executesql @sql'),
    ]);
  });

  it('reads MySQL RENAME TABLE and PREPARE', async () => {
    expect(await ops('RENAME TABLE a TO b, db.c TO db.d, db.e TO archive.e;\nPREPARE s FROM @sql;', 'mysql')).toEqual([
      { kind: 'rename-table', table: t('a'), newName: 'b', ...up, text: 'a TO b' },
      { kind: 'rename-table', table: t('c', 'db'), newName: 'd', ...up, text: 'db.c TO db.d' },
      { kind: 'rename-table', table: t('e', 'db'), newName: 'e', newSchema: 'archive', ...up, text: 'db.e TO archive.e' },
      dynamic('SQL built at run time (PREPARE)', 'PREPARE s FROM @sql'),
    ]);
  });

  it('reads the Prisma SQL Server migration wrapper', async () => {
    const sql = [
      'BEGIN TRY',
      '',
      'BEGIN TRAN;',
      '',
      '-- DropForeignKey',
      'ALTER TABLE [dbo].[Post] DROP CONSTRAINT [Post_authorId_fkey];',
      '',
      '-- AlterTable',
      'ALTER TABLE [dbo].[User] DROP COLUMN [legacy];',
      '',
      '-- DropTable',
      'DROP TABLE [dbo].[Session];',
      '',
      'COMMIT TRAN;',
      '',
      'END TRY',
      'BEGIN CATCH',
      '',
      'IF @@TRANCOUNT > 0',
      'BEGIN',
      '    ROLLBACK TRAN;',
      'END;',
      'THROW',
      '',
      'END CATCH',
    ].join('\n');
    expect(await ops(sql, 'sqlserver')).toEqual([
      dropColumn(t('User', 'dbo'), 'legacy', 'DROP COLUMN [legacy]'),
      dropTable(t('Session', 'dbo'), 'DROP TABLE [dbo].[Session]'),
    ]);
  });
});

describe('statements only the grammar can judge', () => {
  it('keeps going after a malformed statement and reports it at the offending word', async () => {
    const sql = 'DROP TABLE a;\nCREATE TABL b (id int);\nDROP TABLE c;';
    expect(await ops(sql)).toEqual([
      dropTable(t('a'), 'DROP TABLE a'),
      { kind: 'unparsed', reason: 'syntax error at or near "TABL"', mayBeDestructive: false, ...up, text: 'TABL' },
      dropTable(t('c'), 'DROP TABLE c'),
    ]);
  });

  it('reports an unknown statement of a dialect without a grammar only when it mentions a destructive word', async () => {
    expect(await ops('DROP TABLE a;\nFROBNICATE b;\nFROBNICATE DELETE c;\nDROP TABLE c;', 'sqlite')).toEqual([
      dropTable(t('a'), 'DROP TABLE a'),
      { kind: 'unparsed', reason: 'not a sqlite statement droplint recognizes', mayBeDestructive: true, ...up, text: 'FROBNICATE DELETE c' },
      dropTable(t('c'), 'DROP TABLE c'),
    ]);
  });

  it('sends a statement the recognizers accept but whose parentheses do not pair to the grammar', async () => {
    // PostgreSQL takes no parenthesis after ADD COLUMN: its parser points at the first one.
    expect(await ops('ALTER TABLE t ADD COLUMN (((;\nALTER TABLE t DROP COLUMN a, ADD COLUMN (b int;')).toEqual([
      { kind: 'unparsed', reason: 'syntax error at or near "("', mayBeDestructive: false, ...up, text: '(' },
      dropColumn(t('t'), 'a', 'DROP COLUMN a'),
      addColumn(t('t'), 'b', 'int', 'ADD COLUMN (b int'),
      { kind: 'unparsed', reason: 'syntax error at or near "("', mayBeDestructive: true, ...up, text: '(' },
    ]);
  });

  it('does not take the event of a foreign key or trigger for a DELETE, where there is no grammar', async () => {
    // SQLite without its grammar: a statement it cannot read is reported only when it may delete rows.
    const sql = [
      'FROBNICATE s REFERENCES u (id) ON UPDATE no action ON DELETE cascade;',
      'FROBNICATE t AFTER DELETE ON u;',
      'FROBNICATE v THEN DELETE FROM s;',
    ].join('\n');
    const found = await ops(sql, 'sqlite');
    expect(found.map((o) => (o.kind === 'unparsed' ? o.text : o.kind))).toEqual(['FROBNICATE v THEN DELETE FROM s']);
  });

  it('does not call a malformed statement destructive for dropping what holds no data', async () => {
    const sql = [
      'FROBNICATE t DROP CONSTRAINT t_fk;',
      'FROBNICATE t ALTER COLUMN a DROP NOT NULL;',
      'FROBNICATE t ALTER COLUMN a DROP DEFAULT;',
      'FROBNICATE t DROP FOREIGN KEY t_fk;',
      'FROBNICATE t DROP COLUMN a;',
    ].join('\n');
    const found = await ops(sql, 'sqlite');
    expect(found.map((o) => (o.kind === 'unparsed' ? o.text : o.kind))).toEqual(['FROBNICATE t DROP COLUMN a']);
  });

  it('reads a Go or Jinja template expression the migration tool renders as a name', async () => {
    // supabase/auth-style migrations: `{{ index .Options "Namespace" }}` is the schema, filled in before running.
    const ns = '{{ index .Options "Namespace" }}';
    const sql = [
      `CREATE TABLE ${ns}.sessions (id uuid);`,
      `ALTER TABLE ${ns}.sessions ENABLE ROW LEVEL SECURITY;`,
      `ALTER TABLE "${ns}"."sessions" ADD CONSTRAINT sessions_uq UNIQUE ("id");`,
      `DROP TABLE "${ns}".sso_sessions;`,
    ].join('\n');
    expect(await ops(sql)).toEqual([
      { kind: 'create-table', table: t('sessions', ns), columns: [{ name: 'id', type: 'uuid' }], ...up, text: `CREATE TABLE ${ns}.sessions (id uuid)` },
      dropTable(t('sso_sessions', ns), `DROP TABLE "${ns}".sso_sessions`),
    ]);
  });

  it('reads Go template actions as no SQL, a name a placeholder starts as one name, and a destroying template function as dynamic', async () => {
    // Mattermost's morph migrations: both branches are linted; a function on a line of its own renders a statement.
    const sql = [
      '{{- /* a comment',
      'over two lines */ -}}',
      '{{if .postgres}}',
      'ALTER TABLE {{.prefix}}blocks ALTER COLUMN created_by SET NOT NULL;',
      '{{else}}',
      'ALTER TABLE {{.prefix}}blocks ADD COLUMN x int;',
      '{{end}}',
      '{{ addColumnIfNeeded "boards" "x" "varchar(36)" ""}}',
      '{{ dropColumnIfNeeded "category_boards" "delete_at" }}',
      // An index holds no rows.
      '{{ dropIndexIfNeeded "blocks" "idx_blocks_root" }}',
      'DROP TABLE {{.prefix}}sessions;',
    ].join('\n');
    expect(await ops(sql)).toEqual([
      dynamic('dropColumnIfNeeded, a template function droplint cannot read', '{{ dropColumnIfNeeded "category_boards" "delete_at" }}'),
      addColumn(t('{{.prefix}}blocks'), 'x', 'int', 'ADD COLUMN x int'),
      dropTable(t('{{.prefix}}sessions'), 'DROP TABLE {{.prefix}}sessions'),
    ]);
  });

  it("keeps the grammar's message on one line when the token it quotes spans lines", async () => {
    const [op] = await ops('COPY t (BLE " FROM stdin;\n1\t2\n\\.\nCREATE TAa, b)User" (id int);');
    expect(op).toMatchObject({ kind: 'unparsed', reason: 'syntax error at or near "" FROM stdin; 1\t2 \\. CREATE TAa, b)User""' });
  });

  it('does not call a malformed DROP INDEX destructive', async () => {
    expect(await ops('DROP INDEX CONCURRENTLY IF EXISTS (idx;')).toEqual([
      { kind: 'unparsed', reason: 'syntax error at or near "("', mayBeDestructive: false, ...up, text: '(' },
    ]);
  });

  it('reports a valid statement it cannot read that mentions DELETE as dynamic', async () => {
    const sql =
      'WITH RECURSIVE tree(id) AS (SELECT id FROM nodes WHERE parent IS NULL UNION ALL SELECT n.id FROM nodes n JOIN tree t ON n.parent = t.id) ' +
      'CYCLE id SET is_cycle USING path DELETE FROM nodes WHERE id NOT IN (SELECT id FROM tree);';
    expect(await ops(sql)).toEqual([dynamic('a statement droplint cannot analyse that mentions DROP, TRUNCATE or DELETE', sql.slice(0, -1))]);
  });

  it('adds nothing for a valid statement it read in part', async () => {
    const sql = 'WITH d AS (DELETE FROM t RETURNING id) CYCLE id SET c USING p SELECT * FROM d;';
    expect(await ops(sql)).toEqual([del(t('t'), false, 'DELETE FROM t RETURNING id')]);
  });
});

describe('phases', () => {
  it('follows dbmate sections', async () => {
    const sql = '-- migrate:up\nCREATE TABLE a (id int);\n\n-- migrate:down\nDROP TABLE a;\n';
    expect(await ops(sql, 'postgresql', 'none')).toEqual([
      { kind: 'create-table', table: t('a'), columns: [{ name: 'id', type: 'int' }], phase: 'upgrade', text: 'CREATE TABLE a (id int)' },
      { kind: 'drop-table', table: t('a'), phase: 'downgrade', text: 'DROP TABLE a' },
    ]);
  });

  it('follows goose sections around StatementBegin blocks', async () => {
    const sql = [
      '-- +goose Up',
      '-- +goose StatementBegin',
      'CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END $$ LANGUAGE plpgsql;',
      '-- +goose StatementEnd',
      'ALTER TABLE t ADD COLUMN c int;',
      '',
      '-- +goose Down',
      'ALTER TABLE t DROP COLUMN c;',
    ].join('\n');
    expect(await ops(sql, 'postgresql', 'none')).toEqual([
      { ...addColumn(t('t'), 'c', 'int', 'ADD COLUMN c int'), phase: 'upgrade' },
      { ...dropColumn(t('t'), 'c', 'DROP COLUMN c'), phase: 'downgrade' },
    ]);
  });

  it('ignores section markers unless asked to honour them', async () => {
    const sql = '-- migrate:down\nDROP TABLE a;';
    const { operations } = await analyzeSql(sql, { dialect: 'postgresql', phase: 'upgrade' });
    expect(operations.map((op) => op.phase)).toEqual(['upgrade']);
  });
});

/** The rebuild is the whole sequence: from `CREATE TABLE "new_X"` to the end of its RENAME. */
function rebuildText(sql: string, table: string): string {
  const end = `RENAME TO "${table}"`;
  return sql.slice(sql.indexOf(`CREATE TABLE "new_${table}"`), sql.indexOf(end) + end.length);
}

describe('table rebuilds', () => {
  it('folds the SQLite rebuild Prisma generates into one redefine-table', async () => {
    const sql = [
      '-- RedefineTables',
      'PRAGMA defer_foreign_keys=ON;',
      'PRAGMA foreign_keys=OFF;',
      'CREATE TABLE "new_User" (',
      '    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,',
      '    "email" TEXT NOT NULL,',
      '    "name" TEXT',
      ');',
      'INSERT INTO "new_User" ("id", "email") SELECT "id", "email" FROM "User";',
      'DROP TABLE "User";',
      'ALTER TABLE "new_User" RENAME TO "User";',
      'CREATE UNIQUE INDEX "User_email_key" ON "User"("email");',
      'PRAGMA foreign_keys=ON;',
      'PRAGMA defer_foreign_keys=OFF;',
    ].join('\n');
    expect(await ops(sql, 'sqlite')).toEqual([
      {
        kind: 'redefine-table',
        table: t('User'),
        columns: [
          { name: 'id', type: 'INTEGER', generatedKey: true },
          { name: 'email', type: 'TEXT' },
          { name: 'name', type: 'TEXT' },
        ],
        keptColumns: ['id', 'email'],
        limitedBy: null,
        builtAs: t('new_User'),
        filled: ['id', 'email'],
        ...up,
        text: rebuildText(sql, 'User'),
      },
    ]);
  });

  it('keeps the columns an expression in the copy reads, but not aliases', async () => {
    const sql = [
      'CREATE TABLE "new_User" ("id" TEXT NOT NULL PRIMARY KEY, "age" INTEGER NOT NULL DEFAULT 0, "nick" TEXT, "mail" TEXT);',
      'INSERT INTO "new_User" ("age", "id", "nick", "mail") SELECT coalesce("age", 0) AS "age", "User"."id", name AS nick, CAST("email" AS TEXT) AS "mail" FROM "User";',
      'DROP TABLE "User";',
      'ALTER TABLE "new_User" RENAME TO "User";',
    ].join('\n');
    const [op] = await ops(sql, 'sqlite');
    expect(op).toMatchObject({ kind: 'redefine-table', keptColumns: ['age', 'id', 'name', 'email'], text: rebuildText(sql, 'User') });
  });

  it('keeps SELECT * copies with unknown columns, and INSERT OR REPLACE', async () => {
    const sql = 'CREATE TABLE "new_T" ("a" TEXT);\nINSERT OR REPLACE INTO "new_T" SELECT * FROM "T";\nDROP TABLE "T";\nALTER TABLE "new_T" RENAME TO "T";';
    expect(await ops(sql, 'sqlite')).toEqual([
      {
        kind: 'redefine-table',
        table: t('T'),
        columns: [{ name: 'a', type: 'TEXT' }],
        keptColumns: null,
        limitedBy: null,
        builtAs: t('new_T'),
        filled: null,
        ...up,
        text: rebuildText(sql, 'T'),
      },
    ]);
  });

  it('does not fold a rebuild without the row copy: the old rows are gone', async () => {
    const sql = 'CREATE TABLE "new_T" ("a" TEXT);\nDROP TABLE "T";\nALTER TABLE "new_T" RENAME TO "T";';
    expect(await ops(sql, 'sqlite')).toEqual([
      { kind: 'create-table', table: t('new_T'), columns: [{ name: 'a', type: 'TEXT' }], ...up, text: 'CREATE TABLE "new_T" ("a" TEXT)' },
      dropTable(t('T'), 'DROP TABLE "T"'),
      { kind: 'rename-table', table: t('new_T'), newName: 'T', ...up, text: 'RENAME TO "T"' },
    ]);
  });

  it('sees only a column type change in the PostgreSQL enum re-creation', async () => {
    const sql = [
      'ALTER TYPE "Role" RENAME TO "Role_old";',
      `CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');`,
      'ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role" USING ("role"::text::"Role");',
      'DROP TYPE "Role_old";',
    ].join('\n');
    expect(await ops(sql)).toEqual([alterType(t('User'), 'role', '"Role"', 'ALTER COLUMN "role" TYPE "Role" USING ("role"::text::"Role")')]);

    const prisma = [
      'BEGIN;',
      `CREATE TYPE "Role_new" AS ENUM ('USER', 'ADMIN');`,
      'ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");',
      'ALTER TYPE "Role" RENAME TO "Role_old";',
      'ALTER TYPE "Role_new" RENAME TO "Role";',
      'DROP TYPE "Role_old";',
      'COMMIT;',
    ].join('\n');
    expect(await ops(prisma)).toEqual([alterType(t('User'), 'role', '"Role_new"', 'ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new")')]);
  });
});

describe('statement ranges', () => {
  it('lists only the top-level statements, in order', async () => {
    const sql = "SELECT 1;\nDO $$ BEGIN EXECUTE 'DROP TABLE x'; END $$;\nDROP TABLE y;";
    const { statements } = await analyzeSql(sql, { dialect: 'postgresql', phase: 'upgrade' });
    expect(statements.map((s) => sql.slice(s.start, s.end))).toEqual(['SELECT 1', "DO $$ BEGIN EXECUTE 'DROP TABLE x'; END $$", 'DROP TABLE y']);
  });
});

describe('T-SQL batches without semicolons', () => {
  it('ends a DELETE at the next statement, so its WHERE is not borrowed from the next one', async () => {
    const sql = 'DELETE FROM [dbo].[Audit]\nDELETE FROM [dbo].[Session] WHERE [expires] < GETDATE()\nDROP TABLE [dbo].[Tmp]\nGO\n';
    expect(await ops(sql, 'sqlserver')).toEqual([
      del(t('Audit', 'dbo'), false, 'DELETE FROM [dbo].[Audit]'),
      del(t('Session', 'dbo'), true, 'DELETE FROM [dbo].[Session] WHERE [expires] < GETDATE()'),
      dropTable(t('Tmp', 'dbo'), 'DROP TABLE [dbo].[Tmp]'),
    ]);
  });
});

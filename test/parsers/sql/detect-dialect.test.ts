import { describe, expect, it } from 'vitest';
import { detectDialect, showsPostgres } from '../../../src/parsers/sql/detect-dialect.js';

describe('detectDialect', () => {
  it.each([
    ['CREATE TABLE t (id UInt64) ENGINE = ReplicatedMergeTree ORDER BY id;', 'clickhouse'],
    ['ALTER TABLE t ON CLUSTER default DROP COLUMN x;', 'clickhouse'],
    ['ALTER TABLE t ADD COLUMN env LowCardinality(String);', 'clickhouse'],
    ['ALTER TABLE t DROP COLUMN IF EXISTS x SETTINGS mutations_sync = 2;', 'clickhouse'],
    // Backticks are MySQL's and ClickHouse's: the stronger sign wins wherever it stands.
    ['ALTER TABLE `t` ADD COLUMN `x` String;\nCREATE TABLE u (id UInt8) ENGINE = Null;', 'clickhouse'],
    ['CREATE TABLE [dbo].[t] ([id] INT);', 'sqlserver'],
    ['DROP TABLE t\nGO\n', 'sqlserver'],
    ['CREATE TABLE `t` (`id` int);', 'mysql'],
    ['CREATE TABLE t (id int) ENGINE=InnoDB;', 'mysql'],
  ])('%s → %s', (sql, dialect) => {
    expect(detectDialect(sql)).toBe(dialect);
  });

  it.each([
    ['DROP TABLE "users";'],
    // Signs inside comments and strings do not count.
    ["-- see `users` and ON CLUSTER\nCOMMENT ON TABLE t IS 'ENGINE=InnoDB [x]';\n/* GO\n*/ SELECT 1;"],
    // A block comment spans lines: Prisma's warnings quote names in backticks below its first line.
    ['/*\n  Warnings:\n\n  - The `refreshToken` column on the `UserOAuth` table would be dropped.\n*/\nALTER TABLE "Step" DROP CONSTRAINT "Step_fkey";'],
    // PostgreSQL arrays and subscripts are no T-SQL brackets.
    ["SELECT tags[1], ARRAY['a'], '{}'::text[] FROM t WHERE x[idx] > 0;"],
    // `go` inside a line is a word, not a batch separator.
    ["UPDATE t SET status = 'go' WHERE a = go;"],
  ])('%s → none', (sql) => {
    expect(detectDialect(sql)).toBeNull();
  });
});

describe('detectDialect: ClickHouse written without its usual signs', () => {
  it.each([
    ['CREATE MATERIALIZED VIEW umami.stats_mv\nTO umami.stats\nAS SELECT website_id FROM umami.events;'],
    ['alter table umami.event_data\nupdate string_value = number_value\nwhere data_type = 2;'],
    ["ALTER TABLE e DELETE WHERE ts < '2020-01-01';"],
    ['INSERT INTO s SELECT toStartOfHour(created_at), uniqState(session_id) FROM e GROUP BY 1;'],
  ])('%s', (sql) => {
    expect(detectDialect(sql)).toBe('clickhouse');
  });

  it('leaves PostgreSQL materialized views and UPDATE alone', () => {
    expect(detectDialect('CREATE MATERIALIZED VIEW stats AS SELECT 1;\nUPDATE t SET a = to_date(b), s = next_state(s);\nDELETE FROM t WHERE x;')).toBeNull();
  });
});

describe('detectDialect: SQLite quoted like MySQL', () => {
  it('takes PRAGMA, AUTOINCREMENT and WITHOUT ROWID over backticks, but not over ENGINE=InnoDB', () => {
    expect(detectDialect('PRAGMA foreign_keys=OFF;\nCREATE TABLE `__new_t` (`id` integer);')).toBe('sqlite');
    expect(detectDialect('CREATE TABLE `t` (`id` integer PRIMARY KEY AUTOINCREMENT);')).toBe('sqlite');
    expect(detectDialect('CREATE TABLE `t` (`id` int AUTO_INCREMENT) ENGINE=InnoDB;')).toBe('mysql');
    expect(detectDialect('ALTER TABLE `t` ADD `note` text;')).toBe('mysql');
  });
});

describe('showsPostgres', () => {
  it.each([
    ['ALTER TABLE "a" ADD COLUMN "b" BYTEA NOT NULL;'],
    ["UPDATE t SET s = 'x'::text;"],
    ['CREATE TYPE "Role" AS ENUM (\'USER\');'],
    ['ALTER TABLE t ADD COLUMN tags TEXT[];'],
    ['CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;'],
  ])('%s', (sql) => {
    expect(showsPostgres(sql)).toBe(true);
  });

  it.each([
    // What MySQL accepts too, and signs in comments and strings.
    ['ALTER TABLE t ADD COLUMN id SERIAL, ADD COLUMN b TEXT NOT NULL;'],
    ["-- a ::cast and JSONB\nUPDATE t SET note = 'BYTEA::text';"],
  ])('%s: none', (sql) => {
    expect(showsPostgres(sql)).toBe(false);
  });
});

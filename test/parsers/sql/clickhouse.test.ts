import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../../src/parsers/sql/analyze.js';
import { lex } from '../../../src/parsers/sql/lexer.js';

async function ops(sql: string): Promise<Array<Record<string, unknown>>> {
  const { operations } = await analyzeSql(sql, { dialect: 'clickhouse', phase: 'upgrade' });
  // Every operation here is in the upgrade phase: leave it out of the comparisons.
  return operations.map(({ span, ...op }) => {
    const { phase, ...rest } = op;
    expect(phase).toBe('upgrade');
    return { ...rest, text: sql.slice(span.start, span.end) };
  });
}

const t = { schema: null, name: 'events' };

describe('ClickHouse lexing', () => {
  it('reads backticks and double quotes as names, {placeholders} as parameters, # as a comment', () => {
    const { tokens, comments } = lex("SELECT `a b`, \"c\" FROM {db:Identifier}.t # DROP TABLE t\nWHERE s = 'it\\'s';", 'clickhouse');
    expect(tokens.map((tk) => `${tk.type}:${tk.value}`)).toEqual([
      'word:SELECT',
      'ident:a b',
      'punct:,',
      'ident:c',
      'word:FROM',
      'param:{db:Identifier}',
      'punct:.',
      'word:T',
      'word:WHERE',
      'word:S',
      'op:=',
      "string:it's",
      'punct:;',
    ]);
    expect(comments.map((c) => c.body)).toEqual([' DROP TABLE t']);
  });
});

describe('ClickHouse statements', () => {
  it('reads a table with CODEC, MATERIALIZED, INDEX and PROJECTION elements, and flags a Null engine', async () => {
    const sql =
      'CREATE TABLE events ON CLUSTER c (id UUID, name String CODEC(ZSTD(3)), day Date MATERIALIZED toDate(ts), INDEX i name TYPE set(0) GRANULARITY 1, PROJECTION p (SELECT * ORDER BY name)) ENGINE = Null';
    expect(await ops(sql)).toEqual([
      {
        kind: 'create-table',
        table: t,
        columns: [
          { name: 'id', type: 'UUID' },
          { name: 'name', type: 'String' },
          { name: 'day', type: 'Date', computed: true },
        ],
        rowless: 'null-engine',
        text: sql,
      },
    ]);
  });

  it('flags a materialized view that writes TO a table as rowless, not one with its own storage; notes POPULATE', async () => {
    expect(
      await ops(
        'CREATE MATERIALIZED VIEW v ON CLUSTER c TO events AS SELECT * FROM src;\nCREATE MATERIALIZED VIEW w ENGINE = MergeTree ORDER BY x AS SELECT x FROM src;\n' +
          'CREATE MATERIALIZED VIEW p ENGINE = MergeTree ORDER BY x POPULATE AS SELECT x FROM src;',
      ),
    ).toEqual([
      {
        kind: 'create-table',
        table: { schema: null, name: 'v' },
        columns: [],
        rowless: 'materialized-view',
        materializedView: { to: { schema: null, name: 'events' }, populate: false, source: { schema: null, name: 'src' } },
        text: 'CREATE MATERIALIZED VIEW v ON CLUSTER c TO events AS SELECT * FROM src',
      },
      {
        kind: 'create-table',
        table: { schema: null, name: 'w' },
        columns: [],
        materializedView: { to: null, populate: false, source: { schema: null, name: 'src' } },
        text: 'CREATE MATERIALIZED VIEW w ENGINE = MergeTree ORDER BY x AS SELECT x FROM src',
      },
      {
        kind: 'create-table',
        table: { schema: null, name: 'p' },
        columns: [],
        materializedView: { to: null, populate: true, source: { schema: null, name: 'src' } },
        text: 'CREATE MATERIALIZED VIEW p ENGINE = MergeTree ORDER BY x POPULATE AS SELECT x FROM src',
      },
    ]);
  });

  it('reads how long a table keeps its rows: TTL at creation, MODIFY TTL and REMOVE TTL since', async () => {
    const sql = [
      'CREATE TABLE a (ts DateTime64(9)) ENGINE = MergeTree ORDER BY ts TTL toDateTime(ts) + toIntervalDay(30);',
      'CREATE TABLE b (ts DateTime) ENGINE = MergeTree ORDER BY ts TTL ts + INTERVAL 2 WEEK DELETE SETTINGS index_granularity = 8192;',
      "CREATE TABLE c (ts DateTime) ENGINE = MergeTree ORDER BY ts TTL ts + INTERVAL 1 MONTH, ts + INTERVAL 1 WEEK TO VOLUME 'slow';",
      'CREATE TABLE d (ts DateTime, x String TTL ts + INTERVAL 1 DAY) ENGINE = MergeTree ORDER BY ts;',
      'ALTER TABLE a MODIFY TTL ts + INTERVAL 1 YEAR;',
      'ALTER TABLE b REMOVE TTL;',
    ].join('\n');
    const found = (await ops(sql)).map((op) => ('ttlSeconds' in op ? [op.kind, op.ttlSeconds] : [op.kind]));
    expect(found).toEqual([
      ['create-table', 30 * 86_400],
      ['create-table', 14 * 86_400],
      // Several rules: droplint cannot tell which deletes; a column's TTL is not the table's.
      ['create-table', null],
      ['create-table'],
      ['set-ttl', 365 * 86_400],
      ['set-ttl'],
    ]);
  });

  it('reads mutations: DELETE WHERE, CLEAR COLUMN; UPDATE and MODIFY SETTING change no schema', async () => {
    expect(
      await ops(
        [
          "ALTER TABLE events ON CLUSTER '{cluster}' DELETE WHERE project_id = 'p1' SETTINGS mutations_sync = 2;",
          'ALTER TABLE events CLEAR COLUMN IF EXISTS payload;',
          'ALTER TABLE events UPDATE a = 1 WHERE b, MODIFY TTL ts + INTERVAL 1 DAY, MODIFY SETTING x = 1;',
          'ALTER TABLE events MODIFY COLUMN name LowCardinality(String) CODEC(ZSTD(1));',
        ].join('\n'),
      ),
    ).toEqual([
      { kind: 'delete', table: t, hasWhere: true, text: "DELETE WHERE project_id = 'p1'" },
      { kind: 'drop-column', table: t, column: 'payload', ifExists: true, text: 'CLEAR COLUMN IF EXISTS payload' },
      { kind: 'set-ttl', table: t, ttlSeconds: 86_400, text: 'MODIFY TTL ts + INTERVAL 1 DAY' },
      {
        kind: 'alter-column-type',
        table: t,
        column: 'name',
        newType: 'LowCardinality(String)',
        text: 'MODIFY COLUMN name LowCardinality(String) CODEC(ZSTD(1))',
      },
    ]);
  });

  it('reads DROP … SYNC, DROP DATABASE, TRUNCATE IF EXISTS and lightweight DELETE; views and dictionaries hold no rows', async () => {
    expect(
      await ops(
        [
          'DROP TABLE IF EXISTS events ON CLUSTER c SYNC;',
          'DROP VIEW IF EXISTS v ON CLUSTER c SYNC;',
          'DROP DICTIONARY d;',
          'DROP DATABASE IF EXISTS analytics ON CLUSTER c SYNC;',
          'TRUNCATE TABLE IF EXISTS events ON CLUSTER c;',
          'DELETE FROM events WHERE ts < now();',
        ].join('\n'),
      ),
    ).toEqual([
      { kind: 'drop-table', table: t, ifExists: true, text: 'DROP TABLE IF EXISTS events ON CLUSTER c SYNC' },
      { kind: 'drop-database', database: 'analytics', text: 'DROP DATABASE IF EXISTS analytics ON CLUSTER c SYNC' },
      { kind: 'truncate', table: t, text: 'TRUNCATE TABLE IF EXISTS events ON CLUSTER c' },
      { kind: 'delete', table: t, hasWhere: true, text: 'DELETE FROM events WHERE ts < now()' },
    ]);
  });

  it('leaves statements it does not know alone unless they mention a destructive word', async () => {
    expect(await ops('SYSTEM RELOAD DICTIONARY d;\nSYSTEM FLUSH LOGS;\nFROB DROP x;')).toEqual([
      { kind: 'unparsed', reason: 'not a clickhouse statement droplint recognizes', mayBeDestructive: true, text: 'FROB DROP x' },
    ]);
  });

  it('reads EXCHANGE TABLES as the two tables trading names, through a name neither has', async () => {
    const swap = { kind: 'rename-table', text: 'db.a AND db.b' };
    expect(await ops('EXCHANGE TABLES db.a AND db.b ON CLUSTER c;')).toEqual([
      { ...swap, table: { schema: 'db', name: 'a' }, newName: 'a exchanged with b' },
      { ...swap, table: { schema: 'db', name: 'b' }, newName: 'a' },
      { ...swap, table: { schema: 'db', name: 'a exchanged with b' }, newName: 'b' },
    ]);
  });
});

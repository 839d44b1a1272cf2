import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeSql } from '../../../src/parsers/sql/analyze.js';

/** Blocks of valid-postgresql.sql, separated by `----` lines, without the header comment. */
const file = readFileSync(new URL('./valid-postgresql.sql', import.meta.url), 'utf8');
const valid = file
  .split(/^----$/m)
  .map((block) => block.replace(/^(?:--.*\n)+/, '').trim())
  .filter((block) => block.length > 0);

describe('no parse-error noise on valid PostgreSQL', () => {
  it('has a corpus of real migration statements', () => {
    expect(valid.length).toBeGreaterThanOrEqual(60);
  });

  it.each(valid.map((sql) => [sql.split('\n')[0]!, sql]))('%s', async (_title, sql) => {
    const { operations, statements } = await analyzeSql(sql, { dialect: 'postgresql', phase: 'upgrade' });
    expect(operations.filter((op) => op.kind === 'unparsed' || op.kind === 'dynamic')).toEqual([]);
    expect(statements).toHaveLength(1);
  });

  it('splits the whole file into exactly its statements', async () => {
    const { operations, statements } = await analyzeSql(file, { dialect: 'postgresql', phase: 'upgrade' });
    expect(operations.filter((op) => op.kind === 'unparsed' || op.kind === 'dynamic')).toEqual([]);
    expect(statements.map((s) => file.slice(s.start, s.end) + ';')).toEqual(valid);
  });
});

/**
 * Malformed statements as `[before, word, after]`: the statement is their
 * concatenation and the one `unparsed` operation must cover exactly `word`.
 */
const MALFORMED: ReadonlyArray<readonly [string, string, string]> = [
  ['CREATE ', 'TABL', ' b (id int);'],
  ['', 'SELEC', ' * FROM t;'],
  ['', 'UPDATEE', ' t SET a = 1;'],
  ['DROP ', 'TABEL', ' users;'],
  ['CREATE TABLE ', '(', 'id int);'],
  ['ALTER TABLE t ', 'ADD', ';'],
  ['ALTER TABLE ', 't', ';'],
  ['ALTER TABLE t DROP ', 'COLUMN', ';'],
  ['ALTER TABLE t RENAME COLUMN a ', 'b', ';'],
  ['ALTER TABLE t ALTER COLUMN c ', 'TYPE', ';'],
  ['ALTER TABLE t ADD COLUMN c int,', ',', ' DROP COLUMN d;'],
  ['DELETE ', 'FROM', ';'],
  ['TRUNCATE ', 'TABLE', ';'],
  ['DROP TABLE IF ', 'EXISTS', ';'],
  ['WITH x AS ', 'SELECT', ' 1 SELECT * FROM x;'],
  // PostgreSQL counts characters, JavaScript UTF-16 units: the emoji must not shift the span.
  ['ALTER TABLE "😀😀" RENAME x ', 'y', ';'],
  ['-- a comment first\nCREATE ', 'INDX', ' i ON t (a);'],
];

describe('malformed PostgreSQL', () => {
  it.each(MALFORMED)('%s[%s]%s', async (before, word, after) => {
    const sql = before + word + after;
    const { operations } = await analyzeSql(sql, { dialect: 'postgresql', phase: 'upgrade' });
    const unparsed = operations.filter((op) => op.kind === 'unparsed');
    expect(unparsed).toHaveLength(1);
    expect(unparsed[0]!.span.start).toBe(before.length);
    expect(sql.slice(unparsed[0]!.span.start, unparsed[0]!.span.end)).toBe(word);
  });

  it('reports each malformed statement of a file once, between valid ones', async () => {
    const sql = MALFORMED.map(([before, word, after]) => `SELECT 1;\n${before}${word}${after}`).join('\n');
    const { operations } = await analyzeSql(sql, { dialect: 'postgresql', phase: 'upgrade' });
    const words = operations.filter((op) => op.kind === 'unparsed').map((op) => sql.slice(op.span.start, op.span.end));
    expect(words).toEqual(MALFORMED.map(([, word]) => word));
  });
});

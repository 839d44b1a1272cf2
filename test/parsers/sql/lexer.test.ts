import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../src/ir/unit.js';
import { analyzeSql } from '../../../src/parsers/sql/analyze.js';
import { lex } from '../../../src/parsers/sql/lexer.js';

/** The text of each statement the splitter finds. */
async function statements(sql: string, dialect: Dialect = 'postgresql'): Promise<string[]> {
  const analysis = await analyzeSql(sql, { dialect, phase: 'upgrade' });
  return analysis.statements.map((s) => sql.slice(s.start, s.end));
}

/** Operations with their span replaced by the source text it covers. */
async function ops(sql: string, dialect: Dialect = 'postgresql'): Promise<Array<Record<string, unknown>>> {
  const { operations } = await analyzeSql(sql, { dialect, phase: 'upgrade' });
  return operations.map(({ span, ...op }) => ({ ...op, text: sql.slice(span.start, span.end) }));
}

/** `type:value` of each token, for compact expectations. */
function tokens(sql: string, dialect: Dialect = 'postgresql'): string[] {
  return lex(sql, dialect).tokens.map((t) => `${t.type}:${t.value}`);
}

const drop = (name: string, text: string, schema: string | null = null): Record<string, unknown> => ({
  kind: 'drop-table',
  table: { schema, name },
  phase: 'upgrade',
  text,
});

describe('strings', () => {
  it('reads a doubled quote inside a string as one quote, not the end', async () => {
    const sql = "SELECT 'it''s; DROP TABLE x'; DROP TABLE y;";
    expect(tokens(sql).slice(0, 2)).toEqual(['word:SELECT', "string:it's; DROP TABLE x"]);
    expect(await statements(sql)).toEqual(["SELECT 'it''s; DROP TABLE x'", 'DROP TABLE y']);
    expect(await ops(sql)).toEqual([drop('y', 'DROP TABLE y')]);
  });

  it("honours backslash escapes in E'' strings only", async () => {
    const sql = "SELECT E'it\\'s; DROP TABLE x'; SELECT e'\\\\'; SELECT 'C:\\'; DROP TABLE y;";
    expect(tokens(sql).filter((t) => t.startsWith('string:'))).toEqual(["string:it's; DROP TABLE x", 'string:\\', 'string:C:\\']);
    expect(await statements(sql)).toEqual(["SELECT E'it\\'s; DROP TABLE x'", "SELECT e'\\\\'", "SELECT 'C:\\'", 'DROP TABLE y']);
    expect(await ops(sql)).toEqual([drop('y', 'DROP TABLE y')]);
  });

  it('does not take a word ending in E as a string prefix', () => {
    expect(tokens("SELECT type'x'")).toEqual(['word:SELECT', 'word:TYPE', 'string:x']);
  });

  it('reads N, X and B prefixes', () => {
    expect(tokens("SELECT N'a', X'ff', b'01'", 'sqlserver').filter((t) => t.startsWith('string'))).toEqual(['string:a', 'string:ff', 'string:01']);
  });
});

describe('dollar quotes', () => {
  it('keeps `;` inside an untagged dollar quote', async () => {
    const sql = 'DO $$ BEGIN PERFORM 1; END $$; SELECT 2;';
    expect(await statements(sql)).toEqual(['DO $$ BEGIN PERFORM 1; END $$', 'SELECT 2']);
    expect(lex(sql, 'postgresql').tokens[1]).toMatchObject({ type: 'string', value: ' BEGIN PERFORM 1; END ', verbatim: true });
  });

  it('ends a tagged quote only at its own tag, not at `$$` or another tag', async () => {
    const sql = "CREATE FUNCTION f() RETURNS text AS $fn$ SELECT '$$;' || $x$;$x$ $fn$ LANGUAGE sql; SELECT 3;";
    expect(await statements(sql)).toEqual(["CREATE FUNCTION f() RETURNS text AS $fn$ SELECT '$$;' || $x$;$x$ $fn$ LANGUAGE sql", 'SELECT 3']);
    expect(tokens(sql)).toContain("string: SELECT '$$;' || $x$;$x$ ");
  });

  it('reads $1 as a parameter, not a quote', () => {
    expect(tokens('SELECT $1, $2;')).toEqual(['word:SELECT', 'param:$1', 'punct:,', 'param:$2', 'punct:;']);
  });

  it('is not a quote outside PostgreSQL', async () => {
    expect(await statements('SELECT $$; SELECT 2;', 'mysql')).toEqual(['SELECT $$', 'SELECT 2']);
  });
});

describe('comments', () => {
  it('nests block comments in PostgreSQL', async () => {
    const sql = '/* outer /* inner; */ still; DROP TABLE x; */ DROP TABLE a;';
    const { comments } = lex(sql, 'postgresql');
    expect(comments.map((c) => c.body)).toEqual([' outer /* inner; */ still; DROP TABLE x; ']);
    expect(await statements(sql)).toEqual(['DROP TABLE a']);
    expect(await ops(sql)).toEqual([drop('a', 'DROP TABLE a')]);
  });

  it('does not nest block comments in MySQL', async () => {
    expect(await statements('/* a /* b */ SELECT 1;', 'mysql')).toEqual(['SELECT 1']);
  });

  it('ends a -- comment at the line end, whatever it holds', async () => {
    const sql = "SELECT 1 -- it's; DROP TABLE x\n; SELECT 2;";
    expect(lex(sql, 'postgresql').comments).toEqual([{ start: 9, end: 30, body: " it's; DROP TABLE x", ownLine: false }]);
    expect(await statements(sql)).toEqual(['SELECT 1', 'SELECT 2']);
    expect(await ops(sql)).toEqual([]);
  });

  it('marks comments alone on their line', () => {
    const { comments } = lex('-- a\nSELECT 1; /* b */\n  /* c */ SELECT 2;', 'postgresql');
    expect(comments.map((c) => [c.body, c.ownLine])).toEqual([
      [' a', true],
      [' b ', false],
      [' c ', true],
    ]);
  });

  it('does not let an operator swallow the comment after it', () => {
    expect(tokens('SELECT 1+--x\n2')).toEqual(['word:SELECT', 'number:1', 'op:+', 'number:2']);
  });
});

describe('quoted identifiers', () => {
  it('reads `;` and doubled quotes inside "identifiers"', async () => {
    const sql = 'DROP TABLE "we;ird""name"; SELECT 1;';
    expect(tokens(sql)[2]).toBe('ident:we;ird"name');
    expect(await ops(sql)).toEqual([drop('we;ird"name', 'DROP TABLE "we;ird""name"')]);
  });

  it('reads MySQL backticks with doubled backticks, and # comments', async () => {
    const sql = "DROP TABLE `a``b;c`; # it's; DROP TABLE x\nSELECT 1;";
    expect(tokens(sql, 'mysql')[2]).toBe('ident:a`b;c');
    expect(lex(sql, 'mysql').comments.map((c) => c.body)).toEqual([" it's; DROP TABLE x"]);
    expect(await statements(sql, 'mysql')).toEqual(['DROP TABLE `a``b;c`', 'SELECT 1']);
    expect(await ops(sql, 'mysql')).toEqual([drop('a`b;c', 'DROP TABLE `a``b;c`')]);
  });

  it('reads MySQL "strings" with backslash escapes', async () => {
    const sql = 'SELECT "a\\"; DROP TABLE x", "it\'\'s", \'x\\\\\'; SELECT 2;';
    expect(tokens(sql, 'mysql').filter((t) => t.startsWith('string:'))).toEqual(['string:a"; DROP TABLE x', "string:it''s", 'string:x\\']);
    expect(await statements(sql, 'mysql')).toEqual(['SELECT "a\\"; DROP TABLE x", "it\'\'s", \'x\\\\\'', 'SELECT 2']);
    expect(await ops(sql, 'mysql')).toEqual([]);
  });

  it('keeps MySQL `user`@`host` as three tokens', () => {
    expect(tokens('CREATE DEFINER=`root`@`localhost` VIEW v AS SELECT 1', 'mysql').slice(0, 6)).toEqual([
      'word:CREATE',
      'word:DEFINER',
      'op:=',
      'ident:root',
      'op:@',
      'ident:localhost',
    ]);
  });

  it('reads SQL Server [brackets] with ]] escapes', async () => {
    const sql = 'DROP TABLE [dbo].[a]]b;c];';
    expect(tokens(sql, 'sqlserver')).toEqual(['word:DROP', 'word:TABLE', 'ident:dbo', 'punct:.', 'ident:a]b;c', 'punct:;']);
    expect(await ops(sql, 'sqlserver')).toEqual([drop('a]b;c', 'DROP TABLE [dbo].[a]]b;c]', 'dbo')]);
  });

  it('reads [ as an array subscript in PostgreSQL', () => {
    expect(tokens('SELECT a[1]')).toEqual(['word:SELECT', 'word:A', 'punct:[', 'number:1', 'punct:]']);
  });
});

describe('batch separators and client commands', () => {
  it('splits SQL Server batches at GO lines', async () => {
    const sql = 'SELECT 1\nGO\nSELECT 2\ngo 5\nGOTO done\nGO -- end';
    expect(await statements(sql, 'sqlserver')).toEqual(['SELECT 1', 'SELECT 2', 'GOTO done']);
  });

  it('splits MySQL DELIMITER blocks at the custom delimiter, even glued to END', async () => {
    const sql = [
      'DELIMITER $$',
      'CREATE PROCEDURE purge()',
      'BEGIN',
      '  DELETE FROM t WHERE id = 1;',
      '  DROP TABLE x;',
      'END$$',
      'DELIMITER //',
      'CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END //',
      'DELIMITER ;',
      'SELECT 1;',
    ].join('\n');
    expect(await statements(sql, 'mysql')).toEqual([
      'CREATE PROCEDURE purge()\nBEGIN\n  DELETE FROM t WHERE id = 1;\n  DROP TABLE x;\nEND',
      'CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END',
      'SELECT 1',
    ]);
    expect(tokens(sql, 'mysql')).toContain('word:END');
  });

  it("reads a script runner's `delimiter` line in other dialects: one block up to the token, then `;` again", async () => {
    // DolphinScheduler's PostgreSQL upgrades: the runner reads the block whole; psql itself has no such command.
    const sql = [
      'delimiter d//',
      'CREATE OR REPLACE FUNCTION drop_it() RETURNS void AS $$',
      'BEGIN',
      '  ALTER TABLE t DROP COLUMN c;',
      'END;',
      '$$ LANGUAGE plpgsql;',
      'd//',
      '',
      'SELECT drop_it();',
      'DROP TABLE x;',
    ].join('\n');
    expect(await statements(sql)).toEqual([
      'CREATE OR REPLACE FUNCTION drop_it() RETURNS void AS $$\nBEGIN\n  ALTER TABLE t DROP COLUMN c;\nEND;\n$$ LANGUAGE plpgsql;',
      'SELECT drop_it()',
      'DROP TABLE x',
    ]);
    // Within a statement, a line that starts with DELIMITER is one of its clauses.
    expect(await statements("COPY t FROM '/tmp/t.csv' WITH\nDELIMITER ','\nCSV;\nSELECT 1;")).toEqual([
      "COPY t FROM '/tmp/t.csv' WITH\nDELIMITER ','\nCSV",
      'SELECT 1',
    ]);
  });

  it('lexes the body of MySQL /*! executable comments as code', async () => {
    const sql = '/*!40101 SET @OLD_MODE=@@SQL_MODE */;\n/*!50001 DROP TABLE x */;\n/* DROP TABLE y */';
    expect(await statements(sql, 'mysql')).toEqual(['SET @OLD_MODE=@@SQL_MODE', 'DROP TABLE x']);
    expect(await ops(sql, 'mysql')).toEqual([drop('x', 'DROP TABLE x')]);
    // Elsewhere it is an ordinary comment.
    expect(await ops('/*!50001 DROP TABLE x */;', 'postgresql')).toEqual([]);
  });

  it('skips psql meta-command lines, which also end a statement', async () => {
    const sql = '\\connect mydb\nDROP TABLE a;\n\\set ON_ERROR_STOP on\nSELECT 1\n\\gset\nSELECT 2;';
    expect(await statements(sql)).toEqual(['DROP TABLE a', 'SELECT 1', 'SELECT 2']);
  });

  it('skips the data after COPY … FROM stdin up to \\.', async () => {
    const sql = "COPY t (a, b) FROM stdin;\n1\tit's; DROP TABLE x\n2\t/* \n\\.\nDROP TABLE y;";
    expect(await statements(sql)).toEqual(['COPY t (a, b) FROM stdin', 'DROP TABLE y']);
    expect(await ops(sql)).toEqual([drop('y', 'DROP TABLE y')]);
  });

  it('does not skip anything after COPY … TO stdout', async () => {
    expect(await statements('COPY t TO stdout;\nDROP TABLE y;')).toEqual(['COPY t TO stdout', 'DROP TABLE y']);
  });
});

describe('line endings and byte-order marks', () => {
  it('handles CRLF in comments, GO lines, psql commands and COPY data', async () => {
    expect(lex('SELECT 1 -- c; x\r\n;', 'postgresql').comments.map((c) => c.body)).toEqual([' c; x']);
    expect(await statements('SELECT 1 -- c; x\r\n;\r\nDROP TABLE b;\r\n')).toEqual(['SELECT 1', 'DROP TABLE b']);
    expect(await statements('SELECT 1\r\nGO\r\nSELECT 2\r\n', 'sqlserver')).toEqual(['SELECT 1', 'SELECT 2']);
    expect(await statements('\\connect db\r\nDROP TABLE a;\r\n')).toEqual(['DROP TABLE a']);
    expect(await statements('COPY t FROM stdin;\r\n1\tx;\r\n\\.\r\nSELECT 1;\r\n')).toEqual(['COPY t FROM stdin', 'SELECT 1']);
  });

  it('ignores a byte-order mark at the start of the file', async () => {
    const sql = '\uFEFFDROP TABLE a;';
    expect(await ops(sql)).toEqual([drop('a', 'DROP TABLE a')]);
  });
});

describe('lexical errors', () => {
  it('reports an unterminated string and resumes on the next line', () => {
    const sql = "SELECT 'oops;\nSELECT 1;";
    const result = lex(sql, 'postgresql');
    expect(result.errors).toEqual([{ start: 7, message: 'unterminated string literal' }]);
    expect(result.tokens.map((t) => `${t.type}:${t.value}@${t.start}`)).toEqual(['word:SELECT@0', 'punct:;@14', 'word:SELECT@14', 'number:1@21', 'punct:;@22']);
  });

  it('turns each lexical error into an unparsed operation and goes on with the next statement', async () => {
    const sql = [
      "SELECT 'oops;",
      'DROP TABLE a;',
      'DROP TABLE "b;',
      'DROP TABLE c;',
      'DO $$ BEGIN DELETE FROM d;',
      'TRUNCATE e;',
      '/* never closed; DROP TABLE f;',
    ].join('\n');
    const unparsed = (text: string, reason: string, mayBeDestructive: boolean): Record<string, unknown> => ({
      kind: 'unparsed',
      phase: 'upgrade',
      reason,
      mayBeDestructive,
      text,
    });
    expect(await ops(sql)).toEqual([
      unparsed("'oops;", 'unterminated string literal', false),
      drop('a', 'DROP TABLE a'),
      unparsed('"b;', 'unterminated quoted identifier', true),
      drop('c', 'DROP TABLE c'),
      unparsed('$$ BEGIN DELETE FROM d;', 'unterminated dollar-quoted string $$', true),
      { kind: 'truncate', table: { schema: null, name: 'e' }, phase: 'upgrade', text: 'TRUNCATE e' },
      unparsed('/* never closed; DROP TABLE f;', 'unterminated /* comment', false),
    ]);
  });

  it('recognizes a line command on the line after an error', async () => {
    expect(await ops("SELECT 'oops\nGO\nDROP TABLE a", 'sqlserver')).toEqual([
      { kind: 'unparsed', phase: 'upgrade', reason: 'unterminated string literal', mayBeDestructive: false, text: "'oops" },
      drop('a', 'DROP TABLE a'),
    ]);
  });

  it('reports unterminated backticks and brackets', async () => {
    expect(await ops('DROP TABLE `t;\nDROP TABLE u;', 'mysql')).toEqual([
      { kind: 'unparsed', phase: 'upgrade', reason: 'unterminated `quoted` identifier', mayBeDestructive: true, text: '`t;' },
      drop('u', 'DROP TABLE u'),
    ]);
    expect(await ops('SELECT [t;\nDROP TABLE u;', 'sqlserver')).toEqual([
      { kind: 'unparsed', phase: 'upgrade', reason: 'unterminated [quoted] identifier', mayBeDestructive: false, text: '[t;' },
      drop('u', 'DROP TABLE u'),
    ]);
  });
});

describe('U& literals', () => {
  it('reads U&"…" as one identifier with its escapes decoded, and U&\'…\' as a string', () => {
    const { tokens } = lex('DROP TABLE U&"d\\0061t\\+000061" , U&\'\\0041\' ;', 'postgresql');
    expect(tokens.map((tk) => `${tk.type}:${tk.value}`)).toEqual(['word:DROP', 'word:TABLE', 'ident:data', 'punct:,', 'string:A', 'punct:;']);
  });
});

import type { Dialect } from '../../ir/unit.js';

/**
 * A lexer that knows every quoting form of the supported dialects, so that a
 * `;`, `--` or `DROP` inside a string, a quoted identifier or a comment is
 * never mistaken for code.
 */
export type TokenType =
  | 'word' // keyword or bare identifier; `value` is upper-cased
  | 'ident' // quoted identifier; `value` is the name, unquoted
  | 'string' // `value` is the content, unescaped
  | 'number'
  | 'punct' // one of ( ) , ; . [ ] and other single characters
  | 'op' // operators and any other run of symbols
  | 'param'; // $1, :name, @var, ?

export interface Token {
  readonly type: TokenType;
  readonly start: number;
  readonly end: number;
  readonly value: string;
  /** For strings: offset of the first content character (dollar quotes keep it verbatim). */
  readonly contentStart?: number;
  /** For strings: true when the content is the verbatim text between start+tag and end-tag. */
  readonly verbatim?: boolean;
  /** For strings: a backslash escapes the next character (`E''`, MySQL). */
  readonly backslash?: boolean;
}

export interface Comment {
  readonly start: number;
  readonly end: number;
  /** The text inside the comment markers. */
  readonly body: string;
  /** No code before it on its line. */
  readonly ownLine: boolean;
  /**
   * For a template action that calls a function on a line of its own
   * (`{{ dropColumnIfNeeded "t" "c" }}`): the function's name. What SQL it
   * renders is the tool's to know.
   */
  readonly templateCall?: string;
}

export interface LexError {
  readonly start: number;
  readonly message: string;
}

export interface LexResult {
  readonly tokens: Token[];
  readonly comments: Comment[];
  readonly errors: LexError[];
}

interface DialectLexing {
  readonly backtick: boolean;
  readonly brackets: boolean;
  readonly dollarQuotes: boolean;
  readonly hashComments: boolean;
  readonly nestedComments: boolean;
  /** `'…'` strings treat backslash as an escape (MySQL's default). */
  readonly backslashStrings: boolean;
  /** `"…"` is a string, not an identifier (MySQL without ANSI_QUOTES). */
  readonly doubleQuoteStrings: boolean;
  readonly goSeparator: boolean;
  readonly delimiterCommand: boolean;
  readonly psqlMetaCommands: boolean;
  /** `{name}` / `{name:Type}`: a query parameter or a templated migration's placeholder (ClickHouse). */
  readonly bracePlaceholders: boolean;
}

const LEXING: Record<Dialect, DialectLexing> = {
  postgresql: pg(),
  cockroachdb: pg(),
  mysql: {
    backtick: true,
    brackets: false,
    dollarQuotes: false,
    hashComments: true,
    nestedComments: false,
    backslashStrings: true,
    doubleQuoteStrings: true,
    goSeparator: false,
    delimiterCommand: true,
    psqlMetaCommands: false,
    bracePlaceholders: false,
  },
  sqlite: {
    backtick: true,
    brackets: true,
    dollarQuotes: false,
    hashComments: false,
    nestedComments: false,
    backslashStrings: false,
    doubleQuoteStrings: false,
    goSeparator: false,
    delimiterCommand: false,
    psqlMetaCommands: false,
    bracePlaceholders: false,
  },
  sqlserver: {
    backtick: false,
    brackets: true,
    dollarQuotes: false,
    hashComments: false,
    nestedComments: true,
    backslashStrings: false,
    doubleQuoteStrings: false,
    goSeparator: true,
    delimiterCommand: false,
    psqlMetaCommands: false,
    bracePlaceholders: false,
  },
  clickhouse: {
    backtick: true,
    brackets: false,
    dollarQuotes: false,
    hashComments: true,
    nestedComments: false,
    backslashStrings: true,
    doubleQuoteStrings: false,
    goSeparator: false,
    delimiterCommand: false,
    psqlMetaCommands: false,
    bracePlaceholders: true,
  },
};

function pg(): DialectLexing {
  return {
    backtick: false,
    brackets: false,
    dollarQuotes: true,
    hashComments: false,
    nestedComments: true,
    backslashStrings: false,
    doubleQuoteStrings: false,
    goSeparator: false,
    delimiterCommand: false,
    psqlMetaCommands: true,
    bracePlaceholders: false,
  };
}

const enum C {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Quote = 34, // "
  Hash = 35, // #
  Dollar = 36,
  Amp = 38,
  Apos = 39, // '
  Star = 42,
  Dash = 45,
  Dot = 46,
  Slash = 47,
  Colon = 58,
  Semi = 59,
  Question = 63,
  At = 64,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Backtick = 96,
  LBrace = 123,
  Bang = 33,
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === C.Dollar;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whitespace, and the byte-order mark an editor may leave at the start of a file. */
function isSpace(c: number): boolean {
  return c === C.Space || c === C.Tab || c === C.LF || c === C.CR || c === 12 || c === 11 || c === 0xfeff;
}

/** Lookup tables by character code, so the hot loop tests no strings. */
function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const ch of chars) table[ch.charCodeAt(0)] = 1;
  return table;
}
const PUNCT = charTable('(),.[]{}');
/** A run of these is one operator. No backtick: MySQL's `` `user`@`host` `` must stay three tokens. */
const OP = charTable('+-*/<>=~!@#%^&|?:');

/** `E'…'`, `N'…'`, `X'…'`, `B'…'` (either case). */
function isStringPrefix(c: number): boolean {
  const lower = c | 0x20;
  return lower === 101 || lower === 110 || lower === 120 || lower === 98;
}

/** Go template actions that steer the rendering (and print nothing of their own). */
const TEMPLATE_CONTROL = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'template', 'break', 'continue']);

/**
 * The `{{ … }}` at `start`, if it closes: an expression (`{{ .Schema }}`,
 * `{{.prefix}}`: a name, within a line), a control action or a comment (over
 * lines too), or a function called on a line of its own (`{{ addColumnIfNeeded
 * "t" "c" "text" }}`, whose rendering is a statement). Trim markers (`{{-`,
 * `-}}`) are allowed.
 */
function templateAction(
  text: string,
  start: number,
  to: number,
  lineHasCode: boolean,
): { kind: 'expression' | 'control'; end: number } | { kind: 'call'; end: number; name: string } | null {
  const open = /^\{\{-?\s*/.exec(text.slice(start, start + 64))![0].length;
  if (text.startsWith('/*', start + open)) {
    const close = text.indexOf('*/', start + open + 2);
    const end = close === -1 ? null : /^\*\/\s*-?\}\}/.exec(text.slice(close, close + 8));
    return end === null || close + end[0].length > to ? null : { kind: 'control', end: close + end[0].length };
  }
  const close = text.indexOf('}}', start + 2);
  if (close === -1 || close + 2 > to || text.slice(start, close).includes('\n')) return null;
  const end = close + 2;
  const [call, word] = /^([A-Za-z_]\w*)(\s+\S)?/.exec(text.slice(start + open, close)) ?? [];
  if (word !== undefined && TEMPLATE_CONTROL.has(word)) return { kind: 'control', end };
  const lineEnd = text.indexOf('\n', end);
  const alone = !lineHasCode && /^[ \t;\r]*$/.test(text.slice(end, lineEnd === -1 || lineEnd > to ? to : lineEnd));
  // With no argument (`{{ tableName }}`) it is a value, as a name is.
  return word !== undefined && call !== word && alone ? { kind: 'call', end, name: word } : { kind: 'expression', end };
}

/**
 * Tokenizes `text[from, to)`. Lexical errors (an unterminated string, say) are
 * recorded and lexing resumes on the next line, so one typo cannot hide the
 * statements after it.
 */
export function lex(text: string, dialect: Dialect, from = 0, to = text.length): LexResult {
  const d = LEXING[dialect];
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const errors: LexError[] = [];
  /** Upper-cased words seen so far: migrations repeat a few hundred words thousands of times. */
  const upper = new Map<string, string>();
  let delimiter = ';';
  let customDelimiter = false;
  let delimiterInWords = false;
  let i = from;
  let lineHasCode = false;
  let statementStart = 0;

  // The helpers below return positions rather than assign `i` or `lineHasCode`:
  // variables a closure writes cannot stay in registers in the hot loop.

  /**
   * Records an unclosed quote at `start`; lexing resumes on the next line, as
   * a new statement. Returns the end of this line, so the loop sees its break.
   */
  const unterminated = (start: number, message: string): number => {
    errors.push({ start, message });
    const next = nextLine(start);
    endStatement(next, next);
    return lineEndWithoutTerminator(text, start, to);
  };

  /**
   * Ends the current statement (`\` lines, `GO` and `DELIMITER` do so without
   * a `;`) and returns where lexing goes on: `end`, or after COPY data.
   */
  const endStatement = (start: number, end: number): number => {
    tokens.push({ type: 'punct', start, end, value: ';' });
    const head = tokens[statementStart];
    const isCopyFromStdin =
      head?.type === 'word' && head.value === 'COPY' && tokens.slice(statementStart).some((t) => t.type === 'word' && t.value === 'STDIN');
    statementStart = tokens.length;
    if (!isCopyFromStdin) return end;
    // psql's `COPY … FROM stdin;` is followed by data lines up to `\.`: never SQL.
    let line = nextLine(end);
    while (line < to && !/^\\\.\s*$/.test(text.slice(line, lineEndWithoutTerminator(text, line, to)))) line = nextLine(line);
    return lineEndWithoutTerminator(text, line, to);
  };

  /**
   * Whether `DELIMITER` at `pos`, in a dialect whose client has no such
   * command, is a script runner's (MyBatis-style runners, DolphinScheduler's):
   * a line of its own, `delimiter d//`, at a statement's start. What follows,
   * up to that token, is one statement (a routine's whole definition), and
   * `;` ends statements again after it.
   */
  const runnerDelimiter = (pos: number): boolean =>
    statementStart === tokens.length && /^delimiter[ \t]+\S+[ \t]*$/i.test(text.slice(pos, lineEndWithoutTerminator(text, pos, to)));

  const nextLine = (pos: number): number => {
    while (pos < to) {
      const c = text.charCodeAt(pos);
      if (c === C.LF) return pos + 1;
      if (c === C.CR) return text.charCodeAt(pos + 1) === C.LF ? pos + 2 : pos + 1;
      pos++;
    }
    return to;
  };

  /** Scans a quoted run closed by `close`, where a doubled `close` is an escaped one. */
  const quoted = (start: number, open: number, close: number, backslash: boolean): number => {
    let j = start + open;
    if (!backslash) {
      // Without backslash escapes only the closing character matters: let indexOf find it.
      const closeChar = String.fromCharCode(close);
      for (;;) {
        const k = text.indexOf(closeChar, j);
        if (k === -1 || k >= to) return -1;
        if (text.charCodeAt(k + 1) !== close || k + 1 >= to) return k + 1;
        j = k + 2;
      }
    }
    while (j < to) {
      const c = text.charCodeAt(j);
      if (backslash && c === C.Backslash) {
        j += 2;
        continue;
      }
      if (c === close) {
        if (text.charCodeAt(j + 1) === close) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return -1;
  };

  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (c === C.LF || c === C.CR) lineHasCode = false;
      i++;
      continue;
    }

    // Line-level commands: these are not SQL and have no `;`.
    if (!lineHasCode) {
      if ((c | 0x20) === 100 && matchesWordAt(text, i, 'DELIMITER') && (d.delimiterCommand || runnerDelimiter(i))) {
        const lineEnd = nextLine(i);
        const arg = text.slice(i + 9, lineEnd).trim();
        if (arg.length > 0) delimiter = arg;
        customDelimiter = delimiter !== ';';
        // `END$$`: a delimiter made of identifier characters must still end a word.
        delimiterInWords = customDelimiter && isIdentPart(delimiter.charCodeAt(0));
        i = endStatement(lineEnd, lineEnd);
        continue;
      }
      if (d.goSeparator && (c | 0x20) === 103 && matchesWordAt(text, i, 'GO')) {
        const lineEnd = nextLine(i);
        if (/^GO(\s+\d+)?\s*(--.*)?$/i.test(text.slice(i, lineEnd).trim())) {
          i = endStatement(lineEnd, lineEnd);
          continue;
        }
      }
      // bun's migrate splits a file's statements with this comment line, and writes none of them `;`.
      if (c === C.Dash && text.startsWith('--migration:split', i)) {
        const lineEnd = nextLine(i);
        i = endStatement(lineEnd, lineEnd);
        continue;
      }
      if (c === C.Backslash && d.psqlMetaCommands) {
        // psql meta-command (`\connect db`, `\set x 1`): its own line, never SQL.
        const lineEnd = nextLine(i);
        i = endStatement(lineEnd, lineEnd);
        continue;
      }
    }

    // A custom MySQL delimiter ends a statement like `;` does; a script runner's, only the block it opened.
    if (customDelimiter && text.startsWith(delimiter, i)) {
      lineHasCode = true;
      i = endStatement(i, i + delimiter.length);
      if (!d.delimiterCommand) [delimiter, customDelimiter, delimiterInWords] = [';', false, false];
      continue;
    }

    const next = text.charCodeAt(i + 1);
    // Comments.
    if ((c === C.Dash && next === C.Dash) || (c === C.Hash && d.hashComments)) {
      const end = lineEndWithoutTerminator(text, i, to);
      comments.push({ start: i, end, body: text.slice(i + (c === C.Hash ? 1 : 2), end), ownLine: !lineHasCode });
      i = end;
      continue;
    }
    if (c === C.Slash && next === C.Star) {
      // MySQL runs the body of `/*! … */` and `/*!50001 … */`: lex it as code.
      if (dialect === 'mysql' && text.charCodeAt(i + 2) === C.Bang) {
        let j = i + 3;
        while (j < to && isDigit(text.charCodeAt(j))) j++;
        const close = text.indexOf('*/', j);
        const unclosed = close === -1 || close >= to;
        const inner = lex(text, dialect, j, unclosed ? to : close);
        for (const t of inner.tokens) tokens.push(t);
        comments.push(...inner.comments);
        // Errors stay in source order: analysis matches them to statements in one pass.
        if (unclosed) errors.push({ start: i, message: 'unterminated /*! comment' });
        errors.push(...inner.errors);
        i = unclosed ? to : close + 2;
        lineHasCode = true;
        continue;
      }
      const end = blockCommentEnd(text, i, to, d.nestedComments);
      if (end === -1) {
        errors.push({ start: i, message: 'unterminated /* comment' });
        comments.push({ start: i, end: to, body: text.slice(i + 2, to), ownLine: !lineHasCode });
        i = to;
        continue;
      }
      comments.push({ start: i, end, body: text.slice(i + 2, end - 2), ownLine: !lineHasCode });
      i = end;
      continue;
    }

    // `{{ .Schema }}`: a Go or Jinja template expression the migration tool renders before running, in any dialect.
    // Its actions (`{{if .mysql}}`, `{{end}}`, `{{/* … */}}`, a call standing as a statement) are no SQL: read as comments.
    if (c === C.LBrace && next === C.LBrace) {
      const action = templateAction(text, i, to, lineHasCode);
      if (action !== null) {
        if (action.kind === 'expression') {
          // `{{.prefix}}blocks`: the name it starts is one name.
          let end = action.end;
          while (end < to && isIdentPart(text.charCodeAt(end))) end++;
          tokens.push({ type: 'param', start: i, end, value: text.slice(i, end) });
          lineHasCode = true;
          i = end;
          continue;
        }
        comments.push({
          start: i,
          end: action.end,
          body: text.slice(i + 2, action.end - 2),
          ownLine: !lineHasCode,
          ...(action.kind === 'call' ? { templateCall: action.name } : {}),
        });
        i = action.end;
        continue;
      }
    }
    lineHasCode = true;

    // Strings, with their prefixes: E'', N'', X'', B'', U&''.
    if (c === C.Apos || (next === C.Apos && isStringPrefix(c) && !isIdentPart(text.charCodeAt(i - 1)))) {
      const prefix = c === C.Apos ? 0 : 1;
      const backslash = d.backslashStrings || (prefix === 1 && (c | 0x20) === 101);
      const end = quoted(i + prefix, 1, C.Apos, backslash);
      if (end === -1) {
        i = unterminated(i, 'unterminated string literal');
        continue;
      }
      tokens.push({
        type: 'string',
        start: i,
        end,
        value: unescapeQuoted(text.slice(i + prefix + 1, end - 1), "'", backslash),
        contentStart: i + prefix + 1,
        verbatim: false,
        backslash,
      });
      i = end;
      continue;
    }
    // `"{{ index .Options "Namespace" }}"`: a template expression in quotes is rendered before the quotes are read.
    if (c === C.Quote && text.startsWith('{{', i + 1)) {
      const close = text.indexOf('}}', i + 3);
      if (close !== -1 && text.charCodeAt(close + 2) === C.Quote && close + 3 <= to && !text.slice(i, close).includes('\n')) {
        tokens.push({ type: 'param', start: i, end: close + 3, value: text.slice(i + 1, close + 2) });
        i = close + 3;
        continue;
      }
    }
    if (c === C.Quote) {
      const backslash = d.doubleQuoteStrings && d.backslashStrings;
      const end = quoted(i, 1, C.Quote, backslash);
      if (end === -1) {
        i = unterminated(i, d.doubleQuoteStrings ? 'unterminated string literal' : 'unterminated quoted identifier');
        continue;
      }
      const value = unescapeQuoted(text.slice(i + 1, end - 1), '"', backslash);
      tokens.push(
        d.doubleQuoteStrings
          ? { type: 'string', start: i, end, value, contentStart: i + 1, verbatim: false, backslash }
          : { type: 'ident', start: i, end, value },
      );
      i = end;
      continue;
    }
    // `name` (MySQL, SQLite) and [name] (SQL Server, SQLite), each escaping its closer by doubling it.
    const closer = c === C.Backtick && d.backtick ? C.Backtick : c === C.LBracket && d.brackets ? C.RBracket : -1;
    if (closer !== -1) {
      const end = quoted(i, 1, closer, false);
      if (end === -1) {
        i = unterminated(i, closer === C.Backtick ? 'unterminated `quoted` identifier' : 'unterminated [quoted] identifier');
        continue;
      }
      const close = String.fromCharCode(closer);
      tokens.push({ type: 'ident', start: i, end, value: text.slice(i + 1, end - 1).replaceAll(close + close, close) });
      i = end;
      continue;
    }
    // `${name}`: a placeholder the migration tool fills in before running (Flyway, envsubst), in any dialect.
    if (c === C.Dollar && next === C.LBrace) {
      const close = text.indexOf('}', i);
      if (close !== -1 && close < to && !text.slice(i, close).includes('\n')) {
        tokens.push({ type: 'param', start: i, end: close + 1, value: text.slice(i, close + 1) });
        i = close + 1;
        continue;
      }
    }
    if (c === C.Dollar && d.dollarQuotes) {
      if (isDigit(next)) {
        let j = i + 1;
        while (j < to && isDigit(text.charCodeAt(j))) j++;
        tokens.push({ type: 'param', start: i, end: j, value: text.slice(i, j) });
        i = j;
        continue;
      }
      let j = i + 1;
      while (j < to && isIdentPart(text.charCodeAt(j)) && text.charCodeAt(j) !== C.Dollar) j++;
      if (text.charCodeAt(j) === C.Dollar) {
        const tag = text.slice(i, j + 1);
        const close = text.indexOf(tag, j + 1);
        if (close === -1 || close + tag.length > to) {
          i = unterminated(i, `unterminated dollar-quoted string ${tag}`);
          continue;
        }
        tokens.push({
          type: 'string',
          start: i,
          end: close + tag.length,
          value: text.slice(j + 1, close),
          contentStart: j + 1,
          verbatim: true,
        });
        i = close + tag.length;
        continue;
      }
    }

    if (isIdentStart(c)) {
      // PostgreSQL's `U&"d\0061ta"` and `U&'…'`: Unicode escapes, not a word `U`.
      if ((c | 0x20) === 117 && next === C.Amp && d.dollarQuotes) {
        const quote = text.charCodeAt(i + 2);
        if (quote === C.Quote || quote === C.Apos) {
          const end = quoted(i + 2, 1, quote, false);
          if (end === -1) {
            i = unterminated(i, quote === C.Quote ? 'unterminated quoted identifier' : 'unterminated string literal');
            continue;
          }
          const value = unicodeEscapes(unescapeQuoted(text.slice(i + 3, end - 1), quote === C.Quote ? '"' : "'", false));
          tokens.push(
            quote === C.Quote ? { type: 'ident', start: i, end, value } : { type: 'string', start: i, end, value, contentStart: i + 3, verbatim: false },
          );
          i = end;
          continue;
        }
      }
      let j = i + 1;
      while (j < to && isIdentPart(text.charCodeAt(j)) && !(delimiterInWords && text.startsWith(delimiter, j))) j++;
      const raw = text.slice(i, j);
      let value = upper.get(raw);
      if (value === undefined) upper.set(raw, (value = raw.toUpperCase()));
      tokens.push({ type: 'word', start: i, end: j, value });
      i = j;
      continue;
    }
    if (isDigit(c) || (c === C.Dot && isDigit(next))) {
      let j = i + 1;
      while (j < to && (isIdentPart(text.charCodeAt(j)) || text.charCodeAt(j) === C.Dot)) j++;
      tokens.push({ type: 'number', start: i, end: j, value: text.slice(i, j) });
      i = j;
      continue;
    }
    // psql's `:'name'` and `:"name"`: a variable's value as a literal or an identifier (`psql -v name=…`).
    if (c === C.Colon && (next === C.Apos || next === C.Quote) && d.psqlMetaCommands) {
      let j = i + 2;
      while (j < to && isIdentPart(text.charCodeAt(j))) j++;
      if (j > i + 2 && text.charCodeAt(j) === next) {
        tokens.push({ type: 'param', start: i, end: j + 1, value: text.slice(i, j + 1) });
        i = j + 1;
        continue;
      }
    }
    if ((c === C.Colon && isIdentStart(next)) || (c === C.At && (isIdentStart(next) || next === C.At)) || c === C.Question) {
      let j = i + 1;
      while (j < to && (isIdentPart(text.charCodeAt(j)) || text.charCodeAt(j) === C.At)) j++;
      tokens.push({ type: 'param', start: i, end: j, value: text.slice(i, j) });
      i = j;
      continue;
    }
    if (c === C.LBrace && d.bracePlaceholders) {
      const close = text.indexOf('}', i);
      const end = close === -1 || close >= to ? -1 : close + 1;
      if (end !== -1 && !text.slice(i, end).includes('\n')) {
        tokens.push({ type: 'param', start: i, end, value: text.slice(i, end) });
        i = end;
        continue;
      }
    }
    if (c === C.Semi) {
      i++;
      // Under a custom MySQL delimiter, `;` only separates statements of a routine body.
      if (customDelimiter) tokens.push({ type: 'op', start: i - 1, end: i, value: ';' });
      else i = endStatement(i - 1, i);
      continue;
    }
    if (c < 128 && PUNCT[c] === 1) {
      tokens.push({ type: 'punct', start: i, end: i + 1, value: text[i]! });
      i++;
      continue;
    }
    let j = i + 1;
    if (c < 128 && OP[c] === 1) {
      for (; j < to; j++) {
        const k = text.charCodeAt(j);
        if (k >= 128 || OP[k] !== 1) break;
        // A comment may start right after an operator: `a=1--x`, `a+/*x*/1`, MySQL `a=1#x`.
        const after = text.charCodeAt(j + 1);
        if ((k === C.Dash && after === C.Dash) || (k === C.Slash && after === C.Star) || (k === C.Hash && d.hashComments)) break;
      }
    }
    tokens.push({ type: 'op', start: i, end: j, value: text.slice(i, j) });
    i = j;
  }
  return { tokens, comments, errors };
}

function matchesWordAt(text: string, i: number, word: string): boolean {
  return text.substr(i, word.length).toUpperCase() === word && !isIdentPart(text.charCodeAt(i + word.length));
}

function lineEndWithoutTerminator(text: string, i: number, to: number): number {
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === C.LF || c === C.CR) return i;
    i++;
  }
  return to;
}

function blockCommentEnd(text: string, i: number, to: number, nested: boolean): number {
  let depth = 0;
  while (i < to) {
    if (text.charCodeAt(i) === C.Slash && text.charCodeAt(i + 1) === C.Star && (nested || depth === 0)) {
      depth++;
      i += 2;
    } else if (text.charCodeAt(i) === C.Star && text.charCodeAt(i + 1) === C.Slash) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return -1;
}

const BACKSLASH_ESCAPES: Record<string, RegExp> = { "'": /\\(.)|(')'/gs, '"': /\\(.)|(")"/gs };

function unescapeQuoted(body: string, quote: "'" | '"', backslash: boolean): string {
  if (backslash && body.includes('\\')) {
    // Only the string's own quote is escaped by doubling: MySQL's "it''s" keeps both `'`.
    return body.replace(BACKSLASH_ESCAPES[quote]!, (_m, esc: string | undefined, q: string | undefined) => {
      if (q !== undefined) return q;
      switch (esc) {
        case 'n':
          return '\n';
        case 't':
          return '\t';
        case 'r':
          return '\r';
        case '0':
          return '\0';
        default:
          return esc ?? '';
      }
    });
  }
  return body.includes(quote + quote) ? body.replaceAll(quote + quote, quote) : body;
}

/** The escapes of a `U&` literal: `\XXXX`, `\+XXXXXX` and `\\` (a custom UESCAPE character is left as written). */
function unicodeEscapes(body: string): string {
  return body.replace(/\\(\\|\+[0-9A-Fa-f]{6}|[0-9A-Fa-f]{4})/g, (_m, esc: string) =>
    esc === '\\' ? '\\' : String.fromCodePoint(parseInt(esc.startsWith('+') ? esc.slice(1) : esc, 16)),
  );
}

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
}

export interface Comment {
  readonly start: number;
  readonly end: number;
  /** The text inside the comment markers. */
  readonly body: string;
  /** No code before it on its line. */
  readonly ownLine: boolean;
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

function isSpace(c: number): boolean {
  return c === C.Space || c === C.Tab || c === C.LF || c === C.CR || c === 12 || c === 11;
}

const PUNCT = new Set(['(', ')', ',', ';', '.', '[', ']', '{', '}']);
const OP_CHARS = new Set([...'+-*/<>=~!@#%^&|`?:']);

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
  let delimiter = ';';
  let i = from;
  let lineHasCode = false;
  let statementStart = 0;

  /** Records an unclosed quote and resumes on the next line, as a new statement. */
  const unterminated = (message: string): void => {
    errors.push({ start: i, message });
    i = nextLine(i);
    endStatement(i, i);
  };

  /** Ends the current statement; `\` lines, `GO` and `DELIMITER` do so without a `;`. */
  const endStatement = (start: number, end: number): void => {
    tokens.push({ type: 'punct', start, end, value: ';' });
    const head = tokens[statementStart];
    const isCopyFromStdin =
      head?.type === 'word' &&
      head.value === 'COPY' &&
      tokens.slice(statementStart).some((t) => t.type === 'word' && t.value === 'STDIN');
    statementStart = tokens.length;
    if (isCopyFromStdin) {
      // psql's `COPY … FROM stdin;` is followed by data lines up to `\.`: never SQL.
      let line = nextLine(end);
      while (line < to && !/^\\\.\s*$/.test(text.slice(line, lineEndWithoutTerminator(text, line, to)))) line = nextLine(line);
      i = line < to ? nextLine(line) : to;
      lineHasCode = false;
    }
  };

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
      const lineEnd = nextLine(i);
      if (d.delimiterCommand && matchesWordAt(text, i, 'DELIMITER')) {
        const arg = text.slice(i + 9, lineEnd).trim();
        if (arg.length > 0) delimiter = arg;
        i = lineEnd;
        endStatement(lineEnd, lineEnd);
        continue;
      }
      if (d.goSeparator && matchesWordAt(text, i, 'GO') && /^GO(\s+\d+)?\s*(--.*)?$/i.test(text.slice(i, lineEnd).trim())) {
        i = lineEnd;
        endStatement(i, i);
        continue;
      }
      if (c === C.Backslash && d.psqlMetaCommands) {
        // psql meta-command (`\connect db`, `\set x 1`): its own line, never SQL.
        i = lineEnd;
        endStatement(i, i);
        continue;
      }
    }

    // A custom MySQL delimiter ends a statement like `;` does.
    if (delimiter !== ';' && text.startsWith(delimiter, i)) {
      i += delimiter.length;
      lineHasCode = true;
      endStatement(i - delimiter.length, i);
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
        const end = close === -1 || close >= to ? to : close;
        const inner = lex(text, dialect, j, end);
        for (const t of inner.tokens) tokens.push(t);
        comments.push(...inner.comments);
        errors.push(...inner.errors);
        i = close === -1 || close >= to ? to : close + 2;
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

    lineHasCode = true;

    // Strings, with their prefixes: E'', N'', X'', B'', U&''.
    if (c === C.Apos || ((next === C.Apos) && /[eEnNxXbB]/.test(text[i]!) && !isIdentPart(text.charCodeAt(i - 1)))) {
      const prefix = c === C.Apos ? 0 : 1;
      const escapes = d.backslashStrings || (prefix === 1 && (c === 69 || c === 101));
      const end = quoted(i + prefix, 1, C.Apos, escapes);
      if (end === -1) {
        unterminated('unterminated string literal');
        continue;
      }
      tokens.push({
        type: 'string',
        start: i,
        end,
        value: unescapeQuoted(text.slice(i + prefix + 1, end - 1), "'", escapes),
        contentStart: i + prefix + 1,
        verbatim: false,
      });
      i = end;
      continue;
    }
    if (c === C.Quote) {
      const end = quoted(i, 1, C.Quote, d.doubleQuoteStrings && d.backslashStrings);
      if (end === -1) {
        unterminated(d.doubleQuoteStrings ? 'unterminated string literal' : 'unterminated quoted identifier');
        continue;
      }
      const value = unescapeQuoted(text.slice(i + 1, end - 1), '"', d.doubleQuoteStrings && d.backslashStrings);
      tokens.push(
        d.doubleQuoteStrings
          ? { type: 'string', start: i, end, value, contentStart: i + 1, verbatim: false }
          : { type: 'ident', start: i, end, value },
      );
      i = end;
      continue;
    }
    if (c === C.Backtick && d.backtick) {
      const end = quoted(i, 1, C.Backtick, false);
      if (end === -1) {
        unterminated('unterminated `quoted` identifier');
        continue;
      }
      tokens.push({ type: 'ident', start: i, end, value: text.slice(i + 1, end - 1).replaceAll('``', '`') });
      i = end;
      continue;
    }
    if (c === C.LBracket && d.brackets) {
      const end = quoted(i, 1, C.RBracket, false);
      if (end === -1) {
        unterminated('unterminated [quoted] identifier');
        continue;
      }
      tokens.push({ type: 'ident', start: i, end, value: text.slice(i + 1, end - 1).replaceAll(']]', ']') });
      i = end;
      continue;
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
          unterminated(`unterminated dollar-quoted string ${tag}`);
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
      let j = i + 1;
      while (j < to && isIdentPart(text.charCodeAt(j))) j++;
      tokens.push({ type: 'word', start: i, end: j, value: text.slice(i, j).toUpperCase() });
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
    if ((c === C.Colon && isIdentStart(next)) || (c === C.At && (isIdentStart(next) || next === C.At)) || c === C.Question) {
      let j = i + 1;
      while (j < to && (isIdentPart(text.charCodeAt(j)) || text.charCodeAt(j) === C.At)) j++;
      tokens.push({ type: 'param', start: i, end: j, value: text.slice(i, j) });
      i = j;
      continue;
    }
    const ch = text[i]!;
    if (ch === ';') {
      i++;
      // Under a custom MySQL delimiter, `;` only separates statements of a routine body.
      if (delimiter === ';') endStatement(i - 1, i);
      else tokens.push({ type: 'op', start: i - 1, end: i, value: ';' });
      continue;
    }
    if (PUNCT.has(ch)) {
      tokens.push({ type: 'punct', start: i, end: i + 1, value: ch });
      i++;
      continue;
    }
    let j = i + 1;
    if (OP_CHARS.has(ch)) {
      while (j < to && OP_CHARS.has(text[j]!) && !(text[j] === '-' && text[j + 1] === '-') && !(text[j] === '/' && text[j + 1] === '*')) j++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      j++;
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

function unescapeQuoted(body: string, quote: string, backslash: boolean): string {
  if (backslash) {
    return body.replace(/\\(.)|(['"])\2/gs, (_m, esc: string | undefined, q: string | undefined) => {
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

/**
 * What test fixtures and set-up files do to a database, read from their text:
 * the calls that drop everything, whether a guard before them refuses to run
 * unless the database looks like a test one, and where the database comes from.
 * Python and JavaScript/TypeScript differ only in their patterns.
 */
import type { TeardownOp } from '../../ir/operations.js';
import { LineIndex } from '../../ir/source-text.js';

export interface TeardownLanguage {
  /** A cheap test: can the text hold a teardown at all? */
  readonly maybe: RegExp;
  /**
   * The destructive calls and the action each names. A call is code: one
   * inside a string or docstring is text about it. SQL (`inString`) is the
   * other way round: a string that `execute` will run.
   */
  readonly calls: ReadonlyArray<{ readonly pattern: RegExp; readonly action: (match: RegExpExecArray) => string; readonly inString?: boolean }>;
  /** Quotes that open a string spanning lines (Python's docstrings). */
  readonly blockQuotes: readonly string[];
  /** A line that starts a function (the guard must be in the same function or at the top of the module). */
  readonly functionStart: RegExp;
  /** A line comment. */
  readonly comment: RegExp;
}

/** A condition that inspects the database or the environment… */
const GUARD_CONDITION =
  /\b(url|uri|dsn|database|db_?name|environ|getenv|process\.env|NODE_ENV|ENV|ENVIRONMENT|TESTING|settings\.\w+)\b|["'`](?:[^"'`\n]*\b(?:test|testing|localhost|127\.0\.0\.1|prod|production|railway\.app)\b[^"'`\n]*)["'`]|\/[^/\n]*(?:test|prod|localhost)[^/\n]*\//i;
/** …and refuses to go on. */
const GUARD_ACTION = /\b(raise|throw|sys\.exit|exit|process\.exit|pytest\.(?:skip|exit|fail)|return)\b/;
const GUARD_HELPER = /\b(?:assert|ensure|check|guard|require)_?\w*(?:test_?(?:db|database)|not_?prod\w*|safe\w*)\s*\(/i;
const ASSERTION = /^\s*assert\b.*(?:\b|_)(test|localhost|127\.0\.0\.1|sqlite)\b/i;

/**
 * A variable or a configuration named for tests: `TEST_DATABASE_URL`,
 * `TESTING_…_URI`, Flask's `TestingConfig`, an application factory given the
 * testing configuration (`create_app("testing")`, `config_name="testing"`).
 */
const TEST_VARIABLE =
  /\bTEST(?:ING)?_[A-Z_]*(?:DATABASE|DB)[A-Z_]*\b|\b[A-Z_]*(?:DATABASE|DB)_URL_TEST\b|\bTest(?:ing)?Config\b|\bconfigs?\.test(?:ing)?\b|\bcreate_app\(\s*["']test(?:ing)?["']|\bconfig_name\s*=\s*["']test(?:ing)?["']/;
const THROWAWAY = /testcontainers|PostgresContainer|MySqlContainer|:memory:|sqlite:\/\/\/?(?:["'`]|$)|sqlite:\/\/\/\/?tmp\/|\btmp_path\b|\btempfile\b|mkdtemp/;
/**
 * A database URL given to the call itself: a local SQLite file or a server on
 * localhost (`env: { DATABASE_URL: \`file:${base}\` }` passed to
 * `execaCommand(…)`, a `DATABASE_URL=file:./test.db npx prisma …` prefix).
 */
const CALL_URL =
  /\b[A-Z_]*(?:DATABASE|DB)_(?:URL|URI|DSN)\b["'`]?\s*[:=]\s*["'`]?(?:file:|sqlite:|[a-z+]+:\/\/(?:[^\s"'`@/]*@)?(?:localhost|127\.0\.0\.1)[:/])/;
/** How many lines after a call its options may run on. */
const CALL_LINES = 8;
const ENVIRONMENT_URL = /\b(?:os\.environ|os\.getenv|getenv|process\.env|settings|config|get_settings)\b[^\n]*(?:DATABASE|DB_|_DB|URL|URI|DSN)/i;

/**
 * The teardowns in a file. `functionNamed`, when given, keeps only those in a
 * function whose name matches it (in application code, `drop_tables()` is a
 * teardown; a migration command that drops one table is not this rule's).
 */
export function scanTeardowns(text: string, language: TeardownLanguage, functionNamed?: RegExp): Omit<TeardownOp, 'urlOverride'>[] {
  if (!language.maybe.test(text)) return [];
  const index = new LineIndex(text);
  // 0-based, as `lineOf` counts.
  const lines = Array.from({ length: index.lineCount }, (_, n) => index.lineText(n + 1));
  const database = databaseOf(text);
  const ops: Omit<TeardownOp, 'urlOverride'>[] = [];
  for (const { pattern, action, inString = false } of language.calls) {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (let m = global.exec(text); m !== null; m = global.exec(text)) {
      const line = index.lineOf(m.index);
      if (language.comment.test(lines[line]!.slice(0, m.index - index.lineStart(line + 1)))) continue;
      if (!inString && insideString(text, m.index, index.lineStart(line + 1), language)) continue;
      if (functionNamed !== undefined && !functionNamed.test(lines[enclosingFunction(lines, line, language)] ?? '')) continue;
      if (inString && createdEarlier(action(m), lines, line, language)) continue;
      ops.push({
        kind: 'teardown',
        span: { start: m.index, end: m.index + m[0].length },
        phase: 'none',
        action: action(m),
        database: givenUrl(lines, line) ? 'throwaway' : database,
        guarded: guardedBefore(lines, line, language),
      });
    }
  }
  return ops.sort((a, b) => a.span.start - b.span.start);
}

/** Where the file's database comes from: a throwaway one, a variable named for tests, or (by default) the environment or the app's settings. */
function databaseOf(text: string): TeardownOp['database'] {
  if (TEST_VARIABLE.test(text)) return 'test-variable';
  if (THROWAWAY.test(text) && !ENVIRONMENT_URL.test(text)) return 'throwaway';
  return 'environment';
}

/**
 * Whether the command on `callLine`, or the options of the call it is in, on
 * the lines up to where that call's parentheses close, give it a local
 * database URL.
 */
function givenUrl(lines: readonly string[], callLine: number): boolean {
  let open = 0;
  for (let n = callLine; n < Math.min(lines.length, callLine + CALL_LINES); n++) {
    const line = lines[n]!;
    if (CALL_URL.test(line)) return true;
    const closing = line.match(/\)/g)?.length ?? 0;
    open += (line.match(/\(/g)?.length ?? 0) - closing;
    if (closing > 0 && open <= 0) return false;
  }
  return false;
}

/**
 * A guard: before the call, in its function or at the top of the module, a
 * condition on the database or the environment followed by a refusal within
 * a few lines, an assertion that the database is a test one, or a call to a
 * helper named for that.
 */
function guardedBefore(lines: readonly string[], callLine: number, language: TeardownLanguage): boolean {
  const functionLine = enclosingFunction(lines, callLine, language);
  const inScope = (n: number): boolean => n >= functionLine || indent(lines[n]!) === 0;
  for (let n = 0; n < callLine; n++) {
    if (!inScope(n)) continue;
    const line = lines[n]!;
    if (language.comment.test(line.trimStart().slice(0, 2))) continue;
    if (ASSERTION.test(line) || GUARD_HELPER.test(line)) return true;
    if (/^\s*(if|elif|unless)\b|^\s*if\s*\(/.test(line) && GUARD_CONDITION.test(line)) {
      const following = lines.slice(n, Math.min(n + 4, callLine)).join('\n');
      if (GUARD_ACTION.test(following)) return true;
    }
  }
  return false;
}

/**
 * Whether the schema or database a `DROP SCHEMA|DATABASE x` drops was created
 * by name earlier in the same function (`CREATE DATABASE x`, not `IF NOT
 * EXISTS`, which may find one that stood): the test drops only what it made,
 * and its CREATE fails where one of that name exists.
 */
function createdEarlier(sql: string, lines: readonly string[], callLine: number, language: TeardownLanguage): boolean {
  const dropped = /\bDROP\s+(SCHEMA|DATABASE)\s+(?:IF\s+EXISTS\s+)?["`]?(\w+)/i.exec(sql);
  const functionLine = enclosingFunction(lines, callLine, language);
  if (dropped === null || functionLine < 0) return false;
  const created = new RegExp(String.raw`\bCREATE\s+${dropped[1]}\s+(?!IF\s+NOT\s+EXISTS\b)["\x60]?${dropped[2]}(?!\w)`, 'i');
  return lines.slice(functionLine, callLine).some((line) => created.test(line));
}

function indent(line: string): number {
  return line.length - line.trimStart().length;
}

/** The line that starts the function holding `callLine` (by indentation), or -1 at the top of the module. */
function enclosingFunction(lines: readonly string[], callLine: number, language: TeardownLanguage): number {
  for (let n = callLine; n >= 0; n--) {
    if (language.functionStart.test(lines[n]!) && (n === callLine || indent(lines[n]!) < indent(lines[callLine]!))) return n;
  }
  return -1;
}

/** Whether `offset` lies inside a string: a block string opened before it, or a quote left open on its line. */
function insideString(text: string, offset: number, lineStart: number, language: TeardownLanguage): boolean {
  const before = text.slice(0, offset);
  if (language.blockQuotes.some((quote) => before.split(quote).length % 2 === 0)) return true;
  let open: string | null = null;
  for (let i = lineStart; i < offset; i++) {
    const c = text[i]!;
    if (open !== null && c === '\\') i++;
    else if (open === null && (c === '"' || c === "'" || c === '`')) open = c;
    else if (c === open) open = null;
  }
  return open !== null;
}

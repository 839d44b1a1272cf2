import type { Operation, Phase, Span } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { type Comment, lex, type Token } from './lexer.js';
import { checkPostgres } from './pg-grammar.js';
import { StatementRecognizer, type StatementSink } from './recognize.js';
import type { StatementSpan } from '../suppressions.js';
import { phaseLookup, phaseMarkers } from './phases.js';
import { foldRedefinitions } from './redefine.js';
import { bindArguments, callsIn, closing, evaluate, fold, readTemplate, reassigned, type Routine, type Signature, usesParams } from './routines.js';
import { UnicodePattern } from '../unicode-pattern.js';
import { nameSaysItDestroys } from '../destroying-name.js';

/** Maps an offset in the analysed SQL text to an offset in the file. */
export type OffsetMap = (offset: number) => number;

export interface SqlAnalysisOptions {
  readonly dialect: Dialect;
  /** Phase of every statement, unless section markers say otherwise. */
  readonly phase: Phase;
  /** Honour `-- migrate:up` / `-- migrate:down`-style section markers. */
  readonly sections?: boolean;
  /** For SQL embedded in another file (a string literal); identity by default. */
  readonly map?: OffsetMap;
}

export interface SqlAnalysis {
  readonly operations: Operation[];
  /** Comments, with file offsets. */
  readonly comments: Comment[];
  /** Statement ranges, with file offsets, in order. */
  readonly statements: StatementSpan[];
}

const identity: OffsetMap = (offset) => offset;

const DESTRUCTIVE_OR_ALTER = /\b(drop|truncate|delete|alter)\b/i;

/** Words after which PL/pgSQL starts a new statement. */
const PLPGSQL_STATEMENT_STARTS = new Set(['BEGIN', 'THEN', 'ELSE', 'LOOP', 'DECLARE', 'EXCEPTION']);

/**
 * Reads SQL text into operations: lex, split into statements, recognize each
 * one, and ask the PostgreSQL grammar about the statements no recognizer knows.
 */
export async function analyzeSql(sql: string, options: SqlAnalysisOptions): Promise<SqlAnalysis> {
  const analysis = new Analysis(options);
  analysis.run(sql, { mode: 'sql', place: options.map ?? identity, topLevel: true });
  await analysis.settle();
  return analysis.result();
}

interface Pending {
  readonly sql: string;
  readonly span: Span;
  readonly phase: Phase;
  readonly mayBeDestructive: boolean;
  /** The recognizers read operations from part of it. */
  readonly readSome: boolean;
  /** Null for SQL computed at a call: it is not in the file, and is reported at the call. */
  readonly map: OffsetMap | null;
}

/**
 * Where analysed text is: in the file (its offsets mapped to the file's), or
 * SQL a call computes from its arguments, all of whose operations are
 * reported at the call.
 */
type Place = OffsetMap | Span;

interface Run {
  readonly mode: 'sql' | 'plpgsql';
  readonly place: Place;
  /** The file's own text, not a literal or body inside it. */
  readonly topLevel?: boolean;
  /** The routine whose body this is: its EXECUTEs computed from its parameters are kept for its calls. */
  readonly routine?: Routine;
}

/** A routine body's parameters still holding what a call passed, by name, with their position. */
interface Scope {
  readonly routine: Routine;
  readonly params: ReadonlyMap<string, number>;
}

class Analysis {
  /** Operations with their position in source order (unknown statements are settled later). */
  private readonly ops: Array<{ op: Operation; order: number }> = [];
  private readonly comments: Comment[] = [];
  private readonly statements: StatementSpan[] = [];
  private readonly unknown: Array<Pending & { order: number }> = [];
  private order = 0;
  private phaseOf: (offset: number) => Phase;
  /** Routines defined so far, by folded name, in order of definition. */
  private readonly routines = new Map<string, Routine[]>();
  /** Routines whose calls are being expanded: a routine's SQL calling itself is not followed. */
  private readonly expanding = new Set<Routine>();
  /** The routine whose body is being read (through the literals it runs), if any. */
  private within: Routine | undefined;
  /** The routine whose body holds each operation (by its order), for those in one. */
  private readonly bodyOf = new Map<number, Routine>();
  /** Routines the file's own statements call (and so run), and those each routine's body calls. */
  private readonly called = new Set<Routine>();
  private readonly calledBy = new Map<Routine, Set<Routine>>();

  constructor(private readonly options: SqlAnalysisOptions) {
    this.phaseOf = () => options.phase;
  }

  /** Analyses `sql` as top-level SQL or a PL/pgSQL body. */
  run(sql: string, { mode, place, topLevel = false, routine }: Run): void {
    const { tokens, comments, errors } = lex(sql, this.options.dialect);
    const at = typeof place === 'function' ? null : place;
    const map: OffsetMap | null = typeof place === 'function' ? place : null;
    // Comments in computed SQL are nowhere in the file: no suppression can be read from them.
    const mapped = map === null ? [] : map === identity ? comments : comments.map((c) => ({ ...c, start: map(c.start), end: map(c.end) }));
    if (topLevel && this.options.sections) {
      this.phaseOf = phaseLookup(phaseMarkers(mapped), this.options.phase);
    }
    for (const comment of mapped) this.comments.push(comment);
    const mapSpan = (s: Span): Span => at ?? { start: map!(s.start), end: map!(s.end) };
    for (const { templateCall, start, end } of comments) {
      if (templateCall === undefined || !nameSaysItDestroys(templateCall)) continue;
      const span = mapSpan({ start, end });
      this.push({ kind: 'dynamic', span, phase: this.phaseOf(span.start), description: `${templateCall}, a template function droplint cannot read` });
    }
    let errorIndex = 0;
    let phase: Phase = this.options.phase;
    const statements = mode === 'sql' ? splitStatements(tokens, this.options.dialect) : plpgsqlStatements(tokens);
    const grammar = hasGrammar(this.options.dialect);
    const scope = routine && grammar ? bodyScope(routine, tokens, statements) : null;
    const sink: StatementSink = {
      op: (op) => this.push({ ...op, span: mapSpan(op.span), phase }),
      body: (token, signature) => this.body(sql, token, place, signature),
      execute: (from, to, span, what) => this.execute(sql, tokens, from, to, place, phase, mapSpan(span), what, scope),
    };
    const recognizer = new StatementRecognizer(sql, this.options.dialect, sink, mode === 'plpgsql');

    for (const [from, to, terminator, balanced] of statements) {
      const terminatorStart = tokens[terminator]?.start ?? sql.length;
      // A lexical error in this statement makes its tokens untrustworthy.
      let error: { start: number; message: string } | undefined;
      while (errorIndex < errors.length && errors[errorIndex]!.start <= terminatorStart) {
        error ??= errors[errorIndex];
        errorIndex++;
      }
      if (from >= to && error === undefined) continue;
      const start = from < to ? tokens[from]!.start : error!.start;
      const end = Math.max(from < to ? tokens[to - 1]!.end : start, error ? lineEnd(sql, error.start) : 0);
      const span = mapSpan({ start, end });
      // Only the file's own statements: SQL inside a literal is part of one of them.
      if (topLevel) this.statements.push({ ...span, transparent: isSessionStatement(tokens, from, to) });
      phase = this.phaseOf(span.start);
      if (error !== undefined) {
        // The text the lexer skipped may hold the destructive word.
        const skipped = sql.slice(error.start, terminatorStart);
        this.push({
          kind: 'unparsed',
          span: mapSpan({ start: error.start, end: lineEnd(sql, error.start) }),
          phase,
          reason: error.message,
          mayBeDestructive: hasDestructiveWord(tokens, from, to) || DESTRUCTIVE_TEXT.test(skipped),
        });
        continue;
      }
      if (this.routines.size > 0 && grammar) this.calls(tokens, from, to, span);
      // In a body only statements that can change tables matter (not IF, RAISE, PERFORM, …); in a DO block, which runs
      // where it is written, an UPDATE too: the values it copies (a routine's may never run, and would keep nothing).
      const head = tokens[from]!;
      const changes = head.type === 'word' && (STATEMENT_WORDS.has(head.value) || (routine === undefined && head.value === 'UPDATE'));
      if (mode === 'plpgsql' && !changes) continue;
      if (mode === 'plpgsql' && tokens[from]!.value === 'EXECUTE') {
        this.execute(sql, tokens, from + 1, executeEnd(tokens, from + 1, to), place, phase, span, 'SQL built at run time (EXECUTE)', scope);
        continue;
      }
      const before = this.order;
      const recognized = recognizer.recognize(tokens, from, to);
      // Recognizers read only the clauses that matter: unbalanced parentheses are the
      // cheap sign that a statement they accepted is malformed, for the grammar to judge.
      if (recognized.status === 'unknown' || (grammar && !balanced)) {
        this.unknown.push({
          sql: grammarText(sql, tokens, from, to),
          span,
          phase,
          mayBeDestructive: hasDestructiveWord(tokens, from, to),
          readSome: this.order !== before,
          map: map && ((o) => map(start + o)),
          order: this.next(),
        });
      }
    }
    // Errors after the last statement (an unterminated comment at the end).
    for (; errorIndex < errors.length; errorIndex++) {
      const error = errors[errorIndex]!;
      this.push({
        kind: 'unparsed',
        span: mapSpan({ start: error.start, end: lineEnd(sql, error.start) }),
        phase: this.phaseOf(mapSpan({ start: error.start, end: error.start }).start),
        reason: error.message,
        mayBeDestructive: false,
      });
    }
  }

  private push(op: Operation): void {
    this.ops.push({ op, order: this.next() });
  }

  /** The next position in source order, its operation marked as in the body being read. */
  private next(): number {
    if (this.within !== undefined) this.bodyOf.set(this.order, this.within);
    return this.order++;
  }

  /**
   * A routine body or DO block: analysed as PL/pgSQL where it is written, so
   * that what it does is reported once, at its definition. A routine's name
   * and parameters are kept for its calls later in the file.
   */
  private body(sql: string, token: Token, place: Place, signature: Signature | null): void {
    const routine = signature === null ? undefined : { signature, templates: [] };
    const content = literalContent(sql, token);
    const outer = this.within;
    // A DO block runs where it is written: what it does is its caller's.
    if (routine !== undefined && hasGrammar(this.options.dialect)) this.within = routine;
    this.run(content.text, { mode: 'plpgsql', place: inLiteral(content, place), ...(routine && { routine }) });
    this.within = outer;
    // Known to calls after its definition only: a body calling itself is not followed.
    if (routine) this.routines.set(signature!.name, [...(this.routines.get(signature!.name) ?? []), routine]);
  }

  /**
   * SQL run from an expression: a single literal, or (PostgreSQL) a
   * concatenation of literals, is analysed; one computed from a routine's
   * parameters is kept for its calls; anything else is dynamic.
   */
  private execute(sql: string, tokens: Token[], from: number, to: number, place: Place, phase: Phase, span: Span, what: string, scope: Scope | null): void {
    if (to - from === 1 && tokens[from]!.type === 'string') {
      const content = literalContent(sql, tokens[from]!);
      this.run(content.text, { mode: 'sql', place: inLiteral(content, place) });
      return;
    }
    const template = hasGrammar(this.options.dialect) ? readTemplate(tokens, from, to, scope?.params ?? NO_PARAMS) : null;
    if (template !== null && !usesParams(template)) {
      // `'DROP TABLE ' || 'old_' || 'events'` is known text, though not one literal: reported at the EXECUTE.
      this.run(evaluate(template, [])!, { mode: 'sql', place: span });
      return;
    }
    // Still reported below as what the routine runs for any caller: it outlives the migration, and others may call it.
    if (template !== null) scope?.routine.templates.push(template);
    const literals = tokens.slice(from, to).filter((t) => t.type === 'string');
    // `EXECUTE 'GRANT SELECT ON ' || t || ' TO app'` cannot destroy anything.
    if (literals.length > 0 && !literals.some((t) => DESTRUCTIVE_OR_ALTER.test(t.value))) return;
    this.push({ kind: 'dynamic', span, phase, description: what });
  }

  /**
   * Calls in tokens `[from, to)` of routines the file defined before: each
   * one's SQL computed from literal arguments is analysed, and its operations
   * reported at the calling statement (`span`), where they run.
   */
  private calls(tokens: Token[], from: number, to: number, span: Span): void {
    const runs = !namesRoutine(tokens, from, to);
    for (const at of callsIn(tokens, from, to, new Set(this.routines.keys()))) {
      const close = closing(tokens, at + 1, to);
      // The latest definition the call fits (`CREATE OR REPLACE` replaces; overloads differ in parameters).
      const definitions = this.routines.get(fold(tokens[at]!))!;
      // Any of them may be the one that runs: none is taken for a routine the migration leaves uncalled.
      if (runs) for (const routine of definitions) this.markCalled(routine);
      for (let k = definitions.length - 1; k >= 0; k--) {
        const args = bindArguments(tokens, at + 2, close, definitions[k]!.signature);
        if (args === null) continue;
        this.expand(definitions[k]!, args, span);
        break;
      }
    }
  }

  private markCalled(routine: Routine): void {
    if (this.within === undefined) this.called.add(routine);
    else if (this.within !== routine) {
      let callees = this.calledBy.get(this.within);
      if (callees === undefined) this.calledBy.set(this.within, (callees = new Set()));
      callees.add(routine);
    }
  }

  private expand(routine: Routine, args: ReadonlyArray<string | null>, span: Span): void {
    if (this.expanding.has(routine)) return;
    this.expanding.add(routine);
    for (const template of routine.templates) {
      const text = evaluate(template, args);
      if (text !== null) this.run(text, { mode: 'sql', place: span });
    }
    this.expanding.delete(routine);
  }

  /** Statements no recognizer knows: PostgreSQL's grammar decides whether they are valid. */
  async settle(): Promise<void> {
    const postgres = hasGrammar(this.options.dialect);
    for (const u of this.unknown) {
      // Without a grammar to tell a typo from syntax droplint does not know, only what may destroy data is reported.
      if (!postgres && !u.mayBeDestructive) continue;
      const verdict = postgres ? await checkPostgres(u.sql) : { valid: false, message: `not a ${this.options.dialect} statement droplint recognizes` };
      if (verdict.valid) {
        // A valid statement droplint read only in part already has its operations.
        if (u.mayBeDestructive && !u.readSome) {
          const op: Operation = {
            kind: 'dynamic',
            span: u.span,
            phase: u.phase,
            description: 'a statement droplint cannot analyse that mentions DROP, TRUNCATE or DELETE',
          };
          this.ops.push({ op, order: u.order });
        }
        continue;
      }
      // PostgreSQL's grammar is not CockroachDB's (`CREATE INVERTED INDEX`, inline `INDEX`, `UPSERT`): where they
      // differ, only a statement that may destroy data is worth a parse-error.
      if (this.options.dialect === 'cockroachdb' && !u.mayBeDestructive) continue;
      const op: Operation = {
        kind: 'unparsed',
        span: verdict.offset !== undefined && u.map !== null ? wordSpan(u, u.map, verdict.offset) : u.span,
        phase: u.phase,
        reason: verdict.message ?? 'syntax error',
        mayBeDestructive: u.mayBeDestructive,
      };
      this.ops.push({ op, order: u.order });
    }
  }

  /** The routines the file runs: those its own statements call, and those they call in turn. */
  private runRoutines(): Set<Routine> {
    const runs = new Set(this.called);
    for (const routine of runs) for (const callee of this.calledBy.get(routine) ?? []) runs.add(callee);
    return runs;
  }

  result(): SqlAnalysis {
    const ordered = this.ops.sort((a, b) => a.order - b.order);
    const runs = this.runRoutines();
    const operations = foldRedefinitions(
      ordered.map(({ op, order }) => {
        const routine = this.bodyOf.get(order);
        return routine === undefined || runs.has(routine) ? op : { ...op, definedIn: `${routine.signature.kind} ${routine.signature.name}` };
      }),
    );
    return { operations, comments: this.comments, statements: this.statements };
  }
}

/**
 * Whether the statement only names a routine (defines, alters, drops,
 * comments on or grants it) where `f(…)` would otherwise read as a call:
 * `ALTER FUNCTION f() OWNER TO app` runs nothing. Any other mention may run
 * it: a call, a trigger, a default, an index expression.
 */
function namesRoutine(tokens: readonly Token[], from: number, to: number): boolean {
  const head = tokens[from];
  if (head?.type !== 'word') return false;
  if (head.value === 'GRANT' || head.value === 'REVOKE') return true;
  let i = from + 1;
  if (head.value === 'CREATE' && tokens[i]?.value === 'OR' && tokens[i + 1]?.value === 'REPLACE') i += 2;
  else if (head.value === 'COMMENT' && tokens[i]?.value === 'ON') i++;
  else if (head.value !== 'ALTER' && head.value !== 'DROP' && head.value !== 'CREATE') return false;
  const what = tokens[i];
  return i < to && what?.type === 'word' && ROUTINE_WORDS.has(what.value);
}

const ROUTINE_WORDS = new Set(['FUNCTION', 'PROCEDURE', 'ROUTINE']);

/**
 * The word (or character) PostgreSQL's error points at, as a file span.
 * PostgreSQL counts characters (code points), JavaScript UTF-16 units; an error
 * "at end of input" points at the statement's last word.
 */
function wordSpan(u: Pending, map: OffsetMap, codePoints: number): Span {
  let offset = 0;
  for (let n = 0; n < codePoints && offset < u.sql.length; n++) offset += u.sql.codePointAt(offset)! > 0xffff ? 2 : 1;
  let word = /^[\p{L}\p{N}_$]+|^\S/u.exec(u.sql.slice(offset))?.[0];
  if (word === undefined) {
    // The last word, found from the end: `/(?:[\p{L}\p{N}_$]+|\S)\s*$/u` is quadratic on a long word before a symbol.
    const chars = [...u.sql.trimEnd()];
    let first = chars.length;
    while (first > 0 && WORD_CHAR.test(chars[first - 1]!)) first--;
    word = (first === chars.length ? chars.slice(-1) : chars.slice(first)).join('');
    offset = u.sql.trimEnd().length - word.length;
  }
  return { start: map(offset), end: map(offset + word.length) };
}

const WORD_CHAR = new UnicodePattern(/^[A-Za-z0-9_$]$/, String.raw`^[\p{L}\p{N}_$]$`);

const DESTRUCTIVE_TEXT = /\b(?:drop|truncate|delete)\b/i;

/** Statements that set up a session or transaction and cannot touch data. */
const SESSION_HEADS = new Set(['PRAGMA', 'SET', 'RESET', 'BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);

function isSessionStatement(tokens: Token[], from: number, to: number): boolean {
  const head = tokens[from];
  return head !== undefined && head.type === 'word' && SESSION_HEADS.has(head.value) && !hasDestructiveWord(tokens, from, to);
}

/**
 * A statement's text as the grammar is to judge it: each placeholder the
 * migration tool fills in (`${schema}`, `{{ .Schema }}`, psql's `:schema`)
 * stands for a name, so it becomes an identifier of the same length (offsets
 * in the grammar's messages stay the file's); psql's `:'value'` stands for a
 * string literal.
 */
function grammarText(sql: string, tokens: Token[], from: number, to: number): string {
  const start = tokens[from]!.start;
  let text = '';
  let at = start;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.type !== 'param') continue;
    const length = t.end - t.start;
    let stand: string;
    if (TEMPLATE_PLACEHOLDER.test(t.value)) stand = '_'.repeat(length);
    // After an operand, `:n` is an array slice's bound (`a[1:n]`), which the grammar reads as it is.
    else if (t.value.startsWith(':') && !OPERAND_END.test(sql[t.start - 1] ?? ' '))
      stand = t.value[1] === "'" ? `'${'_'.repeat(length - 2)}'` : t.value[1] === '"' ? `"${'_'.repeat(length - 2)}"` : '_'.repeat(length);
    else continue;
    text += sql.slice(at, t.start) + stand;
    at = t.end;
  }
  return text + sql.slice(at, tokens[to - 1]!.end);
}

const TEMPLATE_PLACEHOLDER = /^(\$\{|\{\{)/;
const OPERAND_END = /[\w)\]"'.]/;

/**
 * Whether the statement mentions DROP, TRUNCATE or DELETE; what `HOLDS_NO_DATA` names
 * (an index, a constraint, …) loses no rows, nor does the event a foreign key or trigger names (`ON DELETE
 * CASCADE`, `AFTER DELETE ON t`): a DELETE its body runs is a word of its own.
 */
function hasDestructiveWord(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.type !== 'word') continue;
    if (t.value === 'DELETE' && i > from && tokens[i - 1]!.type === 'word' && DELETE_EVENT_HEADS.has(tokens[i - 1]!.value)) continue;
    if (t.value === 'TRUNCATE' || t.value === 'DELETE') return true;
    if (t.value === 'DROP' && !(tokens[i + 1]?.type === 'word' && HOLDS_NO_DATA.has(tokens[i + 1]!.value))) return true;
  }
  return false;
}

/**
 * What DROP may name that holds no rows or values: an index, a constraint or
 * key, a column's default, `NOT NULL`, identity or generation expression, a
 * trigger, a policy, a (plain) view.
 */
const HOLDS_NO_DATA = new Set([
  'INDEX',
  'CONSTRAINT',
  'DEFAULT',
  'NOT',
  'IDENTITY',
  'EXPRESSION',
  'TRIGGER',
  'POLICY',
  'VIEW',
  'PRIMARY',
  'FOREIGN',
  'CHECK',
  'KEY',
]);

/** Words before DELETE where it names an event, not a statement: `ON DELETE`, `BEFORE|AFTER|INSTEAD OF DELETE`, `OR DELETE`. */
const DELETE_EVENT_HEADS = new Set(['ON', 'BEFORE', 'AFTER', 'OF', 'OR']);

/** Dialects whose statements droplint can check against the database's own grammar (libpg-query). */
function hasGrammar(dialect: Dialect): boolean {
  return dialect === 'postgresql' || dialect === 'cockroachdb';
}

function lineEnd(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** `[from, to, terminatorIndex, balanced]` for each statement: `balanced` when its parentheses pair up. */
type StatementRange = [number, number, number, boolean];

/** Each `;`-separated statement. */
function splitStatements(tokens: Token[], dialect: Dialect): StatementRange[] {
  const out: StatementRange[] = [];
  let from = 0;
  let depth = 0;
  let parens = 0;
  let balanced = true;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'word') {
      // Trigger and BEGIN ATOMIC bodies hold `;`s of their own.
      if (t.value === 'BEGIN' && i > from && opensBlock(tokens, from, i, dialect)) depth++;
      else if (t.value === 'CASE' && depth > 0) depth++;
      else if (t.value === 'END' && depth > 0 && !endsStatement(tokens[i + 1], dialect)) depth--;
    } else if (t.type === 'punct') {
      if (t.value === '(') parens++;
      else if (t.value === ')' && --parens < 0) balanced = false;
      else if (t.value === ';' && depth === 0) {
        out.push([from, i, i, balanced && parens === 0]);
        from = i + 1;
        parens = 0;
        balanced = true;
      }
    }
  }
  if (from < tokens.length) out.push([from, tokens.length, tokens.length, balanced && parens === 0]);
  return out;
}

function opensBlock(tokens: Token[], from: number, at: number, dialect: Dialect): boolean {
  const next = tokens[at + 1];
  if (next?.value === 'ATOMIC') return true;
  if (dialect === 'postgresql' || dialect === 'cockroachdb') return false;
  // `BEGIN TRAN` inside a T-SQL procedure starts a transaction, not a block: no END closes it.
  if (next?.type === 'word' && TRANSACTION_WORDS.has(next.value)) return false;
  const head = tokens[from];
  if (head?.value !== 'CREATE') return false;
  for (let i = from + 1; i < at; i++) {
    const v = tokens[i]!.value;
    if (v === 'TRIGGER' || v === 'PROCEDURE' || v === 'FUNCTION') return true;
  }
  return false;
}

const TRANSACTION_WORDS = new Set(['TRAN', 'TRANSACTION', 'DISTRIBUTED', 'WORK']);

/** MySQL's `END IF`, `END LOOP`, … close a statement, not a BEGIN or CASE block. */
function endsStatement(next: Token | undefined, dialect: Dialect): boolean {
  return dialect === 'mysql' && next?.type === 'word' && (next.value === 'IF' || next.value === 'LOOP' || next.value === 'WHILE' || next.value === 'REPEAT');
}

/**
 * Statements of a PL/pgSQL body: each begins after `;` or a block keyword.
 * Empty ones are kept too, so that lexical errors are matched to the right one.
 */
function plpgsqlStatements(tokens: Token[]): StatementRange[] {
  const out: StatementRange[] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'punct' && t.value === ';') {
      out.push([from, i, i, true]);
      from = i + 1;
    } else if (i === from && t.type === 'word' && PLPGSQL_STATEMENT_STARTS.has(t.value)) {
      from = i + 1;
    } else if (t.type === 'word' && PLPGSQL_STATEMENT_STARTS.has(t.value) && t.value !== 'DECLARE') {
      // `IF x THEN DROP …`: the statement proper starts after THEN.
      const next = tokens[i + 1];
      if (next?.type === 'word' && STATEMENT_WORDS.has(next.value)) {
        out.push([from, i, i, true]);
        from = i + 1;
      }
    }
  }
  if (from < tokens.length) out.push([from, tokens.length, tokens.length, true]);
  return out;
}

const STATEMENT_WORDS = new Set(['DROP', 'TRUNCATE', 'DELETE', 'ALTER', 'CREATE', 'INSERT', 'EXECUTE', 'WITH', 'RENAME', 'PREPARE', 'EXEC']);

/** The EXECUTE expression ends before INTO or USING. */
function executeEnd(tokens: Token[], from: number, to: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i]!;
    if (t.type === 'punct') {
      if (t.value === '(') depth++;
      else if (t.value === ')') depth--;
    } else if (depth === 0 && t.type === 'word' && (t.value === 'INTO' || t.value === 'USING')) return i;
  }
  return to;
}

/** Where the content of a literal at `place` is: offsets mapped through the literal, or the same call. */
function inLiteral(content: { map: OffsetMap }, place: Place): Place {
  return typeof place === 'function' ? (o) => place(content.map(o)) : place;
}

const NO_PARAMS: ReadonlyMap<string, number> = new Map();

/** The parameters a routine's body does not assign or declare again, by name, with their position. */
function bodyScope(routine: Routine, tokens: Token[], statements: readonly StatementRange[]): Scope {
  const changed = reassigned(tokens, statements);
  const params = new Map<string, number>();
  routine.signature.params.forEach((p, k) => {
    if (p.name !== null && !changed.has(p.name)) params.set(p.name, k);
  });
  return { routine, params };
}

/** A string literal's content, with a map from content offsets back to `sql` offsets. */
function literalContent(sql: string, token: Token): { text: string; map: OffsetMap } {
  const start = token.contentStart ?? token.start;
  if (token.verbatim || token.value.length === token.end - 1 - start) {
    return { text: token.value, map: (o) => start + o };
  }
  // Escapes (a doubled quote, backslashes) make content and source differ: map character by character.
  const quote = sql[token.end - 1];
  const positions: number[] = [];
  const raw = sql.slice(start, token.end - 1);
  for (let k = 0; k < raw.length; k++) {
    positions.push(start + k);
    if (raw[k] === quote || (token.backslash === true && raw[k] === '\\')) k++;
  }
  positions.push(token.end - 1);
  return { text: token.value, map: (o) => positions[Math.min(o, positions.length - 1)]! };
}

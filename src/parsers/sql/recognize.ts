import type { CascadeObjectKind, ColumnDef, ForeignKeyTarget, Operation, Span, TableRef } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { AlterTableRecognizer, moved } from './alter-table.js';
import { columnDef } from './column-def.js';
import { alwaysTrue } from './conditions.js';
import { foreignKeyTargets } from './foreign-keys.js';
import { tableTtl } from './ttl.js';
import { booleanTest, createTableAs, inequality, insertSelect, readSelect, selectInto, updateSet } from './copies.js';
import { Cursor } from './cursor.js';
import {
  CLAUSE_BEFORE_VERB,
  DELETE_MODIFIERS,
  DROP_BEHAVIOUR,
  EMBEDDED_VERBS,
  HARMLESS_HEADS,
  NEXT_STATEMENT_HEADS,
  SCHEMA_OBJECTS,
  TABLE_MODIFIERS,
} from './keywords.js';
import type { Token } from './lexer.js';
import { readSignature, type Signature } from './routines.js';

/**
 * Statement recognizers: from one statement's tokens to the operations it
 * performs. They read only the clauses that decide what a statement does to
 * data, so the hot path never builds a full syntax tree.
 */

type WithoutPhase<T> = T extends Operation ? Omit<T, 'phase'> : never;
export type PendingOp = WithoutPhase<Operation>;

export interface Recognized {
  /**
   * `known`: the statement's shape is understood (or harmless by its head).
   * `unknown`: droplint does not know this statement form; it may be invalid.
   */
  readonly status: 'known' | 'unknown';
}

/** What a recognizer reports besides operations. */
export interface StatementSink {
  op(op: PendingOp): void;
  /** A routine body in a string literal, to be read as PL/pgSQL or SQL; `signature` for a function or procedure (not DO). */
  body(token: Token, signature: Signature | null): void;
  /** Tokens `[from, to)` are an expression whose value is run as SQL by the statement at `span`. */
  execute(from: number, to: number, span: Span, what: string): void;
}

export class StatementRecognizer {
  private readonly alterTable: AlterTableRecognizer;

  constructor(
    private readonly text: string,
    private readonly dialect: Dialect,
    private readonly sink: StatementSink,
    /** PL/pgSQL, where `SELECT … INTO x` assigns variables: no table is made. */
    private readonly inPlpgsql = false,
  ) {
    this.alterTable = new AlterTableRecognizer(text, dialect, sink);
  }

  /** Recognizes the statement in tokens `[from, to)`. */
  recognize(tokens: readonly Token[], from: number, to: number): Recognized {
    const c = new Cursor(this.text, tokens, from, to);
    const head = c.peek();
    if (head === undefined) return { status: 'known' };
    if (head.type !== 'word') return { status: 'unknown' };
    switch (head.value) {
      case 'CREATE':
        return this.create(c);
      case 'ALTER':
        return this.alterTable.recognize(c);
      case 'DROP':
        return this.drop(c);
      case 'TRUNCATE':
        return this.truncate(c);
      case 'DELETE':
        return this.delete(c);
      case 'WITH':
        return this.withQuery(c);
      case 'INSERT':
        insertSelect(c, (op) => this.sink.op(op));
        return this.embedded(c, from);
      case 'UPDATE':
        updateSet(c, (op) => this.sink.op(op));
        return this.embedded(c, from);
      case 'SELECT':
        if (!this.inPlpgsql) selectInto(c, (op) => this.sink.op(op));
        return this.embedded(c, from);
      case 'DO':
        return this.doBlock(c);
      case 'EXEC':
      case 'EXECUTE':
        return this.exec(c);
      case 'PREPARE':
        return this.prepare(c);
      case 'RENAME':
        return this.renameTables(c);
      case 'EXCHANGE':
        return this.exchangeTables(c);
      case 'GO':
        return { status: c.end - c.pos === 1 ? 'known' : 'unknown' };
      default:
        if (HARMLESS_HEADS.has(head.value)) return this.embedded(c, from);
        return { status: 'unknown' };
    }
  }

  /**
   * A harmless statement can still carry a destructive one inside it
   * (`CREATE RULE … DO INSTEAD DELETE …`, `EXPLAIN ANALYZE DELETE …`, T-SQL's
   * `IF … DROP TABLE …`, `ALTER TABLE … DROP COLUMN …` or `EXEC(…)` in
   * routine bodies written inline); find those.
   */
  private embedded(c: Cursor, from: number): Recognized {
    const first = c.tokens[from]!;
    // Privileges name statements without running them; MERGE's `THEN DELETE` only removes matched rows.
    if (first.value === 'GRANT' || first.value === 'REVOKE' || first.value === 'DENY' || first.value === 'MERGE') return { status: 'known' };
    for (let i = from + 1; i < c.end; i++) {
      const t = c.tokens[i]!;
      if (t.type !== 'word' || !(EMBEDDED_VERBS.has(t.value) || (t.value === 'ALTER' && c.isWordAt(i + 1, 'TABLE')))) continue;
      // `ON DELETE CASCADE`, `FOR DELETE`, `INSERT OR DELETE`, `AFTER INSERT, DELETE` name events, not statements.
      const prev = c.tokens[i - 1]!;
      if (prev.type === 'word' ? CLAUSE_BEFORE_VERB.has(prev.value) : prev.value === ',' || prev.value === '.') continue;
      this.recognize(c.tokens, i, statementEndWithin(c, i));
    }
    return { status: 'known' };
  }

  // CREATE ----------------------------------------------------------------

  private create(c: Cursor): Recognized {
    c.pos++;
    c.accept('OR', 'REPLACE');
    c.accept('OR', 'ALTER');
    // Modifiers in any order: GLOBAL TEMPORARY, UNLOGGED, MySQL's DEFINER = user@host, …
    for (;;) {
      if (c.acceptOneOf(TABLE_MODIFIERS)) continue;
      if (c.accept('SQL', 'SECURITY')) {
        c.pos++;
        continue;
      }
      if (c.isWord('DEFINER') || c.isWord('ALGORITHM')) {
        c.pos++;
        if (c.peek()?.value === '=') c.pos++;
        c.pos++;
        // `'user'@'host'`, `` `user`@`host` ``, `user@host`, `CURRENT_USER()`.
        if (c.peek()?.value === '@') c.pos += 2;
        else if (c.peek()?.type === 'param') c.pos++;
        c.skipGroup();
        continue;
      }
      break;
    }
    if (c.accept('TABLE')) return this.createTable(c);
    if (this.dialect === 'clickhouse' && c.accept('MATERIALIZED', 'VIEW')) return this.materializedView(c);
    if (c.isWord('FUNCTION') || c.isWord('PROCEDURE')) return this.routine(c);
    const kind = c.peek();
    if (kind?.type === 'word' && (kind.value === 'SCHEMA' || kind.value === 'DATABASE')) return this.createSchema(c);
    if (kind?.type === 'word' && SCHEMA_OBJECTS.has(kind.value)) return this.embedded(c, c.pos);
    return { status: 'unknown' };
  }

  /** `CREATE SCHEMA [IF NOT EXISTS] s …` or `CREATE DATABASE d`: a namespace the migration makes (its own, to drop). */
  private createSchema(c: Cursor): Recognized {
    const at = c.pos;
    c.pos++;
    const ifNotExists = c.accept('IF', 'NOT', 'EXISTS');
    // `CREATE SCHEMA AUTHORIZATION role` names the schema after the role.
    c.accept('AUTHORIZATION');
    const name = c.readName();
    if (name !== null) this.sink.op({ kind: 'create-schema', span: c.span(), schema: name.ref.name, ifNotExists });
    // PostgreSQL's `CREATE SCHEMA s CREATE TABLE …` holds statements of its own.
    return this.embedded(c, at);
  }

  private createTable(c: Cursor): Recognized {
    const ifNotExists = c.accept('IF', 'NOT', 'EXISTS') ? { ifNotExists: true as const } : {};
    const name = c.readName();
    if (name === null) return { status: 'unknown' };
    c.skipOnCluster();
    // ClickHouse's `CREATE TABLE t AS other ENGINE = …` copies a structure, not rows: only `AS SELECT` is a copy.
    const structureOnly =
      this.dialect === 'clickhouse' && c.isWord('AS') && !c.isWordAt(c.pos + 1, 'SELECT') && !c.isWordAt(c.pos + 1, 'WITH') && !c.isPunct('(', 1);
    if (!structureOnly && (c.isWord('AS') || (c.isPunct('(') && c.isWordAt(c.closingParen(c.pos) + 1, 'AS')))) {
      createTableAs(c, name.ref, (op) => this.sink.op(op));
      return { status: 'known' };
    }
    const columns: ColumnDef[] = [];
    let references: ForeignKeyTarget[] = [];
    if (c.isPunct('(')) {
      const close = c.closingParen(c.pos);
      for (const [a, b] of c.splitCommas(c.pos + 1, close)) {
        const col = columnDef(c, a, b, this.dialect);
        if (col !== null) columns.push(col);
      }
      references = foreignKeyTargets(c, c.pos + 1, close);
      c.pos = close + 1;
    }
    const rowless = this.dialect === 'clickhouse' && nullEngine(c) ? { rowless: 'null-engine' as const } : {};
    const refs = references.length > 0 ? { references } : {};
    // `CREATE VIRTUAL TABLE t USING fts5(…)`: the module's arguments are no columns droplint reads.
    if (c.isWord('USING')) {
      const fullText = /^FTS[345]$/i.test(c.identifierAt(c.pos + 1) ?? '') ? { fullTextIndex: true as const } : {};
      this.sink.op({ kind: 'create-table', span: c.span(), table: name.ref, columns, ...ifNotExists, ...refs, ...fullText });
      return { status: 'known' };
    }
    const ttl = this.dialect === 'clickhouse' ? tableTtl(c, c.pos) : undefined;
    const kept = ttl === undefined ? {} : { ttlSeconds: ttl };
    this.sink.op({ kind: 'create-table', span: c.span(), table: name.ref, columns, ...rowless, ...kept, ...ifNotExists, ...refs });
    return { status: 'known' };
  }

  /**
   * ClickHouse `CREATE MATERIALIZED VIEW v [ON CLUSTER c] TO t AS SELECT …`
   * writes its rows into `t` and holds none; without `TO` it stores them in an
   * inner table of its own, like a table, which `POPULATE` fills from its query.
   */
  private materializedView(c: Cursor): Recognized {
    const ifNotExists = c.accept('IF', 'NOT', 'EXISTS') ? { ifNotExists: true as const } : {};
    const name = c.readName();
    if (name === null) return { status: 'unknown' };
    c.skipOnCluster();
    const to = c.accept('TO') ? (c.readName()?.ref ?? null) : null;
    let populated = false;
    let as = c.pos;
    for (; as < c.end && !c.isWordAt(as, 'AS'); as++) populated ||= c.isWordAt(as, 'POPULATE');
    const source = readSelect(c, as + 1)?.source ?? null;
    c.pos = as;
    this.sink.op({
      kind: 'create-table',
      span: c.span(),
      table: name.ref,
      columns: [],
      ...(to ? { rowless: 'materialized-view' as const } : {}),
      materializedView: { to, populate: populated, source },
      ...ifNotExists,
    });
    return this.embedded(c, c.pos - 1);
  }

  /**
   * The body of a function or procedure is analysed like top-level code: a
   * DROP inside it runs whenever it does. PostgreSQL writes the body as a
   * string after AS; other dialects (and BEGIN ATOMIC) inline it, where
   * `embedded` finds its statements.
   */
  private routine(c: Cursor): Recognized {
    const from = c.pos;
    if (c.isWord('FUNCTION')) this.createFunction(c, from);
    if (analysedLanguage(c, from)) {
      const signature = readSignature(c.tokens, from, c.end);
      for (let i = from + 1; i < c.end; i++) {
        const t = c.tokens[i]!;
        if (t.type === 'string' && c.tokens[i - 1]!.value === 'AS' && c.tokens[i - 1]!.type === 'word') this.sink.body(t, signature);
      }
    }
    return this.embedded(c, from);
  }

  /** Records a function's name and whether it returns `trigger` (or `event_trigger`); the cursor stays where it was. */
  private createFunction(c: Cursor, from: number): void {
    c.pos = from + 1;
    const name = c.readName();
    if (name !== null) {
      c.skipGroup();
      const returns = c.accept('RETURNS') ? c.peek() : undefined;
      const returnsTrigger = returns?.type === 'word' && (returns.value === 'TRIGGER' || returns.value === 'EVENT_TRIGGER');
      const span = { start: c.tokens[from]!.start, end: c.tokens[c.end - 1]!.end };
      this.sink.op({ kind: 'create-function', span, schema: name.ref.schema, name: name.ref.name, returnsTrigger });
    }
    c.pos = from;
  }

  // DROP ------------------------------------------------------------------

  private drop(c: Cursor): Recognized {
    const start = c.current.start;
    c.pos++;
    c.accept('TEMPORARY');
    c.accept('TEMP');
    const kind = c.peek();
    if (kind?.type !== 'word') return { status: 'unknown' };
    c.pos++;
    if (kind.value === 'TABLE' || kind.value === 'SCHEMA' || kind.value === 'DATABASE') {
      const ifExists = c.accept('IF', 'EXISTS');
      const names = readNameList(c, false);
      if (names.length === 0) return { status: 'unknown' };
      c.skipOnCluster();
      const cascade = c.accept('CASCADE');
      if (!cascade) c.accept('RESTRICT');
      // ClickHouse: `SYNC` waits for the drop; `NO DELAY` is its old spelling.
      if (this.dialect === 'clickhouse' && !c.accept('SYNC')) c.accept('NO', 'DELAY');
      // PostgreSQL's `DROP DATABASE d WITH (FORCE)`.
      if (kind.value === 'DATABASE' && (c.accept('WITH') || c.isPunct('('))) c.skipGroup();
      for (const { ref, span } of listSpans(c, names, start)) {
        if (kind.value === 'TABLE') this.sink.op({ kind: 'drop-table', span, table: ref, ...(ifExists && { ifExists }) });
        else if (kind.value === 'SCHEMA' && this.dialect !== 'mysql') {
          this.sink.op({ kind: 'drop-schema', span, schema: ref.name, cascade });
        } else this.sink.op({ kind: 'drop-database', span, database: ref.name });
      }
      return this.rest(c);
    }
    if (kind.value === 'OWNED') {
      this.sink.op({
        kind: 'dynamic',
        span: { start, end: c.tokens[c.end - 1]!.end },
        description: 'DROP OWNED, which drops every table the role owns',
      });
      return { status: 'known' };
    }
    const cascadeKind = CASCADE_KINDS[kind.value];
    if (cascadeKind !== undefined) return this.dropCascade(c, start, cascadeKind);
    return { status: SCHEMA_OBJECTS.has(kind.value) ? 'known' : 'unknown' };
  }

  /** `DROP TYPE a, b CASCADE`: the columns of those types go too. Without CASCADE such a drop fails while anything depends on it. */
  private dropCascade(c: Cursor, start: number, objectKind: CascadeObjectKind): Recognized {
    c.accept('IF', 'EXISTS');
    const names: NameRead[] = [];
    for (;;) {
      const name = c.readName();
      if (name === null) break;
      names.push(name);
      // A function's argument types: `DROP FUNCTION f(int, text)`.
      c.skipGroup();
      if (!c.acceptPunct(',')) break;
    }
    if (names.length === 0 || !c.accept('CASCADE')) return { status: 'known' };
    for (const { ref, span } of listSpans(c, names, start)) {
      this.sink.op({ kind: 'drop-cascade', span, objectKind, schema: ref.schema, name: ref.name });
    }
    return this.rest(c);
  }

  private truncate(c: Cursor): Recognized {
    const start = c.current.start;
    c.pos++;
    c.accept('TABLE');
    if (this.dialect === 'clickhouse') c.accept('IF', 'EXISTS');
    c.accept('ONLY');
    const names = readNameList(c, true);
    if (names.length === 0) return { status: 'unknown' };
    c.skipOnCluster();
    if (!c.accept('RESTART', 'IDENTITY')) c.accept('CONTINUE', 'IDENTITY');
    c.acceptOneOf(DROP_BEHAVIOUR);
    for (const { ref, span } of listSpans(c, names, start)) this.sink.op({ kind: 'truncate', span, table: ref });
    return this.rest(c);
  }

  /**
   * After a statement's operations are read: anything left over makes a
   * PostgreSQL statement one for the grammar to judge. Other dialects have
   * options droplint does not list (`WITH (PARTITIONS …)`), so they pass.
   */
  private rest(c: Cursor): Recognized {
    const postgres = this.dialect === 'postgresql' || this.dialect === 'cockroachdb';
    if (c.done) return { status: 'known' };
    if (postgres) return { status: 'unknown' };
    // T-SQL needs no `;` between statements: `DROP TABLE a` newline `DROP TABLE b`.
    const next = c.peek()!;
    if (next.type === 'word' && NEXT_STATEMENT_HEADS.has(next.value)) return this.recognize(c.tokens, c.pos, c.end);
    return { status: 'known' };
  }

  private delete(c: Cursor): Recognized {
    const start = c.current.start;
    c.pos++;
    c.acceptOneOf(DELETE_MODIFIERS);
    c.acceptOneOf(DELETE_MODIFIERS);
    c.accept('TOP');
    if (c.isPunct('(')) c.skipGroup();
    // MySQL multi-table form `DELETE t1 FROM t1 JOIN …` names the target first.
    let target = c.isWord('FROM') ? null : c.readName();
    if (c.accept('FROM')) {
      c.accept('ONLY');
      const from = c.readName();
      target = target ?? from;
    }
    if (target === null) return { status: 'unknown' };
    let where = -1;
    let depth = 0;
    let i = c.pos;
    for (; i < c.end; i++) {
      const t = c.tokens[i]!;
      if (t.type === 'punct') {
        if (t.value === '(') depth++;
        else if (t.value === ')') depth--;
      } else if (depth === 0 && t.type === 'word') {
        if (t.value === 'WHERE') where = i;
        // Without `;` (T-SQL), the next statement's head ends this one.
        else if (NEXT_STATEMENT_HEADS.has(t.value)) break;
      }
    }
    const always = where !== -1 && alwaysTrue(c, where + 1, i);
    const span = { start, end: c.tokens[i - 1]!.end };
    // `WHERE deleted`, `WHERE is_active = FALSE`, `WHERE timeframe <> 'All'`: the rows left hold one value in that column.
    const own = new Set([target.ref.name.toLowerCase()]);
    const flag = where !== -1 && !always ? (booleanTest(c, where + 1, own) ?? inequality(c, where + 1, own)?.column ?? null) : null;
    this.sink.op({
      kind: 'delete',
      span,
      table: target.ref,
      hasWhere: where !== -1 && !always,
      ...(always ? { alwaysTrue: true as const } : {}),
      ...(flag !== null && { flag }),
    });
    c.pos = i;
    return c.done ? { status: 'known' } : this.recognize(c.tokens, c.pos, c.end);
  }

  /** `WITH … <statement>`: the CTEs may modify data too. */
  private withQuery(c: Cursor): Recognized {
    c.pos++;
    c.accept('RECURSIVE');
    for (;;) {
      if (c.readName() === null) return { status: 'unknown' };
      if (c.isPunct('(')) c.skipGroup();
      if (!c.accept('AS')) return { status: 'unknown' };
      c.accept('NOT');
      c.accept('MATERIALIZED');
      if (!c.isPunct('(')) return { status: 'unknown' };
      const open = c.pos;
      const close = c.closingParen(open);
      this.recognize(c.tokens, open + 1, close);
      c.pos = close + 1;
      if (!c.acceptPunct(',')) break;
    }
    if (c.done) return { status: 'unknown' };
    return this.recognize(c.tokens, c.pos, c.end);
  }

  private doBlock(c: Cursor): Recognized {
    if (!analysedLanguage(c, c.pos)) return { status: 'known' };
    for (let i = c.pos + 1; i < c.end; i++) {
      const t = c.tokens[i]!;
      if (t.type === 'string') this.sink.body(t, null);
    }
    return { status: 'known' };
  }

  /** T-SQL `EXEC('…')`, `EXEC sp_executesql N'…'`, `EXEC sp_rename 'a', 'b'`; Oracle's `EXECUTE IMMEDIATE '…'`. */
  private exec(c: Cursor): Recognized {
    c.pos++;
    if (c.isWord('IMMEDIATE')) {
      this.sink.execute(c.pos + 1, c.end, c.span(), 'SQL built at run time (EXECUTE IMMEDIATE)');
      return { status: 'known' };
    }
    if (c.isPunct('(')) {
      const close = c.closingParen(c.pos);
      this.sink.execute(c.pos + 1, close, c.span(), 'SQL built at run time (EXEC)');
      return { status: 'known' };
    }
    const proc = c.readName();
    if (proc === null) return { status: 'unknown' };
    const procName = proc.ref.name.toLowerCase();
    if (procName === 'sp_executesql') {
      const [first] = c.splitCommas(c.pos, c.end);
      if (first) this.sink.execute(first[0], first[1], c.span(), 'SQL built at run time (sp_executesql)');
    } else if (procName === 'sp_rename') {
      this.spRename(c);
    }
    return { status: 'known' };
  }

  private spRename(c: Cursor): void {
    const args = c.splitCommas(c.pos, c.end).map(([a, b]) => (b - a === 1 && c.tokens[a]!.type === 'string' ? c.tokens[a]!.value : null));
    const [from, to, kind] = args;
    const span = c.span();
    if (from == null || to == null) return;
    const parts = from.split('.');
    if ((kind ?? '').toUpperCase() === 'COLUMN' && parts.length >= 2) {
      const column = parts[parts.length - 1]!;
      const table = parts[parts.length - 2]!;
      const schema = parts.length >= 3 ? parts[parts.length - 3]! : null;
      this.sink.op({ kind: 'rename-column', span, table: { schema, name: table }, column, newName: to });
    } else if (kind == null) {
      const name = parts[parts.length - 1]!;
      const schema = parts.length >= 2 ? parts[parts.length - 2]! : null;
      this.sink.op({ kind: 'rename-table', span, table: { schema, name }, newName: to });
    }
  }

  /** MySQL `PREPARE s FROM '…'` and PostgreSQL `PREPARE p AS <statement>`. */
  private prepare(c: Cursor): Recognized {
    c.pos++;
    if (c.identifierAt(c.pos) === null) return { status: 'unknown' };
    c.pos++;
    if (c.isPunct('(')) c.skipGroup();
    if (c.accept('FROM')) {
      this.sink.execute(c.pos, c.end, c.span(), 'SQL built at run time (PREPARE)');
      return { status: 'known' };
    }
    if (c.accept('AS')) return this.recognize(c.tokens, c.pos, c.end);
    return { status: 'unknown' };
  }

  /** MySQL `RENAME TABLE a TO b, c TO d`. */
  private renameTables(c: Cursor): Recognized {
    c.pos++;
    if (!c.accept('TABLE')) return { status: 'known' };
    for (const [a, b] of c.splitCommas(c.pos, c.end)) {
      const pair = new Cursor(this.text, c.tokens, a, b);
      const from = pair.readName();
      if (from === null || !pair.accept('TO')) return { status: 'unknown' };
      const to = pair.readName();
      if (to === null) return { status: 'unknown' };
      this.sink.op({
        kind: 'rename-table',
        span: { start: from.start, end: to.end },
        table: from.ref,
        newName: to.ref.name,
        ...moved(from.ref, to.ref.schema),
      });
    }
    return { status: 'known' };
  }

  /**
   * ClickHouse `EXCHANGE TABLES a AND b`: each takes the other's name at once,
   * as three renames through a name no table has (`a` to it, `b` to `a`, it to
   * `b`): what is dropped under either name afterwards is the other's rows.
   */
  private exchangeTables(c: Cursor): Recognized {
    c.pos++;
    if (!c.accept('TABLES')) return { status: 'unknown' };
    const a = c.readName();
    if (a === null || !c.accept('AND')) return { status: 'unknown' };
    const b = c.readName();
    if (b === null) return { status: 'unknown' };
    c.skipOnCluster();
    if (!c.done) return { status: 'unknown' };
    const span = { start: a.start, end: b.end };
    const swap = `${a.ref.name} exchanged with ${b.ref.name}`;
    this.sink.op({ kind: 'rename-table', span, table: a.ref, newName: swap });
    this.sink.op({ kind: 'rename-table', span, table: b.ref, newName: a.ref.name, ...moved(b.ref, a.ref.schema) });
    this.sink.op({ kind: 'rename-table', span, table: { schema: a.ref.schema, name: swap }, newName: b.ref.name, ...moved(a.ref, b.ref.schema) });
    return { status: 'known' };
  }
}

type NameRead = { readonly ref: TableRef; readonly start: number; readonly end: number };

/** The names of a DROP or TRUNCATE list: `a, s.b, c`; `star`: PostgreSQL's `TRUNCATE t *` (descendants too). */
function readNameList(c: Cursor, star: boolean): NameRead[] {
  const names: NameRead[] = [];
  for (;;) {
    const name = c.readName();
    if (name === null) break;
    names.push(name);
    if (star && c.peek()?.value === '*') c.pos++;
    if (!c.acceptPunct(',')) break;
  }
  return names;
}

/**
 * Each listed name with the span to report: the whole statement up to what
 * was read when it names one object (in T-SQL another statement may follow
 * without a `;`), else the name itself.
 */
function listSpans(c: Cursor, names: readonly NameRead[], start: number): Array<{ ref: TableRef; span: Span }> {
  const end = c.tokens[c.pos - 1]!.end;
  return names.map((name) => ({ ref: name.ref, span: names.length === 1 ? { start, end } : { start: name.start, end: name.end } }));
}

/** Objects whose `DROP … CASCADE` drops the columns that use them (a column of the type, a generated column calling the function). */
const CASCADE_KINDS: Readonly<Record<string, CascadeObjectKind>> = {
  TYPE: 'type',
  DOMAIN: 'domain',
  EXTENSION: 'extension',
  FUNCTION: 'function',
  COLLATION: 'collation',
};

/** Whether the clauses after a ClickHouse table's columns say `ENGINE = Null`. */
function nullEngine(c: Cursor): boolean {
  for (let i = c.pos; i < c.end - 2; i++) {
    if (c.isWordAt(i, 'ENGINE')) {
      const at = c.tokens[i + 1]!.value === '=' ? i + 2 : i + 1;
      return c.isWordAt(at, 'NULL');
    }
  }
  return false;
}

/**
 * Inside a harmless statement, an embedded statement ends at the `)` that
 * closes its group or at a `;` of an inline body (an `op` under a MySQL DELIMITER).
 */
function statementEndWithin(c: Cursor, from: number): number {
  let depth = 0;
  for (let i = from; i < c.end; i++) {
    const t = c.tokens[i]!;
    if (t.type !== 'punct' && t.type !== 'op') continue;
    if (t.value === '(') depth++;
    else if (t.value === ')' && --depth < 0) return i;
    else if (t.value === ';' && depth === 0) return i;
  }
  return c.end;
}

/** Whether a routine's LANGUAGE (SQL or PL/pgSQL when none is given) is one droplint reads. */
function analysedLanguage(c: Cursor, from: number): boolean {
  for (let i = from; i < c.end - 1; i++) {
    const t = c.tokens[i]!;
    if (t.type === 'word' && t.value === 'LANGUAGE') {
      const lang = c.tokens[i + 1]!.value.toLowerCase();
      return lang === 'plpgsql' || lang === 'sql';
    }
  }
  return true;
}

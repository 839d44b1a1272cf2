import type { ColumnDef, Operation, Span, TableRef } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { Cursor } from './cursor.js';
import type { Token } from './lexer.js';

/**
 * Statement recognizers: from one statement's tokens to the operations it
 * performs. They read only the clauses that decide what a statement does to
 * data, so the hot path never builds a full syntax tree.
 */

type WithoutPhase<T> = T extends Operation ? Omit<T, 'phase'> : never;
export type PendingOp = WithoutPhase<Operation>;

/** `INSERT INTO target (cols) SELECT cols FROM source`: the copy step of a table rebuild. */
export interface RowCopy {
  readonly target: TableRef;
  readonly source: TableRef;
  /** Columns of `source` that are read, or null when not listed (`SELECT *`). */
  readonly sourceColumns: readonly string[] | null;
}

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
  copy(copy: RowCopy): void;
  /** A routine body in a string literal, to be read as PL/pgSQL or SQL. */
  body(token: Token): void;
  /** Tokens `[from, to)` are an expression whose value is run as SQL by the statement at `span`. */
  execute(from: number, to: number, span: Span, what: string): void;
}

const DESTRUCTIVE_WORDS = new Set(['DROP', 'TRUNCATE', 'DELETE']);
/** Statements `embedded` looks for inside others (and ALTER TABLE). */
const EMBEDDED_VERBS = new Set([...DESTRUCTIVE_WORDS, 'EXEC', 'EXECUTE', 'PREPARE']);

/** Statement heads that are valid and cannot destroy table data by themselves. */
const HARMLESS_HEADS = new Set([
  'SELECT', 'INSERT', 'UPDATE', 'VALUES', 'TABLE', 'SET', 'RESET', 'SHOW', 'BEGIN', 'START', 'COMMIT',
  'END', 'ROLLBACK', 'ABORT', 'SAVEPOINT', 'RELEASE', 'GRANT', 'REVOKE', 'COMMENT', 'ANALYZE', 'ANALYSE',
  'VACUUM', 'CLUSTER', 'REINDEX', 'REFRESH', 'LOCK', 'NOTIFY', 'LISTEN', 'UNLISTEN', 'DISCARD', 'EXPLAIN',
  'DEALLOCATE', 'DECLARE', 'FETCH', 'CLOSE', 'MOVE', 'CALL', 'COPY', 'SECURITY', 'IMPORT', 'LOAD',
  'CHECKPOINT', 'PRAGMA', 'USE', 'REASSIGN', 'MERGE', 'REPLACE', 'UPSERT', 'OPTIMIZE', 'FLUSH', 'PRINT',
  'DBCC', 'BACKUP', 'RESTORE', 'DESCRIBE', 'DESC', 'ATTACH', 'DETACH', 'UNLOCK', 'HANDLER', 'CHECKSUM',
  'REPAIR', 'RAISERROR', 'THROW', 'WAITFOR', 'IF', 'WHILE', 'RETURN', 'BREAK', 'CONTINUE', 'TRY', 'CATCH',
  'KILL', 'INSTALL', 'UNINSTALL', 'GET', 'SIGNAL', 'RESIGNAL', 'RENAME', 'DENY', 'BULK', 'ENABLE',
  'DISABLE', 'SAVE', 'OPEN', 'CHECK', 'REVERT', 'GOTO',
]);

/** Object kinds whose DROP or CREATE loses no table rows. */
const SCHEMA_OBJECTS = new Set([
  'INDEX', 'VIEW', 'TYPE', 'FUNCTION', 'PROCEDURE', 'ROUTINE', 'TRIGGER', 'SEQUENCE', 'EXTENSION', 'DOMAIN',
  'POLICY', 'RULE', 'ROLE', 'USER', 'GROUP', 'AGGREGATE', 'OPERATOR', 'COLLATION', 'CONVERSION', 'CAST',
  'PUBLICATION', 'SUBSCRIPTION', 'STATISTICS', 'SERVER', 'TABLESPACE', 'EVENT', 'LANGUAGE', 'TRANSFORM',
  'ACCESS', 'TEXT', 'MATERIALIZED', 'FOREIGN', 'CONSTRAINT', 'SYNONYM', 'LOGIN', 'ASSEMBLY', 'PARTITION',
  'FULLTEXT', 'SPATIAL', 'UNIQUE', 'CLUSTERED', 'NONCLUSTERED', 'DEFAULT', 'XML', 'CERTIFICATE', 'KEY',
  'MASTER', 'CREDENTIAL', 'MASK', 'OWNED', 'SCHEMA', 'DATABASE', 'TABLE', 'TEMPORARY', 'TEMP', 'UNLOGGED',
  'GLOBAL', 'LOCAL', 'OR', 'RECURSIVE', 'VIRTUAL', 'DEFINER', 'ALGORITHM', 'SQL', 'AUTHORIZATION', 'ROW',
  'TRUSTED', 'PROCEDURAL',
]);

const COLUMN_CONSTRAINT_WORDS = new Set([
  'NOT', 'NULL', 'DEFAULT', 'CONSTRAINT', 'PRIMARY', 'REFERENCES', 'UNIQUE', 'CHECK', 'COLLATE',
  'GENERATED', 'AUTO_INCREMENT', 'AUTOINCREMENT', 'IDENTITY', 'ON', 'COMMENT', 'CHARACTER', 'CHARSET',
  'AS', 'STORED', 'VIRTUAL', 'INVISIBLE', 'VISIBLE', 'KEY', 'FOREIGN', 'ROWGUIDCOL', 'SPARSE', 'MASKED',
  'COMPRESSION', 'STORAGE',
]);

const TABLE_CONSTRAINT_HEADS = new Set([
  'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'EXCLUDE', 'KEY', 'INDEX', 'FULLTEXT', 'SPATIAL',
  'LIKE', 'PERIOD',
]);

export class StatementRecognizer {
  constructor(
    private readonly text: string,
    private readonly dialect: Dialect,
    private readonly sink: StatementSink,
  ) {}

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
        return this.alter(c);
      case 'DROP':
        return this.drop(c);
      case 'TRUNCATE':
        return this.truncate(c);
      case 'DELETE':
        return this.delete(c);
      case 'WITH':
        return this.withQuery(c);
      case 'INSERT':
        this.insert(c);
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
    if (c.isWord('FUNCTION') || c.isWord('PROCEDURE')) return this.routine(c);
    const kind = c.peek();
    if (kind?.type === 'word' && (SCHEMA_OBJECTS.has(kind.value) || kind.value === 'SCHEMA')) return this.embedded(c, c.pos);
    return { status: 'unknown' };
  }

  private createTable(c: Cursor): Recognized {
    c.accept('IF', 'NOT', 'EXISTS');
    const name = c.readName();
    if (name === null) return { status: 'unknown' };
    const columns: ColumnDef[] = [];
    if (c.isPunct('(')) {
      const close = c.closingParen(c.pos);
      for (const [a, b] of c.splitCommas(c.pos + 1, close)) {
        const col = this.columnDef(c, a, b);
        if (col !== null) columns.push(col);
      }
      c.pos = close + 1;
    }
    this.sink.op({ kind: 'create-table', span: c.span(), table: name.ref, columns });
    return { status: 'known' };
  }

  /**
   * Whether a CREATE TABLE element starts with a constraint or index rather
   * than a column. KEY and INDEX are such only where the dialect says so:
   * `key text` is a common PostgreSQL column, as is `period`.
   */
  private isTableConstraint(c: Cursor, i: number): boolean {
    const head = c.tokens[i];
    if (head?.type !== 'word' || !TABLE_CONSTRAINT_HEADS.has(head.value)) return false;
    switch (head.value) {
      case 'KEY':
      case 'FULLTEXT':
      case 'SPATIAL':
        return this.dialect === 'mysql';
      case 'INDEX':
        return this.dialect === 'mysql' || this.dialect === 'sqlserver';
      case 'PERIOD':
        return c.isWordAt(i + 1, 'FOR');
      default:
        return true;
    }
  }

  /** A column definition inside CREATE TABLE / ADD COLUMN, or null for a table constraint. */
  private columnDef(c: Cursor, from: number, to: number): ColumnDef | null {
    const head = c.tokens[from];
    if (head === undefined || from >= to) return null;
    if (this.isTableConstraint(c, from)) return null;
    const name = c.identifierAt(from);
    if (name === null) return null;
    const type = c.textOf(from + 1, typeEnd(c, from + 1, to));
    return { name, type: type.length > 0 ? type : null };
  }

  /**
   * The body of a function or procedure is analysed like top-level code: a
   * DROP inside it runs whenever it does. PostgreSQL writes the body as a
   * string after AS; other dialects (and BEGIN ATOMIC) inline it, where
   * `embedded` finds its statements.
   */
  private routine(c: Cursor): Recognized {
    const from = c.pos;
    if (analysedLanguage(c, from)) {
      for (let i = from + 1; i < c.end; i++) {
        const t = c.tokens[i]!;
        if (t.type === 'string' && c.tokens[i - 1]!.value === 'AS' && c.tokens[i - 1]!.type === 'word') this.sink.body(t);
      }
    }
    return this.embedded(c, from);
  }

  // ALTER -----------------------------------------------------------------

  private alter(c: Cursor): Recognized {
    c.pos++;
    c.accept('ONLINE');
    c.accept('IGNORE');
    if (!c.accept('TABLE')) {
      const kind = c.peek();
      if (kind?.type === 'word' && SCHEMA_OBJECTS.has(kind.value)) return { status: 'known' };
      return { status: 'unknown' };
    }
    c.accept('IF', 'EXISTS');
    c.accept('ONLY');
    const name = c.readName();
    if (name === null) return { status: 'unknown' };
    if (c.peek()?.value === '*') c.pos++;
    if (c.done) return { status: 'unknown' };
    let status: Recognized['status'] = 'known';
    let previous: AlterVerb = 'other';
    for (const [a, b] of c.splitCommas(c.pos, c.end)) {
      const result = this.alterAction(new Cursor(this.text, c.tokens, a, b), name.ref, previous);
      if (result === 'unknown') status = 'unknown';
      previous = result === 'unknown' ? 'other' : result;
    }
    return { status };
  }

  /**
   * One action of ALTER TABLE. `previous` is the verb of the action before it:
   * SQL Server lists more items after one verb (`ADD a INT, b INT`,
   * `DROP COLUMN a, b`, `DROP CONSTRAINT x, COLUMN y`).
   */
  private alterAction(c: Cursor, table: TableRef, previous: AlterVerb): AlterVerb | 'unknown' {
    const start = c.pos;
    if (c.accept('ADD')) return this.addAction(c, table, start);
    if (c.accept('DROP')) return this.dropAction(c, table, start, 'other');
    if (this.dialect === 'sqlserver' && previous === 'add') return this.addAction(c, table, start);
    if (this.dialect === 'sqlserver' && previous !== 'other') return this.dropAction(c, table, start, previous);
    const span = (): Span => c.spanFrom(start);
    if (c.accept('RENAME')) {
      if (c.accept('TO') || c.accept('AS')) {
        const to = c.readName();
        if (to === null) return 'unknown';
        this.sink.op({ kind: 'rename-table', span: span(), table, newName: to.ref.name });
        return 'other';
      }
      if (c.isWord('INDEX') || c.isWord('KEY') || c.isWord('CONSTRAINT')) return 'other';
      c.accept('COLUMN');
      const column = c.identifierAt(c.pos);
      if (column === null || !c.isWord('TO', 1)) return 'unknown';
      const newName = c.identifierAt(c.pos + 2);
      if (newName === null) return 'unknown';
      this.sink.op({ kind: 'rename-column', span: span(), table, column, newName });
      return 'other';
    }
    if (c.accept('ALTER') || c.isWord('MODIFY') || c.isWord('CHANGE')) {
      const verb = c.isWord('MODIFY') ? 'MODIFY' : c.isWord('CHANGE') ? 'CHANGE' : 'ALTER';
      if (verb !== 'ALTER') c.pos++;
      const explicitColumn = c.accept('COLUMN');
      if (!explicitColumn && verb === 'ALTER' && (c.isWord('CONSTRAINT') || c.isWord('INDEX'))) return 'other';
      const column = c.identifierAt(c.pos);
      if (column === null) return 'unknown';
      c.pos++;
      if (verb === 'CHANGE') {
        const newName = c.identifierAt(c.pos);
        if (newName === null) return 'unknown';
        c.pos++;
        if (newName !== column) this.sink.op({ kind: 'rename-column', span: span(), table, column, newName });
        const type = this.typeText(c);
        if (type !== null) this.sink.op({ kind: 'alter-column-type', span: span(), table, column: newName, newType: type });
        return 'other';
      }
      // PostgreSQL and MySQL: `ALTER COLUMN c TYPE t`, or SET/DROP of a default, NOT NULL, …
      if (verb === 'ALTER' && this.dialect !== 'sqlserver') {
        if (c.accept('SET', 'DATA', 'TYPE') || c.accept('TYPE')) {
          const type = this.typeText(c);
          if (type === null) return 'unknown';
          this.sink.op({ kind: 'alter-column-type', span: span(), table, column, newType: type });
        }
        return 'other';
      }
      const type = this.typeText(c);
      if (type !== null) this.sink.op({ kind: 'alter-column-type', span: span(), table, column, newType: type });
      return 'other';
    }
    const head = c.peek();
    if (head?.type === 'word' && ALTER_TABLE_HARMLESS.has(head.value)) return 'other';
    if ((head?.type === 'word' || head?.type === 'ident') && (this.dialect === 'mysql' || this.dialect === 'sqlserver')) return 'other';
    return 'unknown';
  }

  /** After ADD [COLUMN]: one column, a parenthesized list (MySQL), or a table constraint. */
  private addAction(c: Cursor, table: TableRef, start: number): AlterVerb | 'unknown' {
    const explicitColumn = c.accept('COLUMN');
    c.accept('IF', 'NOT', 'EXISTS');
    const head = c.peek();
    if (head === undefined) return 'unknown';
    if (!explicitColumn && this.isTableConstraint(c, c.pos)) return 'add';
    const span = c.spanFrom(start);
    if (head.type === 'punct' && head.value === '(') {
      const close = c.closingParen(c.pos);
      for (const [a, b] of c.splitCommas(c.pos + 1, close)) {
        const column = this.columnDef(c, a, b);
        if (column) this.sink.op({ kind: 'add-column', span, table, column });
      }
      return 'add';
    }
    const column = this.columnDef(c, c.pos, c.end);
    if (column === null) return 'unknown';
    this.sink.op({ kind: 'add-column', span, table, column });
    return 'add';
  }

  /** After DROP: a column, or a constraint, index, key, … (`continuing`: the verb this item continues). */
  private dropAction(c: Cursor, table: TableRef, start: number, continuing: AlterVerb): AlterVerb | 'unknown' {
    const explicitColumn = c.accept('COLUMN');
    c.accept('IF', 'EXISTS');
    const head = c.peek();
    if (head === undefined) return 'unknown';
    if (!explicitColumn) {
      if (head.type === 'word' && DROP_SUBJECTS.has(head.value)) return 'drop-constraint';
      // In T-SQL, `DROP x` drops constraint x; only `DROP COLUMN a, b` lists columns.
      if (this.dialect === 'sqlserver' && continuing !== 'drop-column') return 'drop-constraint';
    }
    const column = c.identifierAt(c.pos);
    c.pos++;
    c.acceptOneOf(DROP_BEHAVIOUR);
    if (column === null || !c.done) return 'unknown';
    this.sink.op({ kind: 'drop-column', span: c.spanFrom(start), table, column });
    return 'drop-column';
  }

  /** The type after a column name, up to USING / a constraint / the end. */
  private typeText(c: Cursor): string | null {
    const type = c.textOf(c.pos, typeEnd(c, c.pos, c.end));
    return type.length > 0 ? type : null;
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
      c.accept('IF', 'EXISTS');
      const names: Array<{ ref: TableRef; start: number; end: number }> = [];
      for (;;) {
        const name = c.readName();
        if (name === null) break;
        names.push(name);
        if (!c.acceptPunct(',')) break;
      }
      if (names.length === 0) return { status: 'unknown' };
      const cascade = c.accept('CASCADE');
      if (!cascade) c.accept('RESTRICT');
      // PostgreSQL's `DROP DATABASE d WITH (FORCE)`.
      if (kind.value === 'DATABASE' && (c.accept('WITH') || c.isPunct('('))) c.skipGroup();
      // Up to what was read: in T-SQL another statement may follow without a `;`.
      const end = c.tokens[c.pos - 1]!.end;
      for (const name of names) {
        const span = names.length === 1 ? { start, end } : { start: name.start, end: name.end };
        if (kind.value === 'TABLE') this.sink.op({ kind: 'drop-table', span, table: name.ref });
        else if (kind.value === 'SCHEMA' && this.dialect !== 'mysql') {
          this.sink.op({ kind: 'drop-schema', span, schema: name.ref.name, cascade });
        } else this.sink.op({ kind: 'drop-database', span, database: name.ref.name });
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
    return { status: SCHEMA_OBJECTS.has(kind.value) ? 'known' : 'unknown' };
  }

  private truncate(c: Cursor): Recognized {
    const start = c.current.start;
    c.pos++;
    c.accept('TABLE');
    c.accept('ONLY');
    const names: Array<{ ref: TableRef; start: number; end: number }> = [];
    for (;;) {
      const name = c.readName();
      if (name === null) break;
      names.push(name);
      if (c.peek()?.value === '*') c.pos++;
      if (!c.acceptPunct(',')) break;
    }
    if (names.length === 0) return { status: 'unknown' };
    if (!c.accept('RESTART', 'IDENTITY')) c.accept('CONTINUE', 'IDENTITY');
    c.acceptOneOf(DROP_BEHAVIOUR);
    const end = c.tokens[c.pos - 1]!.end;
    for (const name of names) {
      const span = names.length === 1 ? { start, end } : { start: name.start, end: name.end };
      this.sink.op({ kind: 'truncate', span, table: name.ref });
    }
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
    let hasWhere = false;
    let depth = 0;
    let i = c.pos;
    for (; i < c.end; i++) {
      const t = c.tokens[i]!;
      if (t.type === 'punct') {
        if (t.value === '(') depth++;
        else if (t.value === ')') depth--;
      } else if (depth === 0 && t.type === 'word') {
        if (t.value === 'WHERE') hasWhere = true;
        // Without `;` (T-SQL), the next statement's head ends this one.
        else if (NEXT_STATEMENT_HEADS.has(t.value)) break;
      }
    }
    this.sink.op({ kind: 'delete', span: { start, end: c.tokens[i - 1]!.end }, table: target.ref, hasWhere });
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

  private insert(c: Cursor): void {
    c.pos++;
    c.acceptOneOf(INSERT_MODIFIERS);
    if (c.accept('OR')) c.acceptOneOf(INSERT_CONFLICT);
    if (!c.accept('INTO')) return;
    const target = c.readName();
    if (target === null) return;
    if (c.isPunct('(')) c.skipGroup();
    if (!c.accept('SELECT')) return;
    c.accept('DISTINCT');
    const fromAt = findWordAtDepth0(c, c.pos, 'FROM');
    if (fromAt === -1) return;
    const sourceColumns = copiedColumns(c, c.pos, fromAt);
    c.pos = fromAt + 1;
    const source = c.readName();
    if (source === null) return;
    this.sink.copy({ target: target.ref, source: source.ref, sourceColumns });
  }

  private doBlock(c: Cursor): Recognized {
    if (!analysedLanguage(c, c.pos)) return { status: 'known' };
    for (let i = c.pos + 1; i < c.end; i++) {
      const t = c.tokens[i]!;
      if (t.type === 'string') this.sink.body(t);
    }
    return { status: 'known' };
  }

  /** T-SQL `EXEC('…')`, `EXEC sp_executesql N'…'`, `EXEC sp_rename 'a', 'b'`. */
  private exec(c: Cursor): Recognized {
    c.pos++;
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
      this.sink.op({ kind: 'rename-table', span: { start: from.start, end: to.end }, table: from.ref, newName: to.ref.name });
    }
    return { status: 'known' };
  }
}

/** An ALTER TABLE verb whose list a later SQL Server item may continue. */
type AlterVerb = 'add' | 'drop-column' | 'drop-constraint' | 'other';

const TABLE_MODIFIERS = new Set(['GLOBAL', 'LOCAL', 'TEMPORARY', 'TEMP', 'UNLOGGED', 'VIRTUAL', 'CONSTRAINT']);
/** Words that can only start a statement, so they end one that has no `;` (T-SQL). */
const NEXT_STATEMENT_HEADS = new Set(['DELETE', 'DROP', 'TRUNCATE', 'ALTER', 'CREATE', 'INSERT', 'UPDATE', 'EXEC', 'EXECUTE', 'MERGE', 'DECLARE', 'PRINT', 'GO']);

const DROP_BEHAVIOUR = new Set(['CASCADE', 'RESTRICT']);
const DELETE_MODIFIERS = new Set(['LOW_PRIORITY', 'QUICK', 'IGNORE']);
const INSERT_MODIFIERS = new Set(['LOW_PRIORITY', 'DELAYED', 'HIGH_PRIORITY', 'IGNORE']);
/** SQLite's `INSERT OR REPLACE INTO …`. */
const INSERT_CONFLICT = new Set(['REPLACE', 'IGNORE', 'ABORT', 'FAIL', 'ROLLBACK']);

/** Words after which DROP, TRUNCATE or DELETE name an event or privilege, not a statement. */
const CLAUSE_BEFORE_VERB = new Set(['ON', 'FOR', 'OR', 'OF', 'AFTER', 'BEFORE', 'GRANT', 'REVOKE', 'DENY']);

/** What `ALTER TABLE … DROP <word>` drops when the word is not a column name. */
const DROP_SUBJECTS = new Set([
  'CONSTRAINT', 'INDEX', 'KEY', 'PRIMARY', 'FOREIGN', 'CHECK', 'DEFAULT', 'PARTITION', 'PERIOD', 'SYSTEM',
]);

/** ALTER TABLE actions (PostgreSQL, SQLite) that change no rows. */
const ALTER_TABLE_HARMLESS = new Set([
  'OWNER', 'SET', 'RESET', 'ENABLE', 'DISABLE', 'FORCE', 'NO', 'CLUSTER', 'INHERIT', 'NOT', 'OF', 'REPLICA',
  'ATTACH', 'DETACH', 'VALIDATE', 'REFRESH', 'SPLIT', 'MERGE',
]);

/** Words that end a column's type: its constraints, USING, MySQL's FIRST / AFTER. */
const TYPE_END_WORDS = new Set([...COLUMN_CONSTRAINT_WORDS, 'USING', 'FIRST', 'AFTER']);

/** Index where a column type starting at `from` ends. */
function typeEnd(c: Cursor, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const t = c.tokens[i]!;
    // `CHARACTER VARYING(20)` is a type; only `CHARACTER SET x` is a clause.
    if (t.type === 'word' && TYPE_END_WORDS.has(t.value) && (t.value !== 'CHARACTER' || c.isWordAt(i + 1, 'SET'))) break;
    if (t.type === 'punct' && t.value === '(') {
      i = c.closingParen(i) + 1;
      continue;
    }
    i++;
  }
  return Math.min(i, to);
}

/**
 * The source columns a copy's select list reads, or null for `*`. An
 * expression keeps every column it names: Prisma copies a column made required
 * as `coalesce("age", 0) AS "age"`. Bare words inside an expression may be
 * keywords, so there only quoted and qualified names count; names after AS
 * (aliases, CAST types) never do.
 */
function copiedColumns(c: Cursor, from: number, to: number): string[] | null {
  const columns: string[] = [];
  for (const [a, b] of c.splitCommas(from, to)) {
    if (c.tokens[b - 1]!.value === '*' && (b - a === 1 || c.punctAt(b - 2, '.'))) return null;
    for (let i = a; i < b; i++) {
      const t = c.tokens[i]!;
      if (i > a && c.isWordAt(i - 1, 'AS')) continue;
      const column =
        t.type === 'ident'
          ? !c.punctAt(i + 1, '.')
          : t.type === 'word' && !c.punctAt(i + 1, '.') && !c.punctAt(i + 1, '(') && (c.punctAt(i - 1, '.') || (i === a && (i + 1 === b || c.isWordAt(i + 1, 'AS'))));
      if (column) columns.push(c.identifierAt(i)!);
    }
  }
  return columns;
}

function findWordAtDepth0(c: Cursor, from: number, word: string): number {
  let depth = 0;
  for (let i = from; i < c.end; i++) {
    const t = c.tokens[i]!;
    if (t.type === 'punct') {
      if (t.value === '(') depth++;
      else if (t.value === ')') depth--;
    } else if (depth === 0 && t.type === 'word' && t.value === word) return i;
  }
  return -1;
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

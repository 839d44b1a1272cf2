import type { Span, TableRef } from '../../ir/operations.js';
import { tableKey } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { addedColumnDef, isTableConstraint, typeText } from './column-def.js';
import { Cursor } from './cursor.js';
import { ALTER_TABLE_HARMLESS, DROP_BEHAVIOUR, DROP_SUBJECTS, SCHEMA_OBJECTS } from './keywords.js';
import { alwaysTrue } from './conditions.js';
import { ttlAt } from './ttl.js';
import { foreignKeyTargets } from './foreign-keys.js';
import type { Recognized, StatementSink } from './recognize.js';

/** An ALTER TABLE verb whose list a later item may continue (SQL Server; MySQL's `DROP PARTITION p0, p1`). */
type AlterVerb = 'add' | 'drop-column' | 'drop-constraint' | 'drop-partition' | 'other';

/** `ALTER TABLE`: its actions, one by one, into operations. */
export class AlterTableRecognizer {
  constructor(
    private readonly text: string,
    private readonly dialect: Dialect,
    private readonly sink: StatementSink,
  ) {}

  /** The columns of the primary key the statement being read adds (`ADD PRIMARY KEY (a, b)`), if it adds one. */
  private newKey: readonly string[] | null = null;

  /**
   * Tables an earlier statement dropped a foreign key of (or a constraint whose
   * name does not say it is none), whose rows still hold the values it
   * referred to: Prisma drops them first.
   */
  private readonly foreignKeysDropped = new Set<string>();

  recognize(c: Cursor): Recognized {
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
    c.skipOnCluster();
    if (c.done) return { status: 'unknown' };
    let status: Recognized['status'] = 'known';
    let previous: AlterVerb = 'other';
    // ClickHouse: `SETTINGS alter_sync = 2, …` after the last action applies to them all.
    const end = this.dialect === 'clickhouse' ? settingsClause(c) : c.end;
    const actions = c.splitCommas(c.pos, end);
    this.newKey = null;
    for (const [a, b] of actions) this.newKey ??= addedPrimaryKey(new Cursor(this.text, c.tokens, a, b));
    for (const [a, b] of actions) {
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
    if (previous === 'drop-partition' && this.dialect === 'mysql') return this.partitions(c, table, start);
    if (this.dialect === 'mysql' && c.accept('TRUNCATE', 'PARTITION')) return this.partitions(c, table, start);
    if (this.dialect === 'clickhouse') {
      const verb = this.clickhouseAction(c, table, start);
      if (verb !== null) return verb;
    }
    if (c.accept('ADD')) return this.addAction(c, table, start);
    if (c.accept('DROP')) return this.dropAction(c, table, start, 'other');
    if (this.dialect === 'sqlserver' && previous === 'add') return this.addAction(c, table, start);
    if (this.dialect === 'sqlserver' && previous !== 'other') return this.dropAction(c, table, start, previous);
    const span = (): Span => c.spanFrom(start);
    if (c.accept('RENAME')) {
      if (c.accept('TO') || c.accept('AS')) {
        const to = c.readName();
        if (to === null) return 'unknown';
        this.sink.op({ kind: 'rename-table', span: span(), table, newName: to.ref.name, ...moved(table, to.ref.schema) });
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
        const type = typeText(c);
        if (type !== null) this.sink.op({ kind: 'alter-column-type', span: span(), table, column: newName, newType: type });
        return 'other';
      }
      // PostgreSQL and MySQL: `ALTER COLUMN c TYPE t`, or SET/DROP of a default, NOT NULL, …
      if (verb === 'ALTER' && this.dialect !== 'sqlserver') {
        if (c.accept('SET', 'DATA', 'TYPE') || c.accept('TYPE')) {
          const type = typeText(c);
          if (type === null) return 'unknown';
          this.sink.op({ kind: 'alter-column-type', span: span(), table, column, newType: type });
        }
        return 'other';
      }
      const type = typeText(c);
      if (type !== null) this.sink.op({ kind: 'alter-column-type', span: span(), table, column, newType: type });
      return 'other';
    }
    // PostgreSQL: the table, rows and all, moves to another schema.
    if (c.isWord('SET') && c.isWord('SCHEMA', 1)) {
      const schema = c.identifierAt(c.pos + 2);
      if (schema === null) return 'unknown';
      this.sink.op({ kind: 'rename-table', span: span(), table, newName: table.name, ...moved(table, schema) });
      return 'other';
    }
    const head = c.peek();
    if (head?.type === 'word' && ALTER_TABLE_HARMLESS.has(head.value)) return 'other';
    if ((head?.type === 'word' || head?.type === 'ident') && LENIENT_DIALECTS.has(this.dialect)) return 'other';
    return 'unknown';
  }

  /** After ADD [COLUMN]: one column, a parenthesized list (MySQL), or a table constraint. */
  private addAction(c: Cursor, table: TableRef, start: number): AlterVerb | 'unknown' {
    const explicitColumn = c.accept('COLUMN');
    const mayExist = c.accept('IF', 'NOT', 'EXISTS');
    const head = c.peek();
    if (head === undefined) return 'unknown';
    const span = c.spanFrom(start);
    // `ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES t (id)`, or a column added with `REFERENCES t`.
    for (const references of foreignKeyTargets(c, c.pos, c.end)) this.sink.op({ kind: 'add-foreign-key', span, table, references });
    if (!explicitColumn && isTableConstraint(c, c.pos, this.dialect)) return 'add';
    if (head.type === 'punct' && head.value === '(') {
      const close = c.closingParen(c.pos);
      for (const [a, b] of c.splitCommas(c.pos + 1, close)) {
        const column = addedColumnDef(c, a, b, this.dialect, mayExist);
        if (column) this.sink.op({ kind: 'add-column', span, table, column });
      }
      return 'add';
    }
    const column = addedColumnDef(c, c.pos, c.end, this.dialect, mayExist);
    if (column === null) return 'unknown';
    this.sink.op({ kind: 'add-column', span, table, column });
    return 'add';
  }

  /** After DROP: a column, or a constraint, index, key, … (`continuing`: the verb this item continues). */
  private dropAction(c: Cursor, table: TableRef, start: number, continuing: AlterVerb): AlterVerb | 'unknown' {
    const explicitColumn = c.accept('COLUMN');
    const ifExists = c.accept('IF', 'EXISTS');
    const head = c.peek();
    if (head === undefined) return 'unknown';
    if (!explicitColumn) {
      if (this.dialect === 'mysql' && c.accept('PARTITION')) return this.partitions(c, table, start);
      // PostgreSQL has no DROP PARTITION (it detaches and drops the partition's table): its grammar judges.
      if ((this.dialect === 'postgresql' || this.dialect === 'cockroachdb') && c.isWord('PARTITION')) return 'unknown';
      if (this.dialect === 'clickhouse' && (c.accept('PARTITION') || c.accept('PART') || c.accept('DETACHED', 'PARTITION') || c.accept('DETACHED', 'PART'))) {
        return this.partitions(c, table, start);
      }
      if (head.type === 'word' && (DROP_SUBJECTS.has(head.value) || (this.dialect === 'clickhouse' && CLICKHOUSE_DROP_SUBJECTS.has(head.value)))) {
        const named = c.pos + (c.isWordAt(c.pos + 1, 'IF') ? 3 : 1);
        if (head.value === 'FOREIGN' || (head.value === 'CONSTRAINT' && !NOT_FOREIGN_KEY.test(c.identifierAt(named) ?? '')))
          this.foreignKeysDropped.add(tableKey(table));
        return 'drop-constraint';
      }
      // In T-SQL, `DROP x` drops constraint x; only `DROP COLUMN a, b` lists columns.
      if (this.dialect === 'sqlserver' && continuing !== 'drop-column') return 'drop-constraint';
    }
    const column = c.identifierAt(c.pos);
    c.pos++;
    const cascade = c.isWord('CASCADE');
    c.acceptOneOf(DROP_BEHAVIOUR);
    if (column === null || !c.done) return 'unknown';
    // A column named `id` dropped as the same statement adds another primary key: the key it replaces, which no
    // foreign key refers to unless one was dropped first (its rows then still hold the values).
    const replacing =
      this.newKey !== null &&
      !cascade &&
      column.toLowerCase() === 'id' &&
      !this.newKey.some((k) => k.toLowerCase() === 'id') &&
      [...this.foreignKeysDropped].every((other) => other === tableKey(table));
    const replaced = replacing ? { replacedByKey: this.newKey! } : {};
    this.sink.op({ kind: 'drop-column', span: c.spanFrom(start), table, column, ...replaced, ...(ifExists && { ifExists }) });
    return 'drop-column';
  }

  /** The partition at the cursor (MySQL: a name of the list; ClickHouse: an expression, `ID '…'`, `ALL`, a part's name). */
  private partitions(c: Cursor, table: TableRef, start: number): AlterVerb | 'unknown' {
    if (c.done) return 'unknown';
    this.sink.op({ kind: 'drop-partition', span: c.spanFrom(start), table, partition: c.textOf(c.pos, c.end) });
    return 'drop-partition';
  }

  /**
   * ClickHouse's own ALTER TABLE actions, or null for those it shares with
   * the others (ADD/DROP/RENAME COLUMN, MODIFY COLUMN). Mutations: `DELETE
   * WHERE` deletes rows, `UPDATE` rewrites them, `CLEAR COLUMN` resets every
   * value of a column to its default (its data is lost as by a drop).
   */
  private clickhouseAction(c: Cursor, table: TableRef, start: number): AlterVerb | 'unknown' | null {
    if (c.accept('DELETE')) {
      const partition = c.accept('IN', 'PARTITION') ? c.pos : -1;
      let where = partition === -1 ? c.pos : c.pos + 1;
      while (where < c.end && !c.isWordAt(where, 'WHERE')) where++;
      if (where >= c.end) return 'unknown';
      const always = alwaysTrue(c, where + 1, c.end);
      if (partition !== -1 && always) {
        this.sink.op({ kind: 'drop-partition', span: c.spanFrom(start), table, partition: c.textOf(partition, where) });
      } else {
        this.sink.op({ kind: 'delete', span: c.spanFrom(start), table, hasWhere: !always, ...(always ? { alwaysTrue: true as const } : {}) });
      }
      return 'other';
    }
    if (c.accept('CLEAR', 'COLUMN')) {
      const ifExists = c.accept('IF', 'EXISTS');
      const column = c.identifierAt(c.pos);
      if (column === null) return 'unknown';
      c.pos++;
      if (c.accept('IN', 'PARTITION')) {
        this.sink.op({ kind: 'drop-partition', span: c.spanFrom(start), table, partition: c.textOf(c.pos, c.end) });
      } else {
        this.sink.op({ kind: 'drop-column', span: c.spanFrom(start), table, column, ...(ifExists && { ifExists }) });
      }
      return 'other';
    }
    if (c.accept('MODIFY', 'TTL')) {
      this.sink.op({ kind: 'set-ttl', span: c.spanFrom(start), table, ttlSeconds: ttlAt(c, c.pos) });
      return 'other';
    }
    if (c.accept('REMOVE', 'TTL')) {
      this.sink.op({ kind: 'set-ttl', span: c.spanFrom(start), table });
      return 'other';
    }
    // `MODIFY ORDER BY|SETTING|QUERY|COMMENT|…`: only `MODIFY COLUMN` changes a column.
    if (c.isWord('MODIFY') && !c.isWord('COLUMN', 1)) return 'other';
    const head = c.peek();
    if (head?.type === 'word' && CLICKHOUSE_HARMLESS.has(head.value)) return 'other';
    return null;
  }
}

/** Where a ClickHouse statement's trailing `SETTINGS` clause starts (outside parentheses), or its end. */
function settingsClause(c: Cursor): number {
  let depth = 0;
  for (let i = c.pos; i < c.end; i++) {
    const t = c.tokens[i]!;
    if (t.type === 'punct') {
      if (t.value === '(') depth++;
      else if (t.value === ')') depth--;
    } else if (depth === 0 && t.type === 'word' && t.value === 'SETTINGS') return i;
  }
  return c.end;
}

/** Dialects with ALTER TABLE options droplint does not list: an action it does not know is taken as harmless. */
const LENIENT_DIALECTS = new Set<Dialect>(['mysql', 'sqlserver', 'clickhouse']);

/** ClickHouse ALTER TABLE actions that keep every row and value (a detached partition can be attached again). */
const CLICKHOUSE_HARMLESS = new Set([
  'UPDATE',
  'MATERIALIZE',
  'CLEAR',
  'FREEZE',
  'UNFREEZE',
  'FETCH',
  'MOVE',
  'REPLACE',
  'ATTACH',
  'DETACH',
  'COMMENT',
  'APPLY',
  'RESET',
  'REMOVE',
]);

/** What ClickHouse's `ALTER TABLE … DROP <word>` drops besides columns and partitions. */
const CLICKHOUSE_DROP_SUBJECTS = new Set(['PROJECTION', 'STATISTICS', 'STATISTIC']);

/** `newSchema` when a rename names a schema other than the table's (MySQL moves a table to another database so). */
export function moved(table: TableRef, schema: string | null): { newSchema?: string } {
  return schema !== null && schema.toLowerCase() !== (table.schema ?? '').toLowerCase() ? { newSchema: schema } : {};
}

/** The names PostgreSQL, Prisma and Drizzle give keys, unique and check constraints: no foreign key's. */
const NOT_FOREIGN_KEY = /_(?:p?key|unique|check|idx|uniq)$|^(?:pk|uq|ck)_/i;

/** `ADD [CONSTRAINT name] PRIMARY KEY (a, b)`: its columns; else null. */
function addedPrimaryKey(c: Cursor): readonly string[] | null {
  if (!c.accept('ADD')) return null;
  if (c.accept('CONSTRAINT')) c.pos++;
  if (!c.accept('PRIMARY', 'KEY') || !c.isPunct('(')) return null;
  const columns = c.splitCommas(c.pos + 1, c.closingParen(c.pos)).map(([a]) => c.identifierAt(a));
  return columns.length > 0 && columns.every((k) => k !== null) ? columns : null;
}

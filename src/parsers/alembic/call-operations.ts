import type { SyntaxNode } from 'tree-sitter';
import type { ColumnDef, ForeignKeyTarget, Operation, Phase, Span, TableRef } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { analyzeSql } from '../sql/analyze.js';
import { CallReader, isIdentifier, type Call, type Part } from '../python/call-reader.js';
import { decodePlainLiterals } from '../python/py-strings.js';
import { moduleStatements } from '../python/python.js';
import { asString, evaluate, fragmentsOf, type PyValue, type Scope, UNKNOWN } from '../python/values.js';
import { boundWrite } from '../sql/bound-statements.js';
import { boundRowWrite, coreRowWrite, rowCopies, type RowLoop } from './row-copies.js';
import { templateOperations } from './sql-template.js';

/** Words that make SQL built at run time possibly destructive (ALTER may hide a DROP COLUMN). */
const DESTRUCTIVE = /\b(drop|truncate|delete|alter)\b/i;

/** Methods that create, destroy or run SQL whatever object they are called on (see `call`). */
const TABLE_METHODS = new Set(['drop_all', 'create_all', 'execute', 'exec_driver_sql', 'drop', 'create', 'delete', 'drop_table', 'drop_column', 'add']);

/** A `with op.batch_alter_table("t") as b:` alias: the table its operations apply to. */
export interface BatchContext {
  readonly table: TableRef | null;
}

/** Where a call runs: what the control-flow walk knows at that point. */
export interface CallSite {
  readonly phase: Phase;
  /** Names bound so far on this path. */
  readonly scope: Scope;
  readonly batches: ReadonlyMap<string, BatchContext>;
  /** The database SQL runs on here: the configured one, unless a dialect check says otherwise. */
  readonly dialect: Dialect;
  /** The loops over rows read that the walk is in, innermost last. */
  readonly rowLoops: readonly RowLoop[];
  /** The arms of `if`/`else` the walk is in (see `OpBase.branch`). */
  readonly branch?: readonly string[];
}

type Base = { readonly span: Span; readonly phase: Phase; readonly branch?: readonly string[] };

/**
 * Where Alembic's operations take their arguments: the table first (`table`
 * names its keyword), then `args` by position or keyword. On a batch alias
 * the table is the batch's, and the other arguments move up one place.
 */
interface Arguments {
  readonly table: string | null;
  readonly args: readonly string[];
  /** Also an operation of `batch_alter_table`. */
  readonly inBatch: boolean;
}

const OPERATIONS: Readonly<Record<string, Arguments>> = {
  drop_table: { table: 'table_name', args: [], inBatch: false },
  drop_column: { table: 'table_name', args: ['column_name'], inBatch: true },
  create_table: { table: 'table_name', args: [], inBatch: false },
  add_column: { table: 'table_name', args: ['column'], inBatch: true },
  rename_table: { table: 'old_table_name', args: ['new_table_name'], inBatch: false },
  alter_column: { table: 'table_name', args: ['column_name'], inBatch: true },
  execute: { table: null, args: ['sqltext'], inBatch: true },
};

/**
 * Turns calls into IR operations: every `op.*` call, batch operations under
 * any alias, raw SQL run through `op.execute` or a connection, SQLAlchemy Core
 * statements and `metadata.drop_all()`. Arguments are read in the scope the
 * walk gives, so that a name holds what it holds on that path.
 */
export class CallOperations {
  /** Names that refer to `alembic.op` (`from alembic import op as o`). */
  private readonly opNames: ReadonlySet<string>;
  /** Dicts appended to lists inside loops over rows read, with those loops (see `rowsAppended`). */
  private readonly appendedIn = new WeakMap<PyValue, readonly RowLoop[]>();

  constructor(
    private readonly module: SyntaxNode,
    source: string,
    readonly callReader: CallReader,
    private readonly ops: Array<Operation | Promise<Operation[]>>,
  ) {
    this.opNames = opAliases(module, source);
  }

  /** Whether a call is an Alembic operation, under `op` or a batch alias: what `call` reads whole. */
  isOperation({ receiver }: Call, site: CallSite): boolean {
    return receiver !== null && (this.opNames.has(receiver.text) || (isIdentifier(receiver) && site.batches.has(receiver.text)));
  }

  /** Reads one call; true when it is an Alembic operation, whose arguments it has read itself. */
  call(call: Call, span: Span, site: CallSite): boolean {
    const { receiver, method } = call;
    if (!receiver) return false;
    const isOp = this.opNames.has(receiver.text);
    const batch = !isOp && isIdentifier(receiver) ? site.batches.get(receiver.text) : undefined;
    // Most calls are `sa.Column(…)`, `sa.String(…)` and the like: leave before reading their arguments.
    if (!isOp && !batch && !TABLE_METHODS.has(method)) return false;
    const base: Base = { span: { start: span.start, end: span.end }, phase: site.phase, ...(site.branch && { branch: site.branch }) };

    if (isOp || batch) {
      this.operation(method, call, batch, base, site);
      return true;
    }
    this.methodCall(method, receiver, call, base, site);
    return false;
  }

  /** The table of `with op.batch_alter_table(…) as b:`; undefined when the expression is no such call. */
  batchTable(expression: SyntaxNode, scope: Scope): BatchContext | undefined {
    if (expression.type !== 'call' || !this.isOpCall(expression, 'batch_alter_table')) return undefined;
    const args = this.callReader.of(expression);
    return { table: this.tableArg(args.positional[0] ?? args.keyword.get('table_name'), args.keyword.get('schema'), scope) };
  }

  /** A destructive method on any object: metadata, a connection, a Core table, Alembic's operations under another name. */
  private methodCall(method: string, receiver: Part, args: Call, base: Base, site: CallSite): void {
    switch (method) {
      case 'drop_all':
        return this.dropAll(receiver, args, base, site);
      case 'create_all':
        return this.createAll(receiver, args, base, site);
      case 'execute':
      case 'exec_driver_sql':
        return this.execute(args.positional[0], base, site, this.isConnection(receiver, site.scope) ? `${receiver.text}.${method}` : null, args.positional[1]);
      case 'drop':
      case 'create': {
        // SQLAlchemy Core `some_table.drop(bind)`, `Model.__table__.create(bind)`; `Enum(...).drop()` and the like keep table data.
        const target = this.evaluate(receiver, site.scope);
        const table = target.kind === 'table' ? { schema: target.schema, name: target.name } : null;
        if (table !== null) this.ops.push(method === 'drop' ? { kind: 'drop-table', ...base, table } : { kind: 'create-table', ...base, table, columns: [] });
        else if (method === 'drop' && /\.__table__$/.test(receiver.text))
          this.ops.push(dynamic(base, `a DROP TABLE of the table of ${receiver.text.slice(0, -'.__table__'.length)}, a model droplint cannot resolve`));
        return;
      }
      case 'delete': {
        // `session.query(M).delete()`: an ORM bulk delete of M's rows (those its filters select).
        const target = this.evaluate(receiver, site.scope);
        if (target.kind !== 'statement' || target.verb !== 'query') return;
        const t = target.table ? { schema: target.table.schema, name: target.table.name } : null;
        if (t) this.ops.push({ kind: 'delete', ...base, table: t, hasWhere: target.hasWhere });
        // A filtered delete of an unknown model is what a resolved one is: not reported.
        else if (!target.hasWhere) this.ops.push(dynamic(base, `a DELETE through ${receiver.text}, of a model droplint cannot resolve`));
        return;
      }
      case 'add': {
        // `session.add(New(name=old.name))` in a loop over rows read: the rows are copied into the model's table.
        const instance = site.rowLoops.length > 0 && args.positional[0] ? this.evaluate(args.positional[0], site.scope) : null;
        const write = instance?.kind === 'statement' && instance.instance === true ? coreRowWrite(instance) : null;
        if (write) this.ops.push(...rowCopies(write, site.rowLoops, base));
        return;
      }
      case 'drop_table':
        // Alembic's operations under another name (a helper's parameter, `context.get_context()…`).
        return this.operation(method, args, undefined, base, site);
      case 'drop_column':
        // Two names: `operations.drop_column(table, column)`; one: a batch whose table is not known here.
        return this.operation(method, args, args.positional.length + (args.keyword.has('table_name') ? 1 : 0) >= 2 ? undefined : { table: null }, base, site);
      default:
        return;
    }
  }

  /**
   * An Alembic operation, on `op` (`batch` undefined) or on a batch alias;
   * drop_index, drop_constraint, create_index, bulk_insert, …: no table data is lost.
   */
  private operation(method: string, call: Call, batch: BatchContext | undefined, base: Base, site: CallSite): void {
    if (method === 'bulk_insert' && batch === undefined) return this.bulkInsert(call, base, site);
    const spec = Object.hasOwn(OPERATIONS, method) ? OPERATIONS[method]! : null;
    if (spec === null || (batch !== undefined && !spec.inBatch)) return;
    const offset = batch === undefined && spec.table !== null ? 1 : 0;
    const arg = (i: number): Part | undefined => call.positional[offset + i] ?? call.keyword.get(spec.args[i]!);
    const name = (i: number): string | null => this.stringArg(arg(i), site.scope);
    const t =
      batch !== undefined
        ? batch.table
        : spec.table === null
          ? null
          : this.tableArg(call.positional[0] ?? call.keyword.get(spec.table), call.keyword.get('schema'), site.scope);
    const via = batch === undefined ? `op.${method}` : method;
    switch (method) {
      case 'drop_table':
        this.ops.push(t ? { kind: 'drop-table', ...base, table: t } : dynamic(base, `${via}() on a table named at run time`));
        return;
      case 'drop_column': {
        const column = name(0);
        if (t && column) this.ops.push({ kind: 'drop-column', ...base, table: t, column });
        else this.ops.push(dynamic(base, `${via}() on a ${t ? 'column' : 'table'} named at run time`));
        return;
      }
      case 'create_table':
        if (t) {
          const parts = call.positional.slice(1);
          const references = parts.flatMap((c) => this.references(c, site.scope));
          const columns = parts.flatMap((c) => this.column(c, site.scope));
          this.ops.push({ kind: 'create-table', ...base, table: t, columns, ...(references.length > 0 && { references }) });
        }
        return;
      case 'add_column': {
        const part = arg(0);
        const [column] = part ? this.column(part, site.scope, true) : [];
        if (t && column) this.ops.push({ kind: 'add-column', ...base, table: t, column });
        return;
      }
      case 'rename_table': {
        const newName = name(0);
        if (t && newName) this.ops.push({ kind: 'rename-table', ...base, table: t, newName });
        return;
      }
      case 'alter_column': {
        const column = name(0);
        if (t && column) this.alterColumn(t, column, call, base, site);
        return;
      }
      case 'execute':
        return this.execute(arg(0), base, site, batch === undefined ? via : 'batch_op.execute');
    }
  }

  /** A dict appended to a list in loops over rows read: one such dict per row those loops reach. */
  rowsAppended(row: PyValue, loops: readonly RowLoop[]): void {
    this.appendedIn.set(row, loops);
  }

  /** `op.bulk_insert(t, rows)`: each dict of `rows` appended per row read (see `rowsAppended`) copies that row's values into t. */
  private bulkInsert(call: Call, base: Base, site: CallSite): void {
    const [tablePart, rowsPart = call.keyword.get('rows')] = call.positional;
    const table = tablePart ? this.evaluate(tablePart, site.scope) : UNKNOWN;
    const rows = rowsPart ? this.evaluate(rowsPart, site.scope) : UNKNOWN;
    if (table.kind !== 'table' || rows.kind !== 'list') return;
    for (const row of rows.items) {
      const loops = this.appendedIn.get(row);
      if (row.kind !== 'dict' || loops === undefined) continue;
      const columns = [...row.entries].map(([column, value]) => ({ column, values: [value] }));
      this.ops.push(...rowCopies({ verb: 'insert', table: { schema: table.schema, name: table.name }, columns, keys: null, conflict: null }, loops, base));
    }
  }

  private alterColumn(table: TableRef, column: string, args: Call, base: Base, site: CallSite): void {
    const newName = this.stringArg(args.keyword.get('new_column_name'), site.scope);
    if (newName !== null && newName !== column) this.ops.push({ kind: 'rename-column', ...base, table, column, newName });
    const type = args.keyword.get('type_');
    if (type) this.ops.push({ kind: 'alter-column-type', ...base, table, column: newName ?? column, newType: type.text });
  }

  /**
   * `metadata.drop_all(bind)`; with `tables=[…]` of known tables, a drop of
   * each of them instead, `IF EXISTS` as SQLAlchemy drops them (it checks
   * first unless told `checkfirst=False`).
   */
  private dropAll(receiver: Part, args: Call, base: Base, site: CallSite): void {
    const tables = this.listedTables(args, site);
    const ifExists = args.keyword.get('checkfirst')?.text !== 'False';
    if (tables === null) this.ops.push({ kind: 'drop-all', ...base, target: receiver.text });
    else for (const table of tables) this.ops.push({ kind: 'drop-table', ...base, table, ...(ifExists && { ifExists }) });
  }

  /** `metadata.create_all(bind)`; with `tables=[…]` of known tables, a creation of each of them instead. */
  private createAll(receiver: Part, args: Call, base: Base, site: CallSite): void {
    const tables = this.listedTables(args, site);
    if (tables === null) this.ops.push({ kind: 'create-all', ...base, target: receiver.text });
    else for (const table of tables) this.ops.push({ kind: 'create-table', ...base, table, columns: [] });
  }

  /** The tables of `tables=[T, Model.__table__, …]`; null when there is no such list or one of them is not known. */
  private listedTables(args: Call, site: CallSite): TableRef[] | null {
    const listed = args.keyword.get('tables');
    const tables = listed ? this.evaluate(listed, site.scope) : null;
    if (tables?.kind !== 'list' || !tables.items.every((t) => t.kind === 'table')) return null;
    return tables.items.flatMap((t) => (t.kind === 'table' ? [{ schema: t.schema, name: t.name }] : []));
  }

  /** `sa.Column("name", sa.String(), …)` → the column (`added` to a table with rows); anything else (a constraint) → none. */
  private column(part: Part, scope: Scope, added = false): ColumnDef[] {
    const call = this.callReader.asCall(part);
    if (!call || !/(^|\.)Column$/.test(call.callee.text)) return [];
    const name = this.stringArg(call.positional[0] ?? call.keyword.get('name'), scope);
    if (name === null) return [];
    const type = call.positional[1] ?? call.keyword.get('type_');
    const made = call.positional.map((p) => this.callReader.asCall(p)?.callee.text ?? '');
    const computed = made.some((callee) => /(^|\.)Computed$/.test(callee));
    // `server_default`, an identity or an expression gives existing rows a value; `default=` is the application's, for new rows.
    // An integer primary key is numbered by the database (SERIAL), unless `autoincrement=False`.
    const numbered =
      call.keyword.get('autoincrement')?.text === 'True' ||
      (call.keyword.get('primary_key')?.text === 'True' && /Integer/.test(type?.text ?? '') && call.keyword.get('autoincrement')?.text !== 'False');
    const given = computed || numbered || call.keyword.has('server_default') || made.some((callee) => /(^|\.)Identity$/.test(callee));
    // `nullable=False` (or a primary key) without one: PostgreSQL refuses to add it to a table with rows.
    const required = call.keyword.get('nullable')?.text === 'False' || call.keyword.get('primary_key')?.text === 'True';
    const value = !added || given ? {} : required ? { requiredWithoutDefault: true as const } : { withoutDefault: true as const };
    return [{ name, type: type?.text ?? null, ...(computed && { computed: true as const }), ...value }];
  }

  /**
   * The tables a `create_table` argument's foreign keys name:
   * `sa.ForeignKeyConstraint(["owner_id"], ["auth.users.id"])`, or a column's
   * `sa.ForeignKey("users.id")`; `"[schema.]table.column"` strings only.
   */
  private references(part: Part, scope: Scope): ForeignKeyTarget[] {
    const call = this.callReader.asCall(part);
    if (call === null) return [];
    const named: Part[] = /(^|\.)ForeignKeyConstraint$/.test(call.callee.text)
      ? [call.positional[1] ?? call.keyword.get('refcolumns')].filter((p): p is Part => p !== undefined)
      : /(^|\.)Column$/.test(call.callee.text)
        ? [...call.positional, ...call.keyword.values()].flatMap((p) => {
            const inner = this.callReader.asCall(p);
            const target = inner !== null && /(^|\.)ForeignKey$/.test(inner.callee.text) ? (inner.positional[0] ?? inner.keyword.get('column')) : undefined;
            return target === undefined ? [] : [target];
          })
        : [];
    return named.flatMap((p) => {
      const value = this.evaluate(p, scope);
      const items = value.kind === 'list' ? value.items : [value];
      return items.flatMap((item) => {
        const path = item.kind === 'string' ? item.value.text.split('.') : [];
        if (path.length < 2 || path.length > 3) return [];
        return [{ table: { schema: path.length === 3 ? path[0]! : null, name: path.at(-2)! }, columns: [path.at(-1)!] }];
      });
    });
  }

  /**
   * SQL run from Python: a known string is analysed as SQL at its exact place;
   * a Core statement by what it is; anything computed that may destroy is
   * dynamic. `via` names a call known to run SQL (`op.execute`, a connection's
   * `execute`); other `.execute()` calls only count when their SQL visibly destroys.
   */
  private execute(part: Part | undefined, base: Base, site: CallSite, via: string | null, params?: Part): void {
    if (!part) return;
    const value = this.evaluate(part, site.scope);
    if (value.kind === 'string') {
      const offsets = value.value.offsets;
      const map = (o: number): number => offsets[Math.min(o, offsets.length - 1)]!;
      // SQL that no parser accepts is reported only if it may destroy data: embedded SQL is often
      // another database's (under a dialect check droplint cannot follow), and the file is valid Python.
      const analysis = analyzeSql(value.value.text, { dialect: site.dialect, phase: site.phase, map });
      const branch = site.branch;
      this.ops.push(
        analysis.then((a) =>
          a.operations.filter((op) => op.kind !== 'unparsed' || op.mayBeDestructive).map((op) => (branch === undefined ? op : { ...op, branch })),
        ),
      );
      // `UPDATE t SET new = :v WHERE id = :id` run for each row read, its parameters computed from the row.
      const bound = params && site.rowLoops.length > 0 ? boundWrite(value.value.text, site.dialect) : null;
      const write = bound && params ? boundRowWrite(bound, this.evaluate(params, site.scope)) : null;
      if (write) this.ops.push(...rowCopies(write, site.rowLoops, base));
      return;
    }
    if (value.kind === 'statement') {
      const write = coreRowWrite(value);
      if (write) this.ops.push(...rowCopies(write, site.rowLoops, base));
      const t = value.table ? { schema: value.table.schema, name: value.table.name } : null;
      if (value.verb === 'delete')
        this.ops.push(t ? { kind: 'delete', ...base, table: t, hasWhere: value.hasWhere } : dynamic(base, 'a DELETE on a table named at run time'));
      if (value.verb === 'drop-table')
        this.ops.push(t ? { kind: 'drop-table', ...base, table: t } : dynamic(base, 'a DROP TABLE on a table named at run time'));
      if (value.verb === 'update' && t && !value.hasWhere)
        for (const [column, literal] of value.literals ?? []) this.ops.push({ kind: 'overwrite-column', ...base, table: t, column, value: literal });
      const copied = value.fromSelect;
      const source = copied?.select.table;
      if (t && copied && source) {
        // Each listed column takes the selected column at its place; a select of the whole table copies every column.
        const selected = copied.select.selected;
        const columns = selected && selected.map((column, k) => ({ target: copied.columns?.[k] ?? null, sources: [column] }));
        const from = { schema: source.schema, name: source.name };
        this.ops.push({ kind: 'copy-values', ...base, table: t, source: from, columns, limitedBy: copied.select.limitedBy });
      }
      return;
    }
    const fragments = fragmentsOf(value);
    const destructive = DESTRUCTIVE.test(fragments);
    if (!destructive && (via === null || fragments !== '')) return;
    const description = via === null ? 'SQL built at run time' : `SQL built at run time (${via})`;
    // An f-string is read as the SQL around its holes: what they cannot make destructive is no dynamic operation.
    const template = destructive && value.kind === 'unknown' ? value.template : undefined;
    if (template === undefined) {
      this.ops.push(dynamic(base, description));
      return;
    }
    const branch = site.branch;
    this.ops.push(
      templateOperations(template, { dialect: site.dialect, phase: site.phase, description }).then((ops) =>
        ops.map((op) => (branch === undefined ? op : { ...op, branch })),
      ),
    );
  }

  private stringArg(part: Part | undefined, scope: Scope): string | null {
    return part ? (asString(this.evaluate(part, scope))?.text ?? null) : null;
  }

  private tableArg(name: Part | undefined, schema: Part | undefined, scope: Scope): TableRef | null {
    const value = this.stringArg(name, scope);
    if (value === null) return null;
    return { name: value, schema: this.stringArg(schema, scope) };
  }

  /** A part's value: a plain string literal read from its text, anything else from its node. */
  evaluate(part: Part, scope: Scope): PyValue {
    const literal = decodePlainLiterals(part.text, part.start);
    if (literal !== null) return { kind: 'string', value: literal };
    const node = part.node();
    return node ? evaluate(node, scope) : UNKNOWN;
  }

  private isOpCall(node: SyntaxNode, method: string): boolean {
    const fn = node.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    return fn?.childForFieldName('attribute')?.text === method && object !== null && this.opNames.has(object.text);
  }

  private isConnection(receiver: Part, scope: Scope): boolean {
    const node = receiver.node();
    return (node?.type === 'identifier' || node?.type === 'call') && evaluate(node, scope).kind === 'bind';
  }
}

export function dynamic(base: Base, description: string): Operation {
  return { kind: 'dynamic', ...base, description };
}

/** `op`, `alembic.op`, plus any alias under which `alembic.op` is imported. */
function opAliases(module: SyntaxNode, source: string): Set<string> {
  const names = new Set(['op', 'alembic.op']);
  // An alias is written `op as name`: a file without those words has none (and no node is asked for).
  if (!/\bop\s+as\b/.test(source)) return names;
  for (const statement of moduleStatements(module)) {
    const from = statement.type === 'import_from_statement' ? statement.childForFieldName('module_name')?.text : null;
    if (from !== 'alembic' && statement.type !== 'import_statement') continue;
    for (const item of statement.namedChildren) {
      const imported = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : null;
      const alias = item.childForFieldName('alias')?.text;
      if (alias && imported === (from === 'alembic' ? 'op' : 'alembic.op')) names.add(alias);
    }
  }
  return names;
}

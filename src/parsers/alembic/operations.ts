import type { SyntaxNode } from 'tree-sitter';
import type { ColumnDef, Operation, Phase, Span, TableRef } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { analyzeSql } from '../sql/analyze.js';
import { CallReader, DOTTED_NAME, isIdentifier, type Call, type Part } from './call-reader.js';
import { NodeIndex } from './node-index.js';
import { decodePlainLiterals } from './py-strings.js';
import { scanCall } from './py-text.js';
import { moduleStatements } from './python.js';
import { assignedNames, asString, evaluate, fragmentsOf, joinValues, type PyValue, Scope, UNKNOWN } from './values.js';

/** The nodes the reader looks into. */
const CALLS_AND_COMPREHENSIONS = ['call', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'];

/** Words that make SQL built at run time possibly destructive (ALTER may hide a DROP COLUMN). */
const DESTRUCTIVE = /\b(drop|truncate|delete|alter)\b/i;

/** Past this many walks of one loop body (nested loops multiply), the loop variable is left unknown. */
const MAX_LOOP_PASSES = 2000;

/** A `with op.batch_alter_table("t") as b:` alias: the table its operations apply to. */
interface BatchContext {
  readonly table: TableRef | null;
}

interface Walk {
  readonly phase: Phase;
  /** Names bound so far on this path; assignments add to it as the walk reaches them. */
  readonly scope: Scope;
  readonly batches: ReadonlyMap<string, BatchContext>;
  /** How many times the enclosing loops walk this body. */
  readonly passes: number;
  /** The database SQL runs on here: the configured one, unless a dialect check says otherwise. */
  readonly dialect: Dialect;
}

type Base = { readonly span: Span; readonly phase: Phase };

/**
 * Reads the operations of an Alembic migration: every `op.*` call, batch
 * operations under any alias, raw SQL run through `op.execute` or a
 * connection, SQLAlchemy Core statements and `metadata.drop_all()`. Each
 * function is read in the phase it runs in: `upgrade()`, `downgrade()`, and
 * the helpers they call. Names are followed through the code as it runs
 * (assignments in order, branches merged), so that a value is known where it
 * is certain and unknown, never guessed, where it is not.
 */
/** Methods that destroy or run SQL whatever object they are called on (see `call`). */
const DESTRUCTIVE_METHODS = new Set(['drop_all', 'create_all', 'execute', 'exec_driver_sql', 'drop', 'drop_table', 'drop_column']);

export class OperationReader {
  private readonly ops: Array<Operation | Promise<Operation[]>> = [];
  /** Names that refer to `alembic.op` (`from alembic import op as o`). */
  private readonly opNames: ReadonlySet<string>;

  private readonly callReader: CallReader;
  /** The module's calls and comprehensions, found by one native query (tens of microseconds) when first needed. */
  private nodeIndex: NodeIndex | null = null;

  constructor(
    private readonly module: SyntaxNode,
    private readonly source: string,
    private readonly moduleScope: Scope,
    private readonly dialect: Dialect,
  ) {
    this.opNames = opAliases(module, source);
    this.callReader = new CallReader(module, source);
  }

  async read(): Promise<Operation[]> {
    const functions = new Map<string, SyntaxNode>();
    for (const statement of moduleStatements(this.module)) {
      const fn = unwrapDecorated(statement);
      const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
      if (name) functions.set(name, fn!);
    }
    for (const [name, fn] of functions) {
      for (const phase of phasesOf(name, functions, () => this.callIndex())) this.function(fn, { ...this.start(), phase });
    }
    // Code outside any function runs on import: read it too, in no phase.
    const topLevel = moduleStatements(this.module).filter((s) => unwrapDecorated(s)?.type !== 'function_definition');
    this.walk(topLevel, { ...this.start(), scope: this.moduleScope.child() });
    const settled = (await Promise.all(this.ops.map((o) => (o instanceof Promise ? o : Promise.resolve([o]))))).flat();
    return inSourceOrder(settled);
  }

  private start(): Walk {
    return { phase: 'none', scope: this.moduleScope, batches: new Map(), passes: 1, dialect: this.dialect };
  }

  /** A function body, its parameters unknown (a parameter is whatever the caller passes). */
  private function(fn: SyntaxNode, w: Walk): void {
    const scope = w.scope.child();
    for (const name of parameterNames(fn)) scope.bindValue(name, UNKNOWN);
    const body = fn.childForFieldName('body');
    if (body) this.walk(body.namedChildren, { ...w, scope });
  }

  private walk(statements: readonly SyntaxNode[], w: Walk): void {
    let current = w;
    for (const statement of statements) {
      this.statement(statement, current);
      // `if conn.dialect.name != "mssql": return`: the rest runs on MSSQL only.
      const test = statement.type === 'if_statement' ? dialectTest(statement.childForFieldName('condition')) : null;
      if (test?.negated && statement.childrenForFieldName('alternative').length === 0 && endsInExit(statement.childForFieldName('consequence'))) {
        current = { ...current, dialect: test.dialect };
      }
    }
  }

  private statement(node: SyntaxNode, w: Walk): void {
    switch (node.type) {
      case 'function_definition':
        // A function defined inside upgrade() runs, if at all, in upgrade().
        return this.function(node, w);
      case 'decorated_definition': {
        const definition = node.childForFieldName('definition');
        if (definition?.type === 'function_definition') this.function(definition, w);
        return;
      }
      case 'class_definition':
        return; // Models and helpers declared for the migration: no operations run.
      case 'expression_statement':
        // A statement that is one Alembic operation assigns nothing.
        if (this.calls(node, w)) return;
        for (const child of node.namedChildren) this.bind(child, w.scope);
        return;
      case 'with_statement':
        return this.withStatement(node, w);
      case 'for_statement':
        return this.forStatement(node, w);
      case 'while_statement':
        this.calls(node.childForFieldName('condition'), w);
        this.branches([{ body: node.childForFieldName('body') }], w, true);
        return this.walk(blockOf(node.childForFieldName('alternative')), w);
      case 'if_statement':
        return this.ifStatement(node, w);
      case 'try_statement':
        return this.tryStatement(node, w);
      default:
        this.calls(node, w);
    }
  }

  /** Binds the names an assignment statement sets, from what it assigns on this path. */
  private bind(node: SyntaxNode, scope: Scope): void {
    if (node.type === 'assignment') {
      // All values first: `a, b = b, a` swaps.
      const values = assignedNames(node).map(([name, value]): [string, PyValue] => [name, value ? evaluate(value, scope) : UNKNOWN]);
      for (const [name, value] of values) scope.bindValue(name, value);
    } else if (node.type === 'augmented_assignment') {
      // `sql += "…"` is `sql = sql + "…"`; other operators give an unknown value with the same text.
      const left = node.childForFieldName('left');
      if (left?.type === 'identifier') scope.bindValue(left.text, evaluate(node, scope));
    }
  }

  private ifStatement(node: SyntaxNode, w: Walk): void {
    // A branch taken on one database only reads its SQL in that database's dialect.
    const branches: Array<{ body: SyntaxNode | null; dialect: Dialect }> = [];
    let otherwise: Dialect = w.dialect;
    let exhaustive = false;
    for (const clause of [node, ...node.childrenForFieldName('alternative')]) {
      const condition = clause.childForFieldName('condition');
      this.calls(condition, w);
      const test = dialectTest(condition);
      const body = clause.childForFieldName('consequence') ?? clause.childForFieldName('body');
      branches.push({ body, dialect: condition === null ? otherwise : test && !test.negated ? test.dialect : w.dialect });
      if (test?.negated) otherwise = test.dialect;
      exhaustive ||= clause.type === 'else_clause';
    }
    this.branches(branches, w, !exhaustive);
  }

  private tryStatement(node: SyntaxNode, w: Walk): void {
    // The body (then `else`) or one of the handlers runs; `finally` always does.
    const clauses = node.namedChildren;
    const fork = (): Scope => w.scope.child();
    const main = fork();
    this.walk([...blockOf(node.childForFieldName('body')), ...blockOf(clauses.find((c) => c.type === 'else_clause'))], { ...w, scope: main });
    const handlers = clauses
      .filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause')
      .map((clause) => {
        const scope = fork();
        this.walk(blockOf(clause), { ...w, scope });
        return scope;
      });
    merge(w.scope, [main, ...handlers], false);
    this.walk(blockOf(clauses.find((c) => c.type === 'finally_clause')), w);
  }

  /** Alternative bodies, each on its own copy of the names; `fallthrough`: none of them may run. */
  private branches(bodies: ReadonlyArray<{ body: SyntaxNode | null; dialect?: Dialect }>, w: Walk, fallthrough: boolean): void {
    const forks = bodies.map(({ body, dialect }) => {
      const scope = w.scope.child();
      this.walk(blockOf(body), { ...w, scope, dialect: dialect ?? w.dialect });
      return scope;
    });
    merge(w.scope, forks, fallthrough);
  }

  private withStatement(node: SyntaxNode, w: Walk): void {
    const batches = new Map(w.batches);
    const clause = node.namedChildren.find((c) => c.type === 'with_clause');
    for (const item of clause?.namedChildren ?? []) {
      const value = item.childForFieldName('value') ?? item.namedChildren[0];
      if (!value) continue;
      // `op.batch_alter_table(...) as batch_op` parses as an as_pattern.
      const [expression, alias] = value.type === 'as_pattern' ? [value.namedChildren[0], value.childForFieldName('alias')] : [value, null];
      if (!expression) continue;
      const target = alias?.namedChildren[0] ?? alias;
      if (expression.type === 'call' && this.isOpCall(expression, 'batch_alter_table')) {
        const args = this.callReader.of(expression);
        const table = this.tableArg(args.positional[0] ?? args.keyword.get('table_name'), args.keyword.get('schema'), w.scope);
        if (target?.type === 'identifier') batches.set(target.text, { table });
        continue;
      }
      this.calls(expression, w);
      if (target?.type === 'identifier') {
        w.scope.bindValue(target.text, evaluate(expression, w.scope));
        batches.delete(target.text);
      }
    }
    this.walk(blockOf(node.childForFieldName('body')), { ...w, batches });
  }

  private forStatement(node: SyntaxNode, w: Walk): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    this.calls(right, w);
    const iterable = right ? this.iterated(right, w.scope) : UNKNOWN;
    // One pass per known element: `for t in TABLES: op.drop_table(t)` drops each of them.
    const known = iterable.kind === 'list' && iterable.items.length > 0 && w.passes * iterable.items.length <= MAX_LOOP_PASSES;
    const items = known ? iterable.items : [UNKNOWN];
    const forks = items.map((item) => {
      const scope = w.scope.child();
      if (left) bindPattern(left, item, scope);
      this.walk(blockOf(node.childForFieldName('body')), { ...w, scope, passes: w.passes * items.length });
      return scope;
    });
    merge(w.scope, forks, true);
    this.walk(blockOf(node.childForFieldName('alternative')), w);
  }

  private callIndex(): NodeIndex {
    return (this.nodeIndex ??= NodeIndex.of(this.module, CALLS_AND_COMPREHENSIONS));
  }

  /** Every call in a simple statement or expression, outermost first; true when `node` is one Alembic operation. */
  private calls(node: SyntaxNode | null, w: Walk): boolean {
    if (node === null) return false;
    const start = node.startIndex;
    const end = node.endIndex;
    // No call without `(`, no comprehension without `for`: imports and `revision = "…"` hold neither.
    const source = this.source.slice(start, end);
    if (!source.includes('(') && !/\bfor\b/.test(source)) return false;
    // Most statements of a migration are one Alembic operation (`op.add_column(…)`): read from the
    // text, with no node per call, as the operation reads its own arguments.
    const text = scanCall(this.source, start, end);
    const operation = text === null ? null : this.callReader.fromText(text);
    if (operation !== null && DOTTED_NAME.test(operation.callee.text) && this.isOperation(operation, w)) {
      this.call(operation, { start, end }, w);
      return true;
    }
    let inside = -1;
    for (const inner of this.callIndex().within(node)) {
      if (inner.start < inside) continue;
      if (inner.type === 'call') {
        // `node` itself, already split above (`conn.execute(…)`), is not scanned again.
        const call = operation !== null && inner.start === start && inner.end === end ? operation : this.callReader.at(inner.start, inner.end, inner.node);
        // The arguments of an Alembic operation (`sa.Column(…)`, `sa.text(…)`) are read by
        // the operation itself; walking their calls again would only cost time.
        if (this.call(call, inner, w)) inside = inner.end;
      } else if (this.comprehension(inner.node, w)) inside = inner.end;
    }
    return false;
  }

  /** `[op.drop_table(t) for t in TABLES]`, read like the loop it is; false when it has several `for`s. */
  private comprehension(node: SyntaxNode, w: Walk): boolean {
    const clauses = node.namedChildren.filter((c) => c.type === 'for_in_clause');
    const [clause] = clauses;
    if (clauses.length !== 1 || !clause) return false;
    const right = clause.childForFieldName('right');
    this.calls(right, w);
    const iterable = right ? this.iterated(right, w.scope) : UNKNOWN;
    for (const item of iterable.kind === 'list' && iterable.items.length > 0 ? iterable.items : [UNKNOWN]) {
      const scope = w.scope.child();
      const left = clause.childForFieldName('left');
      if (left) bindPattern(left, item, scope);
      for (const part of node.namedChildren) if (part !== clause) this.calls(part, { ...w, scope });
    }
    return true;
  }

  /** Whether a call is an Alembic operation, under `op` or a batch alias: what `call` reads whole. */
  private isOperation({ receiver }: Call, w: Walk): boolean {
    return receiver !== null && (this.opNames.has(receiver.text) || (isIdentifier(receiver) && w.batches.has(receiver.text)));
  }

  /** Reads one call; true when it is an Alembic operation, whose arguments it has read itself. */
  private call(call: Call, span: Span, w: Walk): boolean {
    const { receiver, method } = call;
    if (!receiver) return false;
    const isOp = this.opNames.has(receiver.text);
    const batch = !isOp && isIdentifier(receiver) ? w.batches.get(receiver.text) : undefined;
    // Most calls are `sa.Column(…)`, `sa.String(…)` and the like: leave before reading their arguments.
    if (!isOp && !batch && !DESTRUCTIVE_METHODS.has(method)) return false;
    const base: Base = { span: { start: span.start, end: span.end }, phase: w.phase };

    if (isOp) {
      this.opCall(method, call, base, w);
      return true;
    }
    if (batch) {
      this.batchCall(method, call, batch.table, base, w);
      return true;
    }
    this.methodCall(method, receiver, call, base, w);
    return false;
  }

  /** A destructive method on any object: metadata, a connection, a Core table, Alembic's operations under another name. */
  private methodCall(method: string, receiver: Part, args: Call, base: Base, w: Walk): void {
    switch (method) {
      case 'drop_all':
        return this.dropAll(receiver, args, base, w);
      case 'create_all':
        this.ops.push({ kind: 'create-all', ...base, target: receiver.text });
        return;
      case 'execute':
      case 'exec_driver_sql':
        return this.execute(args.positional[0], base, w, this.isConnection(receiver, w.scope) ? `${receiver.text}.${method}` : null);
      case 'drop': {
        // SQLAlchemy Core `some_table.drop(bind)`; `Enum(...).drop()` and the like keep table data.
        const target = this.evaluate(receiver, w.scope);
        if (target.kind === 'table') this.ops.push({ kind: 'drop-table', ...base, table: { schema: target.schema, name: target.name } });
        return;
      }
      case 'drop_table':
        // Alembic's operations under another name (a helper's parameter, `context.get_context()…`).
        return this.opCall(method, args, base, w);
      case 'drop_column':
        // Two names: `operations.drop_column(table, column)`; one: a batch whose table is not known here.
        return args.positional.length + (args.keyword.has('table_name') ? 1 : 0) >= 2 ? this.opCall(method, args, base, w) : this.batchCall(method, args, null, base, w);
      default:
        return;
    }
  }

  private opCall(method: string, args: Call, base: Base, w: Walk): void {
    const table = (keyword = 'table_name'): TableRef | null => this.tableArg(args.positional[0] ?? args.keyword.get(keyword), args.keyword.get('schema'), w.scope);
    const name = (index: number, keyword: string): string | null => this.stringArg(args.positional[index] ?? args.keyword.get(keyword), w.scope);
    switch (method) {
      case 'drop_table': {
        const t = table();
        this.ops.push(t ? { kind: 'drop-table', ...base, table: t } : dynamic(base, 'op.drop_table() on a table named at run time'));
        return;
      }
      case 'drop_column': {
        const t = table();
        const column = name(1, 'column_name');
        if (t && column) this.ops.push({ kind: 'drop-column', ...base, table: t, column });
        else this.ops.push(dynamic(base, `op.drop_column() on a ${t ? 'column' : 'table'} named at run time`));
        return;
      }
      case 'create_table': {
        const t = table();
        if (t) this.ops.push({ kind: 'create-table', ...base, table: t, columns: args.positional.slice(1).flatMap((c) => this.column(c, w.scope)) });
        return;
      }
      case 'add_column': {
        const t = table();
        const node = args.positional[1] ?? args.keyword.get('column');
        const [column] = node ? this.column(node, w.scope) : [];
        if (t && column) this.ops.push({ kind: 'add-column', ...base, table: t, column });
        return;
      }
      case 'rename_table': {
        const t = table('old_table_name');
        const newName = name(1, 'new_table_name');
        if (t && newName) this.ops.push({ kind: 'rename-table', ...base, table: t, newName });
        return;
      }
      case 'alter_column': {
        const t = table();
        const column = name(1, 'column_name');
        if (t && column) this.alterColumn(t, column, args, base, w);
        return;
      }
      case 'execute':
        return this.execute(args.positional[0] ?? args.keyword.get('sqltext'), base, w, 'op.execute');
      default:
        // drop_index, drop_constraint, create_index, bulk_insert, …: no table data is lost.
        return;
    }
  }

  /** An operation on a `batch_alter_table` alias; `table` null when the batch's table is not known. */
  private batchCall(method: string, args: Call, table: TableRef | null, base: Base, w: Walk): void {
    const name = (keyword: string): string | null => this.stringArg(args.positional[0] ?? args.keyword.get(keyword), w.scope);
    switch (method) {
      case 'drop_column': {
        const column = name('column_name');
        if (table && column) this.ops.push({ kind: 'drop-column', ...base, table, column });
        else this.ops.push(dynamic(base, `drop_column() on a ${table ? 'column' : 'table'} named at run time`));
        return;
      }
      case 'alter_column': {
        const column = name('column_name');
        if (table && column) this.alterColumn(table, column, args, base, w);
        return;
      }
      case 'add_column': {
        const node = args.positional[0] ?? args.keyword.get('column');
        const [column] = node ? this.column(node, w.scope) : [];
        if (table && column) this.ops.push({ kind: 'add-column', ...base, table, column });
        return;
      }
      case 'execute':
        return this.execute(args.positional[0] ?? args.keyword.get('sqltext'), base, w, 'batch_op.execute');
      default:
        return;
    }
  }

  private alterColumn(table: TableRef, column: string, args: Call, base: Base, w: Walk): void {
    const newName = this.stringArg(args.keyword.get('new_column_name'), w.scope);
    if (newName !== null && newName !== column) this.ops.push({ kind: 'rename-column', ...base, table, column, newName });
    const type = args.keyword.get('type_');
    if (type) this.ops.push({ kind: 'alter-column-type', ...base, table, column: newName ?? column, newType: type.text });
  }

  /** `metadata.drop_all(bind)`; with `tables=[…]` of known tables, a drop of each of them instead. */
  private dropAll(receiver: Part, args: Call, base: Base, w: Walk): void {
    const listed = args.keyword.get('tables');
    const tables = listed ? this.evaluate(listed, w.scope) : null;
    if (tables?.kind === 'list' && tables.items.every((t) => t.kind === 'table')) {
      for (const t of tables.items) if (t.kind === 'table') this.ops.push({ kind: 'drop-table', ...base, table: { schema: t.schema, name: t.name } });
      return;
    }
    this.ops.push({ kind: 'drop-all', ...base, target: receiver.text });
  }

  /** `sa.Column("name", sa.String(), …)` → the column; anything else (a constraint) → none. */
  private column(part: Part, scope: Scope): ColumnDef[] {
    const call = this.callReader.asCall(part);
    if (!call || !/(^|\.)Column$/.test(call.callee.text)) return [];
    const name = this.stringArg(call.positional[0] ?? call.keyword.get('name'), scope);
    if (name === null) return [];
    const type = call.positional[1] ?? call.keyword.get('type_');
    return [{ name, type: type?.text ?? null }];
  }

  /**
   * SQL run from Python: a known string is analysed as SQL at its exact place;
   * a Core statement by what it is; anything computed that may destroy is
   * dynamic. `via` names a call known to run SQL (`op.execute`, a connection's
   * `execute`); other `.execute()` calls only count when their SQL visibly destroys.
   */
  private execute(part: Part | undefined, base: Base, w: Walk, via: string | null): void {
    if (!part) return;
    const value = this.evaluate(part, w.scope);
    if (value.kind === 'string') {
      const offsets = value.value.offsets;
      const map = (o: number): number => offsets[Math.min(o, offsets.length - 1)]!;
      // SQL that no parser accepts is reported only if it may destroy data: embedded SQL is often
      // another database's (under a dialect check droplint cannot follow), and the file is valid Python.
      const analysis = analyzeSql(value.value.text, { dialect: w.dialect, phase: w.phase, map });
      this.ops.push(analysis.then((a) => a.operations.filter((op) => op.kind !== 'unparsed' || op.mayBeDestructive)));
      return;
    }
    if (value.kind === 'statement') {
      const t = value.table ? { schema: value.table.schema, name: value.table.name } : null;
      if (value.verb === 'delete') this.ops.push(t ? { kind: 'delete', ...base, table: t, hasWhere: value.hasWhere } : dynamic(base, 'a DELETE on a table named at run time'));
      if (value.verb === 'drop-table') this.ops.push(t ? { kind: 'drop-table', ...base, table: t } : dynamic(base, 'a DROP TABLE on a table named at run time'));
      return;
    }
    const fragments = fragmentsOf(value);
    if (via !== null && (fragments === '' || DESTRUCTIVE.test(fragments))) {
      this.ops.push(dynamic(base, `SQL built at run time (${via})`));
    } else if (via === null && DESTRUCTIVE.test(fragments)) {
      this.ops.push(dynamic(base, 'SQL built at run time'));
    }
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
  private evaluate(part: Part, scope: Scope): PyValue {
    const literal = decodePlainLiterals(part.text, part.start);
    if (literal !== null) return { kind: 'string', value: literal };
    const node = part.node();
    return node ? evaluate(node, scope) : UNKNOWN;
  }

  /** What a `for` iterates: `list(X)`, `tuple(X)` and `sorted(X)` the items of X, `reversed(X)` in reverse. */
  private iterated(node: SyntaxNode, scope: Scope): PyValue {
    const call = node.type === 'call' ? this.callReader.of(node) : null;
    const fn = call?.callee.text;
    const first = fn && /^(reversed|sorted|list|tuple)$/.test(fn) ? call.positional[0] : undefined;
    if (!first) return evaluate(node, scope);
    const items = this.evaluate(first, scope);
    if (items.kind !== 'list') return items;
    if (fn === 'reversed') return { kind: 'list', items: [...items.items].reverse() };
    const byText = (a: PyValue, b: PyValue): number => Number(fragmentsOf(a) > fragmentsOf(b)) - Number(fragmentsOf(a) < fragmentsOf(b));
    return fn === 'sorted' ? { kind: 'list', items: [...items.items].sort(byText) } : items;
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

/** Merges what the branches bound back into `target`: one value per name (see joinValues). */
function merge(target: Scope, forks: readonly Scope[], fallthrough: boolean): void {
  for (const name of new Set(forks.flatMap((f) => f.ownNames()))) {
    const values = forks.map((f) => f.lookup(name));
    if (fallthrough) values.push(target.lookup(name));
    target.bindValue(name, joinValues(values));
  }
}

/** Binds a `for` target to an element: `t` ← "a"; `(t, c)` ← ("a", "b"); unknown parts stay unknown. */
function bindPattern(target: SyntaxNode, value: PyValue, scope: Scope): void {
  if (target.type === 'identifier') return scope.bindValue(target.text, value);
  const parts = target.namedChildren.filter((c) => c.type !== 'comment');
  const items = value.kind === 'list' && value.items.length === parts.length ? value.items : null;
  parts.forEach((part, i) => bindPattern(part, items ? items[i]! : UNKNOWN, scope));
}

function parameterNames(fn: SyntaxNode): string[] {
  return (fn.childForFieldName('parameters')?.namedChildren ?? []).flatMap((p) => {
    const name = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier'));
    return name?.type === 'identifier' ? [name.text] : [];
  });
}

/** The statements of a block, or of a clause holding one (`else:`, `except …:`). */
function blockOf(node: SyntaxNode | null | undefined): SyntaxNode[] {
  if (!node) return [];
  if (node.type === 'block') return node.namedChildren;
  const block = node.childForFieldName('body') ?? node.namedChildren.find((c) => c.type === 'block');
  return block ? block.namedChildren : [];
}

/** In source order; a loop that walks a call several times with the same result reports it once. */
function inSourceOrder(ops: readonly Operation[]): Operation[] {
  // Only operations of the same call can be equal: whole operations are compared only then.
  const place = (op: Operation): string => `${op.kind} ${op.phase} ${op.span.start} ${op.span.end}`;
  const perPlace = new Map<string, number>();
  for (const op of ops) perPlace.set(place(op), (perPlace.get(place(op)) ?? 0) + 1);
  const seen = new Set<string>();
  const unique = ops.filter((op) => {
    if (perPlace.get(place(op)) === 1) return true;
    const key = JSON.stringify(op);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => a.span.start - b.span.start);
}

function dynamic(base: Base, description: string): Operation {
  return { kind: 'dynamic', ...base, description };
}

function unwrapDecorated(node: SyntaxNode): SyntaxNode | null {
  return node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
}

/**
 * The phases a module-level function runs in: its own name, those of the
 * functions that call it, or, for a helper no one here calls, its name's
 * (`upgrade_engine1()` of Alembic's multi-database template).
 */
function phasesOf(name: string, functions: ReadonlyMap<string, SyntaxNode>, calls: () => NodeIndex): Phase[] {
  if (name === 'upgrade') return ['upgrade'];
  if (name === 'downgrade') return ['downgrade'];
  const phases = (['upgrade', 'downgrade'] as const).filter((root) => reaches(root, name, functions, calls, new Set()));
  if (phases.length > 0) return phases;
  const prefix = /^(upgrade|downgrade)_/.exec(name)?.[1] as Phase | undefined;
  return [prefix ?? 'none'];
}

function reaches(from: string, target: string, functions: ReadonlyMap<string, SyntaxNode>, calls: () => NodeIndex, seen: Set<string>): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  const body = functions.get(from)?.childForFieldName('body');
  if (!body) return false;
  for (const call of calls().within(body)) {
    const callee = call.type === 'call' ? call.node.childForFieldName('function') : null;
    if (callee?.type !== 'identifier' || !functions.has(callee.text)) continue;
    if (callee.text === target || reaches(callee.text, target, functions, calls, seen)) return true;
  }
  return false;
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

/** Whether a block ends by leaving the function (or the loop): what follows runs only when it is not taken. */
function endsInExit(block: SyntaxNode | null): boolean {
  const last = block?.namedChildren.filter((c) => c.type !== 'comment').at(-1);
  return last !== undefined && /^(return_statement|raise_statement|continue_statement|break_statement)$/.test(last.type);
}

const DIALECT_NAMES: Readonly<Record<string, Dialect>> = {
  postgresql: 'postgresql',
  postgres: 'postgresql',
  pg: 'postgresql',
  cockroachdb: 'cockroachdb',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
  mssql: 'sqlserver',
  ms: 'sqlserver',
};

/**
 * A condition that checks which database runs the migration: `conn.dialect.name
 * == "sqlite"`, `dialect != 'mssql'`, `bind.engine.name in ("mysql", …)`,
 * `isinstance(bind.dialect, MySQLDialect)`. Null for anything else, or a
 * database droplint has no dialect for.
 */
function dialectTest(condition: SyntaxNode | null): { dialect: Dialect; negated: boolean } | null {
  const text = condition?.text ?? '';
  if (/\b(or|and)\b/.test(text.replace(/(["'])(?:(?!\1).)*\1/g, '""'))) return null;
  const compared = /\b(?:dialect(?:\.name)?|dialect_name|engine\.name)\s*(==|!=|not in|in)\s*(?:[([{]\s*)?["'](\w+)["']/.exec(text);
  // Two steps, not `.*\b(\w+?)Dialect\w*\s*\)$` (quadratic on a long word with many "Dialect"s).
  const call = /^(not\s+)?isinstance\(.*\b(\w+)\s*\)$/is.exec(text);
  const dialectClass = call ? /^(\w+?)Dialect\w*$/.exec(call[2]!) : null;
  const instance = call && dialectClass ? [call[0], call[1], dialectClass[1]] : null;
  const name = (compared?.[2] ?? instance?.[2] ?? '').toLowerCase();
  const dialect = DIALECT_NAMES[name];
  if (!dialect) return null;
  const negated = compared ? compared[1] === '!=' || compared[1] === 'not in' : instance?.[1] !== undefined;
  return { dialect, negated: /^not\b/.test(text) && compared ? !negated : negated };
}

import type { SyntaxNode } from 'tree-sitter';
import type { Operation, Span } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { CallReader, DOTTED_NAME, isIdentifier, type Call } from '../python/call-reader.js';
import { NodeIndex } from '../python/node-index.js';
import { scanCall } from '../python/py-text.js';
import type { ProjectModule } from '../python/project-modules.js';
import { moduleStatements } from '../python/python.js';
import { rowItems, rowRead } from '../python/row-values.js';
import { assignedNames, evaluate, fragmentsOf, joinValues, type PyValue, Scope, UNKNOWN } from '../python/values.js';
import { CallOperations, dynamic, type CallSite } from './call-operations.js';
import { bindArguments } from '../python/arguments.js';
import { atCallSite, MAX_HELPER_DEPTH } from './helper-calls.js';
import { nameSaysItDestroys } from '../destroying-name.js';
import { moduleFunctions, phasesOf, unwrapDecorated } from './phases.js';
import type { RowLoop } from './row-copies.js';
import { UnicodePattern } from '../unicode-pattern.js';

/** The nodes the reader looks into. */
const CALLS_AND_COMPREHENSIONS = ['call', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression'];

/** The start of a call that grows a list: `cols.append(`, `cols.extend(`. */
const GROWS = new UnicodePattern(/^[A-Za-z_][A-Za-z0-9_]*\s*\.\s*(?:append|extend)\s*\(/, String.raw`^[\p{L}_][\p{L}\p{N}_]*\s*\.\s*(?:append|extend)\s*\(`);

/** Past this many walks of one loop body (nested loops multiply), the loop variable is left unknown. */
const MAX_LOOP_PASSES = 2000;

interface Walk extends CallSite {
  /** How many times the enclosing loops walk this body. */
  readonly passes: number;
}

/**
 * Reads the operations of an Alembic migration by walking its code as it
 * runs: each function in the phase it runs in (`upgrade()`, `downgrade()`,
 * and the helpers they call), names followed through assignments in order,
 * branches merged, loops unrolled over known lists, so that a value is known
 * where it is certain and unknown, never guessed, where it is not. Each call
 * on the way is handed to `CallOperations`.
 */
export class OperationReader {
  private readonly ops: Array<Operation | Promise<Operation[]>> = [];
  private readonly operations: CallOperations;
  private readonly callReader: CallReader;
  /** The module's calls and comprehensions, found by one native query (tens of microseconds) when first needed. */
  private nodeIndex: NodeIndex | null = null;

  constructor(
    private readonly module: SyntaxNode,
    private readonly source: string,
    private readonly moduleScope: Scope,
    private readonly dialect: Dialect,
    /** The file as a module of its project, to follow what it imports; null when its place on disk is unknown. */
    private readonly project: ProjectModule | null = null,
    /** The helper functions being read, outermost first: empty for a migration itself. */
    private readonly helpers: readonly SyntaxNode[] = [],
  ) {
    this.callReader = new CallReader(module, source);
    this.operations = new CallOperations(module, source, this.callReader, this.ops);
  }

  async read(): Promise<Operation[]> {
    const functions = moduleFunctions(this.module);
    for (const [name, fn] of functions) {
      for (const phase of phasesOf(name, functions, () => this.callIndex())) this.function(fn, { ...this.start(), phase });
    }
    // Code outside any function runs on import: read it too, in no phase.
    const topLevel = moduleStatements(this.module).filter((s) => unwrapDecorated(s)?.type !== 'function_definition');
    this.walk(topLevel, { ...this.start(), scope: this.moduleScope.child() });
    const settled = (await Promise.all(this.ops.map((o) => (o instanceof Promise ? o : Promise.resolve([o]))))).flat();
    return inSourceOrder(settled);
  }

  /** The operations a helper of this module runs when called with the arguments bound in `scope`. */
  helperOperations(fn: SyntaxNode, scope: Scope, site: Pick<CallSite, 'phase' | 'dialect'>): ReadonlyArray<Operation | Promise<Operation[]>> {
    this.walk(blockOf(fn.childForFieldName('body')), { ...this.start(), ...site, scope });
    return this.ops;
  }

  private start(): Walk {
    return { phase: 'none', scope: this.moduleScope, batches: new Map(), passes: 1, dialect: this.dialect, rowLoops: [] };
  }

  /** A function body, its parameters unknown (a parameter is whatever the caller passes). */
  private function(fn: SyntaxNode, w: Walk): void {
    const scope = w.scope.child();
    for (const name of parameterNames(fn)) scope.bindValue(name, UNKNOWN);
    const body = fn.childForFieldName('body');
    if (body) this.walk(body.namedChildren, { ...w, scope });
  }

  /** `tryBody`: the statements are those of a `try:` (then its `else:`), whose handlers catch what they raise. */
  private walk(statements: readonly SyntaxNode[], w: Walk, tryBody = false): void {
    let current = w;
    for (const statement of statements) {
      this.statement(statement, current);
      // What follows a `raise` never runs.
      if (statement.type === 'raise_statement' || (tryBody && this.dropsUnnamedConstraint(statement))) return;
      // `if conn.dialect.name != "mssql": return`: the rest runs on MSSQL only.
      const test = statement.type === 'if_statement' ? dialectTest(statement.childForFieldName('condition')) : null;
      if (test?.negated && statement.childrenForFieldName('alternative').length === 0 && endsInExit(statement.childForFieldName('consequence'))) {
        current = { ...current, dialect: test.dialect };
      }
    }
  }

  /**
   * Whether a statement drops a constraint by the name `None`
   * (`op.drop_constraint(None, "t", type_="foreignkey")`, as autogenerate
   * writes for an unnamed one): no database can be told that, so it raises
   * whenever it runs (SQLAlchemy refuses to compile it, batch mode to apply
   * it). Old migrations wrap it in `try:` with drops after it that have never
   * run since. Outside a `try:` the migration fails there until it is fixed,
   * and what follows is read as it will run once it is.
   */
  private dropsUnnamedConstraint(node: SyntaxNode): boolean {
    const [expression] = node.type === 'expression_statement' ? node.namedChildren : [];
    if (expression?.type !== 'call') return false;
    const call = this.callReader.of(expression);
    if (call.method !== 'drop_constraint') return false;
    const name = call.keyword.get('constraint_name') ?? call.positional[0];
    return name?.text === 'None';
  }

  private statement(node: SyntaxNode, w: Walk): void {
    switch (node.type) {
      case 'function_definition':
        // A function defined inside upgrade() runs, if at all, in upgrade(): read where it is defined.
        if (isUsed(node)) this.function(node, w);
        return;
      case 'decorated_definition': {
        // A decorator registers the function (a Flask route, an event listener): it runs when used by name, if ever.
        const definition = node.childForFieldName('definition');
        if (definition?.type === 'function_definition' && isUsed(definition)) this.function(definition, w);
        return;
      }
      case 'class_definition':
        return; // Models and helpers declared for the migration: no operations run.
      case 'expression_statement':
        // A statement that is one Alembic operation assigns nothing.
        if (this.calls(node, w)) return;
        for (const child of node.namedChildren) this.bind(child, w.scope);
        return this.grow(node, w);
      case 'with_statement':
        return this.withStatement(node, w);
      case 'for_statement':
        return this.forStatement(node, w);
      case 'while_statement':
        this.calls(node.childForFieldName('condition'), w);
        this.branches([{ body: node.childForFieldName('body') }], guarded(w, 'while'), true);
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
    // `row: Row` annotates a name without binding it again.
    if (node.type === 'assignment' && node.childForFieldName('right') !== null) {
      // All values first: `a, b = b, a` swaps.
      const values = assignedNames(node).map(([name, value]): [string, PyValue] => [name, value ? evaluate(value, scope) : UNKNOWN]);
      for (const [name, value] of values) scope.bindValue(name, value);
    } else if (node.type === 'augmented_assignment') {
      // `sql += "…"` is `sql = sql + "…"`; other operators give an unknown value with the same text.
      const left = node.childForFieldName('left');
      if (left?.type === 'identifier') scope.bindValue(left.text, evaluate(node, scope));
    }
  }

  /**
   * `cols.append(c)`, `cols.extend(more)`: the list a name holds grows (helpers collect what they drop, then loop).
   * A row appended in a loop over rows read is one per row read (`rows.append({"new": old.col})`, then
   * `op.bulk_insert(t, rows)`).
   */
  private grow(node: SyntaxNode, w: Walk): void {
    const { scope } = w;
    const [call] = node.namedChildren;
    // Most statements here are calls of other things: told apart by their text before being read.
    if (call?.type !== 'call' || !GROWS.test(this.source.slice(call.startIndex, call.endIndex))) return;
    const { receiver, method, positional, keyword } = this.callReader.of(call);
    if (receiver === null || !isIdentifier(receiver) || (method !== 'append' && method !== 'extend')) return;
    const list = scope.lookup(receiver.text);
    const [argument] = positional;
    if (list.kind !== 'list') return;
    const added = argument === undefined || positional.length > 1 || keyword.size > 0 ? UNKNOWN : this.operations.evaluate(argument, scope);
    if (method === 'append' && added.kind === 'dict' && w.rowLoops.length > 0) this.operations.rowsAppended(added, w.rowLoops);
    if (method === 'append') return scope.bindValue(receiver.text, { kind: 'list', items: [...list.items, added] });
    scope.bindValue(receiver.text, added.kind === 'list' ? { kind: 'list', items: [...list.items, ...added.items] } : UNKNOWN);
  }

  private ifStatement(node: SyntaxNode, w: Walk): void {
    // A branch taken on one database only reads its SQL in that database's dialect.
    const branches: Array<{ body: SyntaxNode | null; dialect: Dialect; condition: SyntaxNode | null }> = [];
    let otherwise: Dialect = w.dialect;
    let exhaustive = false;
    for (const clause of [node, ...node.childrenForFieldName('alternative')]) {
      const condition = clause.childForFieldName('condition');
      this.calls(condition, w);
      const test = dialectTest(condition);
      const body = clause.childForFieldName('consequence') ?? clause.childForFieldName('body');
      branches.push({ body, dialect: condition === null ? otherwise : test && !test.negated ? test.dialect : w.dialect, condition });
      if (test?.negated) otherwise = test.dialect;
      exhaustive ||= clause.type === 'else_clause';
    }
    // `if row.col is not None:` alone skips only the rows that hold nothing in col.
    const [only] = branches;
    const nonNull = branches.length === 1 && only ? this.nonNullTest(only.condition, w) : null;
    this.branches(branches, nonNull ?? guarded(w, 'if'), !exhaustive);
  }

  /** The walk inside `if <row>.<col> is not None:` of a loop over rows, the column required of that loop's rows; null for other conditions. */
  private nonNullTest(condition: SyntaxNode | null, w: Walk): Walk | null {
    const [left, right] = condition?.type === 'comparison_operator' ? condition.namedChildren : [];
    if (
      !left ||
      right?.type !== 'none' ||
      !/\bis\s+not\s*$/.test(condition!.text.slice(left.endIndex - condition!.startIndex, right.startIndex - condition!.startIndex))
    )
      return null;
    const value = evaluate(left, w.scope);
    if (value.kind !== 'derived' || value.columns.length !== 1) return null;
    const column = value.columns[0]!;
    if (!w.rowLoops.some((loop) => loop.read === value.read)) return null;
    return {
      ...w,
      rowLoops: w.rowLoops.map((loop) =>
        loop.read === value.read && loop.guard === null
          ? { ...loop, nonNull: [...(loop.nonNull ?? []), column] }
          : loop.guard === null
            ? { ...loop, guard: 'if' }
            : loop,
      ),
    };
  }

  private tryStatement(node: SyntaxNode, w: Walk): void {
    // The body (then `else`) or one of the handlers runs; `finally` always does.
    const clauses = node.namedChildren;
    const fork = (): Scope => w.scope.child();
    const main = fork();
    // An exception caught may skip what follows it for some rows of a loop.
    const inTry = guarded(w, 'try');
    this.walk([...blockOf(node.childForFieldName('body')), ...blockOf(clauses.find((c) => c.type === 'else_clause'))], { ...inTry, scope: main }, true);
    const handlers = clauses
      .filter((c) => c.type === 'except_clause' || c.type === 'except_group_clause')
      .map((clause) => {
        const scope = fork();
        this.walk(blockOf(clause), { ...inTry, scope });
        return {
          scope,
          raises:
            blockOf(clause)
              .filter((c) => c.type !== 'comment')
              .at(-1)?.type === 'raise_statement',
        };
      });
    // A handler that ends in `raise` stops the migration: what follows the `try` runs only after the body.
    merge(w.scope, [main, ...handlers.filter((h) => !h.raises).map((h) => h.scope)], false);
    this.walk(blockOf(clauses.find((c) => c.type === 'finally_clause')), w);
  }

  /** Alternative bodies, each on its own copy of the names; `fallthrough`: none of them may run. */
  private branches(bodies: ReadonlyArray<{ body: SyntaxNode | null; dialect?: Dialect }>, w: Walk, fallthrough: boolean): void {
    // Arms of one construct never both run: their operations say which arm they are on.
    const construct = bodies.map(({ body }) => body?.startIndex ?? '').join('/');
    const forks = bodies.map(({ body, dialect }, arm) => {
      const scope = w.scope.child();
      const branch = bodies.length > 1 ? [...(w.branch ?? []), `${construct}:${arm}`] : w.branch;
      this.walk(blockOf(body), { ...w, scope, dialect: dialect ?? w.dialect, ...(branch && { branch }) });
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
      const batch = this.operations.batchTable(expression, w.scope);
      if (batch !== undefined) {
        if (target?.type === 'identifier') batches.set(target.text, batch);
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
    const read = rowRead(iterable, w.dialect);
    if (read !== null) return this.rowLoop(node, { kind: 'row', read }, w);
    // One pass per known element: `for t in TABLES: op.drop_table(t)` drops each of them.
    const known = iterable.kind === 'list' && iterable.items.length > 0 && w.passes * iterable.items.length <= MAX_LOOP_PASSES;
    const items = known ? iterable.items : [UNKNOWN];
    const forks = items.map((item) => {
      const scope = w.scope.child();
      if (left) bindPattern(left, item, scope);
      this.walk(blockOf(node.childForFieldName('body')), { ...guarded(w, 'for'), scope, passes: w.passes * items.length });
      return scope;
    });
    merge(w.scope, forks, true);
    this.walk(blockOf(node.childForFieldName('alternative')), w);
  }

  /**
   * A loop over the rows a query read: its body is walked once, with the loop
   * variable a row of the read, so that what it writes from the row is a copy
   * (see row-copies). A body that may `continue`, `break` or `return` may skip rows.
   */
  private rowLoop(node: SyntaxNode, row: PyValue & { kind: 'row' }, w: Walk): void {
    const left = node.childForFieldName('left');
    const body = node.childForFieldName('body');
    const scope = w.scope.child();
    if (left) bindPattern(left, row, scope);
    const loop: RowLoop = { read: row.read, guard: leavesEarly(body) ? 'if' : null };
    this.walk(blockOf(body), { ...guarded(w, 'for'), scope, rowLoops: [...guarded(w, 'for').rowLoops, loop] });
    merge(w.scope, [scope], true);
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
    if (operation !== null && DOTTED_NAME.test(operation.callee.text) && this.operations.isOperation(operation, w)) {
      this.operations.call(operation, { start, end }, w);
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
        if (this.operations.call(call, inner, w)) inside = inner.end;
        else this.projectCall(call, inner, w);
      } else if (this.comprehension(inner.node, w)) inside = inner.end;
    }
    return false;
  }

  /**
   * A call of the project's own code: a helper imported from another module
   * (or, inside a helper, one of its module's functions) is read with its
   * parameters bound to this call's arguments, and what it runs is reported
   * here. One that cannot be read, and whose name says it destroys, is
   * reported as dynamic rather than passed over.
   */
  private projectCall(call: Call, span: Span, w: Walk): void {
    const callee = call.callee.text;
    if (this.project === null || !DOTTED_NAME.test(callee)) return;
    // A migration's own functions are walked in their phases already (see `read`).
    const local = this.helpers.length > 0 ? this.project.functions().get(callee) : undefined;
    const found =
      local !== undefined ? { kind: 'function' as const, module: this.project, fn: local, from: '', name: callee } : this.project.importedFunction(callee);
    if (found === null) return;
    // A helper calling itself again runs what is being read already.
    if (found.kind === 'function' && this.helpers.includes(found.fn)) return;
    if (found.kind === 'function' && this.helpers.length < MAX_HELPER_DEPTH) {
      const { module, fn } = found;
      const scope = module.scope.child();
      bindArguments(fn, call, (part) => this.operations.evaluate(part, w.scope), scope, module.scope);
      const reader = new OperationReader(module.module, module.source, module.scope, w.dialect, module, [...this.helpers, fn]);
      this.ops.push(...atCallSite(reader.helperOperations(fn, scope, w), span));
    } else if (nameSaysItDestroys(found.name) && found.from !== '') {
      const base = { span: { start: span.start, end: span.end }, phase: w.phase };
      this.ops.push(dynamic(base, `${found.name}() from ${found.from}, whose code droplint cannot follow`));
    }
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

  /** What a `for` iterates: `list(X)`, `tuple(X)` and `sorted(X)` the items of X, `reversed(X)` in reverse. */
  private iterated(node: SyntaxNode, scope: Scope): PyValue {
    const call = node.type === 'call' ? this.callReader.of(node) : null;
    const fn = call?.callee.text;
    const first = fn && /^(reversed|sorted|list|tuple)$/.test(fn) ? call.positional[0] : undefined;
    if (!first) return evaluate(node, scope);
    const items = this.operations.evaluate(first, scope);
    if (items.kind !== 'list') return items;
    if (fn === 'reversed') return { kind: 'list', items: [...items.items].reverse() };
    const byText = (a: PyValue, b: PyValue): number => Number(fragmentsOf(a) > fragmentsOf(b)) - Number(fragmentsOf(a) < fragmentsOf(b));
    return fn === 'sorted' ? { kind: 'list', items: [...items.items].sort(byText) } : items;
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

/** Binds a `for` target to an element: `t` ← "a"; `(t, c)` ← ("a", "b"), or a row's items; unknown parts stay unknown. */
function bindPattern(target: SyntaxNode, value: PyValue, scope: Scope): void {
  if (target.type === 'identifier') return scope.bindValue(target.text, value);
  const parts = target.namedChildren.filter((c) => c.type !== 'comment');
  const items = value.kind === 'list' && value.items.length === parts.length ? value.items : value.kind === 'row' ? rowItems(value.read, parts.length) : null;
  parts.forEach((part, i) => bindPattern(part, items?.[i] ?? UNKNOWN, scope));
}

/** The walk inside a compound statement: every pass of a loop over rows may now skip this point, for `why`. */
function guarded(w: Walk, why: string): Walk {
  return w.rowLoops.length === 0 ? w : { ...w, rowLoops: w.rowLoops.map((loop) => (loop.guard === null ? { ...loop, guard: why } : loop)) };
}

/** Whether a loop body may leave a pass early: `continue`, `break` or `return` anywhere in it, outside functions it defines. */
function leavesEarly(node: SyntaxNode | null): boolean {
  if (node === null || node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') return false;
  if (node.type === 'continue_statement' || node.type === 'break_statement' || node.type === 'return_statement') return true;
  return node.namedChildren.some(leavesEarly);
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

/**
 * Whether a nested function's name is used elsewhere in the function that
 * defines it (called, or passed on): one never used never runs.
 */
function isUsed(fn: SyntaxNode): boolean {
  const name = fn.childForFieldName('name');
  let container = fn.parent;
  while (container !== null && container.type !== 'function_definition' && container.type !== 'module') container = container.parent;
  if (name === null || container === null) return true;
  return container.descendantsOfType('identifier').some((id) => id.text === name.text && id.startIndex !== name.startIndex);
}

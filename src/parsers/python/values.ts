import type { SyntaxNode } from 'tree-sitter';
import { sqlStringLiteral } from '../../ir/operations.js';
import { moduleStatements, perModule } from './python.js';
import { decodeString, HOLE, joinStrings, type PyString } from './py-strings.js';
import { derivedFrom, rowColumn, rowItem, statementRead } from './row-values.js';

/**
 * What droplint can know about a Python expression without running it:
 * strings (with their source offsets), lists of values, None, SQLAlchemy table
 * objects and statements, and "unknown" with whatever literal text it contains
 * (enough to see whether a computed SQL string mentions DROP).
 */
export type PyValue =
  | { readonly kind: 'string'; readonly value: PyString }
  | { readonly kind: 'list'; readonly items: readonly PyValue[] }
  | { readonly kind: 'none' }
  | TableValue
  | StatementValue
  /** A class of the module, for `Model.__tablename__` and `Model.__table__`. */
  | { readonly kind: 'class'; readonly tablename: string | null }
  | { readonly kind: 'bind' } // op.get_bind(): a connection
  /** A Core table's column: `t.c.name`. */
  | { readonly kind: 'column'; readonly table: TableValue; readonly name: string }
  /** A dict literal's entries under string keys (bound parameters, `.values({…})`); the others are left out. */
  | { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, PyValue> }
  /**
   * The rows a query returns (`conn.execute(sa.text("SELECT …")).fetchall()`):
   * the SQL text, read in the dialect of the loop over them, or what a Core or
   * ORM query reads.
   */
  | { readonly kind: 'rows'; readonly query: string | RowRead }
  /** One row of a read: the variable of a loop over rows. */
  | { readonly kind: 'row'; readonly read: RowRead }
  /**
   * A value computed from these columns of one row: `row.value`,
   * `json.dumps(value)`, `f"tag:{row.tag}"`; with the literal text it
   * contains, as an unknown value has.
   */
  | { readonly kind: 'derived'; readonly read: RowRead; readonly columns: readonly string[]; readonly fragments: string }
  /**
   * `template`: an f-string with interpolations that could not be resolved,
   * each a `HOLE` in its text, to read what it can do whatever they hold.
   */
  | { readonly kind: 'unknown'; readonly fragments: string; readonly template?: PyString };

/**
 * A SQLAlchemy statement: `t.delete().where(…)`, `sa.update(t)`, …; `query`
 * is an ORM query (`session.query(M)`), whose `.delete()` deletes its rows.
 */
export interface StatementValue {
  readonly kind: 'statement';
  readonly verb: 'delete' | 'drop-table' | 'query' | 'select' | 'update' | 'insert' | 'other';
  readonly table: TableValue | null;
  readonly hasWhere: boolean;
  /** What may leave rows out of those it reads or changes (`WHERE`, `LIMIT`, `JOIN`, …); null when nothing does. */
  readonly limitedBy: string | null;
  /** A select's columns, by name; null when it reads every column of its table (`t.select()`, `session.query(M)`). */
  readonly selected: readonly string[] | null;
  /** What `.values(a=…)` or `.values({"a": …})` writes, by column. */
  readonly assigned: ReadonlyMap<string, PyValue>;
  /**
   * The columns `.values(…)` sets to a Python literal (`None`, `"x"`, `0`,
   * `True`), with the constant as SQL writes it (`NULL`, `'x'`, `0`, `TRUE`):
   * a value, not SQL (`sa.text("col")` is SQL, and not here).
   */
  readonly literals?: ReadonlyMap<string, string>;
  /** Its WHERE as `t.c.column == value` equalities (none without WHERE); null when it has any other condition. */
  readonly keys: ReadonlyArray<{ readonly column: string; readonly value: PyValue }> | null;
  /** An insert that is a model instance (`New(name=…)`): its row is written when a session adds it. */
  readonly instance?: true;
  /** An insert's `.from_select(["a", "b"], select)`: the columns written, null when one is not known, and the select. */
  readonly fromSelect?: { readonly columns: readonly string[] | null; readonly select: StatementValue };
}

/**
 * What a loop over the rows of a query reads: one table, each row's items
 * with the columns of the table their values read, and what may leave rows
 * out of the read.
 */
export interface RowRead {
  readonly source: { readonly schema: string | null; readonly name: string };
  /** The items of a row in order; null when a row has every column of the table, by name (`SELECT *`, `t.select()`). */
  readonly items: ReadonlyArray<{ readonly name: string | null; readonly sources: readonly string[] }> | null;
  readonly limitedBy: string | null;
}

export interface TableValue {
  readonly kind: 'table';
  readonly name: string;
  readonly schema: string | null;
}

export const UNKNOWN: PyValue = { kind: 'unknown', fragments: '' };

/**
 * Names bound in a module, a function or a branch of one: looked up innermost
 * scope first. Module names are bound to their expression and evaluated when
 * used (functions run after the whole module is loaded); names in functions
 * are bound to values as the walk reaches their assignment.
 */
export class Scope {
  private readonly bindings = new Map<string, SyntaxNode | PyValue>();
  private readonly resolving = new Set<string>();

  /** A module whose names are bound when first looked up: most migrations never look one up. */
  private unboundModule: SyntaxNode | null = null;
  /** What a name the module does not bind holds when it imports it from the project (see `bindImports`). */
  private imported: ((name: string) => PyValue | null) | null = null;
  /** What a call of one of the project's functions returns (see `bindCalls`). */
  private returns: ((call: SyntaxNode, scope: Scope) => PyValue | null) | null = null;

  constructor(private readonly parent: Scope | null) {}

  bindNode(name: string, node: SyntaxNode): void {
    this.settle();
    this.bindings.set(name, node);
  }

  bindValue(name: string, value: PyValue): void {
    this.settle();
    this.bindings.set(name, value);
  }

  /** A child scope for a branch, a loop body or a function. */
  child(): Scope {
    return new Scope(this);
  }

  /** Names bound in this scope itself. */
  ownNames(): string[] {
    this.settle();
    return [...this.bindings.keys()];
  }

  lookup(name: string): PyValue {
    this.settle();
    const bound = this.bindings.get(name);
    if (bound === undefined && this.parent === null && this.imported !== null && !this.resolving.has(name)) {
      this.resolving.add(name);
      try {
        const value = this.imported(name);
        if (value !== null) this.bindings.set(name, value);
        return value ?? UNKNOWN;
      } finally {
        this.resolving.delete(name);
      }
    }
    if (bound === undefined) return this.parent?.lookup(name) ?? UNKNOWN;
    if (!isNode(bound)) return bound;
    // `x = x + "…"` or a cycle through other names: give up rather than loop.
    if (this.resolving.has(name)) return UNKNOWN;
    this.resolving.add(name);
    try {
      // Evaluated once: a constant list read in a loop is not evaluated again each time.
      const value = evaluate(bound, this);
      this.bindings.set(name, value);
      return value;
    } finally {
      this.resolving.delete(name);
    }
  }

  /** Binds the module's `name = value` assignments (the last one wins) and its classes, when a name is first looked up. */
  bindModule(module: SyntaxNode): void {
    this.unboundModule = module;
  }

  /** Names the module imports from the project's own modules, read from them when first looked up. */
  bindImports(imported: (name: string) => PyValue | null): void {
    this.imported = imported;
  }

  /** Calls of the module's functions and those it imports from the project: what they return, when it can be told. */
  bindCalls(returns: (call: SyntaxNode, scope: Scope) => PyValue | null): void {
    this.returns = returns;
  }

  /** What `call`, evaluated in this scope, returns as its module's `bindCalls` tells; null when it cannot. */
  returnedBy(call: SyntaxNode, from: Scope = this): PyValue | null {
    return this.parent === null ? (this.returns?.(call, from) ?? null) : this.parent.returnedBy(call, from);
  }

  private settle(): void {
    if (this.unboundModule === null) return;
    const module = this.unboundModule;
    this.unboundModule = null;
    this.bindModuleNow(module);
  }

  private bindModuleNow(module: SyntaxNode): void {
    for (const assignment of moduleAssignments(module)) {
      for (const [name, node] of assignedNames(assignment)) {
        if (node) this.bindNode(name, node);
        else this.bindValue(name, UNKNOWN);
      }
    }
    for (const statement of moduleStatements(module)) {
      const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      const name = definition?.type === 'class_definition' ? definition.childForFieldName('name')?.text : undefined;
      if (name) this.bindNode(name, definition!);
    }
  }
}

/** The assignments written directly in a module (not inside functions or classes). */
export const moduleAssignments = perModule((module): readonly SyntaxNode[] =>
  moduleStatements(module).flatMap((s) => {
    const expression = s.type === 'expression_statement' ? s.firstNamedChild : null;
    return expression?.type === 'assignment' ? [expression] : [];
  }),
);

/**
 * The names an assignment binds, each with the expression it gets: `a = b =
 * x` binds both to `x`; `a, b = x, y` pairs them up; a name whose part cannot
 * be told (`a, b = pair`) gets null.
 */
export function assignedNames(assignment: SyntaxNode): Array<[string, SyntaxNode | null]> {
  const left = assignment.childForFieldName('left');
  let right = assignment.childForFieldName('right');
  const out: Array<[string, SyntaxNode | null]> = [];
  if (right?.type === 'assignment') {
    out.push(...assignedNames(right));
    right = innermostValue(right);
  }
  if (left) out.push(...pairTargets(left, right ?? null));
  return out;
}

function innermostValue(assignment: SyntaxNode): SyntaxNode | null {
  const right = assignment.childForFieldName('right');
  return right?.type === 'assignment' ? innermostValue(right) : right;
}

/** Target names paired with their value: `x` ← v; `(a, b)` ← `(x, y)` element-wise. */
function pairTargets(target: SyntaxNode, value: SyntaxNode | null): Array<[string, SyntaxNode | null]> {
  if (target.type === 'identifier') return [[target.text, value]];
  if (!/^(pattern_list|tuple_pattern|list_pattern|tuple|list|expression_list|parenthesized_expression)$/.test(target.type)) return [];
  const targets = target.namedChildren.filter((c) => c.type !== 'comment');
  const values = value && /^(expression_list|tuple|list)$/.test(value.type) ? value.namedChildren.filter((c) => c.type !== 'comment') : [];
  const paired = values.length === targets.length;
  return targets.flatMap((t, i) => pairTargets(t, paired ? values[i]! : null));
}

function isNode(value: SyntaxNode | PyValue): value is SyntaxNode {
  return typeof (value as SyntaxNode).startIndex === 'number';
}

const TEXT_CALLS = new Set(['text', 'sa.text', 'sqlalchemy.text', 'sa.sql.text', 'sqlalchemy.sql.text', 'sql.text', 'str']);
const TABLE_CALLS = new Set(['table', 'sa.table', 'sqlalchemy.table', 'sa.sql.table', 'Table', 'sa.Table', 'sqlalchemy.Table']);
/** Core statement constructors: `sa.delete(t)` deletes rows; the others do not. */
const STATEMENT_CALLS = /^(?:(?:sa|sqlalchemy|sql|sa\.sql)\.)?(?<verb>delete|update|insert|select)$/;
/** DDL constructs (`sa.schema.CreateSequence(…)`, `DropTable(t)`): `DropTable` drops its table, the others keep data. */
const DDL_CALLS = /(?:^|\.)(?<verb>DropTable|Create[A-Z]\w*|Drop(?:Index|Sequence|Constraint|Comment)|AddConstraint|Set(?:Table|Column)Comment)$/;
/** Methods of a SQL text or statement that return the same statement. */
const SAME_STATEMENT = new Set([
  'select_from',
  'bindparams',
  'execution_options',
  'columns',
  'params',
  'values',
  'returning',
  'order_by',
  'limit',
  'where',
  'filter',
  'filter_by',
  'offset',
  'distinct',
  'join',
  'group_by',
  'having',
]);

export function evaluate(node: SyntaxNode, scope: Scope): PyValue {
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      const holes: PyValue[] = [];
      const value = decodeString(node, (expression) => {
        const hole = evaluate(expression, scope);
        holes.push(hole);
        return asString(hole);
      });
      return value.complete ? { kind: 'string', value } : computed(holes, { kind: 'unknown', fragments: value.text.replaceAll(HOLE, ''), template: value });
    }
    case 'dictionary':
      return dictionary(node, scope);
    case 'identifier':
      return anchored(scope.lookup(node.text), node);
    case 'none':
      return { kind: 'none' };
    case 'parenthesized_expression':
      return node.namedChildren[0] ? evaluate(node.namedChildren[0], scope) : UNKNOWN;
    case 'list':
    case 'tuple':
    case 'set':
    case 'expression_list':
      return { kind: 'list', items: node.namedChildren.filter((c) => c.type !== 'comment').map((c) => evaluate(c, scope)) };
    case 'binary_operator':
    case 'augmented_assignment': {
      // `sql += "…"` reads like `sql + "…"`.
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const operator = node.childForFieldName('operator')?.text.replace(/=$/, '') ?? '';
      if (!left || !right) return UNKNOWN;
      const [a, b] = [evaluate(left, scope), evaluate(right, scope)];
      return computed([a, b], combine(operator, a, b));
    }
    case 'subscript':
      return subscript(node, scope);
    case 'conditional_expression':
      // `f(row.a) if row.b else None` reads both, as SQL's CASE does.
      return computed(
        node.namedChildren.map((c) => evaluate(c, scope)),
        { kind: 'unknown', fragments: literalText(node) },
      );
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression': {
      // `[f"tag.{t}" for t in row.tags]`: computed from what it iterates.
      const iterated = node.namedChildren.flatMap((c) => (c.type === 'for_in_clause' ? [c.childForFieldName('right')] : []));
      return computed(
        iterated.flatMap((r) => (r ? [evaluate(r, scope)] : [])),
        { kind: 'unknown', fragments: literalText(node) },
      );
    }
    case 'attribute':
      return attribute(node, scope);
    case 'call':
      return call(node, scope);
    case 'class_definition': {
      const assignments = node.childForFieldName('body')?.namedChildren.flatMap((s) => (s.namedChildren[0]?.type === 'assignment' ? [s.namedChildren[0]] : []));
      const tablename = assignments?.findLast((a) => a.childForFieldName('left')?.text === '__tablename__')?.childForFieldName('right');
      return { kind: 'class', tablename: tablename ? (asString(evaluate(tablename, scope))?.text ?? null) : null };
    }
    default:
      return { kind: 'unknown', fragments: literalText(node) };
  }
}

/**
 * A name's string as if written where the name is: SQL held in a variable or
 * a constant is reported at the call that runs it (where a suppression
 * comment goes), not at the distant literal.
 */
function anchored(value: PyValue, node: SyntaxNode): PyValue {
  return value.kind === 'string' ? anchoredAt(value, node.startIndex, node.endIndex) : value;
}

/** A value with every string in it placed at [start, end): read from another module, it is reported where it is imported. */
export function anchoredAt(value: PyValue, start: number, end: number): PyValue {
  if (value.kind === 'list') return { kind: 'list', items: value.items.map((item) => anchoredAt(item, start, end)) };
  if (value.kind !== 'string') return value;
  const { text, complete } = value.value;
  return { kind: 'string', value: { text, offsets: [...Array<number>(text.length).fill(start), end], complete } };
}

/** The string a value holds, if it is exactly one string. */
export function asString(value: PyValue): PyString | null {
  return value.kind === 'string' ? value.value : null;
}

/** The literal text a value is known to contain, for judging computed SQL. */
export function fragmentsOf(value: PyValue): string {
  switch (value.kind) {
    case 'string':
      return value.value.text;
    case 'unknown':
      return value.fragments;
    case 'list':
      return value.items.map(fragmentsOf).join(' ');
    case 'dict':
      return [...value.entries.values()].map(fragmentsOf).join(' ');
    case 'derived':
      return value.fragments;
    default:
      return '';
  }
}

/**
 * One value for a name bound differently on several paths (`if`/`else`, a
 * loop that may not run): the value when all paths agree, else unknown with
 * the text of every path, so that a DROP on one of them is still seen.
 */
export function joinValues(values: readonly PyValue[]): PyValue {
  const first = values[0] ?? UNKNOWN;
  if (values.every((v) => sameValue(v, first))) return first;
  // A list built differently on each path (`cols.append(c)` in some of them) may hold any of their items:
  // what a loop over it drops, it may drop.
  if (values.every((v) => v.kind === 'list')) {
    const items: PyValue[] = [];
    for (const item of values.flatMap((v) => (v.kind === 'list' ? v.items : []))) if (!items.some((known) => sameValue(known, item))) items.push(item);
    return { kind: 'list', items };
  }
  const fragments = values.map(fragmentsOf).join(' ');
  // Read from one row on every path (`if …: val = row.a` / `else: val = row.b`): computed from those columns. A path
  // that sets nothing of the row (`val = None` where a conversion fails) loses the values it meets.
  const fromRow = values.every((v) => v.kind === 'derived') ? derivedFrom(values, fragments) : null;
  return fromRow ?? { kind: 'unknown', fragments };
}

function sameValue(a: PyValue, b: PyValue): boolean {
  if (a === b) return true;
  if (a.kind === 'string' && b.kind === 'string') return a.value.text === b.value.text && a.value.offsets[0] === b.value.offsets[0];
  if (a.kind === 'list' && b.kind === 'list') return a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i]!));
  if (a.kind === 'table' && b.kind === 'table') return a.name === b.name && a.schema === b.schema;
  return a.kind === b.kind && (a.kind === 'none' || a.kind === 'bind');
}

function combine(operator: string, a: PyValue, b: PyValue): PyValue {
  if (operator === '+') {
    const sa = asString(a);
    const sb = asString(b);
    if (sa && sb) return { kind: 'string', value: joinStrings([sa, sb]) };
    if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', items: [...a.items, ...b.items] };
  }
  // `"DROP TABLE %s" % name`: unknown, but it visibly builds a DROP.
  return { kind: 'unknown', fragments: `${fragmentsOf(a)} ${fragmentsOf(b)}` };
}

function attribute(node: SyntaxNode, scope: Scope): PyValue {
  const object = node.childForFieldName('object');
  const name = node.childForFieldName('attribute')?.text;
  const value = object && name ? evaluate(object, scope) : UNKNOWN;
  // `row.value`; `row._mapping` is the row, read by name.
  if (value.kind === 'row' && name) return name === '_mapping' ? value : name.startsWith('_') ? UNKNOWN : (rowColumn(value.read, name) ?? UNKNOWN);
  // `t.c.name`: a Core table's column.
  const table = object?.type === 'attribute' && object.childForFieldName('attribute')?.text === 'c' ? object.childForFieldName('object') : null;
  if (table && name) {
    const owner = tableOf(evaluate(table, scope));
    if (owner) return { kind: 'column', table: owner, name };
  }
  const owner = name === '__tablename__' || name === '__table__' || name === 'query' ? value : null;
  // Flask-SQLAlchemy's `Model.query`: a query of the model's table.
  if (name === 'query') return owner?.kind === 'class' ? newStatement('query', tableOf(owner)) : UNKNOWN;
  if (owner?.kind === 'class' && owner.tablename !== null) {
    const tablename = owner.tablename;
    if (name === '__table__') return { kind: 'table', name: tablename, schema: null };
    return { kind: 'string', value: { text: tablename, offsets: [...Array<number>(tablename.length).fill(node.startIndex), node.endIndex], complete: true } };
  }
  return UNKNOWN;
}

function subscript(node: SyntaxNode, scope: Scope): PyValue {
  const value = node.childForFieldName('value');
  const index = node.childForFieldName('subscript');
  const of = value ? evaluate(value, scope) : UNKNOWN;
  // TABLES[0]: an element of a known list.
  if (of.kind === 'list' && index?.type === 'integer') return of.items.at(Number(index.text)) ?? UNKNOWN;
  const key = index?.type === 'string' ? asString(evaluate(index, scope))?.text : undefined;
  // `row[1]`, `row["value"]`: an item of a row read.
  if (of.kind === 'row' && index?.type === 'integer') return rowItem(of.read, Number(index.text)) ?? UNKNOWN;
  if (of.kind === 'row' && key !== undefined) return rowColumn(of.read, key) ?? UNKNOWN;
  // `t.c["name"]`; `metadata.tables["name"]`, a reflected table.
  const owner = value?.type === 'attribute' ? value.childForFieldName('object') : null;
  const member = value?.type === 'attribute' ? value.childForFieldName('attribute')?.text : undefined;
  if (key !== undefined && member === 'c' && owner) {
    const table = tableOf(evaluate(owner, scope));
    if (table) return { kind: 'column', table, name: key };
  }
  if (key !== undefined && member === 'tables') return { kind: 'table', name: key, schema: null };
  return { kind: 'unknown', fragments: literalText(node) };
}

/** `{"a": x, …}`: its entries under string keys. */
function dictionary(node: SyntaxNode, scope: Scope): PyValue {
  const entries = new Map<string, PyValue>();
  for (const pair of node.namedChildren) {
    const key = pair.type === 'pair' ? pair.childForFieldName('key') : null;
    const value = pair.childForFieldName('value');
    const name = key ? asString(evaluate(key, scope))?.text : undefined;
    if (name !== undefined && value) entries.set(name, evaluate(value, scope));
  }
  return { kind: 'dict', entries };
}

/** The table a value stands for: a table, or a model class with a known `__tablename__`. */
function tableOf(value: PyValue): TableValue | null {
  if (value.kind === 'table') return value;
  return value.kind === 'class' && value.tablename !== null ? { kind: 'table', name: value.tablename, schema: null } : null;
}

function call(node: SyntaxNode, scope: Scope): PyValue {
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  const name = fn?.text ?? '';
  const positional = args?.namedChildren.filter((a) => a.type !== 'keyword_argument' && a.type !== 'comment') ?? [];
  const first = positional[0];
  if ((TEXT_CALLS.has(name) || /(^|\.)DDL$/.test(name)) && first) return evaluate(first, scope);
  // op.f("ix_name") marks a name as already conventional: the value is the name.
  if (/^(op|alembic\.op)\.f$/.test(name) && first) return evaluate(first, scope);
  // `TABLE_CALLS`, and `op.create_table("t", …)`, which returns the table it creates.
  if ((TABLE_CALLS.has(name) || /^(op|alembic\.op)\.create_table$/.test(name)) && first) {
    const tableName = asString(evaluate(first, scope));
    const schemaArg = args?.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'schema');
    const schemaValue = schemaArg?.childForFieldName('value');
    const schema = schemaValue ? asString(evaluate(schemaValue, scope)) : null;
    if (tableName) return { kind: 'table', name: tableName.text, schema: schema?.text ?? null };
  }
  if (/(^|\.)get_bind$/.test(name)) return { kind: 'bind' };
  const verb = (STATEMENT_CALLS.exec(name) ?? DDL_CALLS.exec(name))?.groups?.verb;
  if (verb === 'select') return coreSelect(positional.map((a) => evaluate(a, scope)));
  if (verb) return statement(verb, first ? evaluate(first, scope) : UNKNOWN);
  const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
  const target = object ? evaluate(object, scope) : UNKNOWN;
  if (fn?.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (method === 'connect' && target.kind === 'bind') return target;
    // `session.query(M)`: an ORM query, whatever `session` is; of no known table when `M` is not known.
    if (method === 'query' && first) return { ...newStatement('query', tableOf(evaluate(first, scope))), selected: null };
    if (method === 'delete' && target.kind === 'statement' && target.verb === 'query') {
      // `.delete()` deletes what the query selects.
      return { ...target, verb: 'delete' };
    }
    // `t.delete()`, `t.update()`: a statement on the table, whatever `t` is.
    if (method === 'select' && target.kind !== 'statement') return coreSelect([target]);
    if (/^(delete|update|insert)$/.test(method) && (target.kind === 'table' || method !== 'delete')) {
      // SQLAlchemy 1.x's `t.delete(cond)`, `t.update(cond)`: the condition is its WHERE.
      const whereclause = first ?? args?.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'whereclause');
      const made = statement(method, target);
      return whereclause !== undefined && method !== 'insert' && made.kind === 'statement' ? { ...made, hasWhere: true, limitedBy: 'WHERE', keys: null } : made;
    }
    // `t.insert().from_select(["a", "b"], sa.select(…))`: the rows of the select, written into those columns.
    if (method === 'from_select' && target.kind === 'statement' && target.verb === 'insert' && args) return fromSelect(target, args, scope);
    // `.get(pk)`, `.first()`, `.one()`: a row, as a model instance; its `.delete()` is the model's own method.
    if (target.kind === 'statement' && target.verb === 'query' && ONE_ROW.has(method)) return UNKNOWN;
    // Every other method of an ORM query (`.options(…)`, `.filter(…)`) gives a query again.
    if (target.kind === 'statement' && (target.verb === 'query' || SAME_STATEMENT.has(method))) return refined(target, method, args, scope);
    if (target.kind === 'string' && /^(bindparams|execution_options|columns)$/.test(method)) return target;
    // `conn.execute(sa.text("SELECT …"))`, `.fetchall()`: the rows a query returns, for a loop over them.
    const rows = method === 'execute' && first ? rowsOf(evaluate(first, scope)) : ROWS_AGAIN.has(method) && target.kind === 'rows' ? target : null;
    if (rows !== null) return rows;
    // What a query returns is the database's, not computed from its parameters.
    if (method === 'execute') return { kind: 'unknown', fragments: args ? literalText(args) : '' };
    // "…{}…".format(x): the template is visible even if the arguments are not.
    if (method === 'format') return computed([target], { kind: 'unknown', fragments: fragmentsOf(target) });
  }
  // `New(name=old.name)`: a model instance, the row a session inserts once it adds it (`session.add(…)`).
  if (fn?.type === 'identifier' && args) {
    const model = tableOf(evaluate(fn, scope));
    if (model !== null) return { ...newStatement('insert', model), assigned: keywordValues(args, scope), instance: true };
  }
  // `load_table("shares", conn)`, a project function that returns `sa.Table(name, …)`; what its body leaves
  // unknown is read as any call is, from its arguments below.
  const returned = scope.returnedBy(node);
  if (returned !== null && returned.kind !== 'unknown') return returned;
  // `json.dumps(value)`, `value.strip()`: computed from what its arguments read of a row.
  const parts = args?.namedChildren.map((a) => (a.type === 'keyword_argument' ? a.childForFieldName('value') : a)) ?? [];
  const values = parts.flatMap((p) => (p && p.type !== 'comment' ? [evaluate(p, scope)] : []));
  return computed([target, ...values], { kind: 'unknown', fragments: args ? literalText(args) : '' });
}

/** A call's keyword arguments, by name (`name=old.name`: the model's attribute, as its column). */
function keywordValues(args: SyntaxNode, scope: Scope): Map<string, PyValue> {
  const values = new Map<string, PyValue>();
  for (const a of args.namedChildren) {
    const name = a.type === 'keyword_argument' ? a.childForFieldName('name')?.text : undefined;
    const value = a.childForFieldName('value');
    if (name !== undefined && value) values.set(name, evaluate(value, scope));
  }
  return values;
}

/**
 * `otherwise`, what a value computed from `parts` is known to be, unless the
 * parts read a row: then a value derived from the row, with the same text.
 */
function computed(parts: readonly PyValue[], otherwise: PyValue): PyValue {
  return derivedFrom(parts, fragmentsOf(otherwise)) ?? otherwise;
}

/** Methods of a result that give its rows again. */
const ROWS_AGAIN = new Set(['fetchall', 'all', 'mappings']);

/** Methods of a statement that leave rows out of what it reads, with the clause each is. */
const LIMITING_METHODS: Readonly<Record<string, string>> = {
  where: 'WHERE',
  filter: 'WHERE',
  filter_by: 'WHERE',
  limit: 'LIMIT',
  offset: 'OFFSET',
  distinct: 'DISTINCT',
  join: 'JOIN',
  group_by: 'GROUP BY',
  having: 'HAVING',
};

/** Methods of an ORM query that return one row (or a number), not a query. */
const ONE_ROW = new Set(['get', 'get_or_404', 'first', 'first_or_404', 'one', 'one_or_none', 'one_or_404', 'scalar', 'count']);

/** Methods of an ORM query that give every row of it again. */
const QUERY_KEEPS = new Set(['all', 'options', 'order_by', 'yield_per', 'execution_options', 'enable_eagerloads', 'populate_existing', 'values']);

/** A Python literal as SQL writes the constant (see StatementValue.literals); null for any other expression. */
function sqlLiteral(node: SyntaxNode, scope: Scope): string | null {
  switch (node.type) {
    case 'none':
      return 'NULL';
    case 'true':
    case 'false':
      return node.type.toUpperCase();
    case 'integer':
    case 'float':
      return node.text;
    case 'string': {
      const text = asString(evaluate(node, scope));
      return text?.complete ? sqlStringLiteral(text.text) : null;
    }
    default:
      return null;
  }
}

/** A statement after one of its methods: `.where(…)`, `.values(…)`, `.limit(…)`, … */
function refined(target: StatementValue, method: string, args: SyntaxNode | null, scope: Scope): StatementValue {
  const list = args?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
  if (method === 'values') {
    const assigned = new Map(target.assigned);
    const literals = new Map(target.literals);
    const set = (key: string, node: SyntaxNode): void => {
      const literal = sqlLiteral(node, scope);
      if (literal === null) literals.delete(key);
      else literals.set(key, literal);
    };
    for (const a of list) {
      const value = a.type === 'keyword_argument' ? a.childForFieldName('value') : null;
      const key = a.childForFieldName('name')?.text;
      if (value && key) {
        assigned.set(key, evaluate(value, scope));
        set(key, value);
      }
      const dict = a.type === 'dictionary' ? evaluate(a, scope) : null;
      if (dict?.kind === 'dict') for (const [k, v] of dict.entries) assigned.set(k, v);
      for (const pair of a.type === 'dictionary' ? a.namedChildren : []) {
        const k = pair.type === 'pair' ? asString(evaluate(pair.childForFieldName('key')!, scope)) : null;
        const v = pair.childForFieldName('value');
        if (k?.complete && v) set(k.text, v);
      }
    }
    return { ...target, assigned, literals };
  }
  const clause = LIMITING_METHODS[method] ?? (target.verb === 'query' && !QUERY_KEEPS.has(method) ? method : null);
  if (clause === null) return target;
  const isWhere = clause === 'WHERE';
  const key = isWhere && method !== 'filter_by' && list.length === 1 ? keyEquality(list[0]!, target.table, scope) : null;
  return {
    ...target,
    hasWhere: target.hasWhere || isWhere,
    limitedBy: target.limitedBy ?? clause,
    keys: isWhere ? target.keys && key && [...target.keys, key] : target.keys,
  };
}

/** `t.c.id == value` (either way round), on a column of `table`; null for any other condition. */
function keyEquality(node: SyntaxNode, table: TableValue | null, scope: Scope): { column: string; value: PyValue } | null {
  if (node.type !== 'comparison_operator' || node.namedChildCount !== 2 || node.child(1)?.type !== '==' || table === null) return null;
  const [a, b] = node.namedChildren.map((side) => evaluate(side, scope)) as [PyValue, PyValue];
  const [column, value] = a.kind === 'column' ? [a, b] : [b, a];
  if (column.kind !== 'column' || column.table.name !== table.name || column.table.schema !== table.schema) return null;
  return { column: column.name, value };
}

/** `sa.select(t.c.a, t.c.b)`, `sa.select([…])`, `sa.select(t)`, `t.select()`: what it reads, when that is one table. */
function coreSelect(parts: readonly PyValue[]): StatementValue {
  const [only] = parts;
  const items = parts.length === 1 && only?.kind === 'list' ? only.items : parts;
  const whole = items.length === 1 ? tableOf(items[0]!) : null;
  if (whole !== null) return newStatement('select', whole);
  const columns = items.flatMap((i) => (i.kind === 'column' ? [i] : []));
  const [one] = columns;
  const sameTable =
    one !== undefined && columns.length === items.length && columns.every((c) => c.table.name === one.table.name && c.table.schema === one.table.schema);
  return sameTable ? { ...newStatement('select', one.table), selected: columns.map((c) => c.name) } : newStatement('select', null);
}

/** `insert.from_select(names, select)`; the insert unchanged when its arguments are not those. */
function fromSelect(insert: StatementValue, args: SyntaxNode, scope: Scope): StatementValue {
  const [names, query] = args.namedChildren.filter((a) => a.type !== 'comment' && a.type !== 'keyword_argument');
  const select = query ? evaluate(query, scope) : UNKNOWN;
  if (select.kind !== 'statement' || select.verb !== 'select' || names === undefined) return insert;
  const listed = evaluate(names, scope);
  const columns = listed.kind === 'list' ? listed.items.map((item) => (item.kind === 'column' ? item.name : (asString(item)?.text ?? null))) : [];
  return { ...insert, fromSelect: { columns: columns.every((c): c is string => c !== null) ? columns : null, select } };
}

/** What `execute(query)` returns to a loop: the rows of a `SELECT` or of a Core or ORM query; null for anything else. */
function rowsOf(query: PyValue): PyValue | null {
  if (query.kind === 'string') return /^\s*select\b/i.test(query.value.text) ? { kind: 'rows', query: query.value.text } : null;
  const read = query.kind === 'statement' ? statementRead(query) : null;
  return read && { kind: 'rows', query: read };
}

function newStatement(verb: StatementValue['verb'], table: TableValue | null): StatementValue {
  return { kind: 'statement', verb, table, hasWhere: false, limitedBy: null, selected: null, assigned: new Map(), keys: [] };
}

function statement(verb: string, target: PyValue): PyValue {
  const kind = verb === 'delete' || verb === 'update' || verb === 'insert' ? verb : verb === 'DropTable' ? 'drop-table' : 'other';
  return newStatement(kind, tableOf(target));
}

/** Every string literal's text inside a node, joined: what computed SQL is known to contain. */
function literalText(node: SyntaxNode): string {
  if (node.type === 'string_content') return node.text;
  return node.namedChildren.map(literalText).join(' ');
}

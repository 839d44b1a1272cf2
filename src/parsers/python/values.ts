import type { SyntaxNode } from 'tree-sitter';
import { moduleStatements, perModule } from './python.js';
import { decodeString, joinStrings, type PyString } from './py-strings.js';

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
  /**
   * A SQLAlchemy statement: `t.delete().where(…)`, `sa.update(t)`, …; `query`
   * is an ORM query (`session.query(M)`), whose `.delete()` deletes its rows.
   */
  | { readonly kind: 'statement'; readonly verb: 'delete' | 'drop-table' | 'query' | 'other'; readonly table: TableValue | null; readonly hasWhere: boolean }
  /** A class of the module, for `Model.__tablename__` and `Model.__table__`. */
  | { readonly kind: 'class'; readonly tablename: string | null }
  | { readonly kind: 'bind' } // op.get_bind(): a connection
  | { readonly kind: 'unknown'; readonly fragments: string };

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
]);

export function evaluate(node: SyntaxNode, scope: Scope): PyValue {
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      const value = decodeString(node, (expression) => asString(evaluate(expression, scope)));
      return value.complete ? { kind: 'string', value } : { kind: 'unknown', fragments: value.text };
    }
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
      return left && right ? combine(operator, evaluate(left, scope), evaluate(right, scope)) : UNKNOWN;
    }
    case 'subscript': {
      // TABLES[0]: an element of a known list.
      const value = node.childForFieldName('value');
      const index = node.childForFieldName('subscript');
      const list = value ? evaluate(value, scope) : UNKNOWN;
      if (list.kind === 'list' && index?.type === 'integer') return list.items.at(Number(index.text)) ?? UNKNOWN;
      return { kind: 'unknown', fragments: literalText(node) };
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
  return { kind: 'unknown', fragments: values.map(fragmentsOf).join(' ') };
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
  const owner = object && (name === '__tablename__' || name === '__table__' || name === 'query') ? evaluate(object, scope) : null;
  // Flask-SQLAlchemy's `Model.query`: a query of the model's table.
  if (name === 'query') return owner?.kind === 'class' ? { kind: 'statement', verb: 'query', table: tableOf(owner), hasWhere: false } : UNKNOWN;
  if (owner?.kind === 'class' && owner.tablename !== null) {
    const tablename = owner.tablename;
    if (name === '__table__') return { kind: 'table', name: tablename, schema: null };
    return { kind: 'string', value: { text: tablename, offsets: [...Array<number>(tablename.length).fill(node.startIndex), node.endIndex], complete: true } };
  }
  return UNKNOWN;
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
  const first = args?.namedChildren.find((a) => a.type !== 'keyword_argument' && a.type !== 'comment');
  if ((TEXT_CALLS.has(name) || /(^|\.)DDL$/.test(name)) && first) return evaluate(first, scope);
  // op.f("ix_name") marks a name as already conventional: the value is the name.
  if (/^(op|alembic\.op)\.f$/.test(name) && first) return evaluate(first, scope);
  if (TABLE_CALLS.has(name) && first) {
    const tableName = asString(evaluate(first, scope));
    const schemaArg = args?.namedChildren.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'schema');
    const schemaValue = schemaArg?.childForFieldName('value');
    const schema = schemaValue ? asString(evaluate(schemaValue, scope)) : null;
    if (tableName) return { kind: 'table', name: tableName.text, schema: schema?.text ?? null };
  }
  if (/(^|\.)get_bind$/.test(name)) return { kind: 'bind' };
  const verb = (STATEMENT_CALLS.exec(name) ?? DDL_CALLS.exec(name))?.groups?.verb;
  if (verb) return statement(verb, first ? evaluate(first, scope) : UNKNOWN);
  if (fn?.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object');
    const target = object ? evaluate(object, scope) : UNKNOWN;
    if (method === 'connect' && target.kind === 'bind') return target;
    // `session.query(M)`: an ORM query, whatever `session` is; of no known table when `M` is not known.
    if (method === 'query' && first) return { kind: 'statement', verb: 'query', table: tableOf(evaluate(first, scope)), hasWhere: false };
    if (target.kind === 'statement' && target.verb === 'query') {
      // `.delete()` deletes what the query selects; every other method (`.options(…)`, `.filter(…)`) gives a query again.
      const hasWhere = target.hasWhere || /^(where|filter|filter_by)$/.test(method);
      return method === 'delete' ? { ...target, verb: 'delete', hasWhere } : { ...target, hasWhere };
    }
    // `t.delete()`, `t.update()`: a statement on the table, whatever `t` is.
    if (/^(delete|update|insert|select)$/.test(method) && (target.kind === 'table' || method !== 'delete')) return statement(method, target);
    if (SAME_STATEMENT.has(method)) {
      if (target.kind === 'statement') return { ...target, hasWhere: target.hasWhere || /^(where|filter|filter_by)$/.test(method) };
      if (target.kind === 'string' && /^(bindparams|execution_options|columns)$/.test(method)) return target;
    }
    // "…{}…".format(x): the template is visible even if the arguments are not.
    if (method === 'format') return { kind: 'unknown', fragments: fragmentsOf(target) };
  }
  return { kind: 'unknown', fragments: args ? literalText(args) : '' };
}

function statement(verb: string, target: PyValue): PyValue {
  const kind = verb === 'delete' ? 'delete' : verb === 'DropTable' ? 'drop-table' : 'other';
  return { kind: 'statement', verb: kind, table: tableOf(target), hasWhere: false };
}

/** Every string literal's text inside a node, joined: what computed SQL is known to contain. */
function literalText(node: SyntaxNode): string {
  if (node.type === 'string_content') return node.text;
  return node.namedChildren.map(literalText).join(' ');
}

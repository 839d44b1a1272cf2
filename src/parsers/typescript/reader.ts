// ESTree node types are compared as the strings they are: the enum would load typescript-estree on every run.
/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { sameTable, sqlStringLiteral, type ColumnDef, type Operation, type Phase, type Span, type TableRef } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { embeddedSql } from './embedded-sql.js';
import { withIdentifierBindings } from './knex-bindings.js';
import { detectDialect } from '../sql/detect-dialect.js';
import { boundSelect } from '../sql/bound-statements.js';
import { databaseInWords } from '../dialect-from-path.js';
import { concat, decodeJs, type JsString, knownText, layOut, unknownString } from './strings.js';
import { type FunctionNode, type PendingColumn, type QueryState, Scope, type TableTarget, UNKNOWN, type Value } from './values.js';

type Node = TSESTree.Node;
type Expression = TSESTree.Expression;

/** Where a walk is: the phase it runs in, the names bound, what `this` is. */
interface Walk {
  readonly phase: Phase;
  readonly scope: Scope;
  readonly self: Value;
  /** Functions being walked, so that recursion ends. */
  readonly active: ReadonlySet<FunctionNode>;
  /**
   * The database a helper being walked is named for (`postgresUpQueryRunner`,
   * `sqliteUp`): a migration for several databases runs one per database,
   * each writing that database's SQL.
   */
  readonly dialect?: Dialect;
}

/** Past this many items, a loop's variable is left unknown rather than walked item by item. */
const MAX_LOOP_ITEMS = 200;
/** Helpers calling helpers deeper than this are not followed. */
const MAX_CALL_DEPTH = 12;

/** Names of methods that lose data when called on the database handle but that droplint has no operation for. */
const DESTRUCTIVE_NAME = /drop|truncate|delete|remove|clear|destroy|purge|wipe/i;
/** What they drop holds no rows (indexes, constraints, code, derived data, a column's default). */
const DROPS_NO_DATA =
  /^(drop|remove)(Index|Indices|Indexes|Foreign(Key)?s?|PrimaryKey|Primary|Unique(Constraint)?s?|Check(Constraint)?s?|Checks|Exclusion(Constraint)?s?|Constraints?|Triggers?|Functions?|Procedures?|Views?|MaterializedViews?|Policy|Policies|Sequences?|Operator\w*|Comment|Default|Nullable|NotNull|Enum|Type|Domain|Extension|Role|Grants?|Privileges?|Cast|Collation|Rule)$/;

/** A method whose name says it destroys, that droplint has no operation for (`onDelete('CASCADE')` only configures a key). */
function isUnknownDrop(name: string): boolean {
  return DESTRUCTIVE_NAME.test(name) && !DROPS_NO_DATA.test(name) && !/^on[A-Z]/.test(name);
}

/** Knex column types: in a `table()` callback each adds a column, in `createTable()` each defines one. */
const KNEX_COLUMN_TYPES = new Set([
  'increments',
  'bigIncrements',
  'integer',
  'bigInteger',
  'bigint',
  'tinyint',
  'smallint',
  'mediumint',
  'text',
  'string',
  'float',
  'double',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'time',
  'timestamp',
  'binary',
  'enum',
  'enu',
  'json',
  'jsonb',
  'uuid',
  'specificType',
  'geometry',
  'geography',
  'point',
]);

const SQL_TEXT_HELPERS = new Set(['table', 'ref', 'id', 'raw', 'lit']);

/** Methods of the handle that run SQL text. */
const RAW_SQL_METHODS = new Set(['raw', 'query', 'sql', 'execute', 'executeQuery', 'exec', 'unsafe', 'addSql', 'run', 'runSql']);

/**
 * Reads what the `up`/`down` functions of a TS/JS migration do to the
 * database: the calls on the handle they receive (Knex, TypeORM, Sequelize,
 * node-pg-migrate, Kysely, MikroORM), raw SQL run through it, and the helpers
 * and loops in between. Values are followed as the code computes them; what
 * depends on run time stays unknown and a destructive call on it is dynamic.
 */
export class ScriptReader {
  private readonly ops: Operation[] = [];
  /** The SQL it hands the database, read once the walk is over: the dialect may be known only from all of it. */
  private readonly sql: EmbeddedRun[] = [];
  /** Queries and added columns whose meaning the rest of their statement decides (`.where()`, `.alter()`). */
  private readonly pending = new Set<Pending>();
  /** The tables raw `SELECT`s read rows from so far, with the phase: rows written back later may be theirs. */
  private readonly selected: Array<{ readonly table: TableRef; readonly phase: Phase }> = [];

  /** `declared`: the dialect the project declares; null when it declares none, and the SQL the migration runs decides. */
  constructor(
    private readonly source: string,
    private readonly declared: Dialect | null,
  ) {}

  /** Walks one entry point (`up`, `down`) in its phase. */
  entry(fn: FunctionNode, phase: Phase, scope: Scope, self: Value): void {
    const walk: Walk = { phase, scope: scope.child(), self, active: new Set([fn]) };
    const first = fn.params[0];
    if (first !== undefined) bindHandle(first, walk.scope);
    this.body(fn, walk);
  }

  /** Whether the file assigns `name` anywhere but where it declares it (`x = …`, `x ||= …`, `x++`). */
  private assigned(name: string): boolean {
    const escaped = name.replace(/\$/g, '\\$');
    return new RegExp(
      String.raw`(?<!\b(?:const|let|var)\s+)(?<![\w$.])${escaped}\s*(?:[-+*/%&|^]|\*\*|<<|>>>?|&&|\|\||\?\?)?=(?!=)|(?:\+\+|--)\s*${escaped}(?![\w$])|(?<![\w$.])${escaped}\s*(?:\+\+|--)`,
    ).test(this.source);
  }

  /** What the walk found, and the dialect its SQL was read in: the one declared, else what the SQL itself shows. */
  async operations(): Promise<{ operations: Operation[]; dialect: Dialect }> {
    // SQL a helper named for a database runs is that database's; the rest shows the file's.
    const unnamed = this.sql.filter((run) => run.dialect === undefined);
    const dialect = this.declared ?? detectDialect(unnamed.map((run) => layOut(run.text, () => 'x').text).join(';\n')) ?? DEFAULT_DIALECT;
    const embedded = await Promise.all(
      this.sql.map(async ({ text, at, dialect: named, ...options }) => {
        const found = await embeddedSql(text, { dialect: this.declared ?? named ?? dialect, ...options });
        const ops = named === undefined ? found : found.map((op) => databaseArm(op, named));
        return at === undefined ? ops : ops.map((op) => ({ ...op, span: at }));
      }),
    );
    return { operations: dedupe([...this.ops, ...embedded.flat()]), dialect };
  }

  private body(fn: FunctionNode, walk: Walk): Value {
    if (fn.body.type !== 'BlockStatement') {
      const value = this.expression(fn.body, walk);
      this.flush(walk.phase);
      return value;
    }
    this.statements(fn.body.body, walk);
    return UNKNOWN;
  }

  private statements(list: readonly TSESTree.Statement[], walk: Walk): void {
    // Function declarations are hoisted.
    for (const s of list) if (s.type === 'FunctionDeclaration' && s.id) walk.scope.set(s.id.name, { kind: 'function', node: s, scope: walk.scope });
    for (const s of list) this.statement(s, walk);
  }

  private statement(s: TSESTree.Statement, walk: Walk): void {
    const inner = (): Walk => ({ ...walk, scope: walk.scope.child() });
    switch (s.type) {
      case 'ExpressionStatement':
        this.expression(s.expression, walk);
        break;
      case 'VariableDeclaration':
        for (const d of s.declarations) bind(d.id, d.init ? this.expression(d.init, walk) : UNKNOWN, walk.scope);
        break;
      case 'ReturnStatement':
      case 'ThrowStatement':
        if (s.argument) this.expression(s.argument, walk);
        break;
      case 'BlockStatement':
        this.statements(s.body, inner());
        break;
      case 'IfStatement': {
        // A condition known here (a flag of the constant array a loop walks) takes one branch; any other, both. So
        // does one on a name the file assigns anywhere: a flag set in a loop or a callback may hold another value.
        const value = this.expression(s.test, walk);
        const test = value.kind === 'boolean' && !namesOf(s.test).some((name) => this.assigned(name)) ? value.value : null;
        if (test !== false) this.statement(s.consequent, inner());
        if (s.alternate && test !== true) this.statement(s.alternate, inner());
        break;
      }
      case 'ForOfStatement':
      case 'ForInStatement': {
        const iterable = this.expression(s.right, walk);
        this.flush(walk.phase);
        const items = s.type === 'ForOfStatement' && iterable.kind === 'array' && iterable.items.length <= MAX_LOOP_ITEMS ? iterable.items : [UNKNOWN];
        const target = s.left.type === 'VariableDeclaration' ? s.left.declarations[0]?.id : s.left;
        for (const item of items) {
          const loop = inner();
          if (target) bind(target, item, loop.scope);
          this.statement(s.body, loop);
        }
        return;
      }
      case 'ForStatement': {
        const loop = inner();
        if (s.init?.type === 'VariableDeclaration') this.statement(s.init, loop);
        else if (s.init) this.expression(s.init, loop);
        if (s.test) this.expression(s.test, loop);
        this.statement(s.body, loop);
        if (s.update) this.expression(s.update, loop);
        break;
      }
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.expression(s.test, walk);
        this.statement(s.body, inner());
        break;
      case 'TryStatement':
        this.statement(s.block, inner());
        if (s.handler) this.statement(s.handler.body, inner());
        if (s.finalizer) this.statement(s.finalizer, inner());
        break;
      case 'SwitchStatement':
        this.expression(s.discriminant, walk);
        for (const c of s.cases) this.statements(c.consequent, inner());
        break;
      case 'LabeledStatement':
        this.statement(s.body, walk);
        break;
      default:
        return;
    }
    this.flush(walk.phase);
  }

  /** A statement is over: queries and added columns now mean what their whole chain says. */
  private flush(phase: Phase): void {
    for (const p of this.pending) {
      if (p.kind === 'query') {
        const { state, table, span } = p;
        if (state.action === null) continue;
        const base = { span, phase };
        if (state.action === 'update') {
          if (table !== null && !state.hasWhere) this.ops.push(...overwrites(base, table, state.assigned));
        } else if (table === null)
          this.ops.push({ kind: 'dynamic', ...base, description: `a ${state.action === 'delete' ? 'DELETE' : 'TRUNCATE'} on a table named at run time` });
        else if (state.action === 'delete') this.ops.push({ kind: 'delete', ...base, table, hasWhere: state.hasWhere });
        else this.ops.push({ kind: 'truncate', ...base, table });
      } else if (!p.altered) {
        this.ops.push(p.op);
      }
    }
    this.pending.clear();
  }

  expression(node: Expression | TSESTree.PrivateIdentifier | TSESTree.SpreadElement, walk: Walk): Value {
    switch (node.type) {
      case 'Literal':
        if (typeof node.value === 'string') return { kind: 'string', value: decodeJs(node.raw.slice(1, -1), node.range[0] + 1) };
        if (typeof node.value === 'number') return { kind: 'number', value: node.value };
        if (typeof node.value === 'boolean') return { kind: 'boolean', value: node.value };
        return node.value === null ? { kind: 'null' } : UNKNOWN;
      case 'TemplateLiteral':
        return { kind: 'string', value: this.template(node, walk) };
      case 'TaggedTemplateExpression':
        return this.tagged(node, walk);
      case 'Identifier':
        return node.name === 'undefined' ? { kind: 'null' } : walk.scope.get(node.name);
      case 'ThisExpression':
        return walk.self;
      case 'BinaryExpression': {
        const left = this.expression(node.left, walk);
        const right = this.expression(node.right, walk);
        if (node.operator !== '+') return UNKNOWN;
        if (left.kind === 'number' && right.kind === 'number') return { kind: 'number', value: left.value + right.value };
        if (left.kind !== 'string' && right.kind !== 'string') return UNKNOWN;
        return { kind: 'string', value: concat(asString(left, span(node.left)), asString(right, span(node.right))) };
      }
      case 'LogicalExpression':
      case 'ConditionalExpression': {
        const parts = node.type === 'LogicalExpression' ? [node.left, node.right] : [node.test, node.consequent, node.alternate];
        for (const part of parts) this.expression(part, walk);
        return UNKNOWN;
      }
      case 'AwaitExpression':
      case 'UnaryExpression':
      case 'SpreadElement':
        if (node.type === 'UnaryExpression' && node.operator === '!') {
          const value = this.expression(node.argument, walk);
          return value.kind === 'boolean' ? { kind: 'boolean', value: !value.value } : UNKNOWN;
        }
        return node.type === 'UnaryExpression' && node.operator !== 'void'
          ? (this.expression(node.argument, walk), UNKNOWN)
          : this.expression(node.argument, walk);
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TSTypeAssertion':
      case 'ChainExpression':
        return this.expression(node.expression, walk);
      case 'SequenceExpression':
        return node.expressions.map((e) => this.expression(e, walk)).at(-1) ?? UNKNOWN;
      case 'ArrayExpression':
        return { kind: 'array', items: node.elements.flatMap((e) => this.arrayItem(e, walk)) };
      case 'ObjectExpression':
        return this.object(node, walk);
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return { kind: 'function', node, scope: walk.scope };
      case 'AssignmentExpression': {
        const value = this.expression(node.right, walk);
        if (node.left.type === 'Identifier' && node.operator === '=') walk.scope.set(node.left.name, value);
        return value;
      }
      case 'NewExpression': {
        const args = node.arguments.map((a) => this.expression(a, walk));
        // TypeORM's `new Table({ name, columns })`, `new TableColumn({ name })`: the options are what counts.
        return node.callee.type === 'Identifier' && /^Table/.test(node.callee.name) ? (args[0] ?? UNKNOWN) : UNKNOWN;
      }
      case 'MemberExpression':
        return this.member(this.expression(node.object, walk), propertyName(node, walk, this), node);
      case 'CallExpression':
        return this.call(node, walk);
      default:
        return UNKNOWN;
    }
  }

  private arrayItem(e: Expression | TSESTree.SpreadElement | null, walk: Walk): Value[] {
    if (e === null) return [UNKNOWN];
    const value = this.expression(e, walk);
    if (e.type !== 'SpreadElement') return [value];
    return value.kind === 'array' ? [...value.items] : [UNKNOWN];
  }

  private object(node: TSESTree.ObjectExpression, walk: Walk): Value {
    const props = new Map<string, Value>();
    for (const p of node.properties) {
      if (p.type === 'SpreadElement') {
        const spread = this.expression(p.argument, walk);
        if (spread.kind === 'object') for (const [k, v] of spread.props) props.set(k, v);
        continue;
      }
      const key = p.computed ? knownTextOf(this.expression(p.key, walk)) : p.key.type === 'Identifier' ? p.key.name : String((p.key as TSESTree.Literal).value);
      if (key === null) continue;
      props.set(key, this.expression(p.value, walk));
    }
    return { kind: 'object', props, node };
  }

  private template(node: TSESTree.TemplateLiteral, walk: Walk): JsString {
    const parts: JsString[] = [];
    node.quasis.forEach((quasi, i) => {
      parts.push(decodeJs(quasi.value.raw, quasi.range[0] + 1));
      const e = node.expressions[i];
      if (e !== undefined) parts.push(asString(this.expression(e, walk), { start: e.range[0] - 2, end: e.range[1] + 1 }));
    });
    return concat(...parts);
  }

  /** `` sql`…` `` (Kysely, Drizzle): SQL run as written; interpolated values are parameters. */
  private tagged(node: TSESTree.TaggedTemplateExpression, walk: Walk): Value {
    const tag = node.tag.type === 'Identifier' ? node.tag.name : null;
    const text = this.template(node.quasi, walk);
    if (tag !== 'sql') return UNKNOWN;
    this.runSql(text, walk, 'sql``', true);
    return { kind: 'sql-run' };
  }

  private member(object: Value, name: string | null, node: Node): Value {
    switch (object.kind) {
      case 'handle':
        // `knex.schema`, `queryInterface.sequelize`, `queryRunner.manager`: still the database.
        return object;
      case 'object':
        return name === null ? UNKNOWN : (object.props.get(name) ?? UNKNOWN);
      case 'array':
        if (name === 'length') return { kind: 'number', value: object.items.length };
        return name !== null && /^\d+$/.test(name) ? (object.items[Number(name)] ?? UNKNOWN) : UNKNOWN;
      case 'self': {
        const method = name === null ? undefined : object.methods.get(name);
        return method === undefined ? UNKNOWN : { kind: 'function', node: method, scope: object.scope };
      }
      default:
        void node;
        return UNKNOWN;
    }
  }

  private call(node: TSESTree.CallExpression, walk: Walk): Value {
    const callee = node.callee;
    if (callee.type === 'MemberExpression') {
      const receiver = this.expression(callee.object, walk);
      const name = propertyName(callee, walk, this);
      const args = node.arguments.map((a) => this.expression(a, walk));
      // Kysely's `sql.table('x')`, `sql.ref('x')`, `sql.raw('…')`: SQL text as written, in a template of the `sql` tag.
      if (callee.object.type === 'Identifier' && callee.object.name === 'sql' && name !== null && SQL_TEXT_HELPERS.has(name)) return args[0] ?? UNKNOWN;
      // db-migrate's `async.series([db.createTable.bind(db, 'users', {…}), db.runSql.bind(db, '…')], cb)`: a method of
      // the database bound to its arguments is there to be called with them.
      if (name === 'bind' && receiver.kind === 'handle' && callee.object.type === 'MemberExpression')
        return this.method(receiver, propertyName(callee.object, walk, this), args.slice(1), node, walk);
      return this.method(receiver, name, args, node, walk);
    }
    const fn = this.expression(callee, walk);
    const args = node.arguments.map((a) => this.expression(a, walk));
    return this.invoke(fn, args, node, walk, callee.type === 'Identifier' ? callee.name : null);
  }

  /** Calls a function value: a helper of this file is walked with its parameters bound to the arguments. */
  private invoke(fn: Value, args: readonly Value[], node: TSESTree.CallExpression, walk: Walk, name: string | null, self: Value = walk.self): Value {
    if (fn.kind === 'handle') {
      // `knex('users')`, `trx('users')`: a query on a table.
      return this.query(tableOf(args[0], fn.schema), node);
    }
    if (fn.kind === 'function') {
      if (walk.active.has(fn.node) || walk.active.size > MAX_CALL_DEPTH) return UNKNOWN;
      const named = name === null ? null : databaseInWords(name);
      const inner: Walk = {
        ...(named !== null ? { dialect: named } : walk.dialect !== undefined && { dialect: walk.dialect }),
        phase: walk.phase,
        scope: fn.scope.child(),
        self: fn.node.type === 'ArrowFunctionExpression' ? walk.self : self,
        active: new Set([...walk.active, fn.node]),
      };
      fn.node.params.forEach((p, i) => bind(p, p.type === 'RestElement' ? { kind: 'array', items: args.slice(i) } : (args[i] ?? UNKNOWN), inner.scope));
      if (named !== null && walk.dialect === undefined && fn.scope.module === walk.scope.module) {
        // What a helper for one database does runs on that database only: another's helper never sees it.
        const from = this.ops.length;
        const value = this.body(fn.node, inner);
        for (let i = from; i < this.ops.length; i++) this.ops[i] = databaseArm(this.ops[i]!, named);
        return value;
      }
      if (fn.scope.module === walk.scope.module) return this.body(fn.node, inner);
      // A helper imported from another file: what it does is reported at the call, in this file.
      const [ops, sql] = [this.ops.length, this.sql.length];
      const value = this.body(fn.node, inner);
      const at = span(node);
      for (let i = ops; i < this.ops.length; i++) this.ops[i] = { ...this.ops[i]!, span: at };
      for (let i = sql; i < this.sql.length; i++) this.sql[i] = { ...this.sql[i]!, at };
      return value;
    }
    // A function droplint cannot read: walk the callbacks it is given (they may run), and
    // never stay silent when it is handed the database and its name says it destroys.
    this.callbacks(args, walk, UNKNOWN);
    const label = name ?? (fn.kind === 'imported' ? fn.name : null);
    if (label !== null && DESTRUCTIVE_NAME.test(label) && args.some((a) => a.kind === 'handle')) {
      this.ops.push({ kind: 'dynamic', span: span(node), phase: walk.phase, description: `${label}(), which droplint cannot read, with the database handle` });
    }
    return UNKNOWN;
  }

  /** Function arguments passed where droplint does not know the callee: each is walked once, its first parameter bound to `first`. */
  private callbacks(args: readonly Value[], walk: Walk, first: Value): void {
    for (const arg of args) if (arg.kind === 'function') this.invoke(arg, [first], syntheticCall(arg.node), walk, null);
  }

  private method(receiver: Value, name: string | null, args: readonly Value[], node: TSESTree.CallExpression, walk: Walk): Value {
    switch (receiver.kind) {
      case 'handle':
        return name === null ? UNKNOWN : this.handleMethod(receiver, name, args, node, walk);
      case 'self':
        if (name === 'addSql' || name === 'execute') return this.rawSql(args[0], node, walk, name);
        // MikroORM's `this.getKnex()` is a Knex instance on the same database.
        if (name === 'getKnex' || name === 'getEntityManager') return { kind: 'handle', schema: null };
        return this.invoke(this.member(receiver, name, node), args, node, walk, name, receiver);
      case 'query':
        return this.queryMethod(receiver, name ?? '', args, node);
      case 'table-builder':
        return name === null ? receiver : this.builderMethod(receiver, name, args, node, walk);
      case 'column':
        if (name === 'alter') receiver.pending.altered = true;
        return receiver;
      case 'array':
        return this.arrayMethod(receiver, name, args, node, walk);
      case 'object':
        return this.invoke(name === null ? UNKNOWN : (receiver.props.get(name) ?? UNKNOWN), args, node, walk, name);
      default:
        if (name === 'destroy' && emptiesModel(args[0])) {
          const model = node.callee.type === 'MemberExpression' ? this.source.slice(node.callee.object.range[0], node.callee.object.range[1]) : 'a model';
          this.ops.push({
            kind: 'dynamic',
            span: span(node),
            phase: walk.phase,
            description: `${model}.destroy(), which deletes every row of the table of a model droplint does not read`,
          });
        }
        // `Promise.all(...)`, `console.log(...)`, an imported helper's method.
        return this.invoke(UNKNOWN, args, node, walk, name);
    }
  }

  private arrayMethod(array: Extract<Value, { kind: 'array' }>, name: string | null, args: readonly Value[], node: TSESTree.CallExpression, walk: Walk): Value {
    const fn = args[0];
    if (fn?.kind === 'function' && (name === 'forEach' || name === 'map' || name === 'flatMap' || name === 'filter' || name === 'some' || name === 'every')) {
      const items = array.items.length <= MAX_LOOP_ITEMS ? array.items : [UNKNOWN];
      const results = items.map((item, i) => this.invoke(fn, [item, { kind: 'number', value: i }], node, walk, null));
      return name === 'map' ? { kind: 'array', items: results } : UNKNOWN;
    }
    if (name === 'join') {
      const separator = args[0]?.kind === 'string' ? args[0].value : args[0] === undefined ? decodeJs(',', node.range[1]) : unknownString(span(node));
      const parts = array.items.flatMap((item, i) => (i === 0 ? [asString(item, span(node))] : [separator, asString(item, span(node))]));
      return { kind: 'string', value: concat(...parts) };
    }
    this.callbacks(args, walk, UNKNOWN);
    return UNKNOWN;
  }

  private handleMethod(handle: Extract<Value, { kind: 'handle' }>, name: string, args: readonly Value[], node: TSESTree.CallExpression, walk: Walk): Value {
    const base = { span: span(node), phase: walk.phase };
    const table = (i: number): TableTarget => tableOf(args[i], handle.schema);
    const hasCallback = args.some((a) => a.kind === 'function');
    const dynamic = (what: string): void => void this.ops.push({ kind: 'dynamic', ...base, description: `${name}() on a ${what} named at run time` });
    switch (name) {
      case 'withSchema':
        return { kind: 'handle', schema: knownTextOf(args[0] ?? UNKNOWN) };
      case 'from':
      case 'into':
      case 'table':
      case 'alterTable':
        if (name === 'table' && !hasCallback) return this.query(table(0), node);
        if (name === 'from' || name === 'into') return this.query(table(0), node);
        if (!hasCallback) return { kind: 'table-builder', table: table(0), creating: null };
        this.callbacks(args, walk, { kind: 'table-builder', table: table(0), creating: null });
        return handle;
      case 'deleteFrom':
      case 'updateTable': {
        const query = this.query(table(0), node);
        query.state.action = name === 'deleteFrom' ? 'delete' : 'update';
        return query;
      }
      case 'createTable':
      case 'createTableIfNotExists': {
        const t = table(0);
        const columns = columnsOf(args[0], args[1]);
        if (t !== null) this.ops.push({ kind: 'create-table', ...base, table: t, columns });
        if (!hasCallback) return { kind: 'table-builder', table: t, creating: columns };
        this.callbacks(args, walk, { kind: 'table-builder', table: t, creating: columns });
        return handle;
      }
      case 'dropTable':
      case 'dropTableIfExists': {
        const targets = args[0]?.kind === 'array' ? args[0].items.map((item) => tableOf(item, handle.schema)) : [table(0)];
        for (const t of targets) {
          if (t === null) dynamic('table');
          else this.ops.push({ kind: 'drop-table', ...base, table: t, ...(name === 'dropTableIfExists' && { ifExists: true }) });
        }
        return handle;
      }
      case 'dropColumn':
      case 'dropColumns':
      case 'removeColumn': {
        const t = table(0);
        const columns = columnNames(args[1]);
        if (t === null || columns === null) dynamic(t === null ? 'table' : 'column');
        else for (const column of columns) this.ops.push({ kind: 'drop-column', ...base, table: t, column });
        return handle;
      }
      case 'addColumn':
      case 'addColumns': {
        const t = table(0);
        const added = args[1]?.kind === 'object' && name === 'addColumns' ? [...args[1].props.keys()] : columnNames(args[1]);
        if (t !== null && added !== null)
          for (const column of added) this.ops.push({ kind: 'add-column', ...base, table: t, column: { name: column, type: null } });
        return handle;
      }
      case 'renameTable': {
        const t = table(0);
        const to = knownTextOf(args[1] ?? UNKNOWN) ?? nameProp(args[1]);
        if (t !== null && to !== null) this.ops.push({ kind: 'rename-table', ...base, table: t, newName: to });
        return handle;
      }
      case 'renameColumn': {
        const t = table(0);
        const from = columnNames(args[1])?.[0];
        const to = columnNames(args[2])?.[0];
        if (t !== null && from !== undefined && to !== undefined) this.ops.push({ kind: 'rename-column', ...base, table: t, column: from, newName: to });
        return handle;
      }
      case 'dropSchema':
      case 'dropSchemaIfExists': {
        const schema = knownTextOf(args[0] ?? UNKNOWN);
        // Knex: (name, cascade); TypeORM: (path, ifExist, isCascade); node-pg-migrate: (name, { cascade }).
        const cascade = args.some(
          (a, i) =>
            (a.kind === 'boolean' && a.value && i === (name === 'dropSchema' && args.length >= 3 ? 2 : 1)) ||
            (a.kind === 'object' && a.props.get('cascade')?.kind === 'boolean'),
        );
        if (schema === null) dynamic('schema');
        else this.ops.push({ kind: 'drop-schema', ...base, schema: schema.includes('.') ? schema.slice(0, schema.indexOf('.')) : schema, cascade });
        return handle;
      }
      case 'dropDatabase': {
        const database = knownTextOf(args[0] ?? UNKNOWN);
        if (database === null) dynamic('database');
        else this.ops.push({ kind: 'drop-database', ...base, database });
        return handle;
      }
      case 'dropAllTables':
      case 'dropAllSchemas':
      case 'dropAllEnums':
        if (name !== 'dropAllEnums')
          this.ops.push({ kind: 'drop-all', ...base, target: this.source.slice(node.callee.range[0], node.callee.range[1]), method: name });
        return handle;
      case 'clearTable':
      case 'truncate': {
        const t = table(0);
        if (t === null) dynamic('table');
        else this.ops.push({ kind: 'truncate', ...base, table: t });
        return handle;
      }
      case 'bulkInsert': {
        const t = table(0);
        if (t !== null && !writtenOut(args[1])) {
          const readFrom = this.selected.find((s) => s.phase === walk.phase && sameTable(s.table, t))?.table ?? null;
          this.ops.push({ kind: 'insert-rows', ...base, table: t, readFrom });
        }
        return handle;
      }
      case 'bulkDelete': {
        const t = table(0);
        const where = args[1];
        const hasWhere = !(where === undefined || where.kind === 'null' || (where.kind === 'object' && where.props.size === 0));
        if (t === null) dynamic('table');
        else this.ops.push({ kind: 'delete', ...base, table: t, hasWhere });
        return handle;
      }
      default:
        break;
    }
    if (RAW_SQL_METHODS.has(name)) {
      if (args.length === 0) return handle;
      this.rawSql(args[0], node, walk, name, name === 'raw' ? args[1] : undefined);
      return { kind: 'sql-run' };
    }
    // `knex.transaction(async (trx) => …)`, Kysely's `db.transaction().execute(async (trx) => …)`.
    this.callbacks(args, walk, handle);
    if (isUnknownDrop(name)) {
      this.ops.push({ kind: 'dynamic', ...base, description: `${name}(), a call droplint does not know` });
    }
    return handle;
  }

  private query(table: TableTarget, node: TSESTree.CallExpression): Extract<Value, { kind: 'query' }> {
    const value = { kind: 'query' as const, table, state: { hasWhere: false, action: null, assigned: new Map() } as QueryState, span: span(node) };
    this.pending.add(value);
    return value;
  }

  private queryMethod(query: Extract<Value, { kind: 'query' }>, name: string, args: readonly Value[], node: TSESTree.CallExpression): Value {
    if (/^(and|or)?where/i.test(name) || name === 'on') query.state.hasWhere = true;
    else if (name === 'del' || name === 'delete') query.state.action = 'delete';
    else if (name === 'truncate') query.state.action = 'truncate';
    // Knex's `.update({ col: value })` or `.update('col', value)`; Kysely's `.set({ col: value })` after `updateTable`.
    else if (name === 'update' || (name === 'set' && query.state.action === 'update')) {
      query.state.action = 'update';
      const [first, second] = args;
      if (first?.kind === 'object') for (const [column, value] of first.props) query.state.assigned.set(column, value);
      else if (first?.kind === 'string' && second !== undefined) {
        const column = knownText(first.value);
        if (column !== null) query.state.assigned.set(column, second);
      }
    }
    // The query is reported at its whole chain, `.where()` included.
    query.span = { start: query.span.start, end: Math.max(query.span.end, node.range[1]) };
    this.pending.add(query);
    return query;
  }

  private builderMethod(
    builder: Extract<Value, { kind: 'table-builder' }>,
    name: string,
    args: readonly Value[],
    node: TSESTree.CallExpression,
    walk: Walk,
  ): Value {
    const base = { span: span(node), phase: walk.phase };
    const t = builder.table;
    const dropColumns = (columns: readonly string[] | null): void => {
      if (t === null || columns === null)
        this.ops.push({ kind: 'dynamic', ...base, description: `${name}() on a ${t === null ? 'table' : 'column'} named at run time` });
      else for (const column of columns) this.ops.push({ kind: 'drop-column', ...base, table: t, column });
    };
    const added = (columns: readonly string[]): Value => {
      if (builder.creating !== null) {
        builder.creating.push(...columns.map((c) => ({ name: c, type: null })));
        return builder;
      }
      if (t === null || columns.length !== 1) return builder;
      const pending: PendingColumn = {
        kind: 'column',
        op: { kind: 'add-column', ...base, table: t, column: { name: columns[0]!, type: null } },
        altered: false,
      };
      this.pending.add(pending);
      return { kind: 'column', pending };
    };
    switch (name) {
      case 'dropColumn':
      case 'dropColumns':
        dropColumns(args.length === 1 ? columnNames(args[0]) : allKnown(args.map((a) => knownTextOf(a))));
        return builder;
      case 'dropTimestamps': {
        const camel = args[0]?.kind === 'boolean' && args[0].value;
        dropColumns(camel ? ['createdAt', 'updatedAt'] : ['created_at', 'updated_at']);
        return builder;
      }
      case 'renameColumn': {
        const from = knownTextOf(args[0] ?? UNKNOWN);
        const to = knownTextOf(args[1] ?? UNKNOWN);
        if (t !== null && from !== null && to !== null) this.ops.push({ kind: 'rename-column', ...base, table: t, column: from, newName: to });
        return builder;
      }
      case 'renameTo': {
        const to = knownTextOf(args[0] ?? UNKNOWN);
        if (t !== null && to !== null) this.ops.push({ kind: 'rename-table', ...base, table: t, newName: to });
        return builder;
      }
      case 'timestamps':
        return added(args[2]?.kind === 'boolean' && args[2].value ? ['createdAt', 'updatedAt'] : ['created_at', 'updated_at']);
      case 'addColumn': {
        // Kysely's `alterTable(t).addColumn(name, type, build)` gives the builder again, for the next `.addColumn(…)`.
        const column = knownTextOf(args[0] ?? UNKNOWN);
        if (column === null || builder.creating !== null) return column === null ? builder : added([column]);
        if (t !== null) this.ops.push({ kind: 'add-column', ...base, table: t, column: { name: column, type: null } });
        return builder;
      }
      default:
        break;
    }
    if (KNEX_COLUMN_TYPES.has(name)) {
      const column = knownTextOf(args[0] ?? UNKNOWN) ?? (name === 'increments' || name === 'bigIncrements' ? 'id' : null);
      return column === null ? builder : added([column]);
    }
    this.callbacks(args, walk, UNKNOWN);
    if (isUnknownDrop(name)) this.ops.push({ kind: 'dynamic', ...base, description: `${name}(), a call droplint does not know` });
    // `table.foreign('x').references('id').onDelete('CASCADE')`: the chain is about a constraint, not the table.
    return UNKNOWN;
  }

  /** SQL text handed to the database: analysed by the SQL front-end, spans mapped into the string (`bindings`: Knex's, for `raw`). */
  private rawSql(arg: Value | undefined, node: TSESTree.CallExpression, walk: Walk, name: string, bindings?: Value): Value {
    if (arg === undefined || arg.kind === 'sql-run') return { kind: 'sql-run' };
    if (arg.kind === 'string') {
      this.runSql(withIdentifierBindings(arg.value, bindings), walk, `${name}()`, name === 'raw');
      const text = knownText(arg.value);
      const read = text === null ? null : boundSelect(text, walk.dialect ?? this.declared ?? detectDialect(text) ?? DEFAULT_DIALECT);
      if (read !== null) this.selected.push({ table: read.source, phase: walk.phase });
    } else this.ops.push({ kind: 'dynamic', span: span(node), phase: walk.phase, description: `SQL built at run time (${name}())` });
    return { kind: 'sql-run' };
  }

  /** `fragment`: Knex's `raw()` and the `sql` tag also write parts of statements (`knex.raw('now()')`). */
  private runSql(text: JsString, walk: Walk, via: string, fragment = false): void {
    if (knownText(text) === '') return;
    this.sql.push({ text, phase: walk.phase, via, fragment, ...(walk.dialect !== undefined && { dialect: walk.dialect }) });
  }
}

/** The names a condition reads: its identifiers, not the properties it names (`t.legacy` reads `t`). */
function namesOf(node: Node): string[] {
  if (node.type === 'Identifier') return [node.name];
  if (node.type === 'MemberExpression') return [...namesOf(node.object), ...(node.computed ? namesOf(node.property) : [])];
  if (node.type === 'UnaryExpression') return namesOf(node.argument);
  if (node.type === 'LogicalExpression' || node.type === 'BinaryExpression') return [...namesOf(node.left), ...namesOf(node.right)];
  return [];
}

/** SQL a migration runs, and where its operations are reported when not in the string (a call of an imported helper). */
interface EmbeddedRun {
  readonly text: JsString;
  readonly phase: Phase;
  readonly via: string;
  readonly fragment: boolean;
  readonly at?: Span;
  /** The database of the helper that runs it (`Walk.dialect`). */
  readonly dialect?: Dialect;
}

/** What SQL that shows no other dialect is read as, as a raw SQL file is. */
const DEFAULT_DIALECT: Dialect = 'postgresql';

type Pending = Extract<Value, { kind: 'query' }> | PendingColumn;

/** Binds the database handle to a migration function's first parameter: `knex`, `{ context: queryInterface }`. */
export function bindHandle(param: TSESTree.Parameter, scope: Scope): void {
  const handle: Value = { kind: 'handle', schema: null };
  if (param.type === 'Identifier') scope.set(param.name, handle);
  else if (param.type === 'AssignmentPattern') bindHandle(param.left, scope);
  else if (param.type === 'TSParameterProperty') bindHandle(param.parameter, scope);
  else if (param.type === 'ObjectPattern') {
    for (const p of param.properties) {
      if (p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'context') bindHandle(p.value as TSESTree.Parameter, scope);
    }
  }
}

/** Binds a pattern (`x`, `{ a, b }`, `[a, b]`, `x = 1`) to a value. */
function bind(pattern: TSESTree.Node, value: Value, scope: Scope): void {
  switch (pattern.type) {
    case 'Identifier':
      scope.set(pattern.name, value);
      return;
    case 'AssignmentPattern':
      bind(pattern.left, value, scope);
      return;
    case 'ObjectPattern':
      for (const p of pattern.properties) {
        if (p.type === 'RestElement') bind(p.argument, UNKNOWN, scope);
        else if (p.key.type === 'Identifier')
          bind(p.value, value.kind === 'object' ? (value.props.get(p.key.name) ?? UNKNOWN) : value.kind === 'handle' ? value : UNKNOWN, scope);
      }
      return;
    case 'ArrayPattern':
      pattern.elements.forEach((e, i) => {
        if (e !== null)
          bind(e.type === 'RestElement' ? e.argument : e, value.kind === 'array' && e.type !== 'RestElement' ? (value.items[i] ?? UNKNOWN) : UNKNOWN, scope);
      });
      return;
    case 'RestElement':
      bind(pattern.argument, value, scope);
      return;
    case 'TSParameterProperty':
      bind(pattern.parameter, value, scope);
      return;
    default:
      return;
  }
}

function propertyName(node: TSESTree.MemberExpression, walk: Walk, reader: ScriptReader): string | null {
  if (!node.computed) return node.property.type === 'Identifier' ? node.property.name : null;
  return knownTextOf(reader.expression(node.property, walk));
}

/** A value as part of a string: known text, a number, or a piece computed at run time. */
function asString(value: Value, at: Span): JsString {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number' || value.kind === 'boolean') return decodeJs(String(value.value), at.start);
  return unknownString(at);
}

function knownTextOf(value: Value): string | null {
  if (value.kind === 'string') return knownText(value.value);
  return value.kind === 'number' ? String(value.value) : null;
}

/** `{ name }` of TypeORM's `Table`/`TableColumn` options or node-pg-migrate's `{ schema, name }`. */
function nameProp(value: Value | undefined): string | null {
  return value?.kind === 'object' ? knownTextOf(value.props.get('name') ?? UNKNOWN) : null;
}

/** The table an argument names: `'users'`, `'billing.invoice'`, `{ schema, name }`, a TypeORM `Table`. */
export function tableOf(value: Value | undefined, schema: string | null): TableRef | null {
  if (value === undefined) return null;
  if (value.kind === 'object') {
    const name = nameProp(value) ?? knownTextOf(value.props.get('tableName') ?? UNKNOWN);
    const own = knownTextOf(value.props.get('schema') ?? UNKNOWN);
    return name === null ? null : { schema: own ?? schema, name };
  }
  const text = knownTextOf(value);
  if (text === null || text === '') return null;
  const dot = text.indexOf('.');
  return dot > 0 ? { schema: text.slice(0, dot), name: text.slice(dot + 1) } : { schema, name: text };
}

/** An operation of a helper for one database, on that database's arm of the choice of database (see `exclusive`). */
function databaseArm(op: Operation, dialect: Dialect): Operation {
  return { ...op, branch: [...(op.branch ?? []), `database:${dialect}`] };
}

/** Sequelize's `Model.destroy({ truncate: true })` or `destroy({ where: {} })`: every row of the model's table. */
function emptiesModel(options: Value | undefined): boolean {
  if (options?.kind !== 'object') return false;
  const truncate = options.props.get('truncate');
  const where = options.props.get('where');
  return (truncate?.kind === 'boolean' && truncate.value) || (where?.kind === 'object' && where.props.size === 0);
}

/** Whether rows to insert are written out in the file (an array of objects of literals): the migration's own rows, not ones read at run time. */
function writtenOut(rows: Value | undefined): boolean {
  const literal = (v: Value): boolean =>
    v.kind === 'number' || v.kind === 'boolean' || v.kind === 'null' || (v.kind === 'string' && knownText(v.value) !== null);
  // An empty array inserts nothing: it is a start value the code fills in (`let rows = []`, reassigned in a branch).
  return rows?.kind === 'array' && rows.items.length > 0 && rows.items.every((row) => row.kind === 'object' && [...row.props.values()].every(literal));
}

/** Column names: `'a'`, `['a', 'b']`, TypeORM `TableColumn`s, node-pg-migrate's `{ a: … }` for additions. */
function columnNames(value: Value | undefined): string[] | null {
  if (value === undefined) return null;
  if (value.kind === 'array') return allKnown(value.items.map((item) => knownTextOf(item) ?? nameProp(item)));
  const name = knownTextOf(value) ?? nameProp(value);
  return name === null ? null : [name];
}

/** Columns a creation names: TypeORM's `new Table({ columns: […] })`, or Sequelize's and node-pg-migrate's attributes object. */
function columnsOf(first: Value | undefined, second: Value | undefined): ColumnDef[] {
  const listed = first?.kind === 'object' ? first.props.get('columns') : undefined;
  if (listed?.kind === 'array') return (columnNames(listed) ?? []).map((name) => ({ name, type: null }));
  if (second?.kind === 'object') return [...second.props.keys()].map((name) => ({ name, type: null }));
  return [];
}

function allKnown(names: ReadonlyArray<string | null>): string[] | null {
  return names.every((n) => n !== null) ? (names as string[]) : null;
}

function span(node: Node): Span {
  return { start: node.range[0], end: node.range[1] };
}

/** A call node for a callback invoked by code droplint cannot see: reported, if ever, at the callback. */
function syntheticCall(fn: FunctionNode): TSESTree.CallExpression {
  return {
    type: 'CallExpression',
    range: fn.range,
    loc: fn.loc,
    callee: fn as unknown as Expression,
    arguments: [],
    optional: false,
    typeArguments: undefined,
  } as unknown as TSESTree.CallExpression;
}

/** Loops and helpers called twice can yield one operation twice. */
function dedupe(ops: readonly Operation[]): Operation[] {
  const seen = new Set<string>();
  return ops
    .filter((op) => {
      const key = JSON.stringify(op);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.span.start - b.span.start);
}

/**
 * The columns an update with no `where` writes on every row with a literal
 * (`null`, `'active'`, `0`, `false`): what they held is replaced. A value
 * computed otherwise (`knex.raw('n + 1')`) may read the column itself, and
 * is not guessed at.
 */
function overwrites(base: { span: Span; phase: Phase }, table: TableRef, assigned: ReadonlyMap<string, Value>): Operation[] {
  const ops: Operation[] = [];
  for (const [column, value] of assigned) {
    const text = value.kind === 'string' ? knownText(value.value) : null;
    const literal =
      value.kind === 'null'
        ? 'NULL'
        : text !== null
          ? sqlStringLiteral(text)
          : value.kind === 'number' || value.kind === 'boolean'
            ? String(value.value)
            : null;
    if (literal !== null) ops.push({ kind: 'overwrite-column', ...base, table, column, value: literal });
  }
  return ops;
}

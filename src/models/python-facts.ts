import type { SyntaxNode } from 'tree-sitter';
import { parsePython } from '../parsers/python/python.js';
import { asString, evaluate, Scope } from '../parsers/python/values.js';
import { scanImports } from './import-scan.js';

/**
 * What one Python file says about ORM models, read with tree-sitter (never
 * imported or run): its classes, its `Table(…)` calls, and its imports (to
 * follow a package the way Python would load it).
 */
export interface PyFileFacts {
  readonly path: string;
  readonly classes: readonly ClassFact[];
  readonly tables: readonly TableCallFact[];
  readonly imports: readonly PyImport[];
  /** `importlib.import_module`, `__import__`, `pkgutil`: modules loaded by name at run time. */
  readonly dynamicImports: boolean;
  /**
   * With `dynamicImports`: the names whose folder the module imports by name
   * (`import_modules_recursively(os.path.dirname(models.__file__))`: `models`).
   */
  readonly walkedPackages: readonly string[];
}

/** `import a.b as c` / `from ..a import b as c, d` / `from a import *`. */
export interface PyImport {
  readonly kind: 'import' | 'from';
  /** Leading dots of a relative import; 0 for an absolute one. */
  readonly level: number;
  /** The dotted module after the dots; '' in `from . import x`. */
  readonly module: string;
  /** `from m import a as b`: the names and what they are bound to; empty for `import m` and `*`. */
  readonly names: ReadonlyArray<{ readonly name: string; readonly boundAs: string }>;
  readonly star: boolean;
  /** `import a.b as c`: `c`; null when `import a.b` binds `a`. */
  readonly alias: string | null;
}

/** How a class body sets `__tablename__`. */
export type TablenameFact =
  | { readonly kind: 'static'; readonly name: string }
  /** `__tablename__ = None`: no table of its own. */
  | { readonly kind: 'none' }
  /** A function of the class (`@declared_attr def __tablename__(cls)`): how it derives the name. */
  | { readonly kind: 'derived'; readonly derive: 'lower' | 'lower-plural' | 'unknown' }
  /** A value droplint cannot compute. */
  | { readonly kind: 'dynamic' };

export interface ClassFact {
  readonly name: string;
  readonly line: number;
  /** The superclasses as written: `Base`, `db.Model`, `SQLModel`. */
  readonly bases: readonly string[];
  /** One of the bases is a Flask-SQLAlchemy model class (`db.Model`). */
  readonly flaskBase: boolean;
  /** SQLModel's `class X(SQLModel, table=True)`. */
  readonly tableKeyword: boolean;
  readonly tablename: TablenameFact | null;
  readonly schema: string | null;
  /** `__abstract__ = True`. */
  readonly abstract: boolean;
  /** The body declares a primary key (`primary_key=True`). */
  readonly primaryKey: boolean;
  /** `__table__ = …`: the table comes from that expression (a `Table(…)` call is read as such). */
  readonly ownTable: boolean;
  /** The body declares columns (`x = Column(…)`, `mapped_column(…)`). */
  readonly columns: boolean;
}

export interface TableCallFact {
  readonly name: string;
  readonly schema: string | null;
  readonly line: number;
}

/** Modules whose `Table` is SQLAlchemy's. */
const TABLE_MODULES = /^(sqlalchemy|sqlmodel|flask_sqlalchemy)(\.|$)/;
/** Conventional names of the SQLAlchemy module or a Flask-SQLAlchemy instance. */
const TABLE_OWNERS = new Set(['sa', 'sqlalchemy', 'db']);
/** `name.__file__` or `name.__path__`: where an imported package lies. */
const PACKAGE_LOCATION = /\b([A-Za-z_]\w*)\.__(?:file|path)__\b/g;
const DYNAMIC_IMPORT = /\b(import_modules?|import_modules_recursively|__import__|pkgutil|walk_packages|iter_modules|autodiscover)\b/;

/**
 * Text without any of these defines no table, nor a base that gives its
 * subclasses one: `__tablename__` (also a `@declared_attr` one), `Table(…)`,
 * a `db.Model` base, SQLModel's `table=True`, a primary key of its own
 * (a joined-inheritance subclass), `Mapped[…]` columns; or columns
 * (`sa.Column(…)`) with a class on a base of another module
 * (`class Agent(model_base.BASEV2)`), a library's that may name its table.
 */
const MAY_DEFINE_MODELS = /__tablename__|\bTable\s*\(|\.Model\b|\btable\s*=\s*True|primary_key|Mapped\[|SQLModel/;
const COLUMN = /\bColumn\s*\(/;
const CLASS_ON_MODULE_BASE = /^class\s+\w+\s*\([^)]*\b\w+\.\w+/m;

/** Whether a file's text can define a model: only such files are parsed. */
export function mayDefineModels(text: string): boolean {
  return MAY_DEFINE_MODELS.test(text) || (COLUMN.test(text) && CLASS_ON_MODULE_BASE.test(text));
}

/**
 * Reads one file; a file tree-sitter cannot fully parse still yields what it
 * could read. A file that cannot define a model is not parsed: its imports
 * are all that is read.
 */
export async function readPythonFacts(path: string, text: string): Promise<PyFileFacts> {
  const imports = scanImports(text);
  const dynamicImports = DYNAMIC_IMPORT.test(text);
  const walkedPackages = dynamicImports ? [...text.matchAll(PACKAGE_LOCATION)].map((m) => m[1]!) : [];
  if (!mayDefineModels(text)) return { path, classes: [], tables: [], imports, dynamicImports, walkedPackages };
  const { module } = await parsePython(text);
  const scope = new Scope(null);
  scope.bindModule(module);
  return { path, classes: readClasses(module, scope, imports), tables: readTableCalls(module, scope, imports), imports, dynamicImports, walkedPackages };
}

/** Module-level classes, also under decorators. */
function topLevelClasses(module: SyntaxNode): SyntaxNode[] {
  return module.namedChildren.flatMap((s) => {
    const definition = s.type === 'decorated_definition' ? s.childForFieldName('definition') : s;
    return definition?.type === 'class_definition' ? [definition] : [];
  });
}

function readClasses(module: SyntaxNode, scope: Scope, imports: readonly PyImport[]): ClassFact[] {
  const djangoNames = new Set(
    imports.flatMap((i) => (/^django(\.|$)/.test(i.module) ? (i.kind === 'from' ? i.names.map((n) => n.boundAs) : [i.alias ?? i.module.split('.')[0]!]) : [])),
  );
  const classes: ClassFact[] = [];
  for (const node of topLevelClasses(module)) {
    const name = node.childForFieldName('name')?.text;
    if (!name) continue;
    const bases: string[] = [];
    let tableKeyword = false;
    for (const arg of node.childForFieldName('superclasses')?.namedChildren ?? []) {
      if (arg.type === 'keyword_argument') {
        if (arg.childForFieldName('name')?.text === 'table' && arg.childForFieldName('value')?.type === 'true') tableKeyword = true;
      } else if (arg.type !== 'comment') bases.push(arg.text.replace(/\s+/g, ''));
    }
    const flaskBase = bases.some((b) => {
      const owner = /^([A-Za-z_]\w*)\.Model$/.exec(b)?.[1];
      return owner !== undefined && owner !== 'models' && !djangoNames.has(owner);
    });
    classes.push({ name, line: node.startPosition.row + 1, bases, flaskBase, tableKeyword, ...readBody(node, scope) });
  }
  return classes;
}

type BodyFacts = Pick<ClassFact, 'tablename' | 'schema' | 'abstract' | 'primaryKey' | 'ownTable' | 'columns'>;

function readBody(node: SyntaxNode, scope: Scope): BodyFacts {
  const facts: { -readonly [K in keyof BodyFacts]: BodyFacts[K] } = {
    tablename: null,
    schema: null,
    abstract: false,
    primaryKey: false,
    ownTable: false,
    columns: false,
  };
  for (const statement of node.childForFieldName('body')?.namedChildren ?? []) {
    if (statement.type === 'function_definition' || statement.type === 'decorated_definition') {
      const fn = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      if (fn?.childForFieldName('name')?.text === '__tablename__') facts.tablename = constantReturn(fn, scope) ?? { kind: 'derived', derive: derivation(fn) };
      continue;
    }
    const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    if (assignment?.type !== 'assignment') continue;
    const target = assignment.childForFieldName('left')?.text;
    const value = assignment.childForFieldName('right');
    if (!value) continue;
    if (/primary_key\s*=\s*True/.test(value.text)) facts.primaryKey = true;
    if (/^(\w+\.)?(Column|mapped_column)\(/.test(value.text)) facts.columns = true;
    switch (target) {
      case '__tablename__': {
        if (value.type === 'none') facts.tablename = { kind: 'none' };
        else {
          const text = asString(evaluate(value, scope))?.text;
          facts.tablename = text === undefined ? { kind: 'dynamic' } : { kind: 'static', name: text };
        }
        break;
      }
      case '__abstract__':
        facts.abstract = value.type === 'true';
        break;
      case '__table_args__':
        facts.schema = schemaOf(value, scope);
        break;
      case '__table__':
        facts.ownTable = true;
        break;
    }
  }
  return facts;
}

/** `def __tablename__(cls): return "events"`: the class's own table, named as a constant. */
function constantReturn(fn: SyntaxNode, scope: Scope): TablenameFact | null {
  const returns = fn.descendantsOfType('return_statement');
  const value = returns.length === 1 ? returns[0]!.namedChildren[0] : undefined;
  const name = value === undefined ? undefined : asString(evaluate(value, scope))?.text;
  return name === undefined ? null : { kind: 'static', name };
}

/** `return cls.__name__.lower()` and its plural forms; any other body is unknown. */
function derivation(fn: SyntaxNode): 'lower' | 'lower-plural' | 'unknown' {
  const returns = fn.descendantsOfType('return_statement');
  if (returns.length !== 1) return 'unknown';
  const text = returns[0]!.text
    .replace(/^return/, '')
    .replace(/\s+/g, '')
    .replace(/'/g, '"');
  const lower = String.raw`(?:(?:cls|self)\.__name__\.lower\(\)|f"\{(?:cls|self)\.__name__\}"\.lower\(\)|f"\{(?:cls|self)\.__name__\.lower\(\)\}")`;
  if (new RegExp(`^${lower}$`).test(text)) return 'lower';
  if (new RegExp(`^(?:${lower}\\+"s"|f"\\{(?:cls|self)\\.__name__\\.lower\\(\\)\\}s")$`).test(text)) return 'lower-plural';
  return 'unknown';
}

/** `{"schema": "x"}`, or a tuple ending in such a dict. */
function schemaOf(value: SyntaxNode, scope: Scope): string | null {
  const dict =
    value.type === 'dictionary'
      ? value
      : value.type === 'tuple' || value.type === 'parenthesized_expression'
        ? value.namedChildren.findLast((c) => c.type === 'dictionary')
        : undefined;
  for (const pair of dict?.namedChildren ?? []) {
    if (pair.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const v = pair.childForFieldName('value');
    if (key && v && asString(evaluate(key, scope))?.text === 'schema') return asString(evaluate(v, scope))?.text ?? null;
  }
  return null;
}

function readTableCalls(module: SyntaxNode, scope: Scope, imports: readonly PyImport[]): TableCallFact[] {
  const bareTable = new Set<string>();
  const owners = new Set(TABLE_OWNERS);
  for (const i of imports) {
    if (!TABLE_MODULES.test(i.module) || i.level > 0) continue;
    if (i.kind === 'from') for (const n of i.names) if (n.name === 'Table') bareTable.add(n.boundAs);
    if (i.kind === 'import') owners.add(i.alias ?? i.module.split('.')[0]!);
  }
  // db = SQLAlchemy(app): its Table is Flask-SQLAlchemy's.
  for (const assignment of module.descendantsOfType('assignment')) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type === 'identifier' && right?.type === 'call' && /(^|\.)SQLAlchemy$/.test(right.childForFieldName('function')?.text ?? ''))
      owners.add(left.text);
  }
  const tables: TableCallFact[] = [];
  for (const call of module.descendantsOfType('call')) {
    const fn = call.childForFieldName('function')?.text.replace(/\s+/g, '') ?? '';
    const owner = /^(.+)\.Table$/.exec(fn)?.[1];
    // `sa.Table`, `db.Table`, `sqlalchemy.schema.Table`.
    const ownerOk = owner !== undefined && (owners.has(owner) || (owner.endsWith('.schema') && owners.has(owner.slice(0, -'.schema'.length))));
    if (!bareTable.has(fn) && !ownerOk) continue;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((a) => a.type !== 'comment') ?? [];
    const first = args.find((a) => a.type !== 'keyword_argument') ?? args.find((a) => a.childForFieldName('name')?.text === 'name')?.childForFieldName('value');
    const name = first ? asString(evaluate(first, scope))?.text : undefined;
    if (name === undefined) continue;
    const schemaArg = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'schema')?.childForFieldName('value');
    const schema = schemaArg ? (asString(evaluate(schemaArg, scope))?.text ?? null) : null;
    tables.push({ name, schema, line: call.startPosition.row + 1 });
  }
  return tables;
}

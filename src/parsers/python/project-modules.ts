import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SyntaxNode } from 'tree-sitter';
import { hashBytes } from '../../cache/content-hash.js';
import { noteHash } from '../file-reads.js';
import { decodeSource } from '../read-source.js';
import { readImports, type PyImport } from './imports.js';
import { ModuleFinder } from './module-finder.js';
import { moduleStatements, parseLoadedPython } from './python.js';
import { bindArguments } from './arguments.js';
import { CallReader, DOTTED_NAME, type Part } from './call-reader.js';
import { anchoredAt, evaluate, type PyValue, Scope, UNKNOWN } from './values.js';

/**
 * How many modules deep a name is followed (`from app.utils import x`, where
 * `app/utils/__init__.py` imports it from `.tables`, …): enough for helpers
 * re-exported by a package, short enough that a project's import graph is
 * never read whole.
 */
const MAX_IMPORT_DEPTH = 4;

/**
 * Modules that droplint reads for what they are (Alembic, SQLAlchemy) or that
 * never touch a database (the standard library's): a call imported from them
 * is no project helper, whatever its name (`os.remove`, `shutil.rmtree`).
 */
const KNOWN_MODULES =
  /^(alembic|sqlalchemy|sqlmodel|flask_sqlalchemy|__future__|abc|collections|contextlib|copy|dataclasses|datetime|enum|functools|hashlib|itertools|json|logging|math|os|pathlib|random|re|shutil|string|sys|tempfile|textwrap|time|typing|typing_extensions|uuid|warnings)(\.|$)/;

/** A Python file of the project, read (never imported) because a migration reaches into it. */
export class ProjectModule {
  private importList: readonly PyImport[] | null = null;
  private callReader: CallReader | null = null;
  private functionMap: Map<string, SyntaxNode> | null = null;
  private readonly finder: ModuleFinder;

  constructor(
    /** Absolute path. */
    readonly path: string,
    readonly source: string,
    readonly module: SyntaxNode,
    /** The module's names; a new scope bound to `module` unless the caller has one. */
    readonly scope: Scope = moduleScope(module),
  ) {
    this.finder = finderFor(path);
    this.scope.bindImports((name) => this.importedValue(name));
    this.scope.bindCalls((call, scope) => this.returned(call, scope));
  }

  /** The module's imports, read when first needed. */
  imports(): readonly PyImport[] {
    return (this.importList ??= readImports(this.module));
  }

  /** The functions defined at the module's top level. */
  functions(): ReadonlyMap<string, SyntaxNode> {
    if (this.functionMap === null) {
      this.functionMap = new Map();
      for (const statement of moduleStatements(this.module)) {
        const fn = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
        const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
        if (name) this.functionMap.set(name, fn!);
      }
    }
    return this.functionMap;
  }

  /**
   * What a call's callee (`helper`, `utils.helper`) names through this
   * module's imports: a function of a project module, an import droplint
   * cannot read (`from` names the module), or null (not imported, or from a
   * module droplint knows).
   */
  importedFunction(callee: string): ImportedFunction | null {
    return acrossModules(() => this.findFunction(callee));
  }

  private findFunction(callee: string): ImportedFunction | null {
    const [first, ...rest] = callee.split('.') as [string, ...string[]];
    const binding = this.binding(first);
    if (binding === null) return null;
    const { importStatement, dotted } = binding;
    const parts = [...dotted, ...rest];
    const name = parts.at(-1)!;
    const from = `${'.'.repeat(importStatement.level)}${parts.slice(0, -1).join('.')}`;
    if (importStatement.level === 0 && KNOWN_MODULES.test(parts.join('.'))) return null;
    const target = parts.length > 1 ? this.load(importStatement.level, parts.slice(0, -1)) : null;
    if (target === null) {
      // Only a name the import itself binds is surely a function of that module: in `thing.delete()`
      // (`from m import thing`) or `m.client.delete()` (`import m`), what holds it may be any object (a Redis client).
      const imported = importStatement.kind === 'from' ? dotted.length : importStatement.module.split('.').length + 1;
      return parts.length === imported ? { kind: 'unreadable', from, name } : null;
    }
    const fn = target.functions().get(name);
    if (fn !== undefined) return { kind: 'function', module: target, fn, from, name };
    // A package that re-exports it (`from .ops import drop_columns` in `__init__.py`).
    return target.importedFunction(name) ?? { kind: 'unreadable', from, name };
  }

  /**
   * What a call of a function of this module, or of one it imports from the
   * project, returns, when the function's body is one `return` (`def
   * load_table(name, conn): return sa.Table(name, …)`): its expression read
   * with the call's arguments (evaluated in `caller`); null otherwise.
   */
  private returned(node: SyntaxNode, caller: Scope): PyValue | null {
    const call = (this.callReader ??= new CallReader(this.module, this.source)).of(node);
    if (!DOTTED_NAME.test(call.callee.text)) return null;
    return acrossModules(() => {
      const own = this.functions().get(call.callee.text);
      const found = own === undefined ? this.importedFunction(call.callee.text) : { kind: 'function' as const, module: this, fn: own };
      const expression = found?.kind === 'function' ? returnedExpression(found.fn) : null;
      if (found?.kind !== 'function' || expression === null) return null;
      const scope = found.module.scope.child();
      bindArguments(found.fn, call, (part) => evaluatePart(part, caller), scope, found.module.scope);
      return evaluate(expression, scope);
    });
  }

  /** A name imported with `from m import name`: its value in `m`, placed at the import. */
  private importedValue(name: string): PyValue | null {
    return acrossModules(() => this.valueOf(name));
  }

  private valueOf(name: string): PyValue | null {
    const binding = this.binding(name);
    if (binding === null || binding.importStatement.kind !== 'from' || binding.dotted.length < 2) return null;
    const { importStatement, dotted } = binding;
    if (importStatement.level === 0 && KNOWN_MODULES.test(dotted.join('.'))) return null;
    const target = this.load(importStatement.level, dotted.slice(0, -1));
    if (target === null) return null;
    return anchoredAt(target.scope.lookup(dotted.at(-1)!), importStatement.at, importStatement.at);
  }

  /** The import that binds `name`, and the dotted path it stands for (`from a import b as n` → a.b). */
  private binding(name: string): { importStatement: PyImport; dotted: string[] } | null {
    for (const i of [...this.imports()].reverse()) {
      const split = (m: string): string[] => (m === '' ? [] : m.split('.'));
      if (i.kind === 'from') {
        const bound = i.names.find((n) => n.boundAs === name);
        if (bound) return { importStatement: i, dotted: [...split(i.module), bound.name] };
      } else if (i.alias === name) return { importStatement: i, dotted: split(i.module) };
      else if (i.alias === null && i.module.split('.')[0] === name) return { importStatement: i, dotted: [name] };
    }
    return null;
  }

  /** The module at `parts` (relative to this file at `level`), read; null when it is not in the project. */
  private load(level: number, parts: readonly string[]): ProjectModule | null {
    const resolved =
      level > 0 ? this.finder.resolveRelative(path.dirname(this.path), level, parts) : parts.length > 0 ? this.finder.resolveAbsolute(parts) : null;
    const file = resolved?.files.at(-1);
    // The packages above run too, but only the module's own file holds its names (not a namespace package's parent).
    const name = parts.at(-1);
    const own =
      file !== undefined && (path.basename(file) === `${name}.py` || (path.basename(file) === '__init__.py' && path.basename(path.dirname(file)) === name));
    if (!own) return null;
    return projectModule(file);
  }
}

/** How many lookups are under way from one module into another, in this thread. */
let crossings = 0;

/**
 * Runs a lookup into another module; null past MAX_IMPORT_DEPTH crossings,
 * which bounds the chains that import cycles (`a` imports from `b`, which
 * imports from `a`) would make endless.
 */
function acrossModules<T>(lookup: () => T | null): T | null {
  if (crossings >= MAX_IMPORT_DEPTH) return null;
  crossings++;
  try {
    return lookup();
  } finally {
    crossings--;
  }
}

export type ImportedFunction =
  | { readonly kind: 'function'; readonly module: ProjectModule; readonly fn: SyntaxNode; readonly from: string; readonly name: string }
  | { readonly kind: 'unreadable'; readonly from: string; readonly name: string };

interface Memo {
  readonly mtimeMs: number;
  readonly size: number;
  /** Of the bytes the module was parsed from; null: they could not be read. */
  readonly hash: string | null;
  readonly module: ProjectModule | null;
}

/**
 * Every project module read in this thread, by path, each parsed once
 * whichever migration reaches it (each parse-pool thread keeps its own); a
 * file changed since (the language server runs for hours) is read again.
 */
const modules = new Map<string, Memo>();
const finders = new Map<string, ModuleFinder>();

/**
 * A module's file, read and parsed; null when it cannot be read or the grammar
 * is not loaded yet. Each call is noted as a read of the job under way, whose
 * unit is then only as current as this file.
 */
export function projectModule(absPath: string): ProjectModule | null {
  const stat = statSync(absPath, { throwIfNoEntry: false });
  if (stat === undefined || !stat.isFile()) {
    noteHash(absPath, null);
    return null;
  }
  let memo = modules.get(absPath);
  if (memo === undefined || memo.mtimeMs !== stat.mtimeMs || memo.size !== stat.size) {
    const bytes = readBytes(absPath);
    const read = bytes === null ? null : decodeSource(bytes);
    const parsed = read?.problem === null ? parseLoadedPython(read.text) : null;
    const module = parsed === null ? null : new ProjectModule(absPath, read!.text, parsed.module);
    memo = { mtimeMs: stat.mtimeMs, size: stat.size, hash: bytes === null ? null : hashBytes(bytes), module };
    modules.set(absPath, memo);
  }
  noteHash(absPath, memo.hash);
  return memo.module;
}

/** The expression a function returns when its body is that one `return` (after a docstring); null otherwise. */
function returnedExpression(fn: SyntaxNode): SyntaxNode | null {
  const statements = (fn.childForFieldName('body')?.namedChildren ?? []).filter((s) => s.type !== 'comment');
  const body = statements[0]?.type === 'expression_statement' && statements[0].firstNamedChild?.type === 'string' ? statements.slice(1) : statements;
  return body.length === 1 && body[0]!.type === 'return_statement' ? (body[0]!.firstNamedChild ?? null) : null;
}

function evaluatePart(part: Part, scope: Scope): PyValue {
  const node = part.node();
  return node === null ? UNKNOWN : evaluate(node, scope);
}

function readBytes(absPath: string): Uint8Array | null {
  try {
    return readFileSync(absPath);
  } catch {
    return null;
  }
}

function moduleScope(module: SyntaxNode): Scope {
  const scope = new Scope(null);
  scope.bindModule(module);
  return scope;
}

function finderFor(file: string): ModuleFinder {
  const dir = path.dirname(file);
  let finder = finders.get(dir);
  if (finder === undefined) {
    finder = new ModuleFinder(dir);
    finders.set(dir, finder);
  }
  return finder;
}

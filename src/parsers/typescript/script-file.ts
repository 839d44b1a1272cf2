// ESTree node types are compared as the strings they are: the enum would load typescript-estree on every run.
/* eslint-disable @typescript-eslint/no-unsafe-enum-comparison */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Phase } from '../../ir/operations.js';
import { LineIndex } from '../../ir/source-text.js';
import type { Dialect, MigrationUnit, SourceFile } from '../../ir/unit.js';
import { noteRead } from '../file-reads.js';
import { collectSuppressions, type StatementSpan } from '../suppressions.js';
import { parseScript } from './load-parser.js';
import { ScriptReader } from './reader.js';
import { type FunctionNode, Scope, UNKNOWN, type Value } from './values.js';

/** Cheap test before parsing: a migration defines or exports `up` or `down`. */
const MAYBE_MIGRATION = /\b(?:up|down)\s*[(:=<]/;

const PHASES: Readonly<Record<string, Phase>> = { up: 'upgrade', down: 'downgrade' };

/**
 * A TS/JS migration (Knex, TypeORM, Sequelize, umzug, node-pg-migrate, Kysely,
 * MikroORM): `up` is the upgrade, `down` the downgrade. Null for a file that
 * defines neither: not a migration.
 */
export async function parseScriptFile(file: SourceFile, dialect: Dialect | null, absPath: string): Promise<MigrationUnit | null> {
  if (!MAYBE_MIGRATION.test(file.text)) return null;
  const { program, comments, error } = parseScript(file.text, file.path);
  const scope = moduleScope(program, absPath, new Map());
  const entries = migrationEntries(program, scope);
  if (entries.length === 0) return null;
  const reader = new ScriptReader(file.text, dialect);
  for (const entry of entries) reader.entry(entry.fn, entry.phase, scope, entry.self);
  const { operations, dialect: read } = await reader.operations();
  if (error !== null) {
    const line = file.text.slice(error.start, file.text.indexOf('\n', error.start) >>> 0);
    operations.unshift({
      kind: 'unparsed',
      span: { start: error.start, end: Math.max(error.end, error.start + 1) },
      phase: 'none',
      reason: error.message,
      mayBeDestructive: /\b(drop|truncate|delete|remove)/i.test(line),
    });
  }
  const lines = new LineIndex(file.text);
  const commentLikes = comments.map((c) => {
    const lineStart = lines.lineStart(lines.lineOf(c.range[0]) + 1);
    return { start: c.range[0], end: c.range[1], body: c.value, ownLine: file.text.slice(lineStart, c.range[0]).trim() === '' };
  });
  const suppressions = commentLikes.some((c) => c.body.includes('droplint-ignore')) ? collectSuppressions(commentLikes, statementSpans(program), lines) : [];
  return {
    file,
    format: 'script',
    dialect: read,
    orderKey: path.posix.basename(file.path),
    phases: [...new Set(entries.map((e) => e.phase))],
    operations,
    suppressions,
    meta: { format: 'script' },
  };
}

interface Entry {
  readonly fn: FunctionNode;
  readonly phase: Phase;
  readonly self: Value;
}

/** Past this size, a module a migration imports is not read for its helpers. */
const MAX_IMPORTED_BYTES = 256 * 1024;
const IMPORT_EXTENSIONS = ['', '.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '/index.ts', '/index.js'];

/**
 * Top-level names, evaluated when first used: constants, functions, classes,
 * and what is imported from the project's own modules (`./helpers`), read
 * (never run) once per run. `modules` holds the scopes read so far, so that an
 * import cycle ends.
 */
function moduleScope(program: TSESTree.Program, absPath: string, modules: Map<string, Scope>): Scope {
  const scope = new Scope(null, absPath);
  modules.set(absPath, scope);
  const reader = new ScriptReader('', 'postgresql');
  const walk = { phase: 'none' as const, scope, self: UNKNOWN, active: new Set<FunctionNode>() };
  for (const statement of program.body) {
    if (statement.type === 'ImportDeclaration' && statement.source.value.startsWith('.')) {
      const from = statement.source.value;
      for (const specifier of statement.specifiers) {
        if (specifier.type !== 'ImportSpecifier' || specifier.imported.type !== 'Identifier') continue;
        const name = specifier.imported.name;
        scope.set(specifier.local.name, () => importedModule(path.resolve(path.dirname(absPath), from), modules)?.get(name) ?? { kind: 'imported', name });
      }
      continue;
    }
    const s = unwrapExport(statement);
    if (s === null) continue;
    if (s.type === 'FunctionDeclaration' && s.id) scope.set(s.id.name, { kind: 'function', node: s, scope });
    else if (s.type === 'ClassDeclaration' && s.id) scope.set(s.id.name, classValue(s, scope));
    else if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) {
        // Module constants are values only (no effects): read with a reader whose operations are dropped.
        if (d.id.type === 'Identifier' && d.init) {
          const init = d.init;
          scope.set(d.id.name, () => reader.expression(init, walk));
        }
      }
    }
  }
  return scope;
}

/** The top-level scope of a project module a migration imports, or null when it cannot be read. */
function importedModule(base: string, modules: Map<string, Scope>): Scope | null {
  for (const extension of IMPORT_EXTENSIONS) {
    const file = base + extension;
    const known = modules.get(file);
    if (known !== undefined) return known;
    let bytes: Buffer;
    try {
      if (!statSync(file).isFile() || statSync(file).size > MAX_IMPORTED_BYTES) continue;
      bytes = readFileSync(file);
    } catch {
      continue;
    }
    // The migration's unit is only as current as this module.
    noteRead(file, bytes);
    return moduleScope(parseScript(bytes.toString('utf8'), file).program, file, modules);
  }
  return null;
}

/** `up`/`down` however the file defines them: exported functions, `exports.up`, `module.exports = {…}`, a migration class. */
function migrationEntries(program: TSESTree.Program, scope: Scope): Entry[] {
  const entries: Entry[] = [];
  const add = (name: string, value: TSESTree.Node | Value | null, self: Value = UNKNOWN): void => {
    const phase = PHASES[name];
    if (phase === undefined || value === null) return;
    const fn = 'type' in value ? functionOf(value, scope) : value.kind === 'function' ? value.node : null;
    if (fn !== null && !entries.some((e) => e.fn === fn && e.phase === phase)) entries.push({ fn, phase, self });
  };
  const fromObject = (node: TSESTree.Node): void => {
    const target = node.type === 'Identifier' ? scopeNode(scope, node.name) : node;
    if (target?.type === 'ObjectExpression') {
      for (const p of target.properties) if (p.type === 'Property' && p.key.type === 'Identifier') add(p.key.name, p.value);
    } else if (target?.type === 'ClassDeclaration' || target?.type === 'ClassExpression') {
      const self = classValue(target, scope);
      if (self.kind === 'self') for (const [name, fn] of self.methods) add(name, fn, self);
    }
  };
  for (const statement of program.body) {
    if (statement.type === 'ExportDefaultDeclaration') fromObject(statement.declaration);
    const s = unwrapExport(statement);
    if (s === null) continue;
    if (s.type === 'FunctionDeclaration' && s.id) add(s.id.name, s);
    else if (s.type === 'VariableDeclaration') {
      for (const d of s.declarations) if (d.id.type === 'Identifier' && d.init) add(d.id.name, d.init);
    } else if (s.type === 'ClassDeclaration') fromObject(s);
    else if (s.type === 'ExpressionStatement' && s.expression.type === 'AssignmentExpression') {
      const { left, right } = s.expression;
      const target = memberPath(left);
      if (target === 'module.exports' || target === 'exports') fromObject(right);
      else if (target?.startsWith('exports.') || target?.startsWith('module.exports.')) add(target.slice(target.lastIndexOf('.') + 1), right);
    }
  }
  return entries;
}

function unwrapExport(statement: TSESTree.ProgramStatement): TSESTree.Node | null {
  if (statement.type === 'ExportNamedDeclaration') return statement.declaration ?? null;
  if (statement.type === 'ExportDefaultDeclaration')
    return statement.declaration.type === 'FunctionDeclaration' || statement.declaration.type === 'ClassDeclaration' ? statement.declaration : null;
  return statement;
}

/** The function a node is or names. */
function functionOf(node: TSESTree.Node, scope: Scope): FunctionNode | null {
  let n: TSESTree.Node = node;
  while (n.type === 'TSAsExpression' || n.type === 'TSSatisfiesExpression' || n.type === 'TSNonNullExpression') n = n.expression;
  if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') return n;
  if (n.type === 'Identifier') {
    const value = scope.get(n.name);
    return value.kind === 'function' ? value.node : null;
  }
  return null;
}

/** The node a module-level name is declared with (an object or class a file exports by name). */
function scopeNode(scope: Scope, name: string): TSESTree.Node | null {
  const value = scope.get(name);
  if (value.kind === 'self') return value.declaration;
  return value.kind === 'object' ? (value.node ?? null) : null;
}

/** A class's methods, with `this` bound to the instance (MikroORM's `this.addSql`, helper methods). */
function classValue(node: TSESTree.ClassDeclaration | TSESTree.ClassExpression, scope: Scope): Value {
  const methods = new Map<string, FunctionNode>();
  for (const member of node.body.body) {
    if (member.type === 'MethodDefinition' && member.key.type === 'Identifier' && member.value.type === 'FunctionExpression')
      methods.set(member.key.name, member.value);
    else if (
      member.type === 'PropertyDefinition' &&
      member.key.type === 'Identifier' &&
      member.value !== null &&
      (member.value.type === 'ArrowFunctionExpression' || member.value.type === 'FunctionExpression')
    )
      methods.set(member.key.name, member.value);
  }
  return { kind: 'self', methods, declaration: node, scope };
}

function memberPath(node: TSESTree.Node): string | null {
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const object = memberPath(node.object);
    return object === null ? null : `${object}.${node.property.name}`;
  }
  return null;
}

/** Every statement, outer before inner, in source order: what a suppression comment can cover. */
function statementSpans(program: TSESTree.Program): StatementSpan[] {
  const spans: StatementSpan[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const n = node as TSESTree.Node;
    if (typeof n.type !== 'string') return;
    if (/(Statement|Declaration)$/.test(n.type) && n.type !== 'BlockStatement') spans.push({ start: n.range[0], end: n.range[1] });
    for (const key in n) {
      if (key !== 'parent' && key !== 'loc' && key !== 'range') visit((n as unknown as Record<string, unknown>)[key]);
    }
  };
  visit(program.body);
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Where the innermost statement holding `offset` starts, for a quick fix's comment; null outside every statement. */
export function statementAt(text: string, fileName: string, offset: number): number | null {
  const spans = statementSpans(parseScript(text, fileName).program).filter((s) => s.start <= offset && offset < s.end);
  return spans.at(-1)?.start ?? null;
}

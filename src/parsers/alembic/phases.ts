import type { SyntaxNode } from 'tree-sitter';
import type { Phase } from '../../ir/operations.js';
import type { NodeIndex } from '../python/node-index.js';
import { moduleStatements } from '../python/python.js';

/** The module's function definitions by name, also under decorators. */
export function moduleFunctions(module: SyntaxNode): Map<string, SyntaxNode> {
  const functions = new Map<string, SyntaxNode>();
  for (const statement of moduleStatements(module)) {
    const fn = unwrapDecorated(statement);
    const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
    if (name) functions.set(name, fn!);
  }
  return functions;
}

export function unwrapDecorated(node: SyntaxNode): SyntaxNode | null {
  return node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
}

/**
 * The phases a module-level function runs in: its own name, those of the
 * functions that call it, or, for a helper no one here calls, its name's
 * (`upgrade_engine1()` of Alembic's multi-database template).
 */
export function phasesOf(name: string, functions: ReadonlyMap<string, SyntaxNode>, calls: () => NodeIndex): Phase[] {
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

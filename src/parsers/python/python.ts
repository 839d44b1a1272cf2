import { createRequire } from 'node:module';
import type { SyntaxNode } from 'tree-sitter';
import type { Span } from '../../ir/operations.js';
import { setLanguageLight } from './node-classes.js';

type TreeSitterParser = import('tree-sitter');

let parser: Promise<TreeSitterParser> | null = null;
let loaded: TreeSitterParser | null = null;

/** tree-sitter and its Python grammar load only when a Python file is linted. */
async function load(): Promise<TreeSitterParser> {
  parser ??= Promise.all([import('tree-sitter'), import('tree-sitter-python')]).then(([ts, python]) => {
    const p = new ts.default();
    setLanguageLight(p, python.default, ts.default, createRequire(import.meta.url).cache);
    loaded = p;
    return p;
  });
  return parser;
}

/** A syntax error, on the line where it starts. */
export interface SyntaxProblem {
  readonly span: Span;
  readonly reason: string;
  /** The text of that line, to tell whether it may hide a DROP. */
  readonly text: string;
}

export interface ParsedPython {
  readonly module: SyntaxNode;
  readonly problems: readonly SyntaxProblem[];
}

/** How many broken lines are set aside before giving up on reading past them. */
const MAX_SET_ASIDE = 20;

/**
 * The module node of `text`, and its syntax errors. tree-sitter recovers from
 * most errors locally, but an unclosed bracket or string can swallow the rest
 * of the file into one error, hiding `upgrade()` and `downgrade()`: such a
 * line is set aside (replaced by `pass`, offsets unchanged) and the file parsed
 * again, so that the rest of it is still read.
 */
export async function parsePython(text: string, key?: string): Promise<ParsedPython> {
  return parseWith(await load(), text, key);
}

/**
 * `parsePython` for a run that has already parsed Python (the grammar is
 * loaded): a migration's walk reads the project modules it imports as it
 * reaches their calls, without waiting. Null when nothing was parsed yet.
 */
export function parseLoadedPython(text: string): ParsedPython | null {
  return loaded === null ? null : parseWith(loaded, text, undefined);
}

function parseWith(p: TreeSitterParser, text: string, key: string | undefined): ParsedPython {
  let source = text;
  const setAside: SyntaxProblem[] = [];
  for (;;) {
    const module = parse(p, source, source === text ? key : undefined);
    const errors = syntaxErrors(module);
    const swallowing = errors.find((e) => e.startPosition.row < e.endPosition.row);
    const line = swallowing ? lineAt(source, swallowing.startIndex) : null;
    if (!swallowing || !line || line.end === line.start || setAside.length >= MAX_SET_ASIDE || /^(pass|0)\s*$/.test(source.slice(line.start, line.end))) {
      const problems = [...setAside, ...errors.map((e) => problemAt(e, text))];
      return { module, problems: problems.sort((a, b) => a.span.start - b.span.start) };
    }
    setAside.push(problemAt(swallowing, text));
    source = source.slice(0, line.start) + filler(source.slice(line.start, line.end)) + source.slice(line.end);
  }
}

type Tree = ReturnType<TreeSitterParser['parse']>;

/** Trees kept to parse the next text of the same file incrementally, newest last (see `keepTrees`). */
const kept = new Map<string, { readonly text: string; readonly tree: Tree }>();
let keptLimit = 0;

/**
 * Keeps the trees of the last `files` files parsed with a key, so that the
 * next text of one is parsed from its old tree: tree-sitter then reparses only
 * what an edit touched. For a long-lived process (the language server) that
 * lints the same files again after each edit; a one-off run keeps none.
 */
export function keepTrees(files: number): void {
  keptLimit = files;
  while (kept.size > keptLimit) kept.delete(kept.keys().next().value!);
}

function parse(p: TreeSitterParser, text: string, key: string | undefined): SyntaxNode {
  const previous = key === undefined ? undefined : kept.get(key);
  if (previous !== undefined) previous.tree.edit(editBetween(previous.text, text));
  // A callback input avoids the binding's size limit on one string argument.
  const tree = p.parse((index: number) => (index < text.length ? text.slice(index, index + 65536) : null), previous?.tree);
  // The binding would read each node's text back through that callback, a chunk at a time.
  tree.getText = (node: SyntaxNode): string => text.slice(node.startIndex, node.endIndex);
  if (key !== undefined && keptLimit > 0) {
    kept.delete(key);
    kept.set(key, { text, tree });
    if (kept.size > keptLimit) kept.delete(kept.keys().next().value!);
  }
  return tree.rootNode;
}

/** The one edit that turns `before` into `after`: what lies between their common start and common end. */
function editBetween(before: string, after: string): Parameters<Tree['edit']>[0] {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < shorter - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const oldEnd = before.length - tail;
  const newEnd = after.length - tail;
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  };
}

/** Row and column (in UTF-16 units, as the binding counts) of an offset. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The errors tree-sitter recovered from: ERROR nodes and missing tokens, outermost only. */
function syntaxErrors(module: SyntaxNode): SyntaxNode[] {
  if (!module.hasError) return [];
  const errors: SyntaxNode[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.type === 'ERROR' || node.isMissing) {
      errors.push(node);
      return;
    }
    if (node.hasError) for (const child of node.children) visit(child);
  };
  visit(module);
  return errors;
}

function problemAt(node: SyntaxNode, text: string): SyntaxProblem {
  const line = lineAt(text, node.startIndex);
  const end = Math.max(node.startIndex + 1, Math.min(node.endIndex, line.end));
  return {
    span: { start: node.startIndex, end: Math.min(end, text.length) },
    reason: node.isMissing ? `Python syntax error: missing ${node.type}` : 'Python syntax error',
    text: text.slice(line.start, line.end),
  };
}

/** The line holding `offset`, without its indentation and line break. */
function lineAt(text: string, offset: number): Span {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const start = lineStart + /^[ \t\f]*/.exec(text.slice(lineStart, offset))![0].length;
  const breakAt = text.slice(offset).search(/[\r\n]/);
  return { start, end: breakAt === -1 ? text.length : offset + breakAt };
}

/** A statement of the same length that does nothing: `pass`, or `0` where `pass` does not fit. */
function filler(line: string): string {
  const statement = line.length >= 4 ? 'pass' : '0';
  return statement + ' '.repeat(Math.max(0, line.length - statement.length));
}

/** `compute`, run once per module: every ask of the binding builds a node object per node returned. */
export function perModule<T>(compute: (module: SyntaxNode) => T): (module: SyntaxNode) => T {
  const computed = new WeakMap<SyntaxNode, T>();
  return (module) => {
    if (!computed.has(module)) computed.set(module, compute(module));
    return computed.get(module)!;
  };
}

/** The top-level statements of a module. */
export const moduleStatements = perModule((module): readonly SyntaxNode[] => module.namedChildren);

import path from 'node:path';
import type { SyntaxNode } from 'tree-sitter';
import type { Operation, Span } from '../../ir/operations.js';
import { LineIndex } from '../../ir/source-text.js';
import type { AlembicRevision, Dialect, MigrationUnit, SourceFile, Suppression } from '../../ir/unit.js';
import { collectSuppressions, type CommentLike, type StatementSpan } from '../suppressions.js';
import { unconditionalUrlOverrides } from './env-file.js';
import { NodeIndex } from '../python/node-index.js';
import { ProjectModule } from '../python/project-modules.js';
import { OperationReader } from './control-flow.js';
import { foldRedefinitions } from '../sql/redefine.js';
import { scanComments } from '../python/py-text.js';
import { moduleStatements, parsePython, type SyntaxProblem } from '../python/python.js';
import { asString, evaluate, moduleAssignments, Scope } from '../python/values.js';

/** Cheap tests before parsing: migrations assign `down_revision` at the top level; env.py uses alembic's `context`. */
const MAYBE_MIGRATION = /^down_revision\b/m;
const MAYBE_ENV = [/\balembic\b/, /\bcontext\b/];

/**
 * A Python file as Alembic sees it: a migration (module-level `revision` and
 * `down_revision`, `upgrade()`/`downgrade()`), an `env.py`, or neither (null:
 * not droplint's to lint). With `absPath`, the file's place on disk, the
 * project modules it imports are read to follow its helpers.
 */
export async function parsePythonFile(file: SourceFile, dialect: Dialect, absPath?: string): Promise<MigrationUnit | null> {
  const isEnv = path.posix.basename(file.path) === 'env.py';
  if (!(isEnv ? MAYBE_ENV.every((r) => r.test(file.text)) : MAYBE_MIGRATION.test(file.text))) return null;
  const { module, problems } = await parsePython(file.text, file.path);
  const scope = new Scope(null);
  scope.bindModule(module);
  const errors = problems.map(syntaxError);
  const base = {
    file,
    format: 'alembic' as const,
    dialect,
    orderKey: path.posix.basename(file.path),
    suppressions: suppressionsOf(module, file.text),
  };
  if (isEnv) {
    return { ...base, phases: ['none'], operations: errors, meta: { format: 'alembic', role: 'env', urlOverrides: unconditionalUrlOverrides(module) } };
  }
  const revision = readRevision(moduleAssignments(module), scope);
  if (revision === null || !definesUpgradeOrDowngrade(module)) return null;
  const project = absPath === undefined ? null : new ProjectModule(absPath, file.text, module, scope);
  // A table rebuilt across several calls (op.create_table, op.execute of the copy, op.drop_table, op.rename_table).
  const operations = foldRedefinitions(await new OperationReader(module, file.text, scope, dialect, project).read());
  const postgresShown = dialect === 'postgresql' && POSTGRES_DIALECT.test(file.text);
  return {
    ...base,
    phases: ['upgrade', 'downgrade'],
    operations: [...errors, ...operations],
    meta: { format: 'alembic', role: 'migration', revision, postgresShown },
  };
}

/** An import of SQLAlchemy's PostgreSQL dialect: its types are PostgreSQL's alone. */
const POSTGRES_DIALECT =
  /^\s*(from\s+sqlalchemy\.dialects\s+import\s+[^\n]*\bpostgresql\b|from\s+sqlalchemy\.dialects\.postgresql\s+import\b|import\s+sqlalchemy\.dialects\.postgresql\b)/m;

function definesUpgradeOrDowngrade(module: SyntaxNode): boolean {
  return moduleStatements(module).some((s) => {
    const fn = s.type === 'decorated_definition' ? s.childForFieldName('definition') : s;
    return fn?.type === 'function_definition' && /^(upgrade|downgrade)$/.test(fn.childForFieldName('name')?.text ?? '');
  });
}

function readRevision(assignments: readonly SyntaxNode[], scope: Scope): AlembicRevision | null {
  // The last assignment to each name wins, as when Python runs the module.
  const byName = new Map<string, SyntaxNode>();
  for (const assignment of assignments) {
    const left = assignment.childForFieldName('left');
    if (left?.type === 'identifier') byName.set(left.text, assignment);
  }
  const at = (name: string): SyntaxNode | undefined => byName.get(name);
  const revision = at('revision');
  const down = at('down_revision');
  if (!revision || !down) return null;
  /** A string, a tuple or list of strings, or None (empty); null when not readable statically. */
  const strings = (node: SyntaxNode | undefined): string[] | null => {
    const right = node?.childForFieldName('right');
    if (!right) return [];
    const value = evaluate(right, scope);
    if (value.kind === 'none') return [];
    if (value.kind === 'string') return [value.value.text];
    if (value.kind === 'list') {
      const items = value.items.map(asString);
      return items.every((i) => i !== null) ? items.map((i) => i.text) : null;
    }
    return null;
  };
  const id = strings(revision);
  return {
    id: id?.length === 1 ? id[0]! : null,
    idSpan: span(revision),
    downRevisions: strings(down),
    downSpan: span(down),
    // A label droplint cannot read (`(cli.EXPAND_BRANCH,)`) still labels a branch: its expression stands for it.
    branchLabels: strings(at('branch_labels')) ?? [at('branch_labels')!.childForFieldName('right')!.text],
    dependsOn: strings(at('depends_on')) ?? [],
  };
}

function syntaxError(problem: SyntaxProblem): Operation {
  return {
    kind: 'unparsed',
    span: problem.span,
    phase: 'none',
    reason: problem.reason,
    mayBeDestructive: /\b(drop|truncate|delete)/i.test(problem.text),
  };
}

function suppressionsOf(module: SyntaxNode, text: string): Suppression[] {
  const comments = pythonComments(module, text);
  // Statements matter only to place a directive; finding them walks the whole tree.
  if (!comments.some((c) => c.body.includes('droplint-ignore'))) return [];
  return collectSuppressions(comments, statementSpans(module), new LineIndex(text));
}

function pythonComments(module: SyntaxNode, text: string): CommentLike[] {
  // The text finds them without a node each; the tree, where an f-string makes the text ambiguous.
  const comments = scanComments(text) ?? NodeIndex.of(module, ['comment']).ofType('comment');
  return comments.map(({ start, end }) => {
    const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
    return { start, end, body: text.slice(start + 1, end), ownLine: text.slice(lineStart, start).trim() === '' };
  });
}

/** Every statement, simple or compound, in source order (outer first): what a suppression can cover. */
const CONTAINS_STATEMENTS =
  /^(module|block|(if|for|while|try|with|match)_statement|(elif|else|except|except_group|finally|case)_clause|(function|class|decorated)_definition)$/;

function statementSpans(module: SyntaxNode): StatementSpan[] {
  const spans: StatementSpan[] = [];
  // A cursor walks the tree without creating a node object per node.
  const cursor = module.walk();
  for (let more = true; more;) {
    const type = cursor.nodeType;
    if (cursor.nodeIsNamed && /_(statement|definition)$/.test(type)) spans.push({ start: cursor.startIndex, end: cursor.endIndex });
    // Statements only nest in blocks: expressions, the bulk of the tree, are never entered.
    if (CONTAINS_STATEMENTS.test(type) && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        more = false;
        break;
      }
    }
  }
  return spans;
}

function span(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

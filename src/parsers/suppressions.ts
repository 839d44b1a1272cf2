import type { Span } from '../ir/operations.js';
import type { LineIndex } from '../ir/source-text.js';
import { FILE_DIRECTIVE_MAX_LINE, parseDirective } from '../ir/suppression-directive.js';
import type { Suppression } from '../ir/unit.js';

/** A statement (or call) a suppression can cover. */
export interface StatementSpan extends Span {
  /**
   * A session or transaction statement (`PRAGMA foreign_keys=OFF`, `SET …`,
   * `BEGIN`) that changes no data: a comment above it means the statement after.
   */
  readonly transparent?: boolean;
}

/** A comment as any front-end sees it. */
export interface CommentLike {
  readonly start: number;
  readonly end: number;
  readonly body: string;
  /** No code before it on its line. */
  readonly ownLine: boolean;
}

/**
 * Ties each `droplint-ignore` comment to what it covers: a comment on its own
 * line covers the next statement (other comments, like Prisma's `-- DropTable`,
 * may stand between, and so may session statements like Prisma's `PRAGMA
 * foreign_keys=OFF`); a comment after code covers the statement that starts on
 * that line. `statements` are sorted by start; they may nest (Python).
 */
export function collectSuppressions(comments: readonly CommentLike[], statements: readonly StatementSpan[], lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  for (const comment of comments) {
    const directive = parseDirective(comment.body.replace(/\*\/?\s*$/, ''));
    if (directive === null) continue;
    const span = { start: comment.start, end: comment.end };
    if (directive.scope === 'file') {
      // Only near the top, where a reader looks for it; elsewhere it covers nothing.
      const inHeader = lines.lineOf(comment.start) < FILE_DIRECTIVE_MAX_LINE;
      const problem = inHeader ? null : `droplint-ignore-file only counts in the first ${FILE_DIRECTIVE_MAX_LINE} lines`;
      out.push({ span, rules: directive.rules, reason: directive.reason, scope: 'file', target: null, problem });
      continue;
    }
    const { target, problem } = comment.ownLine ? statementAfter(comment, statements) : statementStartingOnLineOf(comment, statements, lines);
    out.push({ span, rules: directive.rules, reason: directive.reason, scope: 'statement', target, problem });
  }
  return out;
}

type Placement = { readonly target: Span; readonly problem: null } | { readonly target: null; readonly problem: string };

/**
 * The statement after an own-line comment: the first that starts below it
 * (the outermost one at that place, so a comment above a Python `with` block
 * covers the block). A comment inside a statement with nothing starting after
 * it there (before one of several DROP COLUMN clauses, say) would otherwise
 * jump to the next statement and silence it instead.
 */
function statementAfter(comment: CommentLike, statements: readonly StatementSpan[]): Placement {
  const next = statements.find((s) => s.start >= comment.end && !s.transparent);
  const container = findLast(statements, (s) => s.start < comment.start && s.end > comment.end);
  if (container !== undefined && (next === undefined || next.start >= container.end)) {
    return { target: null, problem: 'droplint-ignore inside a statement covers nothing; put it on the line before the statement' };
  }
  if (next === undefined) return { target: null, problem: 'no statement follows this droplint-ignore comment' };
  return { target: next, problem: null };
}

/**
 * The statement a trailing comment covers: one that starts on the comment's
 * line. At the end of a later line of a multi-line statement, the comment would
 * silence every clause of it while looking as if it meant only the one beside it.
 */
function statementStartingOnLineOf(comment: CommentLike, statements: readonly Span[], lines: LineIndex): Placement {
  const line = lines.lineOf(comment.start);
  const target = findLast(statements, (s) => s.start < comment.start);
  if (target !== undefined && lines.lineOf(target.start) === line) return { target, problem: null };
  return { target: null, problem: "droplint-ignore after code only counts at the end of a statement's first line" };
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i];
  return undefined;
}

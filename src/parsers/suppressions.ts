import type { Span } from '../ir/operations.js';
import type { LineIndex } from '../ir/source-text.js';
import { FILE_DIRECTIVE_MAX_LINE, parseDirective } from '../ir/suppression-directive.js';
import type { Suppression } from '../ir/unit.js';

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
 * may stand between); a comment after code covers the statement on that line.
 * `statements` are in source order.
 */
export function collectSuppressions(comments: readonly CommentLike[], statements: readonly Span[], lines: LineIndex): Suppression[] {
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
    const target = comment.ownLine
      ? statements.find((s) => s.start >= comment.end)
      : findLast(statements, (s) => s.start < comment.start);
    out.push({
      span,
      rules: directive.rules,
      reason: directive.reason,
      scope: 'statement',
      target: target ?? null,
      problem: target === undefined ? 'no statement follows this droplint-ignore comment' : null,
    });
  }
  return out;
}

function findLast<T>(items: readonly T[], test: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return items[i];
  return undefined;
}

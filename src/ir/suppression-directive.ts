/**
 * The text of a suppression comment, whatever language it is written in:
 * `droplint-ignore drop-column, drop-table: reason` or `droplint-ignore-file`.
 */
export interface Directive {
  readonly scope: 'file' | 'statement';
  readonly rules: readonly string[];
  readonly reason: string | null;
}

const DIRECTIVE = /^\s*droplint-ignore(-file)?(?![\w-])(.*)$/s;

/** Parses a comment's body (without `--`, `#` or `/*`); null when it is no directive. */
export function parseDirective(commentBody: string): Directive | null {
  const m = DIRECTIVE.exec(commentBody);
  if (!m) return null;
  const rest = m[2]!.trim();
  const colon = rest.indexOf(':');
  const idsText = colon === -1 ? rest : rest.slice(0, colon);
  const reason = colon === -1 ? '' : rest.slice(colon + 1).trim();
  const rules = idsText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return { scope: m[1] ? 'file' : 'statement', rules, reason: reason.length > 0 ? reason : null };
}

/** File-level directives only count in a comment within the first lines. */
export const FILE_DIRECTIVE_MAX_LINE = 10;

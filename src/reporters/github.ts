import { compareDiagnostics, type LintResult, type Severity } from '../engine/diagnostic.js';

const COMMAND: Record<Severity, string> = {
  error: 'error',
  warning: 'warning',
  info: 'notice',
};

/**
 * GitHub Actions workflow commands: each diagnostic becomes an annotation on
 * the pull request's diff, then one plain summary line for the log.
 *
 * Everything taken from the linted files (paths, table names in messages) is
 * escaped, so a crafted name cannot end the command early or start another one.
 */
export function renderGithub(result: LintResult): string {
  const lines = [...result.diagnostics].sort(compareDiagnostics).map((d) => {
    const properties = [
      ['file', d.file],
      ['line', String(d.line)],
      ['col', String(d.column)],
      ['endLine', String(d.endLine)],
      ['endColumn', String(d.endColumn)],
      ['title', `droplint(${d.rule})`],
    ]
      .map(([key, value]) => `${key}=${escapeProperty(value!)}`)
      .join(',');
    const text = d.help === '' ? d.message : `${d.message}\n${d.help}`;
    return `::${COMMAND[d.severity]} ${properties}::${escapeData(text)}`;
  });
  lines.push(summary(result));
  return lines.join('\n') + '\n';
}

/** The message part of a command (GitHub's `escapeData`). */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A `key=value` property: `:` would end the properties and `,` start the next one. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function summary(result: LintResult): string {
  const count = (severity: Severity): number => result.diagnostics.filter((d) => d.severity === severity).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const infos = count('info');
  if (infos > 0) parts.push(plural(infos, 'info'));
  return `droplint: ${parts.join(', ')} in ${plural(result.fileCount, 'file')}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

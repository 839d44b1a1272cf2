import { compareDiagnostics, type Diagnostic, type LintResult } from '../engine/diagnostic.js';

/**
 * Machine-readable report, version 1.
 *
 * The published contract names two keys `column` in each diagnostic: the
 * position column, then the table column name. An object literal cannot hold
 * both, so the text is written by hand, with JSON.stringify only for values.
 * `startColumn` is appended because JSON.parse keeps the last `column`, which
 * would otherwise lose the position.
 */
export function renderJson(result: LintResult): string {
  const diagnostics = [...result.diagnostics].sort(compareDiagnostics);
  const count = (severity: Diagnostic['severity']): number =>
    diagnostics.filter((d) => d.severity === severity).length;

  const out: string[] = [];
  out.push('{');
  out.push('  "version": 1,');
  out.push('  "summary": {');
  out.push(
    fields('    ', [
      ['files', result.fileCount],
      ['errors', count('error')],
      ['warnings', count('warning')],
      ['infos', count('info')],
      ['skipped', result.skippedCount ?? 0],
    ]),
  );
  out.push('  },');
  if (diagnostics.length === 0) {
    out.push('  "diagnostics": []');
  } else {
    out.push('  "diagnostics": [');
    out.push(diagnostics.map(renderDiagnostic).join(',\n'));
    out.push('  ]');
  }
  out.push('}');
  return out.join('\n') + '\n';
}

function renderDiagnostic(d: Diagnostic): string {
  const body = fields('      ', [
    ['rule', d.rule],
    ['severity', d.severity],
    ['file', d.file],
    ['line', d.line],
    ['column', d.column],
    ['endLine', d.endLine],
    ['endColumn', d.endColumn],
    ['message', d.message],
    ['phase', d.phase],
    ['schema', d.schema],
    ['table', d.table],
    ['column', d.columnName],
    ['help', d.help],
    ['startColumn', d.column],
  ]);
  return `    {\n${body}\n    }`;
}

type Scalar = string | number | null;

/** One `"key": value` per line; an array of pairs because keys may repeat. */
function fields(indent: string, pairs: ReadonlyArray<readonly [string, Scalar]>): string {
  return pairs.map(([key, value]) => `${indent}${JSON.stringify(key)}: ${JSON.stringify(value) ?? 'null'}`).join(',\n');
}

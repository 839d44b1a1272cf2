import { compareDiagnostics, type Diagnostic, type LintResult } from '../engine/diagnostic.js';

/** The `version` of the document: 2 describes the database object under `object` (the README's changelog says what changed). */
export const JSON_VERSION = 2;

/**
 * Machine-readable report: one document, two-space indented, keys in a fixed
 * order, diagnostics sorted, so that the same input gives the same bytes.
 */
export function renderJson(result: LintResult): string {
  const diagnostics = [...result.diagnostics].sort(compareDiagnostics);
  const count = (severity: Diagnostic['severity']): number => diagnostics.filter((d) => d.severity === severity).length;
  const doc = {
    version: JSON_VERSION,
    summary: {
      files: result.fileCount,
      errors: count('error'),
      warnings: count('warning'),
      infos: count('info'),
      skipped: result.skippedCount ?? 0,
    },
    diagnostics: diagnostics.map(renderDiagnostic),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** The published key order (ESLint's position names; `column` is only the position). */
function renderDiagnostic(d: Diagnostic): Record<string, unknown> {
  return {
    rule: d.rule,
    severity: d.severity,
    file: d.file,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    message: d.message,
    phase: d.phase,
    schema: d.schema,
    table: d.table,
    object: d.object === null ? null : { kind: d.object.kind, schema: d.object.schema, table: d.object.table, column: d.object.column, name: d.object.name },
    help: d.help,
  };
}

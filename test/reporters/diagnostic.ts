import type { Diagnostic } from '../../src/engine/diagnostic.js';

/** A diagnostic with neutral defaults, for reporter tests that care about a few fields. */
export function diag(overrides: Partial<Diagnostic>): Diagnostic {
  return {
    rule: 'drop-table',
    severity: 'error',
    file: 'a.sql',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    message: 'm',
    phase: 'upgrade',
    schema: null,
    table: null,
    object: null,
    help: '',
    ...overrides,
  };
}

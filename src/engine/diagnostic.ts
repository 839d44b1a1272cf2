import type { Phase } from '../ir/operations.js';
import type { DbObject } from './db-object.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

/** Parses a severity as users write it (`warn` is accepted for `warning`); null when invalid. */
export function parseSeverity(value: string): SeveritySetting | null {
  if (value === 'warn') return 'warning';
  return (SEVERITY_SETTINGS as readonly string[]).includes(value) ? (value as SeveritySetting) : null;
}

/**
 * One finding, as every reporter receives it. Lines and columns are 1-based
 * and count characters; the end is exclusive.
 */
export interface Diagnostic {
  readonly rule: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly phase: Phase;
  /** The schema and table of `object` (flat, as JSON version 1 had them). */
  readonly schema: string | null;
  readonly table: string | null;
  /** What the finding is about; null for findings about no database object. */
  readonly object: DbObject | null;
  readonly help: string;
}

/** Sort order of every output: file, line, column, rule, then message for ties. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  if (a.message !== b.message) return a.message < b.message ? -1 : 1;
  return 0;
}

/** What every reporter is given: the findings and the text of the files they point into. */
export interface LintResult {
  readonly diagnostics: readonly Diagnostic[];
  /** How many files were linted. */
  readonly fileCount: number;
  /** `.sql` files found walking folders and not linted because they are not migrations; absent: none. */
  readonly skippedCount?: number;
  /**
   * Source text by display path, for code frames: asked for only by files
   * with findings (a warm run does not read its cached files' text otherwise).
   */
  readonly sources: { get(path: string): string | undefined; keys(): Iterable<string> };
}

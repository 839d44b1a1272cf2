import { createHash } from 'node:crypto';
import { compareDiagnostics, type Diagnostic, type LintResult } from '../engine/diagnostic.js';
import { LineIndex } from '../ir/source-text.js';

export interface Fingerprinted {
  readonly diagnostic: Diagnostic;
  /** sha256 (hex) that survives edits above the finding; see `withFingerprints`. */
  readonly fingerprint: string;
}

/**
 * The diagnostics in report order, each with a fingerprint that code scanning
 * (SARIF `partialFingerprints`) and GitLab Code Quality use to recognise the
 * same finding across commits, so that it is not shown as fixed and new again
 * when a line is inserted above it.
 *
 * The key is rule, file, message and the flagged source line's text (trimmed),
 * never the line number. Identical keys in one file (the same statement twice)
 * are told apart by their order, which a shift of lines does not change.
 */
export function withFingerprints(result: LintResult): Fingerprinted[] {
  const indexes = new Map<string, LineIndex | null>();
  const lineText = (d: Diagnostic): string => {
    if (!indexes.has(d.file)) {
      const text = result.sources.get(d.file);
      indexes.set(d.file, text === undefined ? null : new LineIndex(text));
    }
    const index = indexes.get(d.file)!;
    return index === null ? '' : index.lineText(d.line).trim();
  };

  const seen = new Map<string, number>();
  return [...result.diagnostics].sort(compareDiagnostics).map((diagnostic) => {
    // JSON, not a separator: a message or line may contain any character, and
    // the parts must not run together.
    const key = JSON.stringify([diagnostic.rule, diagnostic.file, diagnostic.message, lineText(diagnostic)]);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([key, occurrence]))
      .digest('hex');
    return { diagnostic, fingerprint };
  });
}

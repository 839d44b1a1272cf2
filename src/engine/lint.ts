import type { Phase, Span } from '../ir/operations.js';
import { LineIndex } from '../ir/source-text.js';
import type { MigrationUnit, Suppression } from '../ir/unit.js';
import { replay } from '../history/replay.js';
import { compareDiagnostics, type Diagnostic } from './diagnostic.js';
import type { Finding, Rule, RuleContext, RuleMeta, RuleSettings } from './rule.js';
import { lower, resolveSeverity, type SeverityOptions } from './severity.js';

export interface LintOptions extends SeverityOptions {
  readonly settings: RuleSettings;
  /** Only units whose file is in this set are reported (history still reads all). */
  readonly report?: ReadonlySet<string>;
  /** Settings and severities of one unit, where they differ by file (`[[overrides]]`); these options otherwise. */
  readonly forUnit?: (unit: MigrationUnit) => SeverityOptions & { readonly settings: RuleSettings };
}

/** The rules the engine itself reports for suppression comments. */
export interface SuppressionRules {
  readonly unused: RuleMeta;
  readonly invalid: RuleMeta;
}

/**
 * Runs every rule over every unit: one walk over the operations, findings
 * turned into diagnostics with positions and severities, suppressions applied.
 */
export function lint(units: readonly MigrationUnit[], rules: readonly Rule[], suppressionRules: SuppressionRules, options: LintOptions): Diagnostic[] {
  const history = replay(units);
  const known = new Set(rules.map((r) => r.meta.id));
  const operationRules = rules.filter((r) => r.operation);
  const unitRules = rules.filter((r) => r.unit);
  const diagnostics: Diagnostic[] = [];

  for (const unit of units) {
    if (options.report && !options.report.has(unit.file.path)) continue;
    const own = options.forUnit?.(unit) ?? options;
    // Made on the first finding: a file without one need not have its text read (see parse-cache.ts).
    let lineIndex: LineIndex | undefined;
    const lines = (): LineIndex => (lineIndex ??= new LineIndex(unit.file.text));
    const used = new Map<Suppression, Set<string>>();
    const emit = (meta: RuleMeta, finding: Finding, suppressible: boolean): void => {
      // A suppression counts as used even when this run turns the rule off:
      // whether it is stale depends on the code, not on `--rule` or `downgrade`.
      const suppression = suppressible ? findSuppression(unit.suppressions, meta.id, finding.span) : undefined;
      if (suppression) {
        let ids = used.get(suppression);
        if (!ids) used.set(suppression, (ids = new Set()));
        ids.add(meta.id);
        return;
      }
      const severity = resolveSeverity(meta, finding.phase, own, finding.atMost);
      if (severity !== 'off') diagnostics.push(toDiagnostic(unit, lines(), meta, severity, finding));
    };

    // What a routine the migration defines but does not run would destroy is no loss of this migration's: a warning at most.
    const contexts = { own: new Map<Rule, RuleContext>(), routine: new Map<Rule, RuleContext>() };
    const contextFor = (rule: Rule, where: keyof typeof contexts = 'own'): RuleContext => {
      let ctx = contexts[where].get(rule);
      if (!ctx) {
        const report = (f: Finding): void => emit(rule.meta, where === 'own' ? f : { ...f, atMost: lower(f.atMost, 'warning') }, true);
        contexts[where].set(rule, (ctx = { unit, settings: own.settings, history, report }));
      }
      return ctx;
    };
    for (const op of unit.operations) for (const rule of operationRules) rule.operation!(op, contextFor(rule, op.definedIn === undefined ? 'own' : 'routine'));
    for (const rule of unitRules) rule.unit!(contextFor(rule));

    for (const s of unit.suppressions) {
      for (const finding of suppressionFindings(s, used.get(s), known, lines)) {
        emit(finding.unused ? suppressionRules.unused : suppressionRules.invalid, finding, false);
      }
    }
  }
  return diagnostics.sort(compareDiagnostics);
}

function findSuppression(suppressions: readonly Suppression[], rule: string, span: Span): Suppression | undefined {
  return suppressions.find(
    (s) =>
      s.problem === null &&
      (s.rules.length === 0 || s.rules.includes(rule)) &&
      (s.scope === 'file' || (s.target !== null && span.start >= s.target.start && span.start <= s.target.end)),
  );
}

/** Problems with one suppression comment: misplaced, unknown rule, no reason, or suppressing nothing. */
function suppressionFindings(
  s: Suppression,
  used: ReadonlySet<string> | undefined,
  known: ReadonlySet<string>,
  lines: () => LineIndex,
): Array<Finding & { unused: boolean }> {
  const at = { span: s.span, phase: 'none' as Phase, object: null };
  const text = `droplint-ignore${s.scope === 'file' ? '-file' : ''}`;
  if (s.problem !== null) return [{ ...at, message: s.problem, unused: false }];
  const findings: Array<Finding & { unused: boolean }> = [];
  for (const id of s.rules) {
    if (!known.has(id)) findings.push({ ...at, message: `${text} names unknown rule "${id}"`, unused: false });
  }
  if (s.reason === null) {
    const example = s.rules[0] ?? 'drop-table';
    findings.push({ ...at, message: `${text} has no reason: write \`${text} ${example}: <why this is safe>\``, unused: false });
  }
  if (findings.length > 0) return findings;
  const line = lines().lineOf(s.span.start) + 1;
  if (s.rules.length === 0) {
    if (!used || used.size === 0) findings.push({ ...at, message: `${text} on line ${line} suppresses nothing`, unused: true });
    return findings;
  }
  for (const id of s.rules) {
    if (!used?.has(id)) findings.push({ ...at, message: `${text} ${id} suppresses nothing: no ${id} finding here`, unused: true });
  }
  return findings;
}

function toDiagnostic(unit: MigrationUnit, lines: LineIndex, meta: RuleMeta, severity: Diagnostic['severity'], f: Finding): Diagnostic {
  const start = lines.position(f.span.start);
  // An empty span still underlines one character.
  const endOffset = f.span.end > f.span.start ? f.span.end : Math.min(f.span.start + 1, unit.file.text.length);
  const end = lines.position(endOffset);
  return {
    rule: meta.id,
    severity,
    file: unit.file.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    message: f.message,
    phase: f.phase,
    schema: f.object?.schema ?? null,
    table: f.object?.table ?? null,
    object: f.object,
    help: meta.help,
  };
}

import type { LintResult, Severity } from '../engine/diagnostic.js';
import { withFingerprints } from './fingerprint.js';

/**
 * GitLab's Code Quality severities are info, minor, major, critical and
 * blocker. droplint's error is a finding that fails the build, which GitLab
 * calls major; critical and blocker are left unused so that the scale keeps
 * room above an ordinary failing check.
 */
const SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = {
  error: 'major',
  warning: 'minor',
  info: 'info',
};

/**
 * GitLab Code Quality report (`artifacts: reports: codequality`): the merge
 * request widget lists findings that are new or fixed compared with the target
 * branch, matched by fingerprint.
 */
export function renderGitlab(result: LintResult): string {
  const issues = withFingerprints(result).map(({ diagnostic: d, fingerprint }) => ({
    description: d.message,
    check_name: d.rule,
    fingerprint,
    severity: SEVERITY[d.severity],
    location: { path: d.file, lines: { begin: d.line } },
  }));
  return JSON.stringify(issues, null, 2) + '\n';
}

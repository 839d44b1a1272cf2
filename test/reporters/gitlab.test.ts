import { describe, expect, it } from 'vitest';
import type { Diagnostic, LintResult } from '../../src/engine/diagnostic.js';
import { withFingerprints } from '../../src/reporters/fingerprint.js';
import { renderGitlab } from '../../src/reporters/gitlab.js';
import { diag } from './diagnostic.js';

function result(diagnostics: Diagnostic[], sources: Record<string, string> = {}): LintResult {
  return { diagnostics, fileCount: 1, sources: new Map(Object.entries(sources)) };
}

describe('renderGitlab', () => {
  it('writes the Code Quality shape with GitLab severities, sorted', () => {
    const r = result(
      [
        diag({ file: 'b.sql', line: 4, message: 'drops table "session"', severity: 'error' }),
        diag({ rule: 'dynamic-operation', file: 'a.sql', line: 2, message: 'dynamic', severity: 'warning' }),
        diag({ rule: 'unused-suppression', file: 'a.sql', line: 7, message: 'unused', severity: 'info' }),
      ],
      { 'b.sql': '\n\n\nDROP TABLE "session";\n' },
    );
    const issues = JSON.parse(renderGitlab(r));
    const prints = new Map(withFingerprints(r).map((f) => [f.diagnostic.message, f.fingerprint]));
    expect(issues).toEqual([
      {
        description: 'dynamic',
        check_name: 'dynamic-operation',
        fingerprint: prints.get('dynamic'),
        severity: 'minor',
        location: { path: 'a.sql', lines: { begin: 2 } },
      },
      {
        description: 'unused',
        check_name: 'unused-suppression',
        fingerprint: prints.get('unused'),
        severity: 'info',
        location: { path: 'a.sql', lines: { begin: 7 } },
      },
      {
        description: 'drops table "session"',
        check_name: 'drop-table',
        fingerprint: prints.get('drops table "session"'),
        severity: 'major',
        location: { path: 'b.sql', lines: { begin: 4 } },
      },
    ]);
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(3);
  });

  it('keeps fingerprints when lines shift above a finding', () => {
    const at = (line: number, text: string) => result([diag({ file: 'm.sql', line, message: 'x' })], { 'm.sql': text });
    const before = JSON.parse(renderGitlab(at(1, 'DROP TABLE t;\n')));
    const after = JSON.parse(renderGitlab(at(3, '\n\nDROP TABLE t;\n')));
    expect(after[0].fingerprint).toBe(before[0].fingerprint);
    expect(after[0].location.lines.begin).toBe(3);
  });

  it('writes an empty array, pretty and newline-terminated, when nothing is found', () => {
    expect(renderGitlab(result([]))).toBe('[]\n');
  });
});

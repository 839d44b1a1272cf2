import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';
import { droplint, project } from './run-cli.js';

describe('subcommands', () => {
  const dir = project();

  it('`rules` lists every registered rule with its default severity, in registry order', () => {
    const run = droplint(dir, ['rules']);
    expect(run.status).toBe(0);
    const rows = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/\s+/).slice(0, 2));
    expect(rows).toEqual(RULES.map((r) => [r.meta.id, r.meta.defaultSeverity]));
    expect(rows).toContainEqual(['drop-table', 'error']);
    expect(rows).toContainEqual(['dynamic-operation', 'warning']);
    expect(rows).toContainEqual(['unused-suppression', 'warning']);
  });

  it('`explain drop-table` prints its documentation', () => {
    const run = droplint(dir, ['explain', 'drop-table']);
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('# drop-table\n\nA table is dropped: every row in it is lost.\n')).toBe(true);
    expect(run.stdout).toContain('Default severity: error (in a downgrade: the `downgrade` setting, warning by default)');
    expect(run.stdout).toContain('**Safe alternative.**');
    expect(run.stdout).toContain('-- droplint-ignore drop-table: replaced by');
  });

  it('`explain nope` exits 2', () => {
    expect(droplint(dir, ['explain', 'nope'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'droplint: unknown rule "nope"; `droplint rules` lists them\n',
    });
  });

  it('--help prints usage', () => {
    for (const flag of ['--help', '-h']) {
      const run = droplint(dir, [flag]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Usage:\n  droplint [options] [paths...]');
      expect(run.stdout).toContain('--max-warnings N');
    }
  });

  it('--version prints the package.json version', () => {
    const { version } = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(droplint(dir, ['--version'])).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Guarantees: static only (no eval, no Python), no network. */
function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

describe('safety', () => {
  it('runs over the examples with the network denied', () => {
    const run = spawnSync(process.execPath, ['--import', './test/robustness/no-network.mjs', 'bin/droplint.js', '--format', 'json', 'examples'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).summary.errors).toBeGreaterThan(0);
  });

  it('never evaluates code or starts Python: no eval, new Function, child_process in the linting code', () => {
    for (const file of [...sources('src'), ...sources('rules')]) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\beval\(|new Function\(/);
      // git (for --changed-since) is the only program droplint runs.
      if (!file.includes(`${path.sep}vcs${path.sep}`)) expect(text, file).not.toMatch(/node:child_process/);
    }
    // The bundle (droplint and its bundled dependencies) has none either (`npm test` builds it first).
    for (const name of fs.readdirSync('dist/bundle').filter((f) => /\.c?js$/.test(f))) {
      expect(fs.readFileSync(path.join('dist/bundle', name), 'utf8'), name).not.toMatch(/\beval\(|new Function\(/);
    }
  });
});

/**
 * bin/droplint.js under a Node other than the one that built the bundle:
 * V8 rejects the build's code cache there, so the first run leaves one of its
 * own beside the bundle, named after that Node's version, which the runs
 * after it use. Simulated by a copy of the bundle that says another Node
 * made its cache.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { project } from './run-cli.js';

const root = path.resolve(import.meta.dirname, '../..');

/** A copy of the installed CLI (bin, bundle, package.json; node_modules linked) whose script says Node v0.0.1 made its cache. */
function installedElsewhere(): string {
  const dir = project();
  fs.cpSync(path.join(root, 'bin'), path.join(dir, 'bin'), { recursive: true });
  // Without the caches earlier runs under other Nodes left (the suite runs under Node 24 too).
  fs.cpSync(path.join(root, 'dist', 'bundle'), path.join(dir, 'dist', 'bundle'), { recursive: true, filter: (from) => !/\.node[\d.]+\.cache$/.test(from) });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const script = path.join(dir, 'dist', 'bundle', 'cli-script.cjs');
  const text = fs.readFileSync(script, 'utf8');
  fs.writeFileSync(script, text.replace(/(\/\/ code-cache: \S+) \S+\n$/, '$1 v0.0.1\n'));
  return dir;
}

describe('the CLI code cache under another Node', () => {
  it('is made by the first run, beside the bundle, and the runs after it give the same output', () => {
    const dir = installedElsewhere();
    const bundle = path.join(dir, 'dist', 'bundle');
    const ownCaches = (): string[] => fs.readdirSync(bundle).filter((name) => name.endsWith(`.node${process.versions.node}.cache`));
    const work = project({ 'db/V1__drop.sql': 'DROP TABLE "session";\n' });
    const run = (): { status: number | null; stdout: string } =>
      spawnSync(process.execPath, [path.join(dir, 'bin', 'droplint.js'), '--no-cache', '--format', 'json', 'db/V1__drop.sql'], { cwd: work, encoding: 'utf8' });
    expect(ownCaches()).toEqual([]);
    const first = run();
    expect(first.status).toBe(1);
    expect(first.stdout).toContain('"rule": "drop-table"');
    const [made] = ownCaches();
    expect(made).toMatch(/^cli-script\.[0-9a-f]+\.node[\d.]+\.cache$/);
    expect(fs.statSync(path.join(bundle, made!)).size).toBeGreaterThan(0);
    const second = run();
    expect(second).toMatchObject({ status: 1, stdout: first.stdout });
    expect(ownCaches()).toEqual([made]);
    // No temporary file is left behind.
    expect(fs.readdirSync(bundle).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

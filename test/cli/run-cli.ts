import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** The built CLI (`npm test` builds first; run `npm run build` before `vitest` alone). */
const BIN = path.resolve('bin/droplint.js');

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh project folder holding `files` (relative path → content); removed after the test file. */
export function project(files: Record<string, string | Uint8Array> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) write(dir, name, content);
  return dir;
}

export function write(dir: string, name: string, content: string | Uint8Array): void {
  const file = path.join(dir, ...name.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `droplint ...args` in `cwd`, colour off, with `input` on standard input. */
export function droplint(cwd: string, args: readonly string[], input = ''): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `--format json` findings as one line each: `file:line:col severity[rule]`. */
export function findings(run: Run): string[] {
  const doc = JSON.parse(run.stdout) as {
    diagnostics: Array<{ file: string; line: number; column: number; severity: string; rule: string }>;
  };
  return doc.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}[${d.rule}]`);
}

/** Lints `args` as JSON and returns the findings, checking the exit status. */
export function lintJson(cwd: string, args: readonly string[], status: number, input = ''): string[] {
  const run = droplint(cwd, ['--format', 'json', ...args], input);
  if (run.status !== status) throw new Error(`exit ${run.status} (expected ${status})\n${run.stderr}${run.stdout}`);
  return findings(run);
}

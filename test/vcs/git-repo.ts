/**
 * Real, throw-away git repositories for the `--changed-since` tests. git runs
 * with a temporary HOME and no system config, so that nobody's global
 * settings (identity, default branch, diff options) change the results.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, vi } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * Points HOME and XDG_CONFIG_HOME at an empty folder and turns off the system
 * config, for git run by the tests and by droplint (in-process or spawned), and
 * clears variables a surrounding git hook may have set.
 */
export function isolateGit(): void {
  beforeEach(() => {
    const home = tempDir('droplint-home-');
    vi.stubEnv('HOME', home);
    vi.stubEnv('XDG_CONFIG_HOME', home);
    vi.stubEnv('GIT_CONFIG_NOSYSTEM', '1');
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_CONFIG_GLOBAL', 'GIT_CEILING_DIRECTORIES']) vi.stubEnv(name, undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
}

export class TempRepo {
  readonly dir: string;

  /** A folder that is not (inside) a git repository. */
  static plainFolder(): string {
    return tempDir('droplint-nogit-');
  }

  constructor(files: Record<string, string> = {}) {
    this.dir = tempDir('droplint-git-');
    this.git('init', '-q', '-b', 'main');
    for (const [name, content] of Object.entries(files)) this.write(name, content);
  }

  /** Absolute path of a repository-relative `/`-separated path. */
  abs(name: string): string {
    return path.join(this.dir, ...name.split('/'));
  }

  write(name: string, content: string): void {
    fs.mkdirSync(path.dirname(this.abs(name)), { recursive: true });
    fs.writeFileSync(this.abs(name), content);
  }

  append(name: string, content: string): void {
    fs.appendFileSync(this.abs(name), content);
  }

  remove(name: string): void {
    fs.rmSync(this.abs(name), { recursive: true });
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Stages everything and commits it. */
  commit(message: string): void {
    this.git('add', '-A');
    this.git('-c', 'user.email=dev@example.com', '-c', 'user.name=Dev', 'commit', '-q', '-m', message);
  }
}

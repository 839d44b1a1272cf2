/**
 * droplint through the real pre-commit framework: this checkout is the hook
 * repository (`.pre-commit-hooks.yaml`), installed the way pre-commit installs
 * any `language: node` hook (`npm install` in a clone, `npm pack`,
 * `npm install -g` of the tarball), and a real `git commit` in a project that
 * uses it is blocked by a dropped table.
 *
 * Needs `pre-commit` on PATH (CI installs it, see .ci/run) and the npm
 * registry (the hook's dependencies). Installing the hook environment takes
 * one to three minutes (npm installs, the TypeScript build, tree-sitter
 * compiled from source where its prebuilds do not load); it is done once, in
 * `beforeAll`, in a temporary PRE_COMMIT_HOME.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const checkout = path.resolve(import.meta.dirname, '../..');
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
// Without pre-commit the suite is skipped locally, but fails in CI rather than pass vacuously.
const runSuite = hasPreCommit || process.env.CI !== undefined;

let tmp = '';
/** Environment of every command: no GIT_* leaking from a surrounding hook, no global or system git config, colour off. */
let env: NodeJS.ProcessEnv = {};

function run(cmd: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

function mustRun(cmd: string, args: readonly string[], cwd: string): string {
  const result = run(cmd, args, cwd);
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${result.status} in ${cwd}\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function write(dir: string, name: string, content: string): void {
  const file = path.join(dir, ...name.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function gitInit(dir: string): void {
  mustRun('git', ['init', '-q', dir], tmp);
  mustRun('git', ['config', 'user.email', 'droplint-test@example.invalid'], dir);
  mustRun('git', ['config', 'user.name', 'droplint test'], dir);
  mustRun('git', ['config', 'commit.gpgsign', 'false'], dir);
  mustRun('git', ['config', 'tag.gpgsign', 'false'], dir);
}

/**
 * A git repository holding this checkout as it is on disk (tracked and
 * untracked, not ignored files), committed and tagged: pre-commit clones the
 * hook repository at `rev`, and the working tree may hold uncommitted work.
 */
function makeHookRepo(): { url: string; rev: string } {
  const dir = path.join(tmp, 'hook-repo');
  const files = mustRun('git', ['ls-files', '-z', '-co', '--exclude-standard'], checkout)
    .split('\0')
    .filter((f) => f !== '');
  let copied = 0;
  for (const file of files) {
    const from = path.join(checkout, file);
    if (!fs.statSync(from, { throwIfNoEntry: false })?.isFile()) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
    copied++;
  }
  expect(copied).toBeGreaterThan(10);
  expect(fs.existsSync(path.join(dir, '.pre-commit-hooks.yaml'))).toBe(true);
  gitInit(dir);
  mustRun('git', ['add', '-A'], dir);
  mustRun('git', ['commit', '-q', '--no-verify', '-m', 'droplint as it is in the working tree'], dir);
  const version = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  const rev = `v${version}`; // a dotted tag: pre-commit warns about revs that look like branches
  mustRun('git', ['tag', rev], dir);
  return { url: dir, rev };
}

const LOCK = 'provider = "postgresql"\n';
const INIT = 'CREATE TABLE "session" (\n    "id" TEXT NOT NULL,\n    "token" TEXT NOT NULL,\n    CONSTRAINT "session_pkey" PRIMARY KEY ("id")\n);\n';

describe.skipIf(!runSuite)('pre-commit hook', { timeout: 180_000 }, () => {
  let project = '';

  beforeAll(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-pre-commit-')));
    const gitconfig = path.join(tmp, 'gitconfig');
    fs.writeFileSync(gitconfig, '');
    env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_') && !key.startsWith('PRE_COMMIT')));
    Object.assign(env, {
      GIT_CONFIG_GLOBAL: gitconfig,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_TERMINAL_PROMPT: '0',
      PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'),
      NO_COLOR: '1',
    });
    // tree-sitter is compiled where its prebuilds do not load: against the running Node's own headers
    // when it has them, as node-gyp would otherwise download them (and the user's npmrc may not say so).
    const nodePrefix = path.resolve(process.execPath, '../..');
    if (env.npm_config_nodedir === undefined && fs.existsSync(path.join(nodePrefix, 'include/node/node.h'))) {
      env.npm_config_nodedir = nodePrefix;
    }

    const hook = makeHookRepo();
    project = path.join(tmp, 'project');
    gitInit(project);
    // `language_version: system`: pre-commit otherwise downloads a Node.js when the one on PATH lies
    // under the home directory (nvm, a CI image's toolchain), and the machine may reach no more than npm.
    write(
      project,
      '.pre-commit-config.yaml',
      [
        'repos:',
        `  - repo: ${JSON.stringify(hook.url)}`,
        `    rev: ${hook.rev}`,
        '    hooks:',
        '      - id: droplint',
        '        language_version: system',
        '',
      ].join('\n'),
    );
    write(project, 'prisma/migrations/migration_lock.toml', LOCK);
    // The history: the table the tests drop was created by an earlier migration (else it is an unmanaged-table-drop).
    write(project, 'prisma/migrations/20231201_init/migration.sql', INIT);
    write(project, 'README.md', 'a project\n');
    mustRun('git', ['add', '-A'], project);
    mustRun('git', ['commit', '-q', '-m', 'initial'], project);
    mustRun('pre-commit', ['install'], project);
    // Builds the hook environment once (npm install, npm pack, npm install -g); the tests reuse it.
    mustRun('pre-commit', ['install-hooks'], project);
  }, 600_000);

  afterAll(() => {
    if (tmp !== '') fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Stages `files` and runs a real `git commit` (the installed hook runs pre-commit); returns its status and output. */
  function commit(files: Record<string, string>, message: string): { status: number | null; output: string } {
    for (const [name, content] of Object.entries(files)) write(project, name, content);
    mustRun('git', ['add', '--', ...Object.keys(files)], project);
    const result = run('git', ['commit', '-m', message], project);
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  }

  // Each test starts from a clean tree, whatever a previous (blocked or failed) commit left staged.
  beforeEach(() => {
    mustRun('git', ['reset', '-q', '--hard', 'HEAD'], project);
    mustRun('git', ['clean', '-q', '-fd'], project);
  });

  function head(): string {
    return mustRun('git', ['rev-parse', 'HEAD'], project).trim();
  }

  it('blocks a commit whose Prisma migration drops a table, and says where', () => {
    const before = head();
    const result = commit({ 'prisma/migrations/20240101_drop/migration.sql': '-- DropTable\nDROP TABLE "session";\n' }, 'drop session');
    expect(result.status, result.output).not.toBe(0);
    expect(head()).toBe(before);
    expect(result.output).toMatch(/droplint\.+Failed/);
    expect(result.output).toContain('prisma/migrations/20240101_drop/migration.sql:2:1: error[drop-table] migration drops table "session"');
    // The earlier migration that created "session" was read: the table is droplint's history's own.
    expect(result.output).not.toContain('unmanaged-table-drop');
  });

  it('lets a migration that only creates a table through', () => {
    const before = head();
    const sql = 'CREATE TABLE "post" (\n    "id" SERIAL NOT NULL,\n    "title" TEXT NOT NULL,\n    CONSTRAINT "post_pkey" PRIMARY KEY ("id")\n);\n';
    const result = commit({ 'prisma/migrations/20240102_post/migration.sql': sql }, 'create post');
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/droplint\.+Passed/);
    expect(head()).not.toBe(before);
  });

  it('lets a drop with a droplint-ignore reason through', () => {
    const before = head();
    const sql = '-- droplint-ignore drop-table: sessions moved to redis in v2, table unused since\nDROP TABLE "session";\n';
    const result = commit({ 'prisma/migrations/20240103_drop_session/migration.sql': sql }, 'drop session, on purpose');
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/droplint\.+Passed/);
    expect(result.output).not.toContain('drop-table');
    expect(head()).not.toBe(before);
  });

  it('reads the earlier migrations of the set from the working tree, though only the new one is passed', () => {
    // SQLite: Prisma rebuilds a table to drop a column; which columns are lost is only known from the earlier migration.
    const set = 'sqlite-db/prisma/migrations';
    const init = commit(
      {
        [`${set}/migration_lock.toml`]: 'provider = "sqlite"\n',
        [`${set}/20240101000000_init/migration.sql`]:
          'CREATE TABLE "User" (\n    "id" INTEGER NOT NULL PRIMARY KEY,\n    "name" TEXT NOT NULL,\n    "bio" TEXT\n);\n',
      },
      'sqlite init',
    );
    expect(init.status, init.output).toBe(0);

    const before = head();
    const redefine = [
      'PRAGMA foreign_keys=OFF;',
      'CREATE TABLE "new_User" (\n    "id" INTEGER NOT NULL PRIMARY KEY,\n    "name" TEXT NOT NULL\n);',
      'INSERT INTO "new_User" ("id", "name") SELECT "id", "name" FROM "User";',
      'DROP TABLE "User";',
      'ALTER TABLE "new_User" RENAME TO "User";',
      'PRAGMA foreign_keys=ON;',
      '',
    ].join('\n');
    const result = commit({ [`${set}/20240201000000_drop_bio/migration.sql`]: redefine }, 'drop bio');
    expect(result.status, result.output).not.toBe(0);
    expect(head()).toBe(before);
    expect(result.output).toMatch(/sqlite-db\/prisma\/migrations\/20240201000000_drop_bio\/migration\.sql:2:1: error\[drop-column\] [^\n]*"User"[^\n]*"bio"/);
    // The earlier migration is history, not a file this commit is blamed for.
    expect(result.output).not.toContain('20240101000000_init/migration.sql:');
  });

  it('blocks an Alembic revision that drops a table (versions/*.py, read with tree-sitter in the hook env)', () => {
    const revision = (id: string, down: string, upgrade: string, downgrade: string): string =>
      [
        `"""revision ${id}"""`,
        'from alembic import op',
        'import sqlalchemy as sa',
        '',
        `revision = "${id}"`,
        `down_revision = ${down}`,
        '',
        '',
        'def upgrade():',
        `    ${upgrade}`,
        '',
        '',
        'def downgrade():',
        `    ${downgrade}`,
        '',
      ].join('\n');
    const create = 'op.create_table("audit_log", sa.Column("id", sa.Integer, primary_key=True))';
    const drop = 'op.drop_table("audit_log")';
    const init = commit({ 'alembic/versions/0001_init.py': revision('0001', 'None', create, drop) }, 'alembic init');
    // A drop in downgrade() is a warning: the commit goes through.
    expect(init.status, init.output).toBe(0);
    expect(init.output).toMatch(/droplint\.+Passed/);

    const before = head();
    const result = commit({ 'alembic/versions/0002_drop_audit.py': revision('0002', '"0001"', drop, create) }, 'drop audit_log');
    expect(result.status, result.output).not.toBe(0);
    expect(head()).toBe(before);
    expect(result.output).toContain('alembic/versions/0002_drop_audit.py:10:5: error[drop-table] upgrade() drops table "audit_log"');
  });

  it('does not run on commits without migration files', () => {
    const result = commit({ 'README.md': 'a project, with a longer readme\n' }, 'docs');
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/droplint\.+\(no files to check\)Skipped/);
  });
});

import { describe, expect, it } from 'vitest';
import { changesSince, VcsError, type Change } from '../../src/vcs/git.js';
import { isolateGit, TempRepo } from './git-repo.js';

isolateGit();

const LONG = [
  'CREATE TABLE invoice (',
  '  id integer PRIMARY KEY,',
  '  number text NOT NULL,',
  '  total numeric NOT NULL,',
  '  issued_at timestamp NOT NULL',
  ');',
  '',
].join('\n');

const added: Change = { status: 'added', previousPath: null, contentChanged: true };
const modified: Change = { status: 'modified', previousPath: null, contentChanged: true };
const deleted: Change = { status: 'deleted', previousPath: null, contentChanged: true };

/** A repository with five committed migrations on `main`, and a `feature` branch with one more commit. */
function repository(): TempRepo {
  const repo = new TempRepo({
    '.gitignore': '*.log\n',
    'README.md': '# app\n',
    'migrations/V1__users.sql': 'CREATE TABLE users (id int);\n',
    'migrations/V2__posts.sql': 'CREATE TABLE posts (id int);\n',
    'migrations/V3__tags.sql': 'CREATE TABLE tags (id int);\n',
    'migrations/V4__audit.sql': 'CREATE TABLE audit (id int);\n',
    'migrations/V5__invoice.sql': LONG,
  });
  repo.commit('initial');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('migrations/V6__committed.sql', 'CREATE TABLE committed (id int);\n');
  repo.append('README.md', 'More.\n');
  repo.commit('on the branch');
  return repo;
}

describe('changesSince', () => {
  it('lists committed, staged, unstaged, untracked, renamed and deleted files by absolute path', () => {
    const repo = repository();
    repo.append('migrations/V1__users.sql', 'ALTER TABLE users ADD COLUMN name text;\n');
    repo.git('add', 'migrations/V1__users.sql'); // staged edit
    repo.append('migrations/V2__posts.sql', '-- unstaged\n'); // unstaged edit
    repo.write('migrations/V7__untracked.sql', 'CREATE TABLE untracked (id int);\n');
    repo.write('migrations/V8__staged.sql', 'CREATE TABLE staged (id int);\n');
    repo.git('add', 'migrations/V8__staged.sql');
    repo.git('mv', 'migrations/V3__tags.sql', 'migrations/V3__labels.sql'); // pure rename
    repo.git('mv', 'migrations/V5__invoice.sql', 'migrations/V9__invoice.sql');
    repo.append('migrations/V9__invoice.sql', 'CREATE INDEX invoice_number ON invoice (number);\n'); // rename + edit
    repo.git('rm', '-q', 'migrations/V4__audit.sql');
    repo.write('debug.log', 'ignored\n');

    const set = changesSince(repo.dir, 'main');
    expect(set.ref).toBe('main');
    expect(set.root).toBe(repo.dir);
    expect(set.base).toBe(repo.git('rev-parse', 'main').trim());
    expect(new Map([...set.changes].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(
      new Map<string, Change>([
        [repo.abs('README.md'), modified],
        [repo.abs('migrations/V1__users.sql'), modified],
        [repo.abs('migrations/V2__posts.sql'), modified],
        [repo.abs('migrations/V3__labels.sql'), { status: 'renamed', previousPath: repo.abs('migrations/V3__tags.sql'), contentChanged: false }],
        [repo.abs('migrations/V4__audit.sql'), deleted],
        [repo.abs('migrations/V6__committed.sql'), added],
        [repo.abs('migrations/V7__untracked.sql'), added],
        [repo.abs('migrations/V8__staged.sql'), added],
        [repo.abs('migrations/V9__invoice.sql'), { status: 'renamed', previousPath: repo.abs('migrations/V5__invoice.sql'), contentChanged: true }],
      ]),
    );
  });

  it('reads a file as it was at the base', () => {
    const repo = repository();
    repo.git('rm', '-q', 'migrations/V4__audit.sql');
    const set = changesSince(repo.dir, 'main');
    expect(Buffer.from(set.textAtBase(repo.abs('migrations/V4__audit.sql'))!).toString('utf8')).toBe('CREATE TABLE audit (id int);\n');
    expect(set.existsAtBase(repo.abs('migrations/V4__audit.sql'))).toBe(true);
    expect(set.textAtBase(repo.abs('migrations/V6__committed.sql'))).toBeNull();
    expect(set.existsAtBase(repo.abs('migrations/V6__committed.sql'))).toBe(false);
  });

  it('gives the same absolute paths from a subfolder', () => {
    const repo = repository();
    repo.write('migrations/V7__untracked.sql', 'CREATE TABLE untracked (id int);\n');
    const set = changesSince(repo.abs('migrations'), 'main');
    expect(set.root).toBe(repo.dir);
    expect([...set.changes.keys()].sort()).toEqual([repo.abs('README.md'), repo.abs('migrations/V6__committed.sql'), repo.abs('migrations/V7__untracked.sql')]);
  });

  it('compares with the merge base: what the ref gained since the branch point is not a deletion', () => {
    const repo = repository();
    const branchPoint = repo.git('rev-parse', 'main').trim();
    repo.git('checkout', '-q', 'main');
    repo.write('migrations/V10__on_main.sql', 'CREATE TABLE on_main (id int);\n');
    repo.append('migrations/V2__posts.sql', '-- hotfix on main\n');
    repo.commit('main moves on');
    repo.git('checkout', '-q', 'feature');

    const set = changesSince(repo.dir, 'main');
    expect(set.base).toBe(branchPoint);
    expect([...set.changes.keys()].sort()).toEqual([repo.abs('README.md'), repo.abs('migrations/V6__committed.sql')]);
  });

  it('accepts any commit-ish: HEAD, HEAD~1, a commit id', () => {
    const repo = repository();
    repo.write('migrations/V7__untracked.sql', 'x\n');
    expect([...changesSince(repo.dir, 'HEAD').changes.keys()]).toEqual([repo.abs('migrations/V7__untracked.sql')]);
    const parent = repo.git('rev-parse', 'HEAD~1').trim();
    expect(changesSince(repo.dir, 'HEAD~1').base).toBe(parent);
    expect(changesSince(repo.dir, parent).changes.size).toBe(3);
  });

  it('does not take a file the index forgot (git rm --cached) but still on disk for a deletion', () => {
    const repo = repository();
    repo.git('rm', '-q', '--cached', 'migrations/V1__users.sql');
    repo.git('rm', '-q', '--cached', 'migrations/V2__posts.sql');
    repo.append('migrations/V2__posts.sql', '-- changed too\n');
    const set = changesSince(repo.dir, 'HEAD');
    expect(new Map(set.changes)).toEqual(new Map([[repo.abs('migrations/V2__posts.sql'), modified]]));
  });

  it('is a VcsError outside a git repository, for an unknown ref, and for a ref that looks like an option', () => {
    const repo = repository();
    expect(() => changesSince(TempRepo.plainFolder(), 'main')).toThrow(
      new VcsError('--changed-since needs a git repository, and the working directory is not inside one'),
    );
    expect(() => changesSince(repo.dir, 'origin/main')).toThrow(
      new VcsError('--changed-since: unknown git ref "origin/main" (no commit by that name in this repository; is it fetched?)'),
    );
    expect(() => changesSince(repo.dir, '--output=x')).toThrow(new VcsError('--changed-since: "--output=x" is not a git ref'));
    expect(() => changesSince(repo.dir, 'README.md')).toThrow(VcsError);
  });
});

/**
 * `.gitignore` applies to untracked files only, as in git: a committed
 * migration whose name a broad pattern matches (`*secret*`) is linted.
 */
import { describe, expect, it } from 'vitest';
import { discover } from '../../src/discover/discover.js';
import { isolateGit, TempRepo } from '../vcs/git-repo.js';

const paths = async (dir: string): Promise<string[]> =>
  (await discover(['.'], { cwd: dir, root: dir, include: [], exclude: [] })).files.map((file) => file.path);

describe('a file .gitignore matches that git tracks', () => {
  isolateGit();

  it('is walked; an untracked one it matches is not', async () => {
    const repo = new TempRepo({
      '.gitignore': '*secret*\n',
      'migrations/versions/a1_init.py': 'revision = "a1"\n',
      'migrations/versions/b2_add_secrets.py': 'revision = "b2"\n',
    });
    repo.commit('init');
    repo.git('add', '-f', 'migrations/versions/b2_add_secrets.py');
    repo.commit('the ignored migration, added on purpose');
    repo.write('migrations/versions/c3_local_secret.py', 'revision = "c3"\n');
    expect(await paths(repo.dir)).toEqual(['migrations/versions/a1_init.py', 'migrations/versions/b2_add_secrets.py']);
  });

  it('outside a repository, .gitignore is all there is to go by', async () => {
    const repo = new TempRepo({ '.gitignore': '*secret*\n', 'migrations/versions/b2_add_secrets.py': 'revision = "b2"\n' });
    repo.remove('.git');
    expect(await paths(repo.dir)).toEqual([]);
  });
});

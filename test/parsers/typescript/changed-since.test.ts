/** `--changed-since` with TS/JS migrations: an edited or deleted Knex migration is a history rewrite. */
import { describe, expect, it } from 'vitest';
import { droplint, findings } from '../../cli/run-cli.js';
import { isolateGit, TempRepo } from '../../vcs/git-repo.js';

isolateGit();

const INIT =
  "exports.up = (knex) => knex.schema.createTable('users', (t) => { t.increments('id'); t.string('email'); });\nexports.down = (knex) => knex.schema.dropTable('users');\n";
const EMAIL = "exports.up = (knex) => knex.schema.alterTable('users', (t) => { t.string('nickname'); });\nexports.down = () => {};\n";

describe('--changed-since with TS/JS migrations', () => {
  it('reports an edited and a deleted migration, and only the new one’s findings', () => {
    const repo = new TempRepo({
      'migrations/20240101000000_init.js': INIT,
      'migrations/20240102000000_nickname.js': EMAIL,
      'migrations/20240103000000_old.js': 'exports.up = () => {};\nexports.down = () => {};\n',
    });
    repo.commit('initial');
    repo.write('migrations/20240102000000_nickname.js', EMAIL.replace('nickname', 'nick'));
    repo.remove('migrations/20240103000000_old.js');
    repo.write(
      'migrations/20240104000000_drop.js',
      "exports.up = (knex) => knex.schema.alterTable('users', (t) => { t.dropColumn('email'); });\nexports.down = () => {};\n",
    );
    const run = droplint(repo.dir, ['--format', 'json', '--changed-since', 'HEAD', '.']);
    expect(findings(run)).toEqual([
      'migrations/20240102000000_nickname.js:1:1 error[history-rewrite]',
      'migrations/20240103000000_old.js:1:1 error[history-rewrite]',
      'migrations/20240104000000_drop.js:1:65 error[drop-column]',
    ]);
  });
});

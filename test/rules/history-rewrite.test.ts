/**
 * history-rewrite: first on units whose `vcs` field is set by hand (every
 * format and status, and what is not a migration), then end to end through
 * `lintPaths` in a real git repository, where git decides the statuses.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { lint } from '../../src/engine/lint.js';
import { compileTablePatterns } from '../../src/engine/table-pattern.js';
import type { MigrationUnit } from '../../src/ir/unit.js';
import { parsePythonFile } from '../../src/parsers/alembic/alembic-file.js';
import { parsePrismaMigration } from '../../src/parsers/prisma/prisma-file.js';
import { parseSqlFile } from '../../src/parsers/sql/sql-file.js';
import { lintPaths } from '../../src/pipeline.js';
import rule from '../../rules/history-rewrite.js';
import { REGISTRY, SUPPRESSION_RULES } from '../../rules/index.js';
import unmanagedTableDrop from '../../rules/unmanaged-table-drop.js';
import { isolateGit, TempRepo } from '../vcs/git-repo.js';

type Vcs = NonNullable<MigrationUnit['vcs']>;

const edited: Vcs = { status: 'modified', previousPath: null, ref: 'origin/main', textChanged: true };
const added: Vcs = { status: 'added', previousPath: null, ref: 'origin/main', textChanged: true };
const deleted: Vcs = { status: 'deleted', previousPath: null, ref: 'origin/main', textChanged: true };
const renamed = (previousPath: string, textChanged = false): Vcs => ({ status: 'renamed', previousPath, ref: 'origin/main', textChanged });

const SQL = 'CREATE TABLE "User" ("id" SERIAL NOT NULL);\n';

const revision = (id: string, down: string | null): string =>
  [
    `"""${id}"""`,
    'from alembic import op',
    'import sqlalchemy as sa',
    '',
    `revision = "${id}"`,
    `down_revision = ${down === null ? 'None' : `"${down}"`}`,
    '',
    '',
    'def upgrade():',
    `    op.create_table("t_${id}", sa.Column("id", sa.Integer()))`,
    '',
    '',
    'def downgrade():',
    `    op.drop_table("t_${id}")`,
    '',
  ].join('\n');

const ENV_PY = 'from alembic import context\n\nconfig = context.config\n\n\ndef run_migrations_online():\n    pass\n';

async function sql(path: string, vcs: Vcs | undefined, text = SQL): Promise<MigrationUnit> {
  return { ...(await parseSqlFile({ path, text }, 'postgresql')), vcs };
}

async function prisma(folder: string, vcs: Vcs | undefined, text = SQL): Promise<MigrationUnit> {
  return { ...(await parsePrismaMigration({ path: `prisma/migrations/${folder}/migration.sql`, text }, 'postgresql', folder)), vcs };
}

async function python(path: string, vcs: Vcs | undefined, text: string): Promise<MigrationUnit> {
  const unit = await parsePythonFile({ path, text }, 'postgresql');
  if (unit === null) throw new Error(`not Alembic: ${path}`);
  return { ...unit, vcs };
}

/** The rule's findings on `unit`, as `line:column severity message`. */
function run(unit: MigrationUnit): string[] {
  return lint([unit], [rule], SUPPRESSION_RULES, {
    settings: { protectedTables: compileTablePatterns([]) },
    overrides: {},
    downgrade: 'warning',
  }).map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
}

describe('history-rewrite on units', () => {
  it('reports an edited Prisma migration at its start', async () => {
    expect(run(await prisma('20240101000000_init', edited))).toEqual([
      '1:1 error migration "prisma/migrations/20240101000000_init/migration.sql" was edited after it was committed at origin/main: applied migrations are immutable (Prisma re-plans from scratch on a checksum mismatch); add a new migration instead',
    ]);
  });

  it('reports a renamed Prisma migration, and says when it was edited too', async () => {
    expect(run(await prisma('20240105000000_init', renamed('prisma/migrations/20240101000000_init/migration.sql')))).toEqual([
      '1:1 error migration "prisma/migrations/20240105000000_init/migration.sql" was renamed from "prisma/migrations/20240101000000_init/migration.sql" after it was committed at origin/main: applied migrations are immutable (Prisma knows a migration by its folder name and applies the renamed one again); add a new migration instead',
    ]);
    expect(run(await prisma('20240105000000_init', renamed('prisma/migrations/20240101000000_init/migration.sql', true)))).toEqual([
      '1:1 error migration "prisma/migrations/20240105000000_init/migration.sql" was renamed from "prisma/migrations/20240101000000_init/migration.sql" and edited after it was committed at origin/main: applied migrations are immutable (Prisma knows a migration by its folder name and applies the renamed one again); add a new migration instead',
    ]);
  });

  it('reports a deleted migration', async () => {
    expect(run(await prisma('20240101000000_init', deleted))).toEqual([
      '1:1 error migration "prisma/migrations/20240101000000_init/migration.sql" was deleted after it was committed at origin/main: databases that applied it now disagree with the history; restore it and add a new migration instead',
    ]);
    expect(run(await sql('db/V1__init.sql', deleted))).toEqual([
      '1:1 error migration "db/V1__init.sql" was deleted after it was committed at origin/main: databases that applied it now disagree with the history; restore it and add a new migration instead',
    ]);
  });

  it('names Flyway for Flyway files, and the generic reason for other versioned SQL', async () => {
    expect(run(await sql('db/migration/V3__cleanup.sql', edited))).toEqual([
      '1:1 error migration "db/migration/V3__cleanup.sql" was edited after it was committed at origin/main: applied migrations are immutable (Flyway\'s validate fails on a checksum mismatch); add a new migration instead',
    ]);
    expect(run(await sql('db/migration/V4__cleanup.sql', renamed('db/migration/V3__cleanup.sql')))).toEqual([
      '1:1 error migration "db/migration/V4__cleanup.sql" was renamed from "db/migration/V3__cleanup.sql" after it was committed at origin/main: applied migrations are immutable (Flyway knows a migration by its version and description: validate fails, or it runs again); add a new migration instead',
    ]);
    expect(run(await sql('migrations/000002_users.up.sql', edited))).toEqual([
      '1:1 error migration "migrations/000002_users.up.sql" was edited after it was committed at origin/main: applied migrations are immutable (databases that ran it never run it again, so they differ from new ones); add a new migration instead',
    ]);
    expect(run(await sql('db/migrations/20240102_users.sql', renamed('db/migrations/20240101_users.sql')))).toEqual([
      '1:1 error migration "db/migrations/20240102_users.sql" was renamed from "db/migrations/20240101_users.sql" after it was committed at origin/main: applied migrations are immutable (migration tools know a migration by its file name and run the renamed one again); add a new migration instead',
    ]);
    expect(run(await sql('migrations/2024-01-01-000000_users/up.sql', edited))).toEqual([
      '1:1 error migration "migrations/2024-01-01-000000_users/up.sql" was edited after it was committed at origin/main: applied migrations are immutable (databases that ran it never run it again, so they differ from new ones); add a new migration instead',
    ]);
  });

  it('reports an Alembic revision at its `revision = …` line; a rename alone is no rewrite there', async () => {
    expect(run(await python('alembic/versions/a1_users.py', edited, revision('a1', null)))).toEqual([
      '5:1 error migration "alembic/versions/a1_users.py" was edited after it was committed at origin/main: applied migrations are immutable (databases that ran this revision never run it again, so they differ from new ones); add a new migration instead',
    ]);
    expect(run(await python('alembic/versions/2024_a1_users.py', renamed('alembic/versions/a1_users.py'), revision('a1', null)))).toEqual([]);
    expect(run(await python('alembic/versions/2024_a1_users.py', renamed('alembic/versions/a1_users.py', true), revision('a1', null)))).toEqual([
      '5:1 error migration "alembic/versions/2024_a1_users.py" was renamed from "alembic/versions/a1_users.py" and edited after it was committed at origin/main: applied migrations are immutable (databases that ran this revision never run it again, so they differ from new ones); add a new migration instead',
    ]);
    expect(run(await python('alembic/versions/a1_users.py', deleted, revision('a1', null)))).toEqual([
      '5:1 error migration "alembic/versions/a1_users.py" was deleted after it was committed at origin/main: databases that applied it now disagree with the history; restore it and add a new migration instead',
    ]);
  });

  it('keeps a deleted migration out of the history the other units are checked against', async () => {
    const baseline = await sql('db/V1__baseline.sql', undefined, 'CREATE TABLE users (id int);\n');
    const created = await sql('db/V2__audit.sql', deleted, 'CREATE TABLE audit (id int);\n');
    const dropped = await sql('db/V3__drop_audit.sql', added, 'DROP TABLE audit;\n');
    const found = lint([baseline, created, dropped], [unmanagedTableDrop], SUPPRESSION_RULES, {
      settings: { protectedTables: compileTablePatterns([]) },
      overrides: {},
      downgrade: 'warning',
      report: new Set(['db/V3__drop_audit.sql']),
    });
    expect(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(['db/V3__drop_audit.sql:1:1 unmanaged-table-drop']);
  });

  it('says nothing about added or unchanged migrations', async () => {
    expect(run(await prisma('20240101000000_init', added))).toEqual([]);
    expect(run(await prisma('20240101000000_init', undefined))).toEqual([]);
    expect(run(await sql('db/V1__init.sql', added))).toEqual([]);
    expect(run(await python('alembic/versions/a1_users.py', added, revision('a1', null)))).toEqual([]);
  });

  it('says nothing about files that are no applied migration', async () => {
    // env.py configures Alembic; it is not a revision.
    expect(run(await python('alembic/env.py', edited, ENV_PY))).toEqual([]);
    // Flyway re-applies a repeatable migration whenever it changes; undo migrations only run backwards.
    expect(run(await sql('db/migration/R__views.sql', edited))).toEqual([]);
    expect(run(await sql('db/migration/U3__cleanup.sql', deleted))).toEqual([]);
    // Down migrations are never applied by a deploy.
    expect(run(await sql('migrations/000002_users.down.sql', edited, 'DROP TABLE "User";\n'))).toEqual([]);
    expect(run(await sql('migrations/2024-01-01-000000_users/down.sql', deleted, 'DROP TABLE "User";\n'))).toEqual([]);
    // A SQL file with neither a version nor a direction in its name.
    expect(run(await sql('db/schema.sql', edited))).toEqual([]);
  });
});

describe('history-rewrite through lintPaths in a git repository', () => {
  isolateGit();

  async function rewrites(repo: TempRepo, ref: string): Promise<string[]> {
    const { result } = await lintPaths({
      registry: REGISTRY,
      cwd: repo.dir,
      paths: [],
      config: { config: DEFAULT_CONFIG, file: null, root: repo.dir },
      changedSince: ref,
    });
    return result.diagnostics.filter((d) => d.rule === 'history-rewrite').map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
  }

  it('reports edited and deleted Alembic revisions, not helpers, env.py, README or new revisions', async () => {
    const repo = new TempRepo({
      'README.md': '# app\n',
      'alembic/env.py': ENV_PY,
      'alembic/versions/a1_users.py': revision('a1', null),
      'alembic/versions/b2_posts.py': revision('b2', 'a1'),
      'alembic/versions/c3_tags.py': revision('c3', 'b2'),
      'alembic/versions/helpers.py': 'def table_names():\n    return []\n',
      'alembic/versions/old_helpers.py': 'def nothing():\n    pass\n',
    });
    repo.commit('initial');
    repo.git('tag', 'v1');
    repo.append('README.md', 'More.\n');
    repo.append('alembic/env.py', '# tuned\n');
    repo.append('alembic/versions/helpers.py', '\n\ndef more():\n    return []\n');
    repo.remove('alembic/versions/old_helpers.py');
    repo.append('alembic/versions/b2_posts.py', '    op.drop_table("legacy")\n');
    repo.git('rm', '-q', 'alembic/versions/c3_tags.py');
    repo.write('alembic/versions/d4_new.py', revision('d4', 'b2'));
    repo.commit('rewrite');
    // A revision added since the ref and edited again is still new.
    repo.append('alembic/versions/d4_new.py', '# again\n');

    expect(await rewrites(repo, 'v1')).toEqual([
      'alembic/versions/b2_posts.py:5:1 migration "alembic/versions/b2_posts.py" was edited after it was committed at v1: applied migrations are immutable (databases that ran this revision never run it again, so they differ from new ones); add a new migration instead',
      'alembic/versions/c3_tags.py:5:1 migration "alembic/versions/c3_tags.py" was deleted after it was committed at v1: databases that applied it now disagree with the history; restore it and add a new migration instead',
    ]);
  });

  it('never fires without --changed-since', async () => {
    const repo = new TempRepo({ 'db/V1__init.sql': SQL });
    repo.commit('initial');
    repo.append('db/V1__init.sql', '-- edited\n');
    const { result } = await lintPaths({ registry: REGISTRY, cwd: repo.dir, paths: [], config: { config: DEFAULT_CONFIG, file: null, root: repo.dir } });
    expect(result.diagnostics.filter((d) => d.rule === 'history-rewrite')).toEqual([]);
  });
});

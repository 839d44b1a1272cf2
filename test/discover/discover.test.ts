import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discover, type Discovery } from '../../src/discover/discover.js';

let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-discover-'));
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * Creates files (paths relative to the temp dir, '/'-separated); a name ending in '/' is a folder.
 * The `.sql` files have dbmate sections, a layout linted wherever it lies: these tests are about
 * the walk itself; which loose files are migrations is tested apart (migrations-like.test.ts).
 */
function write(...names: string[]): void {
  for (const name of names) {
    const full = path.join(tmp, ...name.split('/'));
    if (name.endsWith('/')) {
      fs.mkdirSync(full, { recursive: true });
    } else {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, name.endsWith('.sql') ? '-- migrate:up\nSELECT 1;\n' : '');
    }
  }
}

function writeText(name: string, text: string): void {
  const full = path.join(tmp, ...name.split('/'));
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

/** Absolute path of a temp-dir entry. */
function abs(name: string): string {
  return path.join(tmp, ...name.split('/'));
}

function run(paths: string[], options: { cwd?: string; root?: string; include?: string[]; exclude?: string[] } = {}): Promise<Discovery> {
  return discover(paths, {
    cwd: options.cwd ?? tmp,
    root: options.root ?? tmp,
    include: options.include ?? [],
    exclude: options.exclude ?? [],
  });
}

async function pathsOf(paths: string[], options?: Parameters<typeof run>[1]): Promise<string[]> {
  const result = await run(paths, options);
  expect(result.problems).toEqual([]);
  return result.files.map((file) => file.path);
}

describe('walking folders', () => {
  it('finds .sql files at every depth and nothing else', async () => {
    write('a.sql', 'notes.txt', 'schema.prisma', 'sub/b.sql', 'sub/deep/c.sql', 'sub/deep/readme.md');
    const result = await run(['.']);
    expect(result).toEqual({
      files: [
        { absPath: abs('a.sql'), path: 'a.sql', kind: 'sql', prismaDir: null },
        { absPath: abs('sub/b.sql'), path: 'sub/b.sql', kind: 'sql', prismaDir: null },
        { absPath: abs('sub/deep/c.sql'), path: 'sub/deep/c.sql', kind: 'sql', prismaDir: null },
      ],
      problems: [],
      skipped: 0,
    });
  });

  it('skips node_modules, .git, virtualenvs and package folders wherever they are', async () => {
    write(
      'keep.sql',
      'node_modules/pkg/x.sql',
      'app/node_modules/pkg/y.sql',
      '.git/hooks/z.sql',
      '.venv/lib/a.sql',
      'venv/lib/b.sql',
      'tools/venv/c.sql',
      'myenv/pyvenv.cfg',
      'myenv/lib/d.sql',
      'env/pyvenv.cfg',
      'env/e.sql',
      'lib/python3.12/site-packages/pkg/f.sql',
      '__pypackages__/3.12/lib/g.sql',
      '.tox/py312/h.sql',
      'app/keep.sql',
    );
    expect(await pathsOf(['.'])).toEqual(['app/keep.sql', 'keep.sql']);
  });

  it('walks a folder named env when it holds no pyvenv.cfg', async () => {
    write('env/prod/001.sql');
    expect(await pathsOf(['.'])).toEqual(['env/prod/001.sql']);
  });

  it('returns the content of a folder named like a .sql file, never the folder', async () => {
    write('weird.sql/a.sql', 'weird.sql/empty.sql/');
    expect(await pathsOf(['.'])).toEqual(['weird.sql/a.sql']);
    expect(await pathsOf(['weird.sql'])).toEqual(['weird.sql/a.sql']);
  });

  it('handles spaces in folder and file names', async () => {
    write('my migrations/001 init.sql', 'my migrations/sub folder/002.sql');
    expect(await pathsOf(['.'])).toEqual(['my migrations/001 init.sql', 'my migrations/sub folder/002.sql']);
    expect(await pathsOf(['my migrations/sub folder'])).toEqual(['my migrations/sub folder/002.sql']);
  });

  it.skipIf(process.platform === 'win32')('terminates on a symbolic link loop', async () => {
    write('a.sql', 'sub/b.sql');
    fs.symlinkSync('..', abs('sub/loop'), 'dir');
    expect(await pathsOf(['.'])).toEqual(['a.sql', 'sub/b.sql']);
  });

  it('sorts by path with a plain string comparison', async () => {
    write('a.sql', 'a/b.sql', 'a-b.sql', 'B.sql', '_x.sql');
    expect(await pathsOf(['.'])).toEqual(['B.sql', '_x.sql', 'a-b.sql', 'a.sql', 'a/b.sql']);
  });

  it('lists a file reached through several given paths once', async () => {
    write('a.sql', 'sub/b.sql');
    expect(await pathsOf(['.', 'sub', './sub/b.sql', 'a.sql', abs('sub')])).toEqual(['a.sql', 'sub/b.sql']);
  });
});

describe('.gitignore', () => {
  it('applies nested .gitignore files relative to their folder, and parents up to the repository root', async () => {
    write('repo/.git/');
    writeText('repo/.gitignore', 'generated/\n*.tmp.sql\n');
    writeText('repo/db/.gitignore', '# local files\nscratch.sql\n/local/\n');
    write(
      'repo/db/a.sql',
      'repo/db/b.tmp.sql',
      'repo/db/scratch.sql',
      'repo/db/sub/scratch.sql',
      'repo/db/sub/c.sql',
      'repo/db/local/x.sql',
      'repo/db/sub/local/y.sql',
      'repo/db/generated/g.sql',
    );
    // A .gitignore above the repository root does not count.
    writeText('.gitignore', '*.sql\n');
    const cwd = abs('repo');
    expect(await pathsOf(['db'], { cwd, root: cwd })).toEqual(['db/a.sql', 'db/sub/c.sql', 'db/sub/local/y.sql']);
    expect(await pathsOf(['.'], { cwd, root: cwd })).toEqual(['db/a.sql', 'db/sub/c.sql', 'db/sub/local/y.sql']);
  });

  it('honours a negation pattern', async () => {
    write('.git/');
    writeText('.gitignore', '*.sql\n!keep.sql\n');
    write('a.sql', 'keep.sql', 'sub/b.sql', 'sub/keep.sql');
    expect(await pathsOf(['.'])).toEqual(['keep.sql', 'sub/keep.sql']);
  });

  it('cannot re-include a file whose folder is ignored, but a deeper .gitignore can re-include the folder', async () => {
    write('.git/');
    writeText('.gitignore', 'out/\ntmp/\n!tmp/keep.sql\n');
    writeText('app/.gitignore', '!out/\n');
    write('out/a.sql', 'tmp/keep.sql', 'app/out/b.sql', 'app/tmp/c.sql');
    expect(await pathsOf(['.'])).toEqual(['app/out/b.sql']);
  });

  it('walks a named folder that a parent .gitignore excludes, still applying the rules below it', async () => {
    write('.git/');
    writeText('.gitignore', 'generated/\n*.bak.sql\n');
    write('generated/a.sql', 'generated/a.bak.sql', 'generated/generated/b.sql');
    expect(await pathsOf(['generated'])).toEqual(['generated/a.sql']);
    expect(await pathsOf(['.'])).toEqual([]);
  });

  it('still returns an explicitly named file that is ignored', async () => {
    write('.git/');
    writeText('.gitignore', '*.sql\n');
    write('x.sql', 'node_modules/pkg/y.sql');
    expect(await pathsOf(['.'])).toEqual([]);
    expect(await pathsOf(['x.sql', 'node_modules/pkg/y.sql'])).toEqual(['node_modules/pkg/y.sql', 'x.sql']);
  });

  it("looks for each folder's .gitignore once however many files sit under it", async () => {
    write('.git/');
    writeText('.gitignore', 'skip.sql\n');
    writeText('db/.gitignore', 'skip2.sql\n');
    write('db/1.sql', 'db/2.sql', 'db/3.sql', 'db/sub/4.sql', 'db/sub/5.sql', 'db/skip.sql', 'db/skip2.sql');
    const readFile = vi.spyOn(fs, 'readFileSync');
    expect(await pathsOf(['.', 'db'])).toEqual(['db/1.sql', 'db/2.sql', 'db/3.sql', 'db/sub/4.sql', 'db/sub/5.sql']);
    const gitignoreReads = readFile.mock.calls
      .map(([file]) => String(file))
      .filter((file) => path.basename(file) === '.gitignore')
      .sort();
    // db/sub has none: the failed attempt is not repeated either.
    expect(gitignoreReads).toEqual([abs('.gitignore'), abs('db/.gitignore'), abs('db/sub/.gitignore')]);
  });
});

describe('named paths', () => {
  it('reports a missing path as given and still discovers the others', async () => {
    write('a.sql', 'sub/b.sql');
    const result = await run(['nope/x.sql', 'a.sql', './missing', 'sub']);
    expect(result.problems).toEqual(['path not found: nope/x.sql', 'path not found: ./missing']);
    expect(result.files.map((file) => file.path)).toEqual(['a.sql', 'sub/b.sql']);
  });

  it('silently ignores a named file of another format, and hands Python files to the Alembic front-end', async () => {
    write('models.py', 'schema.prisma', 'notes.txt', 'a.sql');
    expect(await pathsOf(['models.py', 'schema.prisma', 'notes.txt'])).toEqual(['models.py']);
  });

  it('formats paths relative to cwd, with ../ outside it', async () => {
    write('project/db/a.sql', 'project/db/sub/b.sql', 'project/seeds/s.sql');
    const cwd = abs('project/db');
    expect(await pathsOf(['.', '../seeds'], { cwd, root: abs('project') })).toEqual(['../seeds/s.sql', 'a.sql', 'sub/b.sql']);
    expect(await pathsOf([abs('project/db/sub/b.sql')], { cwd })).toEqual(['sub/b.sql']);
    expect(await pathsOf(['..'], { cwd })).toEqual(['../seeds/s.sql', 'a.sql', 'sub/b.sql']);
  });
});

describe('include and exclude', () => {
  beforeEach(() => {
    write('db/a.sql', 'db/legacy/old.sql', 'scripts/seed.sql', 'scripts/legacy/x.sql');
  });

  it('exclude globs (relative to root) drop walked and named files', async () => {
    expect(await pathsOf(['.'], { exclude: ['**/legacy/**'] })).toEqual(['db/a.sql', 'scripts/seed.sql']);
    expect(await pathsOf(['db/legacy/old.sql', 'db/a.sql'], { exclude: ['db/legacy/*.sql'] })).toEqual(['db/a.sql']);
    // cwd below root: the globs stay relative to root.
    expect(await pathsOf(['.'], { cwd: abs('db'), exclude: ['db/legacy/**'] })).toEqual(['a.sql']);
  });

  it('include globs restrict walked files but not named ones', async () => {
    expect(await pathsOf(['.'], { include: ['db/**'] })).toEqual(['db/a.sql', 'db/legacy/old.sql']);
    expect(await pathsOf(['.', 'scripts/seed.sql'], { include: ['db/**'] })).toEqual(['db/a.sql', 'db/legacy/old.sql', 'scripts/seed.sql']);
    expect(await pathsOf(['.'], { include: ['db/**'], exclude: ['**/legacy/**'] })).toEqual(['db/a.sql']);
  });
});

describe('classification', () => {
  it('marks <dir>/<name>/migration.sql as prisma when <dir> holds migration_lock.toml', async () => {
    write(
      'prisma/migrations/migration_lock.toml',
      'prisma/migrations/20240101000000_init/migration.sql',
      'prisma/migrations/20240101000000_init/extra.sql',
      'prisma/migrations/migration.sql',
      'other/migrations/20240101000000_init/migration.sql',
    );
    const result = await run(['.']);
    expect(result).toEqual({
      files: [
        {
          absPath: abs('other/migrations/20240101000000_init/migration.sql'),
          path: 'other/migrations/20240101000000_init/migration.sql',
          kind: 'sql',
          prismaDir: null,
        },
        {
          absPath: abs('prisma/migrations/20240101000000_init/extra.sql'),
          path: 'prisma/migrations/20240101000000_init/extra.sql',
          kind: 'sql',
          prismaDir: null,
        },
        {
          absPath: abs('prisma/migrations/20240101000000_init/migration.sql'),
          path: 'prisma/migrations/20240101000000_init/migration.sql',
          kind: 'prisma',
          prismaDir: abs('prisma/migrations'),
        },
        {
          absPath: abs('prisma/migrations/migration.sql'),
          path: 'prisma/migrations/migration.sql',
          kind: 'sql',
          prismaDir: null,
        },
      ],
      problems: [],
      skipped: 0,
    });
  });

  it('classifies an explicitly named Prisma migration too', async () => {
    write('migrations/migration_lock.toml', 'migrations/0_init/migration.sql');
    const result = await run(['migrations/0_init/migration.sql']);
    expect(result.files).toEqual([
      {
        absPath: abs('migrations/0_init/migration.sql'),
        path: 'migrations/0_init/migration.sql',
        kind: 'prisma',
        prismaDir: abs('migrations'),
      },
    ]);
  });
});

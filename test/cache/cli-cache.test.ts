/**
 * The persistent cache through the CLI: whatever happened to the files, the
 * config, the cache itself or between runs, a run with the cache prints
 * byte for byte what a run without it prints.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashBytes } from '../../src/cache/content-hash.js';
import { project, write } from '../cli/run-cli.js';

const BIN = path.resolve('bin/droplint.js');

const migration = (revision: string, down: string, upgrade: string): string =>
  `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${revision}"\ndown_revision = ${down}\n\n\ndef upgrade():\n${upgrade}\n\n\ndef downgrade():\n    pass\n`;

/** An Alembic set whose env.py leads to the models, a Prisma folder and plain SQL. */
const FILES = {
  'alembic/env.py': 'from alembic import context\nfrom app.models import Base\n\nconfig = context.config\ntarget_metadata = Base.metadata\n',
  'alembic/versions/a1_init.py': migration(
    'a1',
    'None',
    '    op.create_table("users", sa.Column("id", sa.Integer()))\n    op.create_table("posts", sa.Column("id", sa.Integer()))',
  ),
  'alembic/versions/a2_drop.py': migration('a2', '"a1"', '    op.drop_column("users", "email")'),
  'app/__init__.py': '',
  'app/models/__init__.py': 'from .base import Base\nfrom .user import User\n',
  'app/models/base.py': 'from sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n',
  'app/models/user.py': 'from .base import Base\n\n\nclass User(Base):\n    __tablename__ = "users"\n',
  'prisma/migrations/migration_lock.toml': 'provider = "mysql"\n',
  'prisma/migrations/20250101000000_init/migration.sql': 'CREATE TABLE `Invoice` (`id` INT, `taxRate` DECIMAL(65,30));\n',
  'prisma/migrations/20250102000000_drop/migration.sql': 'ALTER TABLE `Invoice` DROP COLUMN `taxRate`;\n',
  'db/V1__init.sql': 'CREATE TABLE session (id int);\n',
  'db/V2__drop.sql': 'DROP TABLE session;\n',
};

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runAsync(cwd: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A fresh cache folder, removed with the test's projects. */
function cacheDir(): string {
  return project();
}

/** Each of the cache folder's main indexes (one per project and build), or with `kind`, the files that keep that kind of entry apart. */
function indexes(dir: string, kind?: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => path.basename(name).startsWith('index-') && name.endsWith('.json'))
    .filter((name) => (kind === undefined ? /^index-[0-9a-f]+\.json$/.test(path.basename(name)) : name.endsWith(`-${kind}.json`)))
    .map((name) => path.join(dir, name));
}

interface IndexFile {
  build: string;
  entries: Array<[string, { value: { unit?: { operations: unknown[] } | null } | null }]>;
}

/** An index's content (a hash line, then JSON), checking the hash. */
function readIndexFile(file: string): IndexFile {
  const text = fs.readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  expect(text.slice(0, newline)).toBe(hashBytes(Buffer.from(text.slice(newline + 1))));
  return JSON.parse(text.slice(newline + 1)) as IndexFile;
}

/** Writes an index as droplint would, its hash made right. */
function writeIndexFile(file: string, index: IndexFile): void {
  const body = Buffer.from(JSON.stringify(index));
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`${hashBytes(body)}\n`), body]));
}

/** Lints `args` with the cache (twice: cold if it is, then warm) and without, and expects the same bytes from all three. */
function sameWithAndWithout(dir: string, cache: string, args: readonly string[]): Run {
  const without = run(dir, ['--no-cache', ...args]);
  const first = run(dir, ['--cache-dir', cache, ...args]);
  const second = run(dir, ['--cache-dir', cache, ...args]);
  for (const withCache of [first, second]) {
    expect(withCache.stderr).toBe(without.stderr);
    expect(withCache.stdout).toBe(without.stdout);
    expect(withCache.status).toBe(without.status);
  }
  return without;
}

/** A JSON run's diagnostics as `line:column rule: message`. */
function findings(result: Run): string[] {
  const report = JSON.parse(result.stdout) as { diagnostics: Array<{ line: number; column: number; rule: string; message: string }> };
  return report.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}: ${d.message}`);
}

/** Sets a file's times an hour back: its stamp is then trusted (a file modified just now is hashed again on every run). */
function age(dir: string, name: string): void {
  const then = new Date(Date.now() - 3_600_000);
  fs.utimesSync(path.join(dir, ...name.split('/')), then, then);
}

describe('the persistent cache', { timeout: 180_000 }, () => {
  it("gives a warm run the cold run's output, byte for byte, in every format, and writes only into its folder", () => {
    const dir = project(FILES);
    const cache = cacheDir();
    const before = fs.readdirSync(dir, { recursive: true }).sort();
    for (const format of ['text', 'json', 'sarif', 'github', 'gitlab']) sameWithAndWithout(dir, cache, ['--format', format]);
    const text = sameWithAndWithout(dir, cache, []);
    expect(text.stdout).toContain('table-without-model');
    expect(text.stdout).toContain('drop-column');
    expect(fs.readdirSync(dir, { recursive: true }).sort()).toEqual(before);
    expect(indexes(cache)).toHaveLength(1);
  });

  it('follows edits, renames, deletions and reverts of migrations, and edits that keep size and modification time', () => {
    const dir = project(FILES);
    const cache = cacheDir();
    for (const name of Object.keys(FILES)) age(dir, name);
    sameWithAndWithout(dir, cache, ['--format', 'json']);

    const original = FILES['db/V2__drop.sql'];
    // Same size, and the modification time put back: only the change time and the content tell.
    write(dir, 'db/V2__drop.sql', original.replace('DROP TABLE session;', 'DROP TABLE sessiox;'));
    age(dir, 'db/V2__drop.sql');
    expect(sameWithAndWithout(dir, cache, ['--format', 'json']).stdout).toContain('sessiox');

    write(dir, 'db/V2__drop.sql', original);
    expect(sameWithAndWithout(dir, cache, ['--format', 'json']).stdout).not.toContain('sessiox');

    fs.renameSync(path.join(dir, 'db/V2__drop.sql'), path.join(dir, 'db/V3__drop.sql'));
    expect(sameWithAndWithout(dir, cache, ['--format', 'json']).stdout).toContain('db/V3__drop.sql');

    fs.rmSync(path.join(dir, 'db/V3__drop.sql'));
    expect(sameWithAndWithout(dir, cache, ['--format', 'json']).stdout).not.toContain('db/V3__drop.sql');

    // A Prisma folder's provider decides how its SQL reads: a unit parsed for MySQL is not reused for PostgreSQL.
    write(dir, 'prisma/migrations/migration_lock.toml', 'provider = "postgresql"\n');
    sameWithAndWithout(dir, cache, ['--format', 'json', 'prisma']);
    // Linted from another folder, paths are shown otherwise.
    sameWithAndWithout(path.join(dir, 'alembic'), cache, ['--format', 'json', '.']);
  });

  it('follows the config and the command line', () => {
    const dir = project(FILES);
    const cache = cacheDir();
    sameWithAndWithout(dir, cache, ['--format', 'json']);
    write(dir, 'droplint.toml', 'protected-tables = ["users"]\n[rules]\ndrop-table = "warning"\n');
    const configured = sameWithAndWithout(dir, cache, ['--format', 'json']);
    expect(configured.stdout).toContain('protected-table');
    sameWithAndWithout(dir, cache, ['--format', 'json', '--dialect', 'mysql', '--rule', 'drop-column=off']);
  });

  it('sees a model edited under an unchanged migration', () => {
    const dir = project(FILES);
    const cache = cacheDir();
    for (const name of Object.keys(FILES)) age(dir, name);
    const before = sameWithAndWithout(dir, cache, ['--format', 'json', 'alembic/versions/a1_init.py']);
    expect(before.stdout).toContain('"table": "posts"');
    write(dir, 'app/models/user.py', `${FILES['app/models/user.py']}\n\nclass Post(Base):\n    __tablename__ = "posts"\n`);
    const after = sameWithAndWithout(dir, cache, ['--format', 'json', 'alembic/versions/a1_init.py']);
    expect(after.stdout).not.toContain('table-without-model');
    // A new model module that the package's __init__.py now imports.
    write(dir, 'app/models/user.py', FILES['app/models/user.py']);
    write(dir, 'app/models/post.py', 'from .base import Base\n\n\nclass Post(Base):\n    __tablename__ = "posts"\n');
    write(dir, 'app/models/__init__.py', 'from .base import Base\nfrom .user import User\nfrom .post import Post\n');
    expect(sameWithAndWithout(dir, cache, ['--format', 'json', 'alembic/versions/a1_init.py']).stdout).not.toContain('table-without-model');
    fs.rmSync(path.join(dir, 'app/models/post.py'));
    expect(sameWithAndWithout(dir, cache, ['--format', 'json', 'alembic/versions/a1_init.py']).stdout).toContain('table-without-model');
  });

  it('sees a model edited under a later migration that creates a table: the cached trace is checked when the models are asked for', () => {
    const dir = project({
      ...FILES,
      // The project's root: the trace looks no higher, and is kept.
      'pyproject.toml': '[project]\nname = "app"\n',
      'alembic/versions/a3_comments.py': migration('a3', '"a2"', '    op.create_table("comments", sa.Column("id", sa.Integer()))'),
    });
    const cache = cacheDir();
    for (const name of ['.', ...fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })]) age(dir, name);
    const args = ['--format', 'json', 'alembic/versions/a3_comments.py'];
    expect(sameWithAndWithout(dir, cache, args).stdout).toContain('"table": "comments"');
    write(dir, 'app/models/user.py', `${FILES['app/models/user.py']}\n\nclass Comment(Base):\n    __tablename__ = "comments"\n`);
    expect(sameWithAndWithout(dir, cache, args).stdout).not.toContain('table-without-model');
    // A migration that creates no table needs no models: linted from the same cache, the same output.
    write(dir, 'app/models/user.py', FILES['app/models/user.py']);
    sameWithAndWithout(dir, cache, ['--format', 'json', 'alembic/versions/a2_drop.py']);
    expect(sameWithAndWithout(dir, cache, args).stdout).toContain('"table": "comments"');
  });

  it('reads no model, trace or model stamp for a migration that creates no table and carries no note, cold or warm', () => {
    const dir = project({ ...FILES, 'pyproject.toml': '[project]\nname = "app"\n' });
    const cache = cacheDir();
    for (const name of ['.', ...fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })]) age(dir, name);
    sameWithAndWithout(dir, cache, ['--format', 'json', 'alembic/versions/a2_drop.py']);
    expect([indexes(cache, 'env'), indexes(cache, 'facts')]).toEqual([[], []]);
    const main = readIndexFile(indexes(cache)[0]!) as unknown as { stamps: Array<[string]> };
    expect(main.stamps.map(([file]) => path.relative(dir, file)).sort()).toEqual(['alembic/versions/a1_init.py', 'alembic/versions/a2_drop.py']);
    // The first revision creates tables: its run traces env.py, and keeps the model files' stamps with the trace.
    sameWithAndWithout(dir, cache, ['--format', 'json', 'alembic/versions/a1_init.py']);
    const traces = readIndexFile(indexes(cache, 'env')[0]!) as unknown as { stamps: Array<[string]> };
    expect(traces.stamps.map(([file]) => path.relative(dir, file))).toContain('app/models/user.py');
    // Nor in the main index's journal, where a warm run appends.
    const journal = indexes(cache)[0]!.replace(/\.json$/, '.journal');
    for (const file of [indexes(cache)[0]!, journal]) expect(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '').not.toContain('user.py');
  });

  it('keeps the facts of model files: an unchanged model file is not parsed again (a poisoned entry shows)', () => {
    const dir = project(FILES);
    const cache = cacheDir();
    for (const name of Object.keys(FILES)) age(dir, name);
    const clean = sameWithAndWithout(dir, cache, ['--format', 'json', 'alembic/versions/a1_init.py']);
    expect(clean.stdout).toContain('"table": "posts"');
    const [file] = indexes(cache, 'facts');
    const index = readIndexFile(file!);
    let poisoned = 0;
    for (const [key, entry] of index.entries) {
      if (!key.startsWith('facts\0') || !key.includes('user.py')) continue;
      // A model for "posts" the file does not define: only a cache that is read can make it appear.
      const classes = (entry.value as { classes: Array<{ name: string; tablename: unknown }> }).classes;
      classes.push({ ...classes[0]!, name: 'Post', tablename: { kind: 'static', name: 'posts' } });
      poisoned++;
    }
    expect(poisoned).toBe(1);
    writeIndexFile(file!, index);
    expect(run(dir, ['--cache-dir', cache, '--format', 'json', 'alembic/versions/a1_init.py']).stdout).not.toContain('table-without-model');
    // Edited since: read and parsed again, whatever the cache held.
    write(dir, 'app/models/user.py', `${FILES['app/models/user.py']}# edited\n`);
    expect(run(dir, ['--cache-dir', cache, '--format', 'json', 'alembic/versions/a1_init.py']).stdout).toContain('"table": "posts"');
  });

  it("reuses env.py's trace to the models while no module and no folder on its way changed, and sees a module added", () => {
    const files = {
      ...FILES,
      'pyproject.toml': '[project]\nname = "app"\n',
      // `.post` is not there yet: Python would fail, droplint finds no model for "posts".
      'app/models/__init__.py': 'from .base import Base\nfrom .user import User\nfrom .post import Post\n',
    };
    const dir = project(files);
    const cache = cacheDir();
    // Files and folders an hour old: their stamps and times are trusted.
    for (const name of ['.', ...fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })]) age(dir, name);
    const args = ['--format', 'json', 'alembic/versions/a1_init.py'];
    const clean = sameWithAndWithout(dir, cache, args);
    expect(clean.stdout).toContain('table-without-model');

    // The trace is what the next run uses: one poisoned to say env.py gives autogenerate no metadata shows.
    const [file] = indexes(cache, 'env');
    const unpoisoned = fs.readFileSync(file!);
    const index = readIndexFile(file!);
    const traces = index.entries.filter(([key]) => key.startsWith('env\0'));
    expect(traces).toHaveLength(1);
    const trace = traces[0]![1].value as unknown as { env: { kind: string } };
    expect(trace.env.kind).toBe('traced');
    trace.env = { kind: 'no-autogenerate' };
    writeIndexFile(file!, index);
    expect(findings(run(dir, ['--cache-dir', cache, ...args]))).toEqual([]);

    // A module added where the trace looked (the trace without it restored): its folder changed, so the trace is made again.
    fs.writeFileSync(file!, unpoisoned);
    write(dir, 'app/models/post.py', 'from .base import Base\n\n\nclass Post(Base):\n    __tablename__ = "posts"\n');
    expect(sameWithAndWithout(dir, cache, args).stdout).not.toContain('table-without-model');
  });

  it('sees a package added where the trace found no folder (only the folder above it was depended on)', () => {
    const files = {
      ...FILES,
      'pyproject.toml': '[project]\nname = "app"\n',
      'alembic/versions/a1_init.py': migration(
        'a1',
        'None',
        '    op.create_table("users", sa.Column("id", sa.Integer()))\n    op.create_table("audit_logs", sa.Column("id", sa.Integer()))',
      ),
      // `.audit` is no module yet: droplint finds no model for "audit_logs".
      'app/models/__init__.py': 'from .base import Base\nfrom .user import User\nfrom .audit import AuditLog\n',
    };
    const dir = project(files);
    const cache = cacheDir();
    for (const name of ['.', ...fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })]) age(dir, name);
    const args = ['--format', 'json', 'alembic/versions/a1_init.py'];
    expect(findings(sameWithAndWithout(dir, cache, args))).toEqual([
      '10:5 table-without-model: autogenerate will propose dropping "audit_logs": no model defines it',
    ]);
    write(dir, 'app/models/audit/__init__.py', 'from ..base import Base\n\n\nclass AuditLog(Base):\n    __tablename__ = "audit_logs"\n');
    expect(findings(sameWithAndWithout(dir, cache, args))).toEqual([]);
  });

  it('sees a helper module edited, reverted or deleted under an unchanged Alembic migration', () => {
    const helper = (body: string): string => `from alembic import op\n\n\ndef drop_columns(table_name, *columns):\n${body}\n`;
    const loop = '    for col in columns:\n        op.drop_column(table_name, col)';
    const files = {
      'pyproject.toml': '[project]\nname = "app"\n',
      'app/__init__.py': '',
      'app/migration_ops.py': helper(loop),
      'alembic/versions/a1_init.py': migration(
        'a1',
        'None',
        '    op.create_table("users", sa.Column("id", sa.Integer()), sa.Column("email", sa.Text()), sa.Column("nickname", sa.Text()))',
      ),
      'alembic/versions/a2_drop.py': `from alembic import op\nfrom app.migration_ops import drop_columns\n\nrevision = "a2"\ndown_revision = "a1"\n\n\ndef upgrade():\n    drop_columns("users", "email")\n\n\ndef downgrade():\n    pass\n`,
    };
    const dir = project(files);
    const cache = cacheDir();
    for (const name of Object.keys(files)) age(dir, name);
    const lint = (): string[] => findings(sameWithAndWithout(dir, cache, ['--format', 'json']));
    // Line 9 of a2_drop.py is the call `drop_columns("users", "email")`: each finding is placed there.
    const email = '9:5 drop-column: upgrade() drops column "email" of table "users"; its data is lost';
    const nickname = '9:5 drop-column: upgrade() drops column "nickname" of table "users"; its data is lost';
    expect(lint()).toEqual([email]);

    write(dir, 'app/migration_ops.py', helper(`${loop}\n    op.drop_column(table_name, "nickname")`));
    expect(lint()).toEqual([email, nickname]);
    const helperFile = path.join(dir, 'app/migration_ops.py');
    const then = new Date(Date.now() - 3_600_000);
    write(dir, 'app/migration_ops.py', helper(loop));
    fs.utimesSync(helperFile, then, then);
    expect(lint()).toEqual([email]);

    // Same size and the same modification time as the stamp of the run before: only its change time tells (then its hash).
    const dropTable = '    op.drop_table(table_name)';
    write(dir, 'app/migration_ops.py', helper(dropTable.padEnd(loop.length)));
    fs.utimesSync(helperFile, then, then);
    expect(fs.statSync(helperFile).size).toBe(helper(loop).length);
    expect(lint()).toEqual(['9:5 drop-table: upgrade() drops table "users"; all of its rows are lost']);

    fs.rmSync(path.join(dir, 'app/migration_ops.py'));
    expect(lint()).toEqual([
      '9:5 dynamic-operation: upgrade() runs drop_columns() from app.migration_ops, whose code droplint cannot follow; droplint cannot tell which tables it destroys',
    ]);
  });

  it('sees a helper module edited or reverted under an unchanged TS migration', () => {
    const helper = (table: string): string => `export async function dropLegacy(knex) {\n  await knex.schema.dropTable("${table}");\n}\n`;
    const files = {
      'lib/helpers.ts': helper('legacy'),
      'migrations/20240101000000_drop.ts':
        'import { dropLegacy } from "../lib/helpers";\n\nexport async function up(knex) {\n  await dropLegacy(knex);\n}\n\nexport async function down() {}\n',
    };
    const dir = project(files);
    const cache = cacheDir();
    for (const name of Object.keys(files)) age(dir, name);
    const lint = (): string[] => findings(sameWithAndWithout(dir, cache, ['--format', 'json', 'migrations']));
    // Line 4 is `await dropLegacy(knex);`, the call at column 9.
    const dropped = (table: string): string => `4:9 drop-table: up() drops table "${table}"; all of its rows are lost`;
    expect(lint()).toEqual([dropped('legacy')]);
    write(dir, 'lib/helpers.ts', helper('archive'));
    expect(lint()).toEqual([dropped('archive')]);
    write(dir, 'lib/helpers.ts', helper('legacy'));
    expect(lint()).toEqual([dropped('legacy')]);
  });

  it("reads what it stored (a poisoned entry shows), but never another build's index", () => {
    const dir = project(FILES);
    const cache = cacheDir();
    for (const name of Object.keys(FILES)) age(dir, name);
    const clean = sameWithAndWithout(dir, cache, ['--format', 'json', 'db']);
    const [file] = indexes(cache);
    const index = readIndexFile(file!);
    for (const [, entry] of index.entries) if (entry.value?.unit) entry.value.unit.operations = [];
    writeIndexFile(file!, index);
    // The poisoned units are used: the stamps say the files did not change. (No cache ever holds this; it proves the cache is read.)
    expect(run(dir, ['--cache-dir', cache, '--format', 'json', 'db']).stdout).not.toBe(clean.stdout);

    // The same index, said to come from another build, in this build's file or in another's: ignored.
    writeIndexFile(file!, { ...index, build: 'another-build' });
    expect(run(dir, ['--cache-dir', cache, '--format', 'json', 'db']).stdout).toBe(clean.stdout);
    writeIndexFile(file!.replace(/index-[^/\\]+\.json$/, 'index-another-build.json'), index);
    fs.rmSync(file!);
    expect(run(dir, ['--cache-dir', cache, '--format', 'json', 'db']).stdout).toBe(clean.stdout);
  });

  it("appends what a warm run adds to the index's journal, reads it back, and ignores it from a damaged record on", () => {
    const dir = project(FILES);
    const cache = cacheDir();
    for (const name of Object.keys(FILES)) age(dir, name);
    const args = ['--format', 'json', 'db'];
    sameWithAndWithout(dir, cache, args);
    const [file] = indexes(cache);
    const journal = file!.replace(/\.json$/, '.journal');
    const index = fs.readFileSync(file!);
    expect(fs.existsSync(journal)).toBe(false);

    // An edit: the index stays as it was, the edited file's unit and stamp go to the journal.
    write(dir, 'db/V2__drop.sql', 'DROP TABLE session;\nDROP TABLE other;\n');
    age(dir, 'db/V2__drop.sql');
    const edited = sameWithAndWithout(dir, cache, args);
    expect(edited.stdout).toContain('"other"');
    expect(fs.readFileSync(file!)).toEqual(index);
    const records = fs.readFileSync(journal, 'utf8').split('\n').filter(Boolean);
    expect(records).toHaveLength(1);

    // Its record is what the next run reads: poisoned (its hash made right), the poison shows.
    const [hash, body] = records[0]!.split('\t') as [string, string];
    expect(hash).toBe(hashBytes(Buffer.from(body)));
    const record = JSON.parse(body) as { entries: Array<[string, { value: { unit?: { operations: unknown[] } | null } | null }]> };
    let poisoned = 0;
    for (const [key, entry] of record.entries)
      if (key.includes('V2__drop.sql') && entry.value?.unit) {
        entry.value.unit.operations = [];
        poisoned++;
      }
    expect(poisoned).toBe(1);
    const poison = JSON.stringify(record);
    fs.writeFileSync(journal, `${hashBytes(Buffer.from(poison))}\t${poison}\n`);
    expect(run(dir, ['--cache-dir', cache, ...args]).stdout).not.toContain('"other"');

    // Damaged, torn, or followed by garbage: the record is not read, and the output is right again.
    const damaged = [
      `${hashBytes(Buffer.from(poison))}\t${poison.replace('"operations":[]', '"operations":[ ]')}\n`,
      `${records[0]!.slice(0, 200)}`,
      `x\t{}\n${records[0]!}\n`,
    ];
    for (const [k, text] of damaged.entries()) {
      fs.writeFileSync(journal, text);
      expect(run(dir, ['--cache-dir', cache, ...args])).toEqual(edited);
      // What that run added would be lost after the damage: it wrote the index whole, the journal folded in.
      if (k === 0) expect(fs.existsSync(journal)).toBe(false);
    }

    // A journal past its bound (a quarter of the index, at least 64 KiB) is folded into the index on the next change, and removed.
    const big = JSON.stringify({ format: 2, stamps: [], entries: [['test\0filler', { value: 'x'.repeat(70_000), day: Math.floor(Date.now() / 86_400_000) }]] });
    fs.writeFileSync(journal, `${records[0]!}\n${hashBytes(Buffer.from(big))}\t${big}\n`);
    write(dir, 'db/V2__drop.sql', 'DROP TABLE session;\nDROP TABLE third;\n');
    age(dir, 'db/V2__drop.sql');
    expect(sameWithAndWithout(dir, cache, args).stdout).toContain('"third"');
    expect(fs.existsSync(journal)).toBe(false);
    expect(readIndexFile(file!).entries.map(([key]) => key)).toContain('test\0filler');
  });

  it('ignores and rebuilds a corrupt, truncated or empty index, and one that is a folder', () => {
    const dir = project(FILES);
    const cache = cacheDir();
    const clean = sameWithAndWithout(dir, cache, ['--format', 'json']);
    // The main index, and those that keep model facts and env.py traces apart.
    const files = [...indexes(cache), ...indexes(cache, 'facts'), ...indexes(cache, 'env')];
    expect(files).toHaveLength(3);
    for (const file of files) {
      const whole = fs.readFileSync(file);
      const damaged: Array<(target: string) => void> = [
        (target) => fs.writeFileSync(target, whole.subarray(0, whole.length >> 1)),
        (target) => fs.writeFileSync(target, Buffer.from(whole.map((byte, i) => (i % 97 === 13 ? byte ^ 0xff : byte)))),
        // Still valid JSON: one character of a file's text changed.
        (target) => fs.writeFileSync(target, whole.toString().replace('DROP TABLE session', 'DROP TABLE sessioX')),
        (target) => fs.writeFileSync(target, ''),
        (target) => fs.writeFileSync(target, 'not a cache\n'),
        (target) => {
          fs.rmSync(target);
          fs.mkdirSync(target);
        },
      ];
      for (const damage of damaged) {
        fs.rmSync(file, { recursive: true, force: true });
        fs.writeFileSync(file, whole);
        damage(file);
        // Without the env.py trace, the model facts are read.
        if (file === files[1]) fs.rmSync(files[2]!, { recursive: true, force: true });
        for (let i = 0; i < 2; i++) {
          const again = run(dir, ['--cache-dir', cache, '--format', 'json']);
          expect(again).toEqual(clean);
        }
      }
    }
  });

  it('survives concurrent runs on a cold cache: every output right, the index whole', async () => {
    const dir = project(FILES);
    const cache = cacheDir();
    const expected = run(dir, ['--no-cache', '--format', 'json']);
    const runs = await Promise.all(Array.from({ length: 6 }, () => runAsync(dir, ['--cache-dir', cache, '--format', 'json'])));
    for (const each of runs) expect(each).toEqual(expected);
    for (const kind of [undefined, 'facts', 'env']) expect(indexes(cache, kind)).toHaveLength(1);
    for (const file of [...indexes(cache), ...indexes(cache, 'facts'), ...indexes(cache, 'env')]) readIndexFile(file);
    expect(fs.readdirSync(path.dirname(indexes(cache)[0]!)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(run(dir, ['--cache-dir', cache, '--format', 'json'])).toEqual(expected);
  }, 60_000);

  it('survives concurrent warm runs after an edit: every output right, each appended record whole', async () => {
    const dir = project(FILES);
    const cache = cacheDir();
    for (const name of Object.keys(FILES)) age(dir, name);
    sameWithAndWithout(dir, cache, ['--format', 'json']);
    write(dir, 'db/V2__drop.sql', 'DROP TABLE session;\nDROP TABLE other;\n');
    const expected = run(dir, ['--no-cache', '--format', 'json']);
    const runs = await Promise.all(Array.from({ length: 6 }, () => runAsync(dir, ['--cache-dir', cache, '--format', 'json'])));
    for (const each of runs) expect(each).toEqual(expected);
    const journal = indexes(cache)[0]!.replace(/\.json$/, '.journal');
    const records = fs.readFileSync(journal, 'utf8').split('\n');
    expect(records.pop()).toBe('');
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const [hash, body] = record.split('\t') as [string, string];
      expect(hash).toBe(hashBytes(Buffer.from(body)));
    }
    expect(run(dir, ['--cache-dir', cache, '--format', 'json'])).toEqual(expected);
  }, 60_000);

  it('runs without caching where the cache cannot be kept, silently', () => {
    const dir = project(FILES);
    const expected = run(dir, ['--no-cache', '--format', 'json']);
    const blocker = path.join(cacheDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    expect(run(dir, ['--cache-dir', path.join(blocker, 'cache'), '--format', 'json'])).toEqual(expected);
    expect(run(dir, ['--format', 'json'], { DROPLINT_CACHE_DIR: path.join(blocker, 'cache') })).toEqual(expected);
  });

  it("lives in the user's cache folder by default, one folder per project, and --no-cache writes nothing", () => {
    const dir = project({ ...FILES, 'droplint.toml': '' });
    const home = cacheDir();
    const env = { DROPLINT_CACHE_DIR: undefined, XDG_CACHE_HOME: home };
    const expected = run(dir, ['--no-cache', '--format', 'json'], env);
    expect(fs.readdirSync(home)).toEqual([]);
    expect(run(dir, ['--format', 'json'], env)).toEqual(expected);
    // Linted from a subfolder, the project (the config's folder) is the same.
    run(path.join(dir, 'db'), ['--format', 'json'], env);
    expect(indexes(path.join(home, 'droplint'))).toHaveLength(1);
    expect(path.basename(path.dirname(indexes(path.join(home, 'droplint'))[0]!))).toMatch(
      new RegExp(`^${path.basename(dir).replace(/[^\w.-]/g, '_')}-[0-9a-f]{16}$`),
    );
    const other = project(FILES);
    run(other, ['--format', 'json'], env);
    expect(indexes(path.join(home, 'droplint'))).toHaveLength(2);
  });

  it('refuses --no-cache with --cache-dir', () => {
    const dir = project(FILES);
    const both = run(dir, ['--no-cache', '--cache-dir', os.tmpdir()]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--no-cache and --cache-dir');
  });
});

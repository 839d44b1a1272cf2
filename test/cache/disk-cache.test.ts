/** The persistent cache in process: what a run reads, and the editor's side of it. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../../src/cache/disk-cache.js';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { fileSettings } from '../../src/config/overrides.js';
import { FrontEnds } from '../../src/parsers/front-ends.js';
import { ParseCache, parseCached, SourceChangedError } from '../../src/parsers/parse-cache.js';
import { lintPaths } from '../../src/pipeline.js';
import { REGISTRY } from '../../rules/index.js';
import { project, write } from '../cli/run-cli.js';
import { plainResult } from '../plain-result.js';

const FILES = {
  'alembic/env.py': 'from alembic import context\nfrom app.models import Base\n\nconfig = context.config\ntarget_metadata = Base.metadata\n',
  'alembic/versions/a1_init.py':
    'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("users", sa.Column("id", sa.Integer()))\n    op.create_table("posts", sa.Column("id", sa.Integer()))\n\n\ndef downgrade():\n    op.drop_table("users")\n',
  'app/__init__.py': '',
  'app/models/__init__.py': 'from .user import User\n',
  'app/models/user.py':
    'from app.settings import settings\nfrom sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    pass\n\n\nclass User(Base):\n    __tablename__ = "users"\n',
  'app/settings.py': 'from app.services import mail\nsettings = {}\n',
  'app/services/__init__.py': '',
  'app/services/mail.py': 'def send():\n    pass\n',
  'db/V1__drop.sql': 'DROP TABLE "session";\n',
  // The project's root: the module search goes no higher (above it, folders change all the time).
  'pyproject.toml': '',
};

/** A project whose files and folders were last modified an hour ago: their stamps are trusted. */
function aged(files: Record<string, string>): string {
  const dir = project(files);
  const then = new Date(Date.now() - 3_600_000);
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) fs.utimesSync(path.join(dir, name), then, then);
  fs.utimesSync(dir, then, then);
  return dir;
}

async function lintWith(dir: string, cache: ParseCache | undefined, buffers?: ReadonlyMap<string, string>, onLinted?: () => void) {
  const outcome = await lintPaths({
    registry: REGISTRY,
    cwd: dir,
    paths: ['.'],
    config: { config: DEFAULT_CONFIG, file: null, root: dir },
    parseCache: cache,
    overrides: buffers,
  });
  cache?.disk?.save();
  onLinted?.();
  return plainResult(outcome.result);
}

describe('DiskCache', () => {
  it('saves only what changed since its last save, as the language server does after each lint, and reads it all back', () => {
    const folder = project({});
    const first = DiskCache.open(folder)!;
    first.set('test\0a', 'one');
    first.save();
    const second = DiskCache.open(folder)!;
    expect(second.get('test\0a')).toBe('one');
    second.set('test\0b', 'two');
    second.save();
    second.set('test\0c', 'three');
    second.save();
    // Nothing changed since: nothing written.
    const journal = fs.readdirSync(folder).find((name) => name.endsWith('.journal'))!;
    const size = fs.statSync(path.join(folder, journal)).size;
    second.save();
    expect(fs.statSync(path.join(folder, journal)).size).toBe(size);
    const records = fs.readFileSync(path.join(folder, journal), 'utf8').trimEnd().split('\n');
    expect(records.map((record) => (JSON.parse(record.slice(record.indexOf('\t') + 1)) as { entries: Array<[string]> }).entries.map(([key]) => key))).toEqual([
      ['test\0b'],
      ['test\0c'],
    ]);
    const third = DiskCache.open(folder)!;
    expect(['a', 'b', 'c'].map((k) => third.get(`test\0${k}`))).toEqual(['one', 'two', 'three']);
    // A value set again under its key (an env.py trace traced again) is what the next run reads, though only the journal holds it.
    third.set('test\0a', 'one, again');
    third.save();
    expect(DiskCache.open(folder)!.get('test\0a')).toBe('one, again');
  });

  it('reads no file whose size and times are unchanged (but the texts of files with findings), and gives the same result as no cache', async () => {
    const dir = aged(FILES);
    const folder = path.join(project(), 'cache');
    const cold = new ParseCache(undefined, undefined, DiskCache.open(folder));
    const expected = await lintWith(dir, undefined);
    expect(await lintWith(dir, cold)).toEqual(expected);
    expect(cold.disk!.stats.filesRead).toBeGreaterThan(0);

    // A new process: the language server starting, a new CLI run.
    const warm = new ParseCache(undefined, undefined, DiskCache.open(folder));
    // Only the files with findings (the migration's downgrade, the SQL drop) have their text read, for positions.
    const textsRead = (): void => expect(warm.stats.textsRead).toBe(2);
    expect(await lintWith(dir, warm, undefined, textsRead)).toEqual(expected);
    expect(warm.disk!.stats.filesRead).toBe(0);
    expect(warm.disk!.stats.misses).toBe(0);
    // Then the comparison read the other linted files' texts, from the files: as the cold run had them.
    expect(warm.stats.textsRead).toBeGreaterThan(2);
  });

  it("reads an edited file again, and an editor's buffer in place of its file without storing it", async () => {
    const dir = aged(FILES);
    const folder = path.join(project(), 'cache');
    await lintWith(dir, new ParseCache(undefined, undefined, DiskCache.open(folder)));
    write(dir, 'db/V1__drop.sql', 'DROP TABLE "sessions";\n');
    // Written just now, it would be hashed again on every run until its time is well past.
    const then = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, 'db/V1__drop.sql'), then, then);
    const next = new ParseCache(undefined, undefined, DiskCache.open(folder));
    const edited = await lintWith(dir, next);
    expect(next.disk!.stats.filesRead).toBe(1);
    expect(edited.diagnostics.map((d) => d.table)).toContain('sessions');

    const buffer = new Map([[path.join(dir, 'db/V1__drop.sql'), 'DROP TABLE "buffered";\n']]);
    const server = new ParseCache(undefined, undefined, DiskCache.open(folder));
    expect((await lintWith(dir, server, buffer)).diagnostics.map((d) => d.table)).toContain('buffered');
    const after = new ParseCache(undefined, undefined, DiskCache.open(folder));
    expect((await lintWith(dir, after)).diagnostics.map((d) => d.table)).toContain('sessions');
    expect(after.disk!.stats.filesRead).toBe(0);
  });
});

describe('units read back from the persistent cache', () => {
  it("read their text from the file when asked, and say so when the file changed before that (never another file's text)", async () => {
    const dir = aged({ 'db/V1__drop.sql': 'DROP TABLE "session";\n' });
    const folder = path.join(project(), 'cache');
    const found = { absPath: path.join(dir, 'db/V1__drop.sql'), path: 'db/V1__drop.sql', kind: 'sql' as const, prismaDir: null };
    const job = new FrontEnds(dir, null, fileSettings(DEFAULT_CONFIG, dir).of).job(found);
    const cold = new ParseCache(undefined, undefined, DiskCache.open(folder));
    await parseCached([job], cold, 1);
    cold.disk!.save();

    const warm = new ParseCache(undefined, undefined, DiskCache.open(folder));
    const [unit] = await parseCached([job], warm, 1);
    expect(warm.disk!.stats.filesRead).toBe(0);
    expect(unit!.file.text).toBe('DROP TABLE "session";\n');
    expect(warm.stats.textsRead).toBe(1);

    const later = new ParseCache(undefined, undefined, DiskCache.open(folder));
    const [stale] = await parseCached([job], later, 1);
    write(dir, 'db/V1__drop.sql', 'DROP TABLE "sessions";\n');
    expect(() => stale!.file.text).toThrow(SourceChangedError);
    expect(() => stale!.file.text).toThrow('db/V1__drop.sql changed while droplint was reading it; run droplint again');
  });
});

describe('hashBytes', () => {
  it('tells apart contents that differ in one byte, in length, or only in trailing bytes', async () => {
    const { hashBytes, hashText } = await import('../../src/cache/content-hash.js');
    const base = Buffer.from('DROP TABLE "session";\nSELECT 1;\n');
    const seen = new Set([hashBytes(base)]);
    for (let i = 0; i < base.length; i++) {
      const changed = Buffer.from(base);
      changed[i] = changed[i]! ^ 1;
      seen.add(hashBytes(changed));
    }
    for (const extra of ['', '\0', '\0\0', '\0\0\0', '\0\0\0\0']) seen.add(hashBytes(Buffer.concat([base, Buffer.from(extra)])));
    // The original, one per flipped byte, four lengthened (the empty suffix is the original again).
    expect(seen.size).toBe(1 + base.length + 4);
    expect(hashBytes(Buffer.from('abc'))).toBe(hashBytes(new Uint8Array([0x61, 0x62, 0x63])));
    expect(hashBytes(Buffer.from('abc'))).toMatch(/^[0-9a-f]{32}$/);
    expect(hashText('DROP TABLE "séance";')).toBe(hashBytes(Buffer.from('DROP TABLE "séance";', 'utf8')));
  });

  it('hashes bytes alike wherever they sit in memory: word-aligned (read four words a step) or not', async () => {
    const { hashBytes } = await import('../../src/cache/content-hash.js');
    const content = Buffer.from(Array.from({ length: 1031 }, (_, i) => (i * 131 + 7) % 251));
    for (const length of [0, 3, 4, 15, 16, 17, 1031]) {
      const aligned = new Uint8Array(new ArrayBuffer(length + 8), 4, length);
      aligned.set(content.subarray(0, length));
      const unaligned = new Uint8Array(new ArrayBuffer(length + 8), 1, length);
      unaligned.set(content.subarray(0, length));
      expect(hashBytes(unaligned)).toBe(hashBytes(aligned));
    }
    // The same words in other lanes hash otherwise.
    expect(hashBytes(Buffer.from('aaaabbbbccccdddd'))).not.toBe(hashBytes(Buffer.from('bbbbaaaaccccdddd')));
  });

  it('hashes large contents in WebAssembly to the same value as the JavaScript loop', async () => {
    const { hashBytes, WASM_MIN_BYTES } = await import('../../src/cache/content-hash.js');
    const { lanesModule } = await import('../../src/cache/hash-lanes-wasm.js');
    expect(lanesModule()).not.toBeNull();
    const content = (n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => (i * 131 + 7) % 251));
    // Values of the JavaScript loop alone, as droplint computed them before the WebAssembly lanes: one size under the
    // threshold (JavaScript), one at it, one over it with a tail of three bytes (WebAssembly, then JavaScript).
    const expected = new Map([
      [WASM_MIN_BYTES - 1, '673b32e9ed94730a708ea72c6e20b816'],
      [WASM_MIN_BYTES, 'c27eb2e0d5bb22a0ae4de3e1b3481d33'],
      [100 * 1024 + 3, '72d52602b974eec179aa620754b0ac8c'],
      // Over 1 MiB: hashed a chunk at a time, the lanes carried from one to the next.
      [5 * 512 * 1024 + 7, 'efc8a2f70681030a1f643939ca21b83f'],
    ]);
    for (const [length, hash] of expected) {
      expect(hashBytes(content(length))).toBe(hash);
      const unaligned = new Uint8Array(new ArrayBuffer(length + 8), 1, length);
      unaligned.set(content(length));
      expect(hashBytes(unaligned)).toBe(hash);
    }
    // A memory grown for a larger content, then a smaller one: only the blocks given are hashed.
    const big = content(300 * 1024);
    const bigHash = hashBytes(big);
    expect(hashBytes(big.subarray(0, 100 * 1024 + 3))).toBe(expected.get(100 * 1024 + 3));
    const flipped = Buffer.from(big);
    flipped[200 * 1024] = flipped[200 * 1024]! ^ 1;
    expect(hashBytes(flipped)).not.toBe(bigHash);
  });
});

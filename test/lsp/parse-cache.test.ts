/**
 * The language server's parse cache: an edit re-parses only the files whose
 * text changed, and a cached unit never hides what a file now says.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { ParseCache } from '../../src/parsers/parse-cache.js';
import { lintPaths, type LintRequest } from '../../src/pipeline.js';
import { REGISTRY } from '../../rules/index.js';
import { LspClient, scratch } from './client.js';
import { plainResult } from '../plain-result.js';

const A1 = `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("t", sa.Column("id", sa.Integer()), sa.Column("name", sa.Text()))


def downgrade():
    op.drop_table("t")
`;

const A2 = `from alembic import op

revision = "a2"
down_revision = "a1"


def upgrade():
    op.add_column("t", sa.Column("note", sa.Text()))


def downgrade():
    op.drop_column("t", "note")
`;

/** A2 with an upgrade that drops "t" and a downgrade that drops nothing. */
const A2_DROP = A2.replace('op.add_column("t", sa.Column("note", sa.Text()))', 'op.drop_table("t")').replace('op.drop_column("t", "note")', 'pass');

const { workspace, track } = scratch('droplint-parse-cache-');

/** What an editor asks for: the document's folder and the document, with its open buffer. */
function lintDocument(root: string, document: string, buffer: string | null, extra: Partial<LintRequest> = {}) {
  return lintPaths({
    registry: REGISTRY,
    cwd: root,
    paths: [path.dirname(document), document],
    config: { config: DEFAULT_CONFIG, file: null, root },
    overrides: new Map(buffer === null ? [] : [[document, buffer]]),
    ...extra,
  });
}

const findings = (outcome: Awaited<ReturnType<typeof lintPaths>>) => outcome.result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`);

/** The cache's counters since the last call. */
function counted(cache: ParseCache): () => { hits: number; misses: number } {
  let last = { ...cache.stats };
  return () => {
    const now = { hits: cache.stats.hits - last.hits, misses: cache.stats.misses - last.misses };
    last = { ...cache.stats };
    return now;
  };
}

describe('lintPaths with a parse cache', () => {
  it('parses an unchanged folder once, and an edited buffer again with its new findings', async () => {
    const root = workspace({ 'alembic/versions/a1_init.py': A1, 'alembic/versions/a2_note.py': A2 });
    const a2 = path.join(root, 'alembic/versions/a2_note.py');
    const cache = new ParseCache();
    const since = counted(cache);

    const first = await lintDocument(root, a2, A2, { parseCache: cache });
    expect(since()).toEqual({ hits: 0, misses: 2 });
    expect(findings(first)).toEqual(['alembic/versions/a1_init.py:13 drop-table', 'alembic/versions/a2_note.py:12 drop-column']);

    const again = await lintDocument(root, a2, A2, { parseCache: cache });
    expect(since()).toEqual({ hits: 2, misses: 0 });
    expect(plainResult(again.result)).toEqual(plainResult(first.result));

    // Typed in the buffer: only it is parsed again, and the new drop is found.
    const typed = A2.replace('    op.add_column', '    op.drop_column("t", "name")\n    op.add_column');
    const edited = await lintDocument(root, a2, typed, { parseCache: cache });
    expect(since()).toEqual({ hits: 1, misses: 1 });
    expect(findings(edited)).toEqual([
      'alembic/versions/a1_init.py:13 drop-table',
      'alembic/versions/a2_note.py:8 drop-column',
      'alembic/versions/a2_note.py:13 drop-column',
    ]);
    expect(plainResult(edited.result)).toEqual(plainResult((await lintDocument(root, a2, typed)).result));

    // Closed without saving: the file on disk is what is linted, not the last buffer.
    const closed = await lintDocument(root, a2, null, { parseCache: cache });
    expect(since()).toEqual({ hits: 1, misses: 1 });
    expect(findings(closed)).toEqual(findings(first));
  });

  it('parses a history file again when it changes on disk', async () => {
    const root = workspace({ 'alembic/versions/a1_init.py': A1, 'alembic/versions/a2_drop.py': A2_DROP });
    const a2 = path.join(root, 'alembic/versions/a2_drop.py');
    const cache = new ParseCache();
    const since = counted(cache);
    expect(findings(await lintDocument(root, a2, null, { parseCache: cache }))).not.toContain('alembic/versions/a2_drop.py:8 unmanaged-table-drop');
    since();

    // The earlier revision no longer creates "t": the drop now takes a table this set does not own.
    writeFileSync(path.join(root, 'alembic/versions/a1_init.py'), A1.replace('op.create_table("t"', 'op.create_table("u"'));
    const outcome = await lintDocument(root, a2, null, { parseCache: cache });
    expect(since()).toEqual({ hits: 1, misses: 1 });
    expect(findings(outcome)).toContain('alembic/versions/a2_drop.py:8 unmanaged-table-drop');
  });

  it('does not reuse a unit parsed for another dialect or shown under another path', async () => {
    const root = workspace({ 'migrations/V1__init.sql': 'CREATE TABLE `t` (id int);\n', 'migrations/V2__drop.sql': 'DROP TABLE `t`;\n' });
    const v2 = path.join(root, 'migrations/V2__drop.sql');
    const cache = new ParseCache();
    const since = counted(cache);

    const mysql = await lintDocument(root, v2, null, { parseCache: cache, dialect: 'mysql' });
    expect(findings(mysql)).toEqual(['migrations/V2__drop.sql:1 drop-table']);
    // PostgreSQL has no backquotes: the same bytes read differently.
    const postgres = await lintDocument(root, v2, null, { parseCache: cache, dialect: 'postgresql' });
    expect(since()).toEqual({ hits: 0, misses: 4 });
    expect(findings(postgres)).toEqual(findings(await lintDocument(root, v2, null, { dialect: 'postgresql' })));
    expect(findings(postgres)).not.toEqual(findings(mysql));

    // Paths in findings are relative to the working folder, and so are the cached units'.
    const fromMigrations = await lintPaths({
      registry: REGISTRY,
      cwd: path.join(root, 'migrations'),
      paths: ['.'],
      config: { config: DEFAULT_CONFIG, file: null, root },
      dialect: 'mysql',
      parseCache: cache,
    });
    expect(since()).toEqual({ hits: 0, misses: 2 });
    expect(findings(fromMigrations)).toEqual(['V2__drop.sql:1 drop-table']);
  });

  it('keeps at most its limits, least recently used out first', async () => {
    const root = workspace({ 'migrations/V1__a.sql': 'SELECT 1;\n', 'migrations/V2__b.sql': 'SELECT 2;\n', 'migrations/V3__c.sql': 'DROP TABLE "c";\n' });
    const v3 = path.join(root, 'migrations/V3__c.sql');
    const fewFiles = new ParseCache(1024, 2);
    const since = counted(fewFiles);
    await lintDocument(root, v3, null, { parseCache: fewFiles });
    expect(since()).toEqual({ hits: 0, misses: 3 });
    expect(fewFiles.size).toBe(2);
    // V1 went first; V2 and V3 are kept.
    const outcome = await lintDocument(root, v3, null, { parseCache: fewFiles });
    expect(since()).toEqual({ hits: 2, misses: 1 });
    expect(fewFiles.size).toBe(2);
    expect(plainResult(outcome.result)).toEqual(plainResult((await lintDocument(root, v3, null)).result));

    const fewBytes = new ParseCache(12, 100);
    await lintDocument(root, v3, null, { parseCache: fewBytes });
    // 10, 10 and 16 bytes: V3 alone is larger than the whole cache, and one of the others fits.
    expect(fewBytes.size).toBe(1);
  });
});

describe('droplint lsp parse cache', { timeout: 60_000 }, () => {
  it('sees a history file changed on disk at the next edit of the open document', async () => {
    const root = workspace({ 'alembic/versions/a1_init.py': A1, 'alembic/versions/a2_drop.py': A2_DROP });
    const a2 = path.join(root, 'alembic/versions/a2_drop.py');
    const client = LspClient.start();
    track(client);
    await client.initialize(root);

    let version = await client.open(a2, A2_DROP, 'python');
    expect((await client.diagnostics(a2, version)).map((d) => [d.code, d.range.start.line])).toEqual([['drop-table', 7]]);

    writeFileSync(path.join(root, 'alembic/versions/a1_init.py'), A1.replace('op.create_table("t"', 'op.create_table("u"'));
    version = await client.edit(a2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    expect((await client.diagnostics(a2, version)).map((d) => [d.code, d.range.start.line])).toEqual([
      ['drop-table', 8],
      ['unmanaged-table-drop', 8],
    ]);
    expect(await client.shutdown()).toBe(0);
  });
});

import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver/node';
import { describe, expect, it } from 'vitest';
import { LINTABLE_EXTENSIONS } from '../../src/discover/lintable.js';
import { LspClient, scratch, uriOf } from './client.js';

const TITLE = 'Suppress with a droplint-ignore comment (add a reason)';
const DROP_TABLE_HELP = 'Stop using the table, deploy, back it up, then drop it in a later migration; or suppress with a reason.';

const { workspace, track } = scratch('droplint-lsp-');

async function server(root: string): Promise<LspClient> {
  const client = LspClient.start();
  track(client);
  await client.initialize(root);
  return client;
}

const V1 = 'CREATE TABLE "session" ("id" int, "a" int, "b" int);\n';
// The emoji is one character for droplint and two UTF-16 code units for LSP.
const V2 = '/* 🚀 */ DROP TABLE "session";\n';

describe('droplint lsp over stdio', { timeout: 60_000 }, () => {
  it('publishes, updates and fixes diagnostics, and survives a statement being typed', async () => {
    const root = workspace({ 'migrations/V1__init.sql': V1, 'migrations/V2__drop.sql': V2 });
    const v2 = path.join(root, 'migrations/V2__drop.sql');
    const client = LspClient.start();
    track(client);

    const init = await client.initialize(root);
    const sync = init.capabilities.textDocumentSync;
    const change = typeof sync === 'object' ? sync.change : sync;
    expect([1, 2]).toContain(change); // Full or Incremental
    expect(typeof sync === 'object' && sync.openClose).toBe(true);
    expect(init.capabilities.codeActionProvider).toBeTruthy();

    // Open: the drop, with its exact range after the emoji.
    let version = await client.open(v2, V2);
    const opened = await client.diagnostics(v2, version);
    expect(opened).toEqual([
      {
        range: { start: { line: 0, character: 9 }, end: { line: 0, character: 29 } },
        severity: 1,
        source: 'droplint',
        code: 'drop-table',
        message: `migration drops table "session"; all of its rows are lost\n${DROP_TABLE_HELP}`,
      },
    ]);

    // Fixed: nothing left to report.
    version = await client.change(v2, '-- keep the sessions\nSELECT 1;\n');
    expect(await client.diagnostics(v2, version)).toEqual([]);

    // A half-typed statement is a parse-error, and the server keeps answering.
    version = await client.change(v2, 'DROP TABLE "session\n');
    const broken = await client.diagnostics(v2, version);
    expect(broken.map((d) => [d.code, d.severity, d.range])).toEqual([
      ['parse-error', 1, { start: { line: 0, character: 11 }, end: { line: 0, character: 19 } }],
    ]);
    expect(await client.codeActions(v2, [])).toEqual([]);

    // Incremental changes: close the identifier, then an indented drop.
    version = await client.edit(v2, [{ range: { start: { line: 0, character: 19 }, end: { line: 0, character: 19 } }, text: '";' }]);
    expect((await client.diagnostics(v2, version)).map((d) => d.code)).toEqual(['drop-table']);

    // Quick fixes: above the diagnostic's line with its indentation, or above
    // the statement the diagnostic's line continues (a comment inside a
    // statement would cover nothing).
    const text = ['BEGIN;', 'ALTER TABLE "session" DROP COLUMN "a",', '  DROP COLUMN "b";', '    DROP TABLE "session";', 'COMMIT;', ''].join('\n');
    version = await client.change(v2, text);
    const diagnostics = await client.diagnostics(v2, version);
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ['drop-column', 1],
      ['drop-column', 2],
      ['drop-table', 3],
    ]);
    const byLine = (line: number): Diagnostic => diagnostics.find((d) => d.range.start.line === line)!;

    const dropTable = await client.codeActions(v2, [byLine(3)]);
    expect(dropTable).toEqual([
      {
        title: TITLE,
        kind: 'quickfix',
        diagnostics: [byLine(3)],
        edit: { changes: { [uriOf(v2)]: [insertAt(3, '    -- droplint-ignore drop-table: TODO reason\n')] } },
      },
    ]);
    const secondClause = await client.codeActions(v2, [byLine(2)]);
    expect(secondClause.map((a) => a.edit?.changes?.[uriOf(v2)])).toEqual([[insertAt(1, '-- droplint-ignore drop-column: TODO reason\n')]]);

    // The fixes work: applied, they leave nothing to report (not even a misplaced comment).
    const fixed = TextDocument.applyEdits(TextDocument.create(uriOf(v2), 'sql', version, text), [...actionEdits(dropTable), ...actionEdits(secondClause)]);
    version = await client.change(v2, fixed);
    expect(await client.diagnostics(v2, version)).toEqual([]);

    // Diagnostics about suppression comments have no suppression fix.
    version = await client.change(v2, '-- droplint-ignore drop-table\nDROP TABLE "session";\n');
    const invalid = await client.diagnostics(v2, version);
    expect(invalid.map((d) => d.code)).toContain('invalid-suppression');
    expect(
      await client.codeActions(
        v2,
        invalid.filter((d) => d.code === 'invalid-suppression'),
      ),
    ).toEqual([]);

    expect(await client.shutdown()).toBe(0);
  });

  it('reads history from files on disk and from open buffers, saved or not', async () => {
    const rebuild = [
      'CREATE TABLE "new_User" ("id" TEXT NOT NULL PRIMARY KEY, "email" TEXT NOT NULL);',
      'INSERT INTO "new_User" ("email", "id") SELECT "email", "id" FROM "User";',
      'DROP TABLE "User";',
      'ALTER TABLE "new_User" RENAME TO "User";',
      '',
    ].join('\n');
    const root = workspace({
      'migrations/V1__init.sql': 'CREATE TABLE "User" ("id" TEXT NOT NULL PRIMARY KEY, "email" TEXT NOT NULL);\n',
      'migrations/V2__rebuild.sql': rebuild,
    });
    const v1 = path.join(root, 'migrations/V1__init.sql');
    const v2 = path.join(root, 'migrations/V2__rebuild.sql');
    const client = await server(root);

    // On disk, "User" never had "bio": the rebuild loses nothing.
    expect(await client.diagnostics(v2, await client.open(v2, rebuild))).toEqual([]);

    // V1's open, unsaved buffer adds "bio": now the rebuild drops it.
    await client.open(v1, 'CREATE TABLE "User" ("id" TEXT NOT NULL PRIMARY KEY, "email" TEXT NOT NULL, "bio" TEXT);\n');
    const since = client.published.length;
    const version = await client.change(v2, rebuild);
    const found = await client.diagnostics(v2, version, since);
    expect(found.map((d) => [d.code, (typeof d.message === 'string' ? d.message : d.message.value).split('\n')[0]])).toEqual([
      ['drop-column', 'migration rebuilds table "User" without column "bio"; its data is lost'],
    ]);

    // A migration that exists only in the editor is linted too.
    const v3 = path.join(root, 'migrations/V3__unsaved.sql');
    const unsaved = await client.diagnostics(v3, await client.open(v3, 'TRUNCATE "User";\n'));
    expect(unsaved.map((d) => [d.code, d.range])).toEqual([['truncate-table', { start: { line: 0, character: 0 }, end: { line: 0, character: 15 } }]]);

    expect(await client.shutdown()).toBe(0);
  });

  it('shows a configuration error once and lints with the defaults', async () => {
    const root = workspace({
      'droplint.toml': 'protected-tabels = ["session"]\n',
      'migrations/V1__init.sql': V1,
      'migrations/V2__drop.sql': V2,
    });
    const client = await server(root);
    const v1 = path.join(root, 'migrations/V1__init.sql');
    const v2 = path.join(root, 'migrations/V2__drop.sql');

    const diagnostics = await client.diagnostics(v2, await client.open(v2, V2));
    expect(diagnostics.map((d) => d.code)).toEqual(['drop-table']);
    const shown = await client.until(() => client.messages[0], 'window/showMessage');
    expect(shown.type).toBe(1);
    expect(shown.message).toContain('droplint.toml');
    expect(shown.message).toContain('protected-tabels');

    // Later lints do not repeat it.
    await client.diagnostics(v1, await client.open(v1, V1));
    await client.diagnostics(v2, await client.change(v2, V2));
    expect(client.messages).toHaveLength(1);

    expect(await client.shutdown()).toBe(0);
  });

  it('suppresses a Prisma header warning for the whole file', async () => {
    const migration = [
      '/*',
      '  Warnings:',
      '',
      '  - Added the required column `orgId` to the `User` table without a default value. This is not possible if the table is not empty.',
      '',
      '*/',
      '-- AlterTable',
      'ALTER TABLE "User" ADD COLUMN "orgId" TEXT NOT NULL;',
      '',
    ].join('\n');
    const root = workspace({
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE "User" ("id" TEXT NOT NULL);\n',
      'prisma/migrations/20240201000000_org/migration.sql': migration,
    });
    const file = path.join(root, 'prisma/migrations/20240201000000_org/migration.sql');
    const client = await server(root);
    let version = await client.open(file, migration);
    const diagnostics = await client.diagnostics(file, version);
    // The migration may fail on existing rows, it loses no data: Information (3).
    expect(diagnostics.map((d) => [d.code, d.severity, d.range.start])).toEqual([['prisma-warning', 3, { line: 3, character: 2 }]]);
    const actions = await client.codeActions(file, diagnostics);
    expect(actionEdits(actions)).toEqual([insertAt(0, '-- droplint-ignore-file prisma-warning: TODO reason\n')]);
    version = await client.change(file, TextDocument.applyEdits(TextDocument.create(uriOf(file), 'sql', version, migration), actionEdits(actions)));
    expect(await client.diagnostics(file, version)).toEqual([]);
    expect(await client.shutdown()).toBe(0);
  });

  it('reports a buffer droplint cannot read as a parse-error, and keeps serving', async () => {
    const root = workspace({ 'migrations/V1__init.sql': V1 });
    const client = await server(root);
    const file = path.join(root, 'migrations/V2__binary.sql');
    const diagnostics = await client.diagnostics(file, await client.open(file, 'DROP TABLE "session";\u0000'));
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([['parse-error', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]]);
    expect(await client.diagnostics(file, await client.change(file, 'DROP TABLE "session";'))).toHaveLength(1);
    expect(await client.shutdown()).toBe(0);
  });

  it.runIf(LINTABLE_EXTENSIONS.includes('.py'))('lints Alembic migrations and suppresses with # comments', async () => {
    const drop = [
      '"""drop sessions 🚀"""',
      'from alembic import op',
      '',
      'revision = "0002"',
      'down_revision = "0001"',
      '',
      '',
      'def upgrade():',
      '    if True:',
      '        op.drop_table("session")  # 🚀',
      '',
      '',
      'def downgrade():',
      '    pass',
      '',
    ].join('\n');
    const root = workspace({
      'alembic/versions/0001_init.py': [
        'from alembic import op',
        'import sqlalchemy as sa',
        '',
        'revision = "0001"',
        'down_revision = None',
        '',
        '',
        'def upgrade():',
        '    op.create_table("session", sa.Column("id", sa.Integer))',
        '',
        '',
        'def downgrade():',
        '    op.drop_table("session")',
        '',
      ].join('\n'),
      'alembic/versions/0002_drop.py': drop,
      'app/models.py': 'x = 1\n',
    });
    const client = await server(root);
    const file = path.join(root, 'alembic/versions/0002_drop.py');
    let version = await client.open(file, drop, 'python');
    const diagnostics = await client.diagnostics(file, version);
    expect(diagnostics.map((d) => [d.code, d.severity, d.range])).toEqual([
      ['drop-table', 1, { start: { line: 9, character: 8 }, end: { line: 9, character: 32 } }],
    ]);
    const actions = await client.codeActions(file, diagnostics);
    expect(actionEdits(actions)).toEqual([insertAt(9, '        # droplint-ignore drop-table: TODO reason\n')]);
    const fixed = TextDocument.applyEdits(TextDocument.create(uriOf(file), 'python', version, drop), actionEdits(actions));
    version = await client.change(file, fixed);
    expect(await client.diagnostics(file, version)).toEqual([]);

    // Python that is no migration has nothing to report, until it becomes one.
    const models = path.join(root, 'app/models.py');
    expect(await client.diagnostics(models, await client.open(models, 'x = 1\n', 'python'))).toEqual([]);
    version = await client.change(models, drop.replace('"0002"', '"0003"').replace('"0001"', '"0002"'));
    expect((await client.diagnostics(models, version)).map((d) => d.code)).toContain('drop-table');

    expect(await client.shutdown()).toBe(0);
  });

  it('exits with status 1 on exit without shutdown', async () => {
    const client = await server(workspace({}));
    await client.connection.sendNotification('exit');
    const status = await client.until(() => client.child.exitCode ?? undefined, 'the server to exit');
    expect(status).toBe(1);
  });
});

function insertAt(line: number, newText: string): TextEdit {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText };
}

function actionEdits(actions: Array<{ edit?: { changes?: Record<string, TextEdit[]> } }>): TextEdit[] {
  return actions.flatMap((action) => Object.values(action.edit?.changes ?? {}).flat());
}

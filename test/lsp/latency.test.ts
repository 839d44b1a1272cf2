/**
 * Time from didChange to publishDiagnostics for a 2,000-line migration,
 * measured through the protocol (so it includes the 150 ms debounce). Printed
 * for the README's numbers; the assertion only catches gross regressions.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LspClient, tempDir } from './client.js';

const CHANGES = 12;

/** A Prisma-like PostgreSQL migration of exactly `lines` lines, with a few destructive statements. */
function bigMigration(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    const block = [
      `-- CreateTable`,
      `CREATE TABLE "table_${i}" (`,
      `    "id" TEXT NOT NULL,`,
      `    "name" TEXT NOT NULL,`,
      `    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,`,
      `    CONSTRAINT "table_${i}_pkey" PRIMARY KEY ("id")`,
      `);`,
      `CREATE UNIQUE INDEX "table_${i}_name_key" ON "table_${i}"("name");`,
      // A column of a table this migration did not create: a drop that loses data.
      i % 10 === 9 ? `ALTER TABLE "legacy_${i}" DROP COLUMN "name";` : `ALTER TABLE "table_${i}" ADD COLUMN "note" TEXT;`,
      ``,
    ];
    out.push(...block.slice(0, lines - out.length));
  }
  return out.join('\n');
}

let root: string | undefined;
afterAll(() => {
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

describe('latency', () => {
  it('publishes diagnostics for a 2,000-line migration soon after a change', { timeout: 120_000 }, async () => {
    root = tempDir('droplint-lsp-latency-');
    const file = path.join(root, 'migrations/V2__big.sql');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(path.join(root, 'migrations/V1__init.sql'), 'CREATE TABLE "session" ("id" int);\n');
    const text = bigMigration(2000);
    expect(text.split('\n')).toHaveLength(2000);
    writeFileSync(file, text);

    const client = LspClient.start();
    try {
      await client.initialize(root);
      let started = performance.now();
      const first = await client.diagnostics(file, await client.open(file, text));
      const openMs = performance.now() - started;
      expect(first.filter((d) => d.code === 'drop-column').length).toBeGreaterThan(10);

      const times: number[] = [];
      for (let i = 0; i < CHANGES; i++) {
        // Typing at the end of the file: a comment that changes nothing found.
        const line = 1999;
        const edit = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `-- edit ${i}\n` };
        started = performance.now();
        const version = await client.edit(file, [edit]);
        const diagnostics = await client.diagnostics(file, version);
        times.push(performance.now() - started);
        expect(diagnostics).toHaveLength(first.length);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)]!;
      console.log(
        `didChange → publishDiagnostics, 2,000-line migration (${first.length} diagnostics), ${CHANGES} changes: ` +
          `median ${median.toFixed(0)} ms, min ${times[0]!.toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms ` +
          `(includes the 150 ms debounce); didOpen → publishDiagnostics ${openMs.toFixed(0)} ms`,
      );
      expect(median).toBeLessThan(3000);
      expect(await client.shutdown()).toBe(0);
    } finally {
      client.dispose();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parsePythonFile } from '../../src/parsers/alembic/alembic-file.js';
import { parsePrismaMigration } from '../../src/parsers/prisma/prisma-file.js';
import { parseSqlFile } from '../../src/parsers/sql/sql-file.js';

/** Adversarial long inputs to the regex-using paths that read file contents; each was (or could be) quadratic. */
const N = 100_000;
const BOUND_MS = 1500;
const py = (condition: string): string =>
  `revision = "a"\ndown_revision = None\nfrom alembic import op\n\ndef upgrade():\n    bind = op.get_bind()\n    if ${condition}:\n        op.drop_table("x")\n\ndef downgrade():\n    pass\n`;

async function within(run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
}

describe('regexes on adversarial input finish in time', () => {
  it.each([
    ['dialect comparison with long whitespace', py(`(bind.dialect.name ==${' '.repeat(N)}x)`)],
    ['isinstance with a long word of "Dialect"s', py(`isinstance(bind.dialect, ${'aDialect'.repeat(N / 8)} + 1)`)],
    ['a long docstring of dashes and quotes', `"""${'- \'"'.repeat(N / 4)}"""\nrevision = "a"\ndown_revision = None\n`],
  ])('Alembic: %s', async (_, text) => {
    await within(() => parsePythonFile({ path: 'versions/a.py', text }, 'postgresql'));
  });

  it.each([
    ['a comment of blank lines (Warnings: block search)', `/*${'\n'.repeat(N)}x */\nDROP TABLE "a";\n`],
    ['a Warnings: block with many items', `/*\n  Warnings:\n${'  - You are about to drop the `'.repeat(N / 30)}\n*/\n`],
  ])('Prisma: %s', async (_, text) => {
    await within(() => parsePrismaMigration({ path: 'm/1_x/migration.sql', text }, 'postgresql', '1_x'));
  });

  it.each([
    ['a long word before a symbol at the end of input', `ALTER TABLE t ALTER COLUMN ${'a'.repeat(N)}(`],
    ['a long unknown statement ending in a symbol', `FROBNICATE ${'a'.repeat(N)}+`],
    ['many section markers', '-- migrate:up\n'.repeat(N / 14)],
    ['GO lines with long whitespace', `GO${' '.repeat(N)}x\n`],
    ['a suppression comment of stars and spaces', `-- droplint-ignore${' *'.repeat(N / 2)}x\nDROP TABLE a;\n`],
    ['a COPY block with long lines', `COPY t FROM stdin;\n${'\\. x'.repeat(N / 4)}\n\\.\n`],
  ])('SQL: %s', async (_, text) => {
    for (const dialect of ['postgresql', 'sqlserver'] as const) await within(() => parseSqlFile({ path: 'V1__a.sql', text }, dialect));
  });
});

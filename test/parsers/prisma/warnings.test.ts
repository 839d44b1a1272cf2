import { describe, expect, it } from 'vitest';
import type { PrismaWarning } from '../../../src/ir/unit.js';
import { analyzeSql } from '../../../src/parsers/sql/analyze.js';
import { prismaWarnings } from '../../../src/parsers/prisma/warnings.js';

async function warningsOf(sql: string): Promise<PrismaWarning[]> {
  const { comments } = await analyzeSql(sql, { dialect: 'postgresql', phase: 'upgrade' });
  return prismaWarnings(comments);
}

/** Each warning as [kind, table, column, the text its span covers]. */
async function summary(sql: string): Promise<Array<[string, string | null, string | null, string]>> {
  return (await warningsOf(sql)).map((w) => [w.kind, w.table, w.column, sql.slice(w.span.start, w.span.end)]);
}

const DROP_BIO = '- You are about to drop the column `bio` on the `User` table. All the data in the column will be lost.';
const DROP_POST = '- You are about to drop the `Post` table. If the table is not empty, all the data it contains will be lost.';
const ALTER_AGE =
  '- You are about to alter the column `age` on the `User` table. The data in that column could be lost. The data in that column will be cast from `Text` to `Integer`.';
const REQUIRED_ORG = '- Added the required column `orgId` to the `User` table without a default value. This is not possible if the table is not empty.';
const UNIQUE_EMAIL =
  '- A unique constraint covering the columns `[email]` on the table `User` will be added. If there are existing duplicate values, this will fail.';
const ENUM_VALUES = '- The values [ADMIN] on the enum `Role` will be removed. If these variants are still used in the database, this will fail.';
const PRIMARY_KEY = '- The primary key for the `Tag` table will be changed. If it partially fails, the table could be left without primary key constraint.';

/** A header exactly as `prisma migrate dev` writes it. */
function header(...items: string[]): string {
  return `/*\n  Warnings:\n\n${items.map((item) => `  ${item}\n`).join('')}\n*/\n`;
}

describe('prismaWarnings', () => {
  it('reads every sentence form Prisma writes, with its kind and names', async () => {
    const sql = `${header(DROP_BIO, DROP_POST, ALTER_AGE, REQUIRED_ORG, UNIQUE_EMAIL, ENUM_VALUES, PRIMARY_KEY)}-- AlterTable\nALTER TABLE "User" DROP COLUMN "bio";\n`;
    expect(await summary(sql)).toEqual([
      ['drop-column', 'User', 'bio', DROP_BIO],
      ['drop-table', 'Post', null, DROP_POST],
      ['other', null, null, ALTER_AGE],
      ['other', null, null, REQUIRED_ORG],
      ['other', null, null, UNIQUE_EMAIL],
      ['other', null, null, ENUM_VALUES],
      ['other', null, null, PRIMARY_KEY],
    ]);
  });

  it('keeps the sentence without the bullet as the text', async () => {
    const [warning] = await warningsOf(header(DROP_POST));
    expect(warning!.text).toBe(DROP_POST.slice(2));
  });

  it('points each span at the "- " of its item', async () => {
    const sql = header(DROP_BIO, DROP_POST);
    const warnings = await warningsOf(sql);
    expect(warnings.map((w) => sql.slice(w.span.start, w.span.start + 2))).toEqual(['- ', '- ']);
    expect(warnings.map((w) => w.span.start)).toEqual([sql.indexOf(DROP_BIO), sql.indexOf(DROP_POST)]);
  });

  it('joins an item wrapped onto further lines, and its span covers them', async () => {
    const sql = [
      '/*',
      '  Warnings:',
      '',
      '  - You are about to drop the column `bio` on the `User` table. All the data in the column',
      '    will be lost.',
      '  - You are about to drop the `Post` table. If the table is not empty, all the data it',
      '    contains',
      '    will be lost.',
      '  - The values [ADMIN] on the enum `Role` will be removed.',
      '',
      '*/',
      'DROP TABLE "Post";',
    ].join('\n');
    const warnings = await warningsOf(sql);
    expect(warnings.map((w) => [w.kind, w.text])).toEqual([
      ['drop-column', DROP_BIO.slice(2)],
      ['drop-table', DROP_POST.slice(2)],
      ['other', 'The values [ADMIN] on the enum `Role` will be removed.'],
    ]);
    expect(sql.slice(warnings[0]!.span.start, warnings[0]!.span.end)).toBe(
      '- You are about to drop the column `bio` on the `User` table. All the data in the column\n    will be lost.',
    );
    expect(sql.slice(warnings[1]!.span.start, warnings[1]!.span.end)).toBe(
      '- You are about to drop the `Post` table. If the table is not empty, all the data it\n    contains\n    will be lost.',
    );
  });

  it('ends the last item at the closing */ even without a blank line before it', async () => {
    const sql = `/*\n  Warnings:\n\n  ${DROP_POST}\n*/\nDROP TABLE "Post";\n`;
    expect(await summary(sql)).toEqual([['drop-table', 'Post', null, DROP_POST]]);
  });

  it('handles CRLF line endings', async () => {
    const sql = header(DROP_BIO, DROP_POST).replaceAll('\n', '\r\n');
    expect(await summary(sql)).toEqual([
      ['drop-column', 'User', 'bio', DROP_BIO],
      ['drop-table', 'Post', null, DROP_POST],
    ]);
  });

  it('reads the forms Prisma writes after looking at the data', async () => {
    const sql = header(
      '- You are about to drop the column `bio` on the `User` table, which still contains 3 non-null values.',
      '- You are about to drop the `Post` table, which is not empty (12 rows).',
    );
    expect((await warningsOf(sql)).map((w) => [w.kind, w.table, w.column])).toEqual([
      ['drop-column', 'User', 'bio'],
      ['drop-table', 'Post', null],
    ]);
  });

  it('reads a column Prisma drops and recreates to change its type as a dropped column', async () => {
    const item = '- The `age` column on the `User` table would be dropped and recreated. This will lead to data loss if there is data in the column.';
    expect(await summary(header(item))).toEqual([['drop-column', 'User', 'age', item]]);
  });

  it('finds nothing without a Warnings block', async () => {
    expect(await warningsOf('-- DropTable\nDROP TABLE "Post";\n')).toEqual([]);
    expect(await warningsOf('/* A note about this migration.\n  - not a warning\n*/\nDROP TABLE "Post";\n')).toEqual([]);
  });

  it('finds nothing in an empty Warnings block', async () => {
    expect(await warningsOf('/*\n  Warnings:\n\n*/\nSELECT 1;\n')).toEqual([]);
  });

  it('uses the Warnings block even when another comment comes first', async () => {
    const sql = `-- Hand-edited: see ticket 42\n${header(DROP_POST)}DROP TABLE "Post";\n`;
    expect(await summary(sql)).toEqual([['drop-table', 'Post', null, DROP_POST]]);
  });
});

import rule from '../../rules/prisma-warning.js';
import { testRule } from './rule-tester.js';

const header = (...items: string[]): string => `/*\n  Warnings:\n\n${items.map((i) => `  - ${i}\n`).join('')}\n*/\n`;

testRule(rule, {
  valid: [
    // Covered by drop-table and drop-column findings: nothing to add.
    {
      format: 'prisma',
      code:
        header(
          'You are about to drop the column `bio` on the `User` table. All the data in the column will be lost.',
          'You are about to drop the `Post` table. If the table is not empty, all the data it contains will be lost.',
        ) + '-- AlterTable\nALTER TABLE "User" DROP COLUMN "bio";\n\n-- DropTable\nDROP TABLE "Post";\n',
    },
    { format: 'prisma', code: '-- CreateTable\nCREATE TABLE "Tag" ("id" TEXT NOT NULL);\n' },
    // Not a Prisma migration: the header means nothing.
    { code: header('You are about to drop the `Post` table.') + 'SELECT 1;' },
  ],
  invalid: [
    {
      // The SQLite rebuild reads `used` into `remainingUses` (pingvin-share): its values live on, in another form.
      format: 'prisma',
      history: ['CREATE TABLE "ReverseShare" ("id" TEXT NOT NULL PRIMARY KEY, "token" TEXT NOT NULL, "used" BOOLEAN NOT NULL DEFAULT false);'],
      code:
        header(
          'You are about to drop the column `used` on the `ReverseShare` table. All the data in the column will be lost.',
          'You are about to drop the column `token` on the `ReverseShare` table. All the data in the column will be lost.',
        ) +
        [
          'PRAGMA foreign_keys=OFF;',
          'CREATE TABLE "new_ReverseShare" ("id" TEXT NOT NULL PRIMARY KEY, "remainingUses" INTEGER NOT NULL);',
          'INSERT INTO "new_ReverseShare" ("id", "remainingUses") SELECT "id", iif("ReverseShare".used, 0, 1) FROM "ReverseShare";',
          'DROP TABLE "ReverseShare";',
          'ALTER TABLE "new_ReverseShare" RENAME TO "ReverseShare";',
          '',
        ].join('\n'),
      // token is left out: drop-column reports it. used is read into remainingUses: info.
      errors: [
        {
          line: 4,
          column: 3,
          severity: 'info',
          message:
            'Prisma warns: You are about to drop the column `used` on the `ReverseShare` table. All the data in the column will be lost. Table "ReverseShare" is rebuilt, and the rebuild reads the column\'s values into the new table: review that it keeps what you need.',
        },
      ],
    },
    {
      format: 'prisma',
      code:
        header('Added the required column `orgId` to the `User` table without a default value. This is not possible if the table is not empty.') +
        '-- AlterTable\nALTER TABLE "User" ADD COLUMN "orgId" TEXT NOT NULL;\n',
      // The migration may fail on a non-empty table; it loses nothing: info.
      errors: [
        {
          line: 4,
          column: 3,
          severity: 'info',
          message:
            'Prisma warns: Added the required column `orgId` to the `User` table without a default value. This is not possible if the table is not empty.',
        },
      ],
    },
    {
      // Prisma's texts (PostgreSQL, MySQL, SQLite), each classified by what it says may happen.
      format: 'prisma',
      code:
        header(
          'A unique constraint covering the columns `[email]` on the table `User` will be added. If there are existing duplicate values, this will fail.',
          'Made the column `name` on table `User` required. This step will fail if there are existing NULL values in that column.',
          'The values [ARCHIVED] on the enum `Status` will be removed. If these variants are still used in the database, this will fail.',
          'The primary key for the `Tag` table will be changed. If it partially fails, the table could be left without primary key constraint.',
          'Changed the type of `kind` on the `Job` table. No cast exists, the column would be dropped and recreated, which cannot be done if there is data, since the column is required.',
          'The required column `slug` was added to the `Team` table with a prisma-level default value. This is not possible if the table is not empty. Please add this column as optional, then populate it before making it required.',
          'You are about to alter the column `price` on the `Order` table. The data in that column could be lost. The data in that column will be cast from `Float` to `Int`.',
        ) + 'SELECT 1;\n',
      errors: [
        { line: 4, column: 3, severity: 'info' },
        { line: 5, column: 3, severity: 'info' },
        { line: 6, column: 3, severity: 'info' },
        { line: 7, column: 3, severity: 'info' },
        { line: 8, column: 3, severity: 'info' },
        { line: 9, column: 3, severity: 'info' },
        { line: 10, column: 3, severity: 'warning' },
      ],
    },
    {
      // A type change done as drop and re-add loses the column's data: a warning, even with no statement found.
      format: 'prisma',
      code:
        header('The `role` column on the `User` table would be dropped and recreated. This will lead to data loss if there is data in the column.') +
        'SELECT 1;\n',
      errors: [{ line: 4, column: 3, severity: 'warning', table: 'User', column_: 'role', kind: 'column' }],
    },
    {
      // The SQL was edited by hand and no longer drops what Prisma warned about.
      format: 'prisma',
      code: header('You are about to drop the `Post` table. If the table is not empty, all the data it contains will be lost.') + 'SELECT 1;\n',
      errors: [{ line: 4, column: 3, table: 'Post', message: /droplint found no statement that does this; review the SQL by hand\.$/ }],
    },
  ],
});

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
      format: 'prisma',
      code:
        header('Added the required column `orgId` to the `User` table without a default value. This is not possible if the table is not empty.') +
        '-- AlterTable\nALTER TABLE "User" ADD COLUMN "orgId" TEXT NOT NULL;\n',
      errors: [
        {
          line: 4,
          column: 3,
          severity: 'warning',
          message:
            'Prisma warns: Added the required column `orgId` to the `User` table without a default value. This is not possible if the table is not empty.',
        },
      ],
    },
    {
      // The SQL was edited by hand and no longer drops what Prisma warned about.
      format: 'prisma',
      code: header('You are about to drop the `Post` table. If the table is not empty, all the data it contains will be lost.') + 'SELECT 1;\n',
      errors: [{ line: 4, column: 3, table: 'Post', message: /droplint found no statement that does this; review the SQL by hand\.$/ }],
    },
  ],
});

import { describe, expect, it } from 'vitest';
import { parsePrismaMigration } from '../../../src/parsers/prisma/prisma-file.js';
import { brief, describeOps, fixtureFiles, fixtureProject, lintFiles, lintFolder, lockFile } from './fixtures.js';

const INIT_SQLITE = `-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "bio" TEXT,
    "age" INTEGER
);
`;

/** Prisma's RedefineTables block for `User`, copying `kept` into a table of `columns`. */
function redefineUser(columns: string[], kept: string[]): string {
  const list = kept.map((c) => `"${c}"`).join(', ');
  return `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
${columns.map((c) => `    ${c}`).join(',\n')}
);
INSERT INTO "new_User" (${list}) SELECT ${list} FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`;
}

describe('SQLite RedefineTables', () => {
  it('is no drop-table: each column the copy leaves out is a drop-column, reported at the rebuild', async () => {
    const diagnostics = await lintFolder(fixtureProject('sqlite'));
    expect(diagnostics.filter((d) => d.rule === 'drop-table' || d.rule === 'drop-column').map(brief)).toEqual([
      '20240215120000_drop_bio_and_posts:10 drop-table Post',
      '20240215120000_drop_bio_and_posts:16 drop-column User.bio',
      '20240301080000_org_and_tag_key:12 drop-column Tag.id',
    ]);
    const bio = diagnostics.find((d) => d.object?.column === 'bio')!;
    // From `CREATE TABLE "new_User"` to the end of `ALTER TABLE "new_User" RENAME TO "User"`.
    expect(bio).toMatchObject({ severity: 'error', line: 16, column: 1, endLine: 24, endColumn: 40 });
    expect(bio.message).toBe('migration rebuilds table "User" without column "bio"; its data is lost');
  });

  it('reports every column left out, and nothing for a rebuild that keeps them all', async () => {
    const diagnostics = await lintFiles({
      'migrations/migration_lock.toml': lockFile('sqlite'),
      'migrations/20240101000000_init/migration.sql': INIT_SQLITE,
      'migrations/20240102000000_slim/migration.sql': redefineUser(
        ['"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT', '"email" TEXT NOT NULL', '"name" TEXT'],
        ['email', 'id', 'name'],
      ),
      'migrations/20240103000000_name_required/migration.sql': redefineUser(
        ['"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT', '"email" TEXT NOT NULL', '"name" TEXT NOT NULL'],
        ['email', 'id', 'name'],
      ),
    });
    expect(diagnostics.map(brief)).toEqual(['20240102000000_slim:4 drop-column User.age', '20240102000000_slim:4 drop-column User.bio']);
  });

  it('needs the history: without the folder that created the table, no column is known to be lost', async () => {
    const diagnostics = await lintFiles({
      'migrations/migration_lock.toml': lockFile('sqlite'),
      'migrations/20240102000000_slim/migration.sql': redefineUser(['"id" INTEGER NOT NULL PRIMARY KEY', '"email" TEXT NOT NULL'], ['email', 'id']),
    });
    expect(diagnostics).toEqual([]);
  });

  it('follows the history through earlier rebuilds', async () => {
    const diagnostics = await lintFiles({
      'migrations/migration_lock.toml': lockFile('sqlite'),
      'migrations/20240101000000_init/migration.sql': INIT_SQLITE,
      // The first rebuild adds "orgId" (filled by its default); the second drops it.
      'migrations/20240102000000_org/migration.sql': redefineUser(
        [
          '"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT',
          '"email" TEXT NOT NULL',
          '"name" TEXT',
          '"bio" TEXT',
          '"age" INTEGER',
          '"orgId" INTEGER NOT NULL DEFAULT 1',
        ],
        ['age', 'bio', 'email', 'id', 'name'],
      ),
      'migrations/20240103000000_no_org/migration.sql': redefineUser(
        ['"id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT', '"email" TEXT NOT NULL', '"name" TEXT', '"bio" TEXT', '"age" INTEGER'],
        ['age', 'bio', 'email', 'id', 'name'],
      ),
    });
    expect(diagnostics.map(brief)).toEqual(['20240103000000_no_org:4 drop-column User.orgId']);
  });

  describe('a droplint-ignore comment above a step Prisma wraps in PRAGMAs covers the statement after them', () => {
    const edit = (find: string, replace: string): Record<string, string> => {
      const files = fixtureFiles('sqlite');
      const key = 'migrations/20240215120000_drop_bio_and_posts/migration.sql';
      files[key] = files[key]!.replace(find, replace);
      return files;
    };

    it('-- RedefineTables', async () => {
      const files = edit('-- RedefineTables\n', '-- droplint-ignore drop-column: "bio" unused since v2\n-- RedefineTables\n');
      expect((await lintFiles(files)).map(brief).filter((d) => d.startsWith('20240215'))).toEqual(['20240215120000_drop_bio_and_posts:10 drop-table Post']);
    });

    it('-- DropTable', async () => {
      const files = edit('-- DropTable\n', '-- droplint-ignore drop-table: posts moved to the CMS\n-- DropTable\n');
      expect((await lintFiles(files)).map(brief).filter((d) => d.startsWith('20240215'))).toEqual([
        '20240215120000_drop_bio_and_posts:17 drop-column User.bio',
      ]);
    });

    it('but not the next step', async () => {
      const files = edit('-- DropTable\n', '-- droplint-ignore drop-column: wrong step\n-- DropTable\n');
      expect((await lintFiles(files)).map(brief).filter((d) => d.startsWith('20240215'))).toEqual([
        '20240215120000_drop_bio_and_posts:8 unused-suppression -',
        '20240215120000_drop_bio_and_posts:11 drop-table Post',
        '20240215120000_drop_bio_and_posts:17 drop-column User.bio',
      ]);
    });
  });

  it("keeps a DROP TABLE between PRAGMAs (Prisma's DropTable on SQLite) a drop-table", async () => {
    const text = '-- DropTable\nPRAGMA foreign_keys=off;\nDROP TABLE "Post";\nPRAGMA foreign_keys=on;\n';
    const unit = await parsePrismaMigration({ path: 'migrations/1_x/migration.sql', text }, 'sqlite', '1_x');
    expect(describeOps(unit)).toEqual(['drop-table Post | DROP TABLE "Post"']);
  });
});

describe('PostgreSQL enum re-creation', () => {
  const INIT = `-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'ADMIN');

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'USER',

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);
`;
  const WARNINGS = `/*
  Warnings:

  - The values [ADMIN] on the enum \`Role\` will be removed. If these variants are still used in the database, this will fail.

*/
`;

  it.each([
    [
      'rename the old type away first',
      `-- AlterEnum
ALTER TYPE "Role" RENAME TO "Role_old";
CREATE TYPE "Role" AS ENUM ('USER', 'EDITOR');
ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role" USING ("role"::text::"Role");
DROP TYPE "Role_old";
`,
    ],
    [
      'create the new type under a temporary name (what Prisma writes)',
      `-- AlterEnum
BEGIN;
CREATE TYPE "Role_new" AS ENUM ('USER', 'EDITOR');
ALTER TABLE "User" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new");
ALTER TYPE "Role" RENAME TO "Role_old";
ALTER TYPE "Role_new" RENAME TO "Role";
DROP TYPE "Role_old";
ALTER TABLE "User" ALTER COLUMN "role" SET DEFAULT 'USER';
COMMIT;
`,
    ],
  ])("drops no table and no column (%s); only Prisma's warning is reported", async (_name, sql) => {
    const diagnostics = await lintFiles({
      'prisma/migrations/migration_lock.toml': lockFile('postgresql'),
      'prisma/migrations/20240101000000_init/migration.sql': INIT,
      'prisma/migrations/20240102000000_roles/migration.sql': WARNINGS + sql,
    });
    expect(diagnostics.map(brief)).toEqual(['20240102000000_roles:4 prisma-warning -']);
  });

  it('the ALTER TYPE, CREATE TYPE and DROP TYPE are no table operations', async () => {
    const text = 'ALTER TYPE "Role" RENAME TO "Role_old";\nCREATE TYPE "Role" AS ENUM (\'USER\');\nDROP TYPE "Role_old";\n';
    const unit = await parsePrismaMigration({ path: 'migrations/1_x/migration.sql', text }, 'postgresql', '1_x');
    expect(unit.operations).toEqual([]);
  });
});

describe('the fixtures as a whole', () => {
  it('a copy of a fixture lints like the fixture', async () => {
    expect((await lintFiles(fixtureFiles('sqlite'))).map(brief)).toEqual((await lintFolder(fixtureProject('sqlite'))).map(brief));
  });
});

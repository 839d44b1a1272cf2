import { describe, expect, it } from 'vitest';
import type { MigrationUnit } from '../../../src/ir/unit.js';
import { parsePrismaMigration } from '../../../src/parsers/prisma/prisma-file.js';
import { describeOps, fixtureUnits, PROVIDERS, type Provider } from './fixtures.js';

/** `folder → operations` of a fixture, as `describeOps` writes them. */
async function opsByFolder(provider: Provider): Promise<Record<string, string[]>> {
  const units = await fixtureUnits(provider);
  return Object.fromEntries(units.map((u) => [folderOf(u), describeOps(u)]));
}

function folderOf(unit: MigrationUnit): string {
  return unit.meta.format === 'prisma' ? unit.meta.folder : '';
}

describe('every provider', () => {
  it.each(PROVIDERS)('%s: units are Prisma upgrades, ordered by folder, in the lock file dialect', async (provider) => {
    const units = await fixtureUnits(provider);
    expect(units.length).toBeGreaterThanOrEqual(2);
    for (const unit of units) {
      expect(unit).toMatchObject({ format: 'prisma', dialect: provider, phases: ['upgrade'], orderKey: folderOf(unit) });
      for (const op of unit.operations) expect(op.phase).toBe('upgrade');
      // Prisma's SQL is valid: nothing is left unread.
      expect(unit.operations.filter((op) => op.kind === 'unparsed' || op.kind === 'dynamic')).toEqual([]);
    }
  });
});

describe('postgresql', () => {
  it('reads tables, dropped columns and tables, added columns and type changes', async () => {
    expect(await opsByFolder('postgresql')).toEqual({
      '20240110093000_init': [
        'create-table User(id SERIAL, email TEXT, name TEXT, bio TEXT, age TEXT, role "Role", createdAt TIMESTAMP(3)) | CREATE TABLE "User" ( … )',
        'create-table Post(id SERIAL, title TEXT, content TEXT, published BOOLEAN, authorId INTEGER) | CREATE TABLE "Post" ( … )',
        'create-table Tag(id SERIAL, name TEXT) | CREATE TABLE "Tag" ( … )',
        'create-table _PostToTag(A INTEGER, B INTEGER) | CREATE TABLE "_PostToTag" ( … )',
        'add-foreign-key Post -> User(id) | ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE',
        'add-foreign-key _PostToTag -> Post(id) | ADD CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE',
        'add-foreign-key _PostToTag -> Tag(id) | ADD CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE',
      ],
      '20240215120000_drop_bio_and_posts': [
        'drop-column User.bio | DROP COLUMN "bio"',
        'add-column User.orgId INTEGER | ADD COLUMN     "orgId" INTEGER NOT NULL',
        'drop-table Post | DROP TABLE "Post"',
        'drop-table _PostToTag | DROP TABLE "_PostToTag"',
      ],
      '20240301080000_narrow_name_unique_tag': ['alter-column-type User.name VARCHAR(50) | ALTER COLUMN "name" SET DATA TYPE VARCHAR(50)'],
      '20240320100000_enum_and_tag_key': [
        'alter-column-type User.role "Role_new" | ALTER COLUMN "role" TYPE "Role_new" USING ("role"::text::"Role_new")',
        'drop-column Tag.id | DROP COLUMN "id"',
      ],
      '20240402110000_age_to_int': ['drop-column User.age | DROP COLUMN "age"', 'add-column User.age INTEGER | ADD COLUMN     "age" INTEGER'],
    });
  });

  it('spans a CREATE TABLE from CREATE to its closing parenthesis', async () => {
    const [init] = await fixtureUnits('postgresql');
    const tag = init!.operations[2]!;
    expect(init!.file.text.slice(tag.span.start, tag.span.end)).toBe(
      'CREATE TABLE "Tag" (\n    "id" SERIAL NOT NULL,\n    "name" TEXT NOT NULL,\n\n    CONSTRAINT "Tag_pkey" PRIMARY KEY ("id")\n)',
    );
  });

  it('reads a table in another schema (multiSchema)', async () => {
    const text = '-- AlterTable\nALTER TABLE "auth"."User" DROP COLUMN "bio";\n\n-- DropTable\nDROP TABLE "auth"."Session";\n';
    const unit = await parsePrismaMigration({ path: 'migrations/1_auth/migration.sql', text }, 'postgresql', '1_auth');
    expect(describeOps(unit)).toEqual(['drop-column auth.User.bio | DROP COLUMN "bio"', 'drop-table auth.Session | DROP TABLE "auth"."Session"']);
  });
});

describe('cockroachdb', () => {
  it('reads the PostgreSQL-style SQL with CockroachDB types', async () => {
    expect(await opsByFolder('cockroachdb')).toEqual({
      '20240110093000_init': [
        'create-table User(id INT8, email STRING, name STRING, bio STRING) | CREATE TABLE "User" ( … )',
        'create-table Post(id INT8, title STRING, authorId INT8) | CREATE TABLE "Post" ( … )',
        'add-foreign-key Post -> User(id) | ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE',
      ],
      '20240215120000_drop_bio_and_posts': ['drop-column User.bio | DROP COLUMN "bio"', 'drop-table Post | DROP TABLE "Post"'],
      '20240301080000_add_org': ['add-column User.orgId INT8 | ADD COLUMN     "orgId" INT8 NOT NULL'],
    });
  });
});

describe('mysql', () => {
  it('reads backquoted names and the actions of one ALTER TABLE', async () => {
    expect(await opsByFolder('mysql')).toEqual({
      '20240110093000_init': [
        "create-table User(id INTEGER, email VARCHAR(191), name VARCHAR(191), bio TEXT, age VARCHAR(191), role ENUM('USER', 'ADMIN', 'EDITOR')) | CREATE TABLE `User` ( … ) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci",
        'create-table Post(id INTEGER, title VARCHAR(191), authorId INTEGER) | CREATE TABLE `Post` ( … ) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
        'add-foreign-key Post -> User(id) | ADD CONSTRAINT `Post_authorId_fkey` FOREIGN KEY (`authorId`) REFERENCES `User`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE',
      ],
      '20240215120000_drop_bio_and_posts': [
        'drop-column User.bio | DROP COLUMN `bio`',
        'add-column User.orgId INTEGER | ADD COLUMN `orgId` INTEGER NOT NULL',
        'alter-column-type User.age INTEGER | MODIFY `age` INTEGER NULL',
        'drop-table Post | DROP TABLE `Post`',
      ],
      '20240301080000_roles_unique_name': ["alter-column-type User.role ENUM('USER', 'EDITOR') | MODIFY `role` ENUM('USER', 'EDITOR') NOT NULL DEFAULT 'USER'"],
    });
  });

  it('does not take DROP FOREIGN KEY or DROP INDEX for a dropped column', async () => {
    const text = '-- DropForeignKey\nALTER TABLE `Post` DROP FOREIGN KEY `Post_authorId_fkey`;\n\n-- DropIndex\nDROP INDEX `User_email_key` ON `User`;\n';
    const unit = await parsePrismaMigration({ path: 'migrations/1_x/migration.sql', text }, 'mysql', '1_x');
    expect(unit.operations).toEqual([]);
  });

  it('reads several dropped columns of one ALTER TABLE', async () => {
    const text = '-- AlterTable\nALTER TABLE `User` DROP COLUMN `age`,\n    DROP COLUMN `bio`;\n';
    const unit = await parsePrismaMigration({ path: 'migrations/1_x/migration.sql', text }, 'mysql', '1_x');
    expect(describeOps(unit)).toEqual(['drop-column User.age | DROP COLUMN `age`', 'drop-column User.bio | DROP COLUMN `bio`']);
  });
});

describe('sqlite', () => {
  it('folds each RedefineTables block into a redefine-table spanning it', async () => {
    expect(await opsByFolder('sqlite')).toEqual({
      '20240110093000_init': [
        'create-table User(id INTEGER, email TEXT, name TEXT, bio TEXT, role TEXT) | CREATE TABLE "User" ( … )',
        'create-table Post(id INTEGER, title TEXT, authorId INTEGER) | CREATE TABLE "Post" ( … )',
        'create-table Tag(id INTEGER, name TEXT) | CREATE TABLE "Tag" ( … )',
      ],
      '20240215120000_drop_bio_and_posts': [
        'drop-table Post | DROP TABLE "Post"',
        'redefine-table User(id INTEGER, email TEXT, name TEXT, role TEXT) | CREATE TABLE "new_User" ( … ALTER TABLE "new_User" RENAME TO "User"',
      ],
      '20240301080000_org_and_tag_key': [
        'redefine-table Tag(name TEXT) | CREATE TABLE "new_Tag" ( … ALTER TABLE "new_Tag" RENAME TO "Tag"',
        'redefine-table User(id INTEGER, email TEXT, name TEXT, role TEXT, orgId INTEGER) | CREATE TABLE "new_User" ( … ALTER TABLE "new_User" RENAME TO "User"',
      ],
      '20240320100000_role_default': [
        'redefine-table User(id INTEGER, email TEXT, name TEXT, role TEXT, orgId INTEGER) | CREATE TABLE "new_User" ( … ALTER TABLE "new_User" RENAME TO "User"',
      ],
    });
  });

  it('records the columns each copy keeps', async () => {
    const units = await fixtureUnits('sqlite');
    const kept = units.flatMap((u) => u.operations.flatMap((op) => (op.kind === 'redefine-table' ? [[op.table.name, op.keptColumns]] : [])));
    expect(kept).toEqual([
      ['User', ['email', 'id', 'name', 'role']],
      ['Tag', ['name']],
      ['User', ['email', 'id', 'name', 'role']],
      ['User', ['email', 'id', 'name', 'orgId', 'role']],
    ]);
  });
});

describe('sqlserver', () => {
  it('reads [dbo].[X] names inside the BEGIN TRY … END CATCH wrapper', async () => {
    expect(await opsByFolder('sqlserver')).toEqual({
      '20240110093000_init': [
        'create-table dbo.User(id INT, email NVARCHAR(1000), name NVARCHAR(1000), bio NVARCHAR(1000), role NVARCHAR(1000)) | CREATE TABLE [dbo].[User] ( … )',
        'create-table dbo.Post(id INT, title NVARCHAR(1000), authorId INT) | CREATE TABLE [dbo].[Post] ( … )',
        'add-foreign-key dbo.Post -> dbo.User(id) | ADD CONSTRAINT [Post_authorId_fkey] FOREIGN KEY ([authorId]) REFERENCES [dbo].[User]([id]) ON DELETE NO ACTION ON UPDATE CASCADE',
      ],
      '20240215120000_drop_bio_and_posts': [
        'alter-column-type dbo.User.name NVARCHAR(50) | ALTER COLUMN [name] NVARCHAR(50) NULL',
        'drop-column dbo.User.bio | DROP COLUMN [bio]',
        'add-column dbo.User.orgId INT | ADD [orgId] INT NOT NULL',
        'drop-table dbo.Post | DROP TABLE [dbo].[Post]',
      ],
      '20240301080000_drop_name_and_role': [
        'drop-column dbo.User.name | DROP COLUMN [name]',
        'drop-column dbo.User.role | [role]',
        'add-column dbo.User.firstName NVARCHAR(1000) | ADD [firstName] NVARCHAR(1000) NOT NULL',
        'add-column dbo.User.lastName NVARCHAR(1000) | [lastName] NVARCHAR(1000) NOT NULL',
      ],
    });
  });
});

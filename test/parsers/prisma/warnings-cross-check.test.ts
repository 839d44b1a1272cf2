import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/engine/diagnostic.js';
import { LineIndex } from '../../../src/ir/source-text.js';
import type { MigrationUnit, PrismaWarning } from '../../../src/ir/unit.js';
import { brief, fixtureFiles, fixtureProject, fixtureUnits, lintFiles, lintFolder, lockFile, PROVIDERS } from './fixtures.js';

/** The diagnostics that answer a warning: the same loss found in the SQL, or the warning itself reported. */
function matching(warning: PrismaWarning, unit: MigrationUnit, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const line = new LineIndex(unit.file.text).lineOf(warning.span.start) + 1;
  return diagnostics.filter((d) => {
    if (!d.file.endsWith(unit.file.path)) return false;
    if (warning.kind === 'drop-table') return d.rule === 'drop-table' && d.table === warning.table;
    if (warning.kind === 'drop-column') return d.rule === 'drop-column' && d.table === warning.table && d.object?.column === warning.column;
    return d.rule === 'prisma-warning' && d.line === line;
  });
}

function warningsOf(unit: MigrationUnit): readonly PrismaWarning[] {
  return unit.meta.format === 'prisma' ? unit.meta.warnings : [];
}

describe('every Prisma warning has a matching diagnostic', () => {
  it.each(PROVIDERS)('%s', async (provider) => {
    const units = await fixtureUnits(provider);
    const diagnostics = await lintFolder(fixtureProject(provider));
    const warned = units.filter((u) => warningsOf(u).length > 0);
    expect(warned.length).toBeGreaterThan(0);
    for (const unit of warned) {
      for (const warning of warningsOf(unit)) {
        expect(matching(warning, unit, diagnostics), `${unit.file.path}: ${warning.text}`).not.toEqual([]);
      }
    }
  });

  it.each(PROVIDERS)('%s: a drop found in the SQL is not reported a second time as a Prisma warning', async (provider) => {
    const diagnostics = await lintFolder(fixtureProject(provider));
    for (const d of diagnostics.filter((d) => d.rule === 'prisma-warning')) {
      expect(d.message, brief(d)).not.toMatch(/^Prisma warns: You are about to drop/);
    }
  });

  it('covers each kind of warning across the fixtures', async () => {
    const kinds = new Set<string>();
    for (const provider of PROVIDERS) for (const unit of await fixtureUnits(provider)) for (const w of warningsOf(unit)) kinds.add(w.kind);
    expect([...kinds].sort()).toEqual(['drop-column', 'drop-table', 'other']);
  });

  it('postgresql: the findings, warning by warning', async () => {
    const diagnostics = await lintFolder(fixtureProject('postgresql'));
    expect(diagnostics.map((d) => `${brief(d)} ${d.severity}`)).toEqual([
      // Required column without default: the migration may fail, it loses nothing.
      '20240215120000_drop_bio_and_posts:7 prisma-warning - info',
      // The same ALTER TABLE adds "orgId" NOT NULL without a default: PostgreSQL runs it only on an empty "User".
      '20240215120000_drop_bio_and_posts:20 drop-column User.bio info',
      '20240215120000_drop_bio_and_posts:24 drop-table Post error',
      '20240215120000_drop_bio_and_posts:27 drop-table _PostToTag error',
      '20240301080000_narrow_name_unique_tag:4 prisma-warning - warning',
      // Unique constraint, removed enum value, changed primary key: may fail, so info; the cast above may lose data.
      '20240301080000_narrow_name_unique_tag:5 prisma-warning - info',
      '20240320100000_enum_and_tag_key:4 prisma-warning - info',
      '20240320100000_enum_and_tag_key:5 prisma-warning - info',
      // The key "name" replaces; its one referrer, _PostToTag, went in 20240215120000: a warning.
      '20240320100000_enum_and_tag_key:25 drop-column Tag.id warning',
      // "would be dropped and recreated": the DROP COLUMN answers it.
      '20240402110000_age_to_int:8 drop-column User.age error',
    ]);
  });
});

describe('a warned drop that the SQL does not do', () => {
  it('is reported as a Prisma warning saying droplint found no statement', async () => {
    const files = fixtureFiles('postgresql');
    const edited = 'migrations/20240215120000_drop_bio_and_posts/migration.sql';
    // Hand-edited: the column and the table are kept after all, the header left as it was.
    files[edited] = files[edited]!.replace('ALTER TABLE "User" DROP COLUMN "bio",\nADD', 'ALTER TABLE "User" ADD').replace('DROP TABLE "Post";\n', '');
    const diagnostics = (await lintFiles(files)).filter((d) => d.file === edited);
    expect(diagnostics.map(brief)).toEqual([
      '20240215120000_drop_bio_and_posts:4 prisma-warning User.bio',
      '20240215120000_drop_bio_and_posts:5 prisma-warning Post',
      '20240215120000_drop_bio_and_posts:7 prisma-warning -',
      '20240215120000_drop_bio_and_posts:25 drop-table _PostToTag',
    ]);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', column: 3, endLine: 4 });
    expect(diagnostics[0]!.message).toBe(
      'Prisma warns: You are about to drop the column `bio` on the `User` table. All the data in the column will be lost. droplint found no statement that does this; review the SQL by hand.',
    );
    expect(diagnostics[1]!.message).toBe(
      'Prisma warns: You are about to drop the `Post` table. If the table is not empty, all the data it contains will be lost. droplint found no statement that does this; review the SQL by hand.',
    );
  });

  it('a drop of another table or column does not answer the warning', async () => {
    const diagnostics = await lintFiles({
      'migrations/migration_lock.toml': lockFile('mysql'),
      'migrations/20240101000000_x/migration.sql':
        '/*\n  Warnings:\n\n  - You are about to drop the column `bio` on the `User` table. All the data in the column will be lost.\n\n*/\n-- AlterTable\nALTER TABLE `Profile` DROP COLUMN `bio`;\n',
    });
    expect(diagnostics.map(brief)).toEqual(['20240101000000_x:4 prisma-warning User.bio', '20240101000000_x:8 drop-column Profile.bio']);
  });

  it('a SQLite rebuild without the history that shows the column says so', async () => {
    const diagnostics = await lintFiles({
      'migrations/migration_lock.toml': lockFile('sqlite'),
      'migrations/20240215120000_drop_bio/migration.sql': fixtureFiles('sqlite')['migrations/20240215120000_drop_bio_and_posts/migration.sql']!,
    });
    expect(diagnostics.map(brief)).toEqual(['20240215120000_drop_bio:4 prisma-warning User.bio', '20240215120000_drop_bio:10 drop-table Post']);
    expect(diagnostics[0]!.message).toMatch(
      /will be lost\. Table "User" is rebuilt, but droplint does not know its earlier columns \(no earlier migration creates it\); review the SQL by hand\.$/,
    );
  });

  it('a warning wrapped over two lines is reported at its first line', async () => {
    const diagnostics = await lintFiles({
      'migrations/migration_lock.toml': lockFile('cockroachdb'),
      'migrations/20240101000000_x/migration.sql':
        '/*\n  Warnings:\n\n  - You are about to drop the `Post` table. If the table is not empty, all the data it\n    contains will be lost.\n\n*/\nSELECT 1;\n',
    });
    expect(diagnostics).toMatchObject([{ rule: 'prisma-warning', line: 4, column: 3, endLine: 5, endColumn: 27, table: 'Post' }]);
  });
});

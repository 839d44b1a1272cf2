import { LineIndex } from '../../ir/source-text.js';
import type { Dialect, MigrationUnit, SourceFile } from '../../ir/unit.js';
import { analyzeSql } from '../sql/analyze.js';
import { collectSuppressions } from '../suppressions.js';
import { prismaWarnings } from './warnings.js';

/**
 * One `migrations/<folder>/migration.sql`. Prisma migrations only go forward:
 * every statement is in the upgrade phase, and folders sort by name.
 */
export async function parsePrismaMigration(file: SourceFile, dialect: Dialect, folder: string): Promise<MigrationUnit> {
  const analysis = await analyzeSql(file.text, { dialect, phase: 'upgrade' });
  const suppressions = collectSuppressions(analysis.comments, analysis.statements, new LineIndex(file.text));
  return {
    file,
    format: 'prisma',
    dialect,
    orderKey: folder,
    phases: ['upgrade'],
    operations: analysis.operations,
    suppressions,
    meta: { format: 'prisma', folder, warnings: prismaWarnings(analysis.comments) },
  };
}

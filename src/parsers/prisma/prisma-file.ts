import type { Span } from '../../ir/operations.js';
import { LineIndex } from '../../ir/source-text.js';
import type { Dialect, MigrationUnit, SourceFile, Suppression } from '../../ir/unit.js';
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
    suppressions: dialect === 'sqlite' ? coverPragmaSteps(suppressions, analysis.statements, file.text) : suppressions,
    meta: { format: 'prisma', folder, warnings: prismaWarnings(analysis.comments) },
  };
}

const PRAGMA = /^PRAGMA\b/i;

/**
 * On SQLite, Prisma wraps a `-- DropTable` or `-- RedefineTables` step in
 * `PRAGMA foreign_keys=…` statements, so a droplint-ignore comment written
 * above the step targets its first PRAGMA. It covers the whole step instead:
 * the opening PRAGMAs and the statements up to the PRAGMA that closes it.
 */
function coverPragmaSteps(suppressions: Suppression[], statements: readonly Span[], text: string): Suppression[] {
  const isPragma = (i: number): boolean => i < statements.length && PRAGMA.test(text.slice(statements[i]!.start, statements[i]!.end));
  return suppressions.map((s) => {
    const first = s.target === null ? -1 : statements.findIndex((st) => st.start === s.target!.start);
    if (first === -1 || !isPragma(first)) return s;
    let last = first;
    while (isPragma(last + 1)) last++;
    while (last + 1 < statements.length && !isPragma(last + 1)) last++;
    return { ...s, target: { start: statements[first]!.start, end: statements[last]!.end } };
  });
}

import { LineIndex } from '../../ir/source-text.js';
import type { Dialect, MigrationUnit, SourceFile } from '../../ir/unit.js';
import { analyzeSql } from '../sql/analyze.js';
import { collectSuppressions } from '../suppressions.js';

/**
 * A drizzle-kit migration: SQL statements separated by `--> statement-breakpoint`
 * (a comment to the SQL lexer), all in the upgrade phase (Drizzle has no down
 * migrations). SQLite changes rebuild a table through `__new_<table>`: the SQL
 * front-end folds that into a `redefine-table`, so only the columns left out
 * of the copy count as lost.
 */
export async function parseDrizzleMigration(file: SourceFile, dialect: Dialect, orderKey: string, journal: boolean): Promise<MigrationUnit> {
  const analysis = await analyzeSql(file.text, { dialect, phase: 'upgrade' });
  return {
    file,
    format: 'drizzle',
    dialect,
    orderKey,
    phases: ['upgrade'],
    operations: analysis.operations,
    suppressions: collectSuppressions(analysis.comments, analysis.statements, new LineIndex(file.text)),
    meta: { format: 'drizzle', journal },
  };
}

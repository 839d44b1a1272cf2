import path from 'node:path';
import { LineIndex } from '../../ir/source-text.js';
import type { Dialect, MigrationUnit, SourceFile } from '../../ir/unit.js';
import { collectSuppressions } from '../suppressions.js';
import { databaseInName } from '../dialect-from-path.js';
import { analyzeSql } from './analyze.js';
import { classifySqlFile } from './phases.js';
import { showsPostgres } from './detect-dialect.js';

/**
 * A raw SQL migration (Flyway, golang-migrate, dbmate, goose, plain files).
 * `declared`: the dialect was named (by the file's place, the config or
 * `--dialect`), not taken from the file's content or by default.
 */
export async function parseSqlFile(file: SourceFile, dialect: Dialect, declared = false): Promise<MigrationUnit> {
  const { phase, convention, orderKey, versionFolder, stepOf, versioned, undoFolder } = classifySqlFile(file.path);
  const analysis = await analyzeSql(file.text, { dialect, phase, sections: true });
  const phases = [...new Set(analysis.operations.map((op) => op.phase))];
  return {
    file,
    format: 'sql',
    dialect,
    orderKey,
    phases: phases.length > 0 ? phases : [phase],
    operations: analysis.operations,
    suppressions: collectSuppressions(analysis.comments, analysis.statements, new LineIndex(file.text)),
    meta: {
      format: 'sql',
      convention,
      versionFolder,
      variant: databaseInName(path.posix.basename(file.path)),
      stepOf,
      versioned,
      undoFolder,
      postgresShown: (dialect === 'postgresql' || dialect === 'cockroachdb') && (declared || showsPostgres(file.text)),
    },
  };
}

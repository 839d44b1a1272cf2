import path from 'node:path';
import type { Dialect, MigrationUnit, SourceFile } from '../ir/unit.js';
import { LOCK_FILE, readLockFile, type LockFileResult } from './prisma/lock-file.js';
import { parsePythonFile } from './alembic/alembic-file.js';
import { parsePrismaMigration } from './prisma/prisma-file.js';
import { parseSqlFile } from './sql/sql-file.js';

/** What a front-end needs to know about a file besides its text. */
export interface FileToParse {
  readonly file: SourceFile;
  readonly kind: 'sql' | 'prisma' | 'python';
  /** Absolute path of the Prisma `migrations` folder, for `prisma` files. */
  readonly prismaDir: string | null;
}

/** A unit for a file that could not be read: one `unparsed` operation at its start. */
export function unreadableUnit(file: SourceFile, reason: string): MigrationUnit {
  return {
    file,
    format: 'sql',
    dialect: null,
    orderKey: path.posix.basename(file.path),
    phases: ['none'],
    operations: [{ kind: 'unparsed', span: { start: 0, end: 0 }, phase: 'none', reason, mayBeDestructive: false }],
    suppressions: [],
    meta: { format: 'sql', convention: 'plain' },
  };
}

/** Sends each file to its front-end; reads each Prisma lock file once. */
export class FrontEnds {
  private readonly locks = new Map<string, LockFileResult>();
  /** Lock-file problems, reported once per folder by the caller. */
  readonly lockProblems = new Map<string, string>();

  constructor(private readonly sqlDialect: Dialect) {}

  /** The file's unit, or null for a Python file that is no Alembic migration or env.py. */
  async parse(input: FileToParse): Promise<MigrationUnit | null> {
    if (input.kind === 'python') return parsePythonFile(input.file, this.sqlDialect);
    if (input.kind === 'prisma' && input.prismaDir !== null) {
      const lock = this.lock(input.prismaDir);
      const folder = path.posix.basename(path.posix.dirname(input.file.path));
      // With a broken lock file, the SQL is still read as PostgreSQL, Prisma's most common provider.
      return parsePrismaMigration(input.file, lock.dialect ?? 'postgresql', folder);
    }
    return parseSqlFile(input.file, this.sqlDialect);
  }

  private lock(dir: string): LockFileResult {
    let lock = this.locks.get(dir);
    if (lock === undefined) {
      lock = readLockFile(dir);
      this.locks.set(dir, lock);
      if (lock.problem !== null) this.lockProblems.set(path.join(dir, LOCK_FILE), lock.problem);
    }
    return lock;
  }
}

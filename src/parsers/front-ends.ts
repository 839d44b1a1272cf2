import path from 'node:path';
import type { Dialect, MigrationUnit, SourceFile } from '../ir/unit.js';
import { LOCK_FILE, readLockFile, type LockFileResult } from './prisma/lock-file.js';
import { parsePythonFile } from './alembic/alembic-file.js';
import { parsePrismaMigration } from './prisma/prisma-file.js';
import { decodeSource, readSource } from './read-source.js';
import { parseSqlFile } from './sql/sql-file.js';

export type FileKind = 'sql' | 'prisma' | 'python';

/** What a front-end needs to know about a file besides its text. */
export interface FileToParse {
  readonly file: SourceFile;
  readonly kind: FileKind;
  /** Absolute path of the Prisma `migrations` folder, for `prisma` files. */
  readonly prismaDir: string | null;
}

/**
 * A file to read and parse, with everything decided that needs more than the
 * file itself (a Prisma folder's provider): plain data, so that a worker
 * thread can run it.
 */
export interface ParseJob {
  readonly path: string;
  readonly absPath: string;
  readonly kind: FileKind;
  /** The SQL dialect: the configured one, or a Prisma folder's provider. */
  readonly dialect: Dialect;
  /** The bytes to lint instead of the file on disk: standard input, an editor's buffer. */
  readonly bytes?: Uint8Array;
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

/** Reads and parses one file: its unit, or null for a Python file that is no Alembic migration or env.py. */
export async function runJob(job: ParseJob): Promise<MigrationUnit | null> {
  const read = job.bytes === undefined ? readSource(job.absPath) : decodeSource(job.bytes);
  const file = { path: job.path, text: read.text };
  return read.problem === null ? parseFile(file, job.kind, job.dialect) : unreadableUnit(file, read.problem);
}

/**
 * A front-end bug on one file is that file's parse-error, not the end of the
 * run: the other files are still linted (README, "Exit status").
 */
async function parseFile(file: SourceFile, kind: FileKind, dialect: Dialect): Promise<MigrationUnit | null> {
  try {
    if (kind === 'python') return await parsePythonFile(file, dialect);
    if (kind === 'prisma') return await parsePrismaMigration(file, dialect, path.posix.basename(path.posix.dirname(file.path)));
    return await parseSqlFile(file, dialect);
  } catch (error) {
    return unreadableUnit(file, `droplint failed on this file (${error instanceof Error ? error.message : String(error)}); please report it`);
  }
}

/** Decides each file's front-end and dialect; reads each Prisma lock file once. */
export class FrontEnds {
  private readonly locks = new Map<string, LockFileResult>();
  /** Lock-file problems, reported once per folder by the caller. */
  readonly lockProblems = new Map<string, string>();

  constructor(private readonly sqlDialect: Dialect) {}

  job(found: { readonly path: string; readonly absPath: string; readonly kind: FileKind; readonly prismaDir: string | null }, bytes?: Uint8Array): ParseJob {
    const kind = found.kind === 'prisma' && found.prismaDir === null ? 'sql' : found.kind;
    return { path: found.path, absPath: found.absPath, kind, dialect: this.dialect(kind, found.prismaDir), ...(bytes === undefined ? {} : { bytes }) };
  }

  /** A file whose text is already at hand (an old version from git). */
  async parse(input: FileToParse): Promise<MigrationUnit | null> {
    const kind = input.kind === 'prisma' && input.prismaDir === null ? 'sql' : input.kind;
    return parseFile(input.file, kind, this.dialect(kind, input.prismaDir));
  }

  private dialect(kind: FileKind, prismaDir: string | null): Dialect {
    // With a broken lock file, the SQL is still read as PostgreSQL, Prisma's most common provider.
    return kind === 'prisma' && prismaDir !== null ? (this.lock(prismaDir).dialect ?? 'postgresql') : this.sqlDialect;
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

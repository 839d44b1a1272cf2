import path from 'node:path';
import type { FileKind } from '../discover/discover.js';
import type { Dialect, MigrationUnit, SourceFile } from '../ir/unit.js';
import { LOCK_FILE, readLockFile, type LockFileResult } from './prisma/lock-file.js';
import { parsePythonFile } from './alembic/alembic-file.js';
import { parsePrismaMigration } from './prisma/prisma-file.js';
import { collectReads, type FileRead } from './file-reads.js';
import { decodeSource, readSource } from './read-source.js';
import { dialectFromPath } from './dialect-from-path.js';
import { detectDialect } from './sql/detect-dialect.js';
import { parseSqlFile } from './sql/sql-file.js';
import { parseDrizzleMigration } from './drizzle/drizzle-file.js';
import { JOURNAL, journalOrderKey, parseJournal, type Journal } from './drizzle/journal.js';
import { declaredDialect, importedDialect, readIfExists } from './typescript/declared-dialect.js';

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
  /** The SQL dialect: the configured one, or a Prisma folder's provider; null: shown by the file's own content. */
  readonly dialect: Dialect | null;
  /** The bytes to lint instead of the file on disk: standard input, an editor's buffer. */
  readonly bytes?: Uint8Array;
  /** Where a Drizzle journal puts the file among its set. */
  readonly orderKey?: string;
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
    meta: { format: 'sql', convention: 'plain', versionFolder: false, variant: null, stepOf: null, versioned: false, undoFolder: null, postgresShown: false },
  };
}

/** A job's result: its unit (null for a Python file that is no Alembic migration or env.py), and the other files read for it. */
export interface ParsedJob {
  readonly unit: MigrationUnit | null;
  readonly reads: readonly FileRead[];
}

/** Reads and parses one file. */
export async function runJob(job: ParseJob): Promise<ParsedJob> {
  const read = job.bytes === undefined ? readSource(job.absPath) : decodeSource(job.bytes);
  const file = { path: job.path, text: read.text };
  if (read.problem !== null) return { unit: unreadableUnit(file, read.problem), reads: [] };
  const { value, reads } = await collectReads(() => parseFile(file, job.absPath, job.kind, job.dialect, job.orderKey));
  return { unit: value, reads };
}

/**
 * A front-end bug on one file is that file's parse-error, not the end of the
 * run: the other files are still linted (README, "Exit status").
 */
async function parseFile(file: SourceFile, absPath: string, kind: FileKind, dialect: Dialect | null, orderKey?: string): Promise<MigrationUnit | null> {
  try {
    if (kind === 'python') return await parsePythonFile(file, dialect ?? DEFAULT_DIALECT, absPath);
    if (kind === 'script') {
      // Loaded only for TS/JS files: the TypeScript parser is the heaviest of all.
      const { parseScriptFile } = await import('./typescript/script-file.js');
      return await parseScriptFile(file, dialect ?? importedDialect(file.text), absPath);
    }
    if (kind === 'drizzle') {
      const folder = path.posix.basename(path.posix.dirname(file.path));
      const journaled = orderKey !== undefined;
      return await parseDrizzleMigration(file, dialect ?? DEFAULT_DIALECT, orderKey ?? folder, journaled);
    }
    if (kind === 'prisma') return await parsePrismaMigration(file, dialect ?? DEFAULT_DIALECT, path.posix.basename(path.posix.dirname(file.path)));
    return await parseSqlFile(file, dialect ?? detectDialect(file.text) ?? DEFAULT_DIALECT, dialect !== null);
  } catch (error) {
    return unreadableUnit(file, `droplint failed on this file (${error instanceof Error ? error.message : String(error)}); please report it`);
  }
}

const DEFAULT_DIALECT: Dialect = 'postgresql';

/** The dialect settings of one file: `--dialect`, and the config's (`[[overrides]]` over the top level). */
export interface DialectSettings {
  readonly dialect: Dialect | null;
  /** An `[[overrides]]` entry names the file: its dialect beats the one a format declares. */
  readonly dialectOverridden: boolean;
}

/** Decides each file's front-end and dialect; reads each Prisma lock file, Drizzle journal and framework config once. */
export class FrontEnds {
  private readonly locks = new Map<string, LockFileResult>();
  private readonly journals = new Map<string, Journal | null>();
  private readonly declared = new Map<string, Dialect | null>();
  /** Lock-file problems, reported once per folder by the caller. */
  readonly lockProblems = new Map<string, string>();

  /**
   * `cliDialect`: `--dialect`, which only raw SQL and Python take (a Prisma
   * folder keeps its provider); `settings`: the config's, per absolute path.
   */
  constructor(
    private readonly cwd: string,
    private readonly cliDialect: Dialect | null,
    private readonly settings: (absPath: string) => DialectSettings,
  ) {}

  job(found: { readonly path: string; readonly absPath: string; readonly kind: FileKind; readonly prismaDir: string | null }, bytes?: Uint8Array): ParseJob {
    const { kind, dialect, orderKey } = this.decide(found.absPath, found.kind, found.prismaDir);
    return {
      path: found.path,
      absPath: found.absPath,
      kind,
      dialect,
      ...(bytes === undefined ? {} : { bytes }),
      ...(orderKey === undefined ? {} : { orderKey }),
    };
  }

  /** A file whose text is already at hand (an old version from git). */
  async parse(input: FileToParse): Promise<MigrationUnit | null> {
    const absPath = path.resolve(this.cwd, input.file.path);
    const { kind, dialect, orderKey } = this.decide(absPath, input.kind, input.prismaDir);
    return parseFile(input.file, absPath, kind, dialect, orderKey);
  }

  /**
   * The file's front-end and dialect. A format that declares its dialect (a
   * Prisma lock file, a Drizzle journal, a knexfile or ORM config) keeps it
   * unless an `[[overrides]]` entry names the file; raw SQL takes `--dialect`,
   * then the config's, else null: its own content decides.
   */
  private decide(absPath: string, found: FileKind, prismaDir: string | null): { kind: FileKind; dialect: Dialect | null; orderKey?: string } {
    const settings = this.settings(absPath);
    const overridden = settings.dialectOverridden ? settings.dialect : null;
    const configured = this.cliDialect ?? settings.dialect;
    if (found === 'prisma' && prismaDir !== null) {
      // With a broken lock file, the SQL is still read as PostgreSQL, Prisma's most common provider.
      return { kind: 'prisma', dialect: overridden ?? this.lock(prismaDir).dialect ?? DEFAULT_DIALECT };
    }
    // A folder or file named for a database says which copy of a per-database migration set this is, before any project-wide setting.
    const named = dialectFromPath(absPath);
    if (found === 'script') return { kind: 'script', dialect: overridden ?? named ?? this.declaredDialect(path.dirname(absPath)) ?? configured };
    if (found === 'python') return { kind: 'python', dialect: configured };
    const dir = path.dirname(absPath);
    const journal = this.journal(dir);
    if (journal !== null) {
      return {
        kind: 'drizzle',
        dialect: overridden ?? journal.dialect ?? this.declaredDialect(dir) ?? configured,
        orderKey: journalOrderKey(journal, path.basename(absPath)),
      };
    }
    // drizzle-kit's folder layout: `<out>/<timestamp>_<name>/migration.sql` beside its `snapshot.json`.
    if (path.basename(absPath) === 'migration.sql' && readIfExists(path.join(dir, 'snapshot.json')) !== null) {
      return { kind: 'drizzle', dialect: overridden ?? this.declaredDialect(path.dirname(dir)) ?? configured };
    }
    return { kind: 'sql', dialect: this.cliDialect ?? overridden ?? named ?? settings.dialect };
  }

  private journal(dir: string): Journal | null {
    if (!this.journals.has(dir)) {
      const text = readIfExists(path.join(dir, JOURNAL));
      this.journals.set(dir, text === null ? null : parseJournal(text));
    }
    return this.journals.get(dir)!;
  }

  private declaredDialect(dir: string): Dialect | null {
    if (!this.declared.has(dir)) this.declared.set(dir, declaredDialect(dir, readIfExists));
    return this.declared.get(dir)!;
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

import type { Operation, Phase, Span } from './operations.js';

/**
 * `script`: a TS/JS migration (Knex, TypeORM, Sequelize, node-pg-migrate, Kysely, MikroORM); `drizzle`: a drizzle-kit SQL migration.
 * `deploy` and `test` files are no migrations: the commands and fixtures that run them (rules destructive-command, unguarded-teardown).
 */
export type Format = 'sql' | 'prisma' | 'alembic' | 'script' | 'drizzle' | 'deploy' | 'test';

export type Dialect = 'postgresql' | 'cockroachdb' | 'mysql' | 'sqlite' | 'sqlserver' | 'clickhouse';

export const DIALECTS: readonly Dialect[] = ['postgresql', 'cockroachdb', 'mysql', 'sqlite', 'sqlserver', 'clickhouse'];

/** A file as read from disk (or standard input). */
export interface SourceFile {
  /** Path as shown to the user: relative to the working directory, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

/** A `droplint-ignore` comment, already tied to what it covers. */
export interface Suppression {
  /** The comment itself. */
  readonly span: Span;
  /** Rule ids it names; empty means every rule. */
  readonly rules: readonly string[];
  readonly reason: string | null;
  /** `file` covers the whole file; otherwise `target` is the statement or call covered. */
  readonly scope: 'file' | 'statement';
  readonly target: Span | null;
  /** Why the comment cannot take effect where it stands, if it cannot. */
  readonly problem: string | null;
}

/** A data-loss warning that Prisma itself wrote into the migration's header comment. */
export interface PrismaWarning {
  readonly span: Span;
  readonly text: string;
  /** What the warning is about, when it names a dropped table or column. */
  readonly kind: 'drop-table' | 'drop-column' | 'other';
  readonly table: string | null;
  readonly column: string | null;
  /**
   * What Prisma says may happen: rows or values lost (`data-loss`: "will be
   * lost", "could be lost"), or the migration failing on existing data and
   * changing nothing (`may-fail`: a unique constraint over duplicates, a
   * required column without default, removed enum values still in use).
   */
  readonly consequence: 'data-loss' | 'may-fail';
}

/** How a raw SQL file names its versions: decides ordering and phase. */
export type SqlConvention = 'flyway' | 'golang-migrate' | 'dbmate' | 'plain';

/** An Alembic revision's place in the revision graph, as its module-level assignments say. */
export interface AlembicRevision {
  /** `revision`; null when it is not a plain string. */
  readonly id: string | null;
  readonly idSpan: Span;
  /** `down_revision`: empty for a base revision, several for a merge; null when not readable statically. */
  readonly downRevisions: readonly string[] | null;
  readonly downSpan: Span;
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
}

export type FormatMeta =
  /**
   * `versionFolder`: the file lies in a folder named for a release (`1.23.0/`,
   * `v2/`), beside the folders of the other releases: the folder above holds
   * the set, ordered by release, then by file. `variant`: the database a
   * file names as one of several per-database copies (`x.mysql.up.sql`
   * beside `x.postgres.up.sql`), each database's files a set of their own;
   * null when its name names none. `stepOf`: the version of the migration
   * this file is one step of, where a migration is split over several files
   * (popx's `<version><step>_name.up.sql`, a statement each); null for a file
   * that is a whole migration. `undoFolder`: for a downgrade below a folder
   * of undo scripts (Sqitch's `revert/`, `rollback_dbs/`), that folder's index
   * in the file's `/`-separated path: the upgrade it undoes is the file at the
   * same path below a sibling folder (`deploy/`, `init_dbs/`); else null.
   */
  | {
      readonly format: 'sql';
      readonly convention: SqlConvention;
      readonly versionFolder: boolean;
      readonly variant: string | null;
      readonly stepOf: string | null;
      /**
       * The file's name or folder gives it a version, a place in an ordered
       * series (`0042_x.sql`, `V3__x.sql`, a release folder); false for a
       * script of no order (`schema.sql`, `install_mysql.sql`).
       */
      readonly versioned: boolean;
      readonly undoFolder: number | null;
      /**
       * Read as PostgreSQL (or CockroachDB), and written in syntax only they
       * accept (`::` casts, `JSONB`, `BYTEA`, …) or named so by the file's
       * place (a `postgres/` folder), the config or `--dialect`: the dialect
       * is shown, not assumed by default.
       */
      readonly postgresShown: boolean;
    }
  | { readonly format: 'prisma'; readonly folder: string; readonly warnings: readonly PrismaWarning[] }
  | { readonly format: 'script' }
  /** `journal`: ordered by `meta/_journal.json`, rather than by folder name. */
  | { readonly format: 'drizzle'; readonly journal: boolean }
  /** `postgresShown`: the migration imports SQLAlchemy's PostgreSQL dialect (`from sqlalchemy.dialects import postgresql`). */
  | { readonly format: 'alembic'; readonly role: 'migration'; readonly revision: AlembicRevision; readonly postgresShown: boolean }
  /** An Alembic `env.py`: `urlOverrides` are the calls that set `sqlalchemy.url` unconditionally. */
  | { readonly format: 'alembic'; readonly role: 'env'; readonly urlOverrides: readonly Span[] }
  | { readonly format: 'deploy' }
  | { readonly format: 'test' };

/** One migration file, as every rule sees it. */
export interface MigrationUnit {
  readonly file: SourceFile;
  readonly format: Format;
  /** The SQL dialect of its statements; null when it has none. */
  readonly dialect: Dialect | null;
  /** Sorts the unit among the others of its migration set. */
  readonly orderKey: string;
  /** The phases the file contains. */
  readonly phases: readonly Phase[];
  readonly operations: readonly Operation[];
  readonly suppressions: readonly Suppression[];
  readonly meta: FormatMeta;
  /**
   * How the file changed since the git ref of `--changed-since`; absent
   * without that option and for files unchanged since the ref. `previousPath`
   * is the path at the ref of a `renamed` file (shown like `file.path`), else
   * null; `ref` is the ref as the user wrote it; `textChanged` is false only
   * for a rename that kept the text. A `deleted` unit is a "ghost": the file
   * as it was at the ref, under its old path; it is not on disk, never enters
   * the history replay, and only `history-rewrite` reads it.
   */
  readonly vcs?: {
    readonly status: 'added' | 'modified' | 'renamed' | 'deleted';
    readonly previousPath: string | null;
    readonly ref: string;
    readonly textChanged: boolean;
  };
}

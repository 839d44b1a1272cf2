/**
 * The shared intermediate representation: every front-end (SQL, Prisma,
 * Alembic, …) turns a migration into these operations, and every rule reads
 * only these. Names are unquoted identifiers with their case kept.
 */

/** Half-open range of UTF-16 offsets into the unit's source text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Which direction of the migration an operation runs in. */
export type Phase = 'upgrade' | 'downgrade' | 'none';

export interface TableRef {
  readonly schema: string | null;
  readonly name: string;
}

export interface ColumnDef {
  readonly name: string;
  /** The type as written, or null when the front-end does not know it. */
  readonly type: string | null;
}

interface OpBase {
  /** The exact text that performs the operation, as reported to the user. */
  readonly span: Span;
  readonly phase: Phase;
}

export interface CreateTableOp extends OpBase {
  readonly kind: 'create-table';
  readonly table: TableRef;
  readonly columns: readonly ColumnDef[];
}

export interface AddColumnOp extends OpBase {
  readonly kind: 'add-column';
  readonly table: TableRef;
  readonly column: ColumnDef;
}

export interface DropTableOp extends OpBase {
  readonly kind: 'drop-table';
  readonly table: TableRef;
}

export interface DropColumnOp extends OpBase {
  readonly kind: 'drop-column';
  readonly table: TableRef;
  readonly column: string;
}

/**
 * A table rebuilt under a temporary name and renamed back (SQLite's
 * "RedefineTables"): its rows survive, its columns become `columns`.
 */
export interface RedefineTableOp extends OpBase {
  readonly kind: 'redefine-table';
  readonly table: TableRef;
  readonly columns: readonly ColumnDef[];
  /**
   * Columns of the old table whose values are copied into the new one; the
   * others are lost. Null when the copy does not list them.
   */
  readonly keptColumns: readonly string[] | null;
}

export interface RenameTableOp extends OpBase {
  readonly kind: 'rename-table';
  readonly table: TableRef;
  readonly newName: string;
}

export interface RenameColumnOp extends OpBase {
  readonly kind: 'rename-column';
  readonly table: TableRef;
  readonly column: string;
  readonly newName: string;
}

export interface AlterColumnTypeOp extends OpBase {
  readonly kind: 'alter-column-type';
  readonly table: TableRef;
  readonly column: string;
  readonly newType: string;
}

export interface DropSchemaOp extends OpBase {
  readonly kind: 'drop-schema';
  readonly schema: string;
  readonly cascade: boolean;
}

export interface DropDatabaseOp extends OpBase {
  readonly kind: 'drop-database';
  readonly database: string;
}

export interface TruncateOp extends OpBase {
  readonly kind: 'truncate';
  readonly table: TableRef;
}

export interface DeleteOp extends OpBase {
  readonly kind: 'delete';
  readonly table: TableRef;
  readonly hasWhere: boolean;
}

/** `metadata.drop_all()`: every table the models know is dropped. */
export interface DropAllOp extends OpBase {
  readonly kind: 'drop-all';
  /** The expression it is called on, e.g. `Base.metadata`. */
  readonly target: string;
}

export interface CreateAllOp extends OpBase {
  readonly kind: 'create-all';
  readonly target: string;
}

/** A possibly destructive operation whose target cannot be known statically. */
export interface DynamicOp extends OpBase {
  readonly kind: 'dynamic';
  /** What runs, as the object of "migration runs …": "SQL built at run time (EXECUTE)". */
  readonly description: string;
}

/** Text that no parser accepted; it may hide anything. */
export interface UnparsedOp extends OpBase {
  readonly kind: 'unparsed';
  /** Why it could not be read, for the user. */
  readonly reason: string;
  /** The statement mentions DROP, TRUNCATE or DELETE, so it may destroy data. */
  readonly mayBeDestructive: boolean;
}

/**
 * A shell command that wipes or rewinds a database (`prisma migrate reset`,
 * `alembic downgrade base`, …), found in a deploy surface: a package.json
 * script, a Dockerfile, a platform config, a workflow, a Makefile, a script.
 */
export interface DestructiveCommandOp extends OpBase {
  readonly kind: 'destructive-command';
  /** The command as written, e.g. `prisma db push --accept-data-loss`. */
  readonly command: string;
  /** What it does to the database, as the object of "runs … , which …": "drops every table and re-applies the migrations". */
  readonly effect: string;
  /**
   * How a deploy, release, start or deploying CI job reaches it, entry point
   * first (`Dockerfile CMD`, `npm run start:prod`, …); null when none does.
   */
  readonly deployChain: readonly string[] | null;
  /** It runs against a throwaway database (a CI service on localhost, a `_test` database, SQLite in memory). */
  readonly throwaway: boolean;
}

/**
 * A test fixture or utility that drops everything (`metadata.drop_all()`,
 * `downgrade(…, "base")`, `prisma migrate reset`, `DROP SCHEMA … CASCADE`).
 */
export interface TeardownOp extends OpBase {
  readonly kind: 'teardown';
  /** What runs, e.g. "metadata.drop_all()". */
  readonly action: string;
  /**
   * Where the database it runs against comes from: the environment or the
   * application's settings (anything the deploy also reads), a variable named
   * for tests (`TEST_DATABASE_URL`), or a throwaway database.
   */
  readonly database: 'environment' | 'test-variable' | 'throwaway';
  /** A check before it refuses to run unless the database looks like a test one. */
  readonly guarded: boolean;
  /** An Alembic `env.py` of the project that overwrites the URL the caller passes, as `path:line`; else null. */
  readonly urlOverride: string | null;
}

export type Operation =
  | CreateTableOp
  | AddColumnOp
  | DropTableOp
  | DropColumnOp
  | RedefineTableOp
  | RenameTableOp
  | RenameColumnOp
  | AlterColumnTypeOp
  | DropSchemaOp
  | DropDatabaseOp
  | TruncateOp
  | DeleteOp
  | DropAllOp
  | CreateAllOp
  | DynamicOp
  | UnparsedOp
  | DestructiveCommandOp
  | TeardownOp;

export type OperationKind = Operation['kind'];

/** Compile-time guard for exhaustive switches over the union. */
export function assertNever(value: never): never {
  throw new Error(`unhandled operation: ${JSON.stringify(value)}`);
}

/** The table whose rows an operation can destroy, if it names one. */
export function destroyedTable(op: Operation): TableRef | null {
  switch (op.kind) {
    case 'drop-table':
    case 'drop-column':
    case 'truncate':
    case 'delete':
      return op.table;
    case 'alter-column-type':
    case 'create-table':
    case 'add-column':
    case 'redefine-table':
    case 'rename-table':
    case 'rename-column':
    case 'drop-schema':
    case 'drop-database':
    case 'drop-all':
    case 'create-all':
    case 'dynamic':
    case 'unparsed':
    case 'destructive-command':
    case 'teardown':
      return null;
    default:
      return assertNever(op);
  }
}

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
 * "RedefineTables", and the same create-copy-drop-rename written by hand in
 * any dialect): its rows survive, its columns become `columns`.
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
  /** The clause that leaves rows out of the copy (`WHERE`, …): those rows are lost. Null when every row is copied. */
  readonly limitedBy: string | null;
}

/** One column a copy writes, and the columns its value is computed from. */
export interface CopiedColumn {
  /** The column written; null when an `INSERT` names no columns (the values fill them in order). */
  readonly target: string | null;
  /** Columns of the source table the value reads (`f(old)` reads `old`). */
  readonly sources: readonly string[];
}

/**
 * Values copied from one table into another, or within one table:
 * `UPDATE t SET new = f(old)`, `INSERT INTO a (…) SELECT … FROM b`,
 * `CREATE TABLE a AS SELECT … FROM b`, `SELECT … INTO a FROM b`.
 */
export interface CopyValuesOp extends OpBase {
  readonly kind: 'copy-values';
  /** The table written. */
  readonly table: TableRef;
  /** The table read: the written table itself for `UPDATE … SET`. */
  readonly source: TableRef;
  /** What each written column reads; null when every column is copied as it is (`SELECT *`). */
  readonly columns: readonly CopiedColumn[] | null;
  /** The clause that may leave rows out of the copy (`WHERE`, `JOIN`, `LIMIT`, …); null when every row is copied. */
  readonly limitedBy: string | null;
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

export type Operation =
  | CreateTableOp
  | AddColumnOp
  | DropTableOp
  | DropColumnOp
  | RedefineTableOp
  | CopyValuesOp
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
  | UnparsedOp;

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
    case 'copy-values':
    case 'rename-table':
    case 'rename-column':
    case 'drop-schema':
    case 'drop-database':
    case 'drop-all':
    case 'create-all':
    case 'dynamic':
    case 'unparsed':
      return null;
    default:
      return assertNever(op);
  }
}

/**
 * Whether two references name one table: `public.users`, `users` and `USERS`
 * are the same (unquoted names fold, and the IR does not keep the quoting).
 */
export function sameTable(a: TableRef, b: TableRef): boolean {
  return tableKey(a) === tableKey(b);
}

/** Schemas SQL resolves an unqualified name to. */
const DEFAULT_SCHEMAS = new Set(['public', 'dbo', 'main']);

export function normalSchema(schema: string | null): string {
  return schema === null || DEFAULT_SCHEMAS.has(schema.toLowerCase()) ? '' : schema.toLowerCase();
}

/** One string per table, however it is written (see `sameTable`): a map key. */
export function tableKey(table: TableRef): string {
  return `${normalSchema(table.schema)}\u0000${table.name.toLowerCase()}`;
}

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
  /**
   * Set when the column must hold a value and gets none from the database:
   * `NOT NULL` (or a primary key) without `DEFAULT`, an identity, a generated
   * expression or a serial type. Added to a table that has rows, PostgreSQL
   * refuses it.
   */
  readonly requiredWithoutDefault?: true;
  /** The default when it is one literal (`DEFAULT '[]'`, `DEFAULT 0`): its kind and value (`string:[]`); else absent. */
  readonly defaultLiteral?: string;
  /**
   * Set when the database computes the value from the row's other columns
   * (`GENERATED ALWAYS AS (…)`, `AS (…)`, ClickHouse `MATERIALIZED …` or
   * `ALIAS …`, SQLAlchemy `sa.Computed(…)`): it holds nothing they do not.
   */
  readonly computed?: true;
  /** Set when a column is added with no default of any kind (nor generated): every row it is added to holds NULL in it. */
  readonly withoutDefault?: true;
  /**
   * Set when the database numbers the column itself: a serial type,
   * `AUTO_INCREMENT`, an identity, `DEFAULT nextval(…)`, SQLite's `INTEGER
   * PRIMARY KEY`. A row copied without it gets a new number.
   */
  readonly generatedKey?: true;
}

interface OpBase {
  /** The exact text that performs the operation, as reported to the user. */
  readonly span: Span;
  readonly phase: Phase;
  /**
   * The arms of `if`/`elif`/`else` the operation lies in, outermost first, each
   * `<construct>:<arm>`: two operations on different arms of one construct
   * never both run (see `exclusive`). Absent outside any branch.
   */
  readonly branch?: readonly string[];
  /**
   * Set when the operation is in the body of a function or procedure that the
   * migration defines but does not run (nothing in its file calls it, nor
   * names it in a trigger, a default or an index): the routine's name. It
   * runs whenever something calls it, not when the migration does. As
   * `function name` or `procedure name`.
   */
  readonly definedIn?: string;
}

/** Whether two operations lie on different arms of one `if` (a copy on one cannot keep what a drop on the other removes). */
export function exclusive(a: Operation, b: Operation): boolean {
  if (a.branch === undefined || b.branch === undefined) return false;
  for (const arm of a.branch) {
    const construct = arm.slice(0, arm.lastIndexOf(':'));
    if (b.branch.some((other) => other !== arm && other.slice(0, other.lastIndexOf(':')) === construct)) return true;
  }
  return false;
}

export interface CreateTableOp extends OpBase {
  readonly kind: 'create-table';
  readonly table: TableRef;
  readonly columns: readonly ColumnDef[];
  /**
   * Set when what is created never stores rows, so dropping it loses none:
   * a ClickHouse `Null`-engine table (rows pass through to materialized views)
   * or a materialized view writing `TO` another table.
   */
  readonly rowless?: 'null-engine' | 'materialized-view';
  /**
   * Set for a ClickHouse materialized view: `to`, the table it writes its rows
   * into (`TO t`; then it is also `rowless`), else null; `populate` when
   * `POPULATE` fills it from its query at creation; `source`, the table its
   * query reads rows from as they are inserted (`FROM src`), when it reads one.
   */
  readonly materializedView?: { readonly to: TableRef | null; readonly populate: boolean; readonly source: TableRef | null };
  /**
   * A ClickHouse table's `TTL` (`TTL ts + INTERVAL 30 DAY`): how long its rows
   * are kept, in seconds; null for a TTL droplint cannot read; absent when the
   * table keeps its rows for good.
   */
  readonly ttlSeconds?: number | null;
  /** Written `IF NOT EXISTS`: the migration expects that the table may exist already. */
  readonly ifNotExists?: true;
  /**
   * SQLite's `CREATE VIRTUAL TABLE t USING fts5(…)` (or fts3, fts4): a
   * full-text index whose rows are the application's text kept for searching,
   * which it writes from the tables that hold it.
   */
  readonly fullTextIndex?: true;
  /** What its foreign keys name (`REFERENCES t (id)`, `sa.ForeignKey("t.id")`): those tables exist when it is created. */
  readonly references?: readonly ForeignKeyTarget[];
}

/** What a foreign key refers to: a table, and its columns (null when not listed: the table's primary key). */
export interface ForeignKeyTarget {
  readonly table: TableRef;
  readonly columns: readonly string[] | null;
  /** The columns of the referring table that hold the reference, where the SQL names them (`FOREIGN KEY (a)`, `a int REFERENCES …`). */
  readonly from?: readonly string[];
}

/** `ALTER TABLE t ADD [CONSTRAINT c] FOREIGN KEY (…) REFERENCES other (…)`, or a column added with `REFERENCES`. */
export interface AddForeignKeyOp extends OpBase {
  readonly kind: 'add-foreign-key';
  /** The table whose rows refer. */
  readonly table: TableRef;
  readonly references: ForeignKeyTarget;
}

export interface AddColumnOp extends OpBase {
  readonly kind: 'add-column';
  readonly table: TableRef;
  readonly column: ColumnDef;
}

export interface DropTableOp extends OpBase {
  readonly kind: 'drop-table';
  readonly table: TableRef;
  /** Written to do nothing where the table is missing (`DROP TABLE IF EXISTS`, Knex's `dropTableIfExists`). */
  readonly ifExists?: boolean;
}

export interface DropColumnOp extends OpBase {
  readonly kind: 'drop-column';
  readonly table: TableRef;
  readonly column: string;
  /** Written to do nothing where the column is missing (`DROP COLUMN IF EXISTS`). */
  readonly ifExists?: boolean;
  /**
   * Set when the column is `id` and the same statement adds a primary key on
   * other columns (`DROP COLUMN id, ADD PRIMARY KEY (a, b)`), without
   * `CASCADE`: those columns. The column was the surrogate key the new one
   * replaces, and no foreign key refers to it: the database refuses the drop
   * if one does.
   */
  readonly replacedByKey?: readonly string[];
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
  /** The table the rows were copied into, under the name it had until renamed to `table` (`new_User`). */
  readonly builtAs: TableRef;
  /** The columns of that table the copy fills; null when it fills every one (`SELECT *`, an `INSERT` naming no columns). */
  readonly filled: readonly string[] | null;
  /**
   * Set when the copy's `WHERE` only requires foreign keys of the new table to
   * hold a value (`WHERE performer_id IS NOT NULL`): the rows it leaves out
   * refer to nothing. Those columns.
   */
  readonly onlyNullKeysLeft?: readonly string[];
}

/** One column a copy writes, and the columns its value is computed from. */
export interface CopiedColumn {
  /** The column written; null when an `INSERT` names no columns (the values fill them in order). */
  readonly target: string | null;
  /** Columns of the source table the value reads (`f(old)` reads `old`). */
  readonly sources: readonly string[];
  /**
   * The value as an expression of the source's columns, to compare with a
   * join's key (`CopyValuesOp.joinedBy`): the source's qualifiers dropped,
   * names in lower case, tokens one space apart (`'doc_' || d."id"` →
   * `'doc_' || id`). Absent when it reads another table's columns.
   */
  readonly reads?: string;
}

/**
 * `INNER JOIN table ON table.a = <an expression of the source's columns> [AND
 * table.b = <a constant>, …]`: each column and what it is compared with, as
 * `CopiedColumn.reads` writes it.
 */
export interface JoinKey {
  readonly table: TableRef;
  readonly equals: ReadonlyArray<{ readonly column: string; readonly on: string }>;
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
  /**
   * When `limitedBy` is a `WHERE` that only requires source columns to hold a
   * value (`WHERE a IS NOT NULL AND …`): those columns. A row it leaves out has
   * nothing in them to lose.
   */
  readonly onlyNonNull?: readonly string[];
  /**
   * When `limitedBy` is a `WHERE` of `IS NOT NULL` checks joined by OR (`WHERE
   * a IS NOT NULL OR b IS NOT NULL`): those columns. A row it leaves out holds
   * nothing in any of them.
   */
  readonly eitherNonNull?: readonly string[];
  /**
   * When `limitedBy` is a `WHERE` of `IS NULL` checks on columns the copy
   * writes (a backfill: `UPDATE t SET new = old WHERE new IS NULL`), and
   * besides only `onlyNonNull`'s checks: those columns. Whether they leave out
   * rows depends on the migration's earlier steps: read the copy through
   * `effectiveCopy`, which also drops `onlyNonNull` where they may.
   */
  readonly whileNull?: readonly string[];
  /**
   * When `limitedBy` is a `WHERE` that only leaves out the rows where a source
   * column holds one literal (`WHERE old <> '[]'`): that column and literal
   * (as `ColumnDef.defaultLiteral` writes it). A row it leaves out keeps that value where the column's
   * default is the same literal.
   */
  readonly skipsOnly?: { readonly column: string; readonly literal: string };
  /**
   * Set when the copy writes constants on the rows where its one source column,
   * a boolean, is true (or false): `UPDATE t SET status = 'approved' WHERE
   * is_approved`; or writes a row for each row where it is (`INSERT INTO
   * public_repos (repo_id) SELECT id FROM repos WHERE is_public`), the boolean
   * then read last, into no column. Written into columns that held nothing
   * before, or a table that held no rows, the constants or rows hold the boolean.
   */
  readonly encodesBoolean?: true;
  /**
   * When `limitedBy` is one INNER JOIN on a key (and nothing else limits the
   * rows): that key. It keeps every source row when the same migration first
   * copied every source row into the joined table, writing into each key
   * column what the join compares it with (a mapping table, or rows derived
   * from the source): read the copy through `effectiveCopy`.
   */
  readonly joinedBy?: JoinKey;
}

/**
 * Rows written into a table from values the migration computes at run time
 * (Sequelize's `bulkInsert(t, rows)` with rows not written out in the file):
 * they may be rows it read from the database first, so a table emptied before
 * holds more than what the migration wrote.
 */
export interface InsertRowsOp extends OpBase {
  readonly kind: 'insert-rows';
  readonly table: TableRef;
  /** The table the rows were read from, where a `SELECT … FROM t` the same file runs before shows it; else null. */
  readonly readFrom: TableRef | null;
}

/**
 * `UPDATE t SET column = value` on every row (no `WHERE`, or one that holds
 * for every row), where the value is not computed from the column itself
 * (`NULL`, `'pending'`, `other_col`): whatever the column held is replaced.
 * One per such column; a value read from other columns is also a copy
 * (`copy-values`).
 */
export interface OverwriteColumnOp extends OpBase {
  readonly kind: 'overwrite-column';
  readonly table: TableRef;
  readonly column: string;
  /** The value written, as the statement writes it; a constant from code as SQL writes it (`NULL`, `'O''Brien'`: see `sqlStringLiteral`). */
  readonly value: string;
}

/** A string as an SQL literal: `O'Brien` → `'O''Brien'`. */
export function sqlStringLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export interface RenameTableOp extends OpBase {
  readonly kind: 'rename-table';
  readonly table: TableRef;
  readonly newName: string;
  /** Set when the table moves to another schema too (`ALTER TABLE … SET SCHEMA s`, MySQL `RENAME TABLE a.t TO b.t`). */
  readonly newSchema?: string;
}

/** The table a rename leaves: its new name, in its new schema if it moves. */
export function renamedTable(op: RenameTableOp): TableRef {
  return { schema: op.newSchema ?? op.table.schema, name: op.newName };
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

/** `CREATE SCHEMA`, or `CREATE DATABASE` (a namespace of tables too): empty when made. */
export interface CreateSchemaOp extends OpBase {
  readonly kind: 'create-schema';
  readonly schema: string;
  /** Written `IF NOT EXISTS`: the schema may have existed, and held data, before. */
  readonly ifNotExists: boolean;
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
  /** False also when the `WHERE` holds for every row (`WHERE true`, `WHERE 1 = 1`); then `alwaysTrue` is set. */
  readonly hasWhere: boolean;
  readonly alwaysTrue?: true;
  /**
   * Set when the `WHERE` deletes every row but those holding one value in a
   * column (`WHERE deleted`, `WHERE active = FALSE`, `WHERE timeframe <> 'All'`):
   * that column. The rows left hold that value (or nothing) in it.
   */
  readonly flag?: string;
}

/**
 * A partition's rows are removed: MySQL and ClickHouse `DROP PARTITION`,
 * `TRUNCATE PARTITION`, ClickHouse `DROP PART` and `DELETE IN PARTITION … WHERE <always true>`.
 */
export interface DropPartitionOp extends OpBase {
  readonly kind: 'drop-partition';
  readonly table: TableRef;
  /** The partition as written (a name, an expression, a part's name). */
  readonly partition: string;
}

/** ClickHouse `ALTER TABLE … MODIFY TTL` (`ttlSeconds` as for `CreateTableOp`) or `REMOVE TTL` (absent): how long rows are kept from now on. */
export interface SetTtlOp extends OpBase {
  readonly kind: 'set-ttl';
  readonly table: TableRef;
  readonly ttlSeconds?: number | null;
}

/** The kinds of object whose `DROP … CASCADE` also drops the columns (or tables) that depend on them. */
export type CascadeObjectKind = 'type' | 'domain' | 'extension' | 'function' | 'collation';

/** `DROP TYPE|DOMAIN|EXTENSION|FUNCTION|COLLATION … CASCADE`: dependent columns go with it. */
export interface DropCascadeOp extends OpBase {
  readonly kind: 'drop-cascade';
  readonly objectKind: CascadeObjectKind;
  readonly schema: string | null;
  readonly name: string;
}

/**
 * `CREATE [OR REPLACE] FUNCTION`: what a later `DROP FUNCTION … CASCADE` can
 * take with it. Only triggers depend on a trigger function (`RETURNS
 * trigger`): dropping it takes no column.
 */
export interface CreateFunctionOp extends OpBase {
  readonly kind: 'create-function';
  readonly schema: string | null;
  readonly name: string;
  readonly returnsTrigger: boolean;
}

/** `metadata.drop_all()`: every table the models know is dropped. */
export interface DropAllOp extends OpBase {
  readonly kind: 'drop-all';
  /** The expression it is called on, e.g. `Base.metadata`. */
  readonly target: string;
  /** The method, when it is not `drop_all` (Sequelize's `queryInterface.dropAllTables()`). */
  readonly method?: string;
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
  | CopyValuesOp
  | InsertRowsOp
  | OverwriteColumnOp
  | RenameTableOp
  | RenameColumnOp
  | AlterColumnTypeOp
  | CreateSchemaOp
  | DropSchemaOp
  | DropDatabaseOp
  | TruncateOp
  | DeleteOp
  | DropPartitionOp
  | SetTtlOp
  | AddForeignKeyOp
  | DropCascadeOp
  | CreateFunctionOp
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
    case 'overwrite-column':
    case 'truncate':
    case 'delete':
    case 'drop-partition':
      return op.table;
    case 'alter-column-type':
    case 'set-ttl':
    case 'add-foreign-key':
    case 'create-table':
    case 'add-column':
    case 'redefine-table':
    case 'copy-values':
    case 'insert-rows':
    case 'rename-table':
    case 'rename-column':
    case 'create-schema':
    case 'drop-schema':
    case 'drop-database':
    case 'drop-cascade':
    case 'create-function':
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

/**
 * Whether two references name one table: `public.users`, `users` and `USERS`
 * are the same (unquoted names fold, and the IR does not keep the quoting).
 */
export function sameTable(a: TableRef, b: TableRef): boolean {
  return tableKey(a) === tableKey(b);
}

/** Schemas SQL resolves an unqualified name to. */
const DEFAULT_SCHEMAS = new Set(['public', 'dbo', 'main', 'default']);

/** A placeholder a migration tool fills in with the database it runs on (`${schema}`, `{db:Identifier}`, bun's `?DB`, psql's `:schema`). */
const SCHEMA_PLACEHOLDER = /^(?:\$?\{.*\}|\?\w+|:"?\w+"?)$/;

export function normalSchema(schema: string | null): string {
  return schema === null || DEFAULT_SCHEMAS.has(schema.toLowerCase()) || SCHEMA_PLACEHOLDER.test(schema) ? '' : schema.toLowerCase();
}

/** One string per table, however it is written (see `sameTable`): a map key. */
export function tableKey(table: TableRef): string {
  return `${normalSchema(table.schema)}\u0000${table.name.toLowerCase()}`;
}

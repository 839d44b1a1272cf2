import type { TableRef } from '../ir/operations.js';

/** What kind of database object a finding is about. */
export type DbObjectKind = 'table' | 'column' | 'schema' | 'database' | 'type' | 'domain' | 'extension' | 'function' | 'collation' | 'partition' | 'view';

/**
 * The database object a finding is about, as machine output describes it:
 * names unquoted and as written (case kept), each null when it does not
 * apply. `name` is the object's own name: the table's, the column's, the
 * type's. Rules build it with the helpers below, so that each report says
 * what it is about in one short expression.
 */
export interface DbObject {
  readonly kind: DbObjectKind;
  readonly schema: string | null;
  readonly table: string | null;
  readonly column: string | null;
  readonly name: string;
}

export function onTable(table: TableRef): DbObject {
  return { kind: 'table', schema: table.schema, table: table.name, column: null, name: table.name };
}

export function onColumn(table: TableRef, column: string): DbObject {
  return { kind: 'column', schema: table.schema, table: table.name, column, name: column };
}

export function onSchema(schema: string): DbObject {
  return { kind: 'schema', schema, table: null, column: null, name: schema };
}

export function onDatabase(database: string): DbObject {
  return { kind: 'database', schema: null, table: null, column: null, name: database };
}

/** An object in a schema that is neither a table nor a column: a type, a domain, an extension, a view. */
export function onSchemaObject(
  kind: Exclude<DbObjectKind, 'table' | 'column' | 'schema' | 'database' | 'partition'>,
  schema: string | null,
  name: string,
): DbObject {
  return { kind, schema, table: null, column: null, name };
}

/** A partition of a table. */
export function onPartition(table: TableRef, partition: string): DbObject {
  return { kind: 'partition', schema: table.schema, table: table.name, column: null, name: partition };
}

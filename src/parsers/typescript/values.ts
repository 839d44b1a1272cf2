import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ColumnDef, Operation, Span, TableRef } from '../../ir/operations.js';
import type { JsString } from './strings.js';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/**
 * What an expression is known to be, as far as a migration's effect on the
 * database goes. Anything else is `unknown`: never guessed.
 */
export type Value =
  | { readonly kind: 'string'; readonly value: JsString }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'array'; readonly items: readonly Value[] }
  /** `node`: the literal, for an object a file exports by name (`module.exports = migration`). */
  | { readonly kind: 'object'; readonly props: ReadonlyMap<string, Value>; readonly node?: TSESTree.ObjectExpression }
  /** The database handle (`knex`, `queryRunner`, `queryInterface`, `pgm`, `db`, a transaction) or a part of it (`knex.schema`). */
  | { readonly kind: 'handle'; readonly schema: string | null }
  /** `this` in a MikroORM or TypeORM migration class: its own methods, and `addSql`/`execute`. */
  | {
      readonly kind: 'self';
      readonly methods: ReadonlyMap<string, FunctionNode>;
      readonly declaration: TSESTree.ClassDeclaration | TSESTree.ClassExpression;
      /** The scope the class is declared in, which its methods see. */
      readonly scope: Scope;
    }
  /** A table query (`knex('t')`, Kysely's `db.deleteFrom('t')`), read to its end before it counts. */
  | { readonly kind: 'query'; readonly table: TableTarget; readonly state: QueryState; span: Span }
  /** A schema builder bound to one table: Knex's `table`/`createTable` callback parameter, Kysely's `alterTable('t')`. */
  | { readonly kind: 'table-builder'; readonly table: TableTarget; readonly creating: ColumnDef[] | null }
  /** A column Knex's `table()` callback adds, unless its chain ends in `.alter()`. */
  | { readonly kind: 'column'; readonly pending: PendingColumn }
  /** SQL already handed to the SQL front-end (`` sql`…` ``), so not reported again where it is run. */
  | { readonly kind: 'sql-run' }
  | { readonly kind: 'function'; readonly node: FunctionNode; readonly scope: Scope }
  /** A function imported from elsewhere, by name (for wording only). */
  | { readonly kind: 'imported'; readonly name: string }
  | { readonly kind: 'unknown' };

export interface PendingColumn {
  readonly kind: 'column';
  readonly op: Operation;
  altered: boolean;
}

export interface QueryState {
  hasWhere: boolean;
  action: 'delete' | 'truncate' | 'update' | null;
  /** What an update writes (`.update({ col: value })`, Kysely's `.set({ … })`), by column. */
  readonly assigned: Map<string, Value>;
}

/** A table as an argument names it: known, or computed at run time. */
export type TableTarget = TableRef | null;

export const UNKNOWN: Value = { kind: 'unknown' };

/** Names bound in a function or the module; a lookup walks outwards. */
export class Scope {
  private readonly names = new Map<string, Value | (() => Value)>();
  /** The file whose top-level scope this one is, or is inside of. */
  readonly module: string | null;

  constructor(
    private readonly parent: Scope | null,
    module: string | null = null,
  ) {
    this.module = parent?.module ?? module;
  }

  set(name: string, value: Value | (() => Value)): void {
    this.names.set(name, value);
  }

  get(name: string): Value {
    const bound = this.names.get(name);
    if (bound === undefined) return this.parent?.get(name) ?? UNKNOWN;
    if (typeof bound !== 'function') return bound;
    // Module-level constants are evaluated when first used; a cycle reads as unknown.
    this.names.set(name, UNKNOWN);
    const value = bound();
    this.names.set(name, value);
    return value;
  }

  child(): Scope {
    return new Scope(this);
  }
}

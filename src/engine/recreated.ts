import type { CopyValuesOp, CreateTableOp, DropTableOp, Operation, RedefineTableOp, RenameTableOp, TableRef } from '../ir/operations.js';
import { renamedTable, sameTable, tableKey } from '../ir/operations.js';
import type { RuleContext } from './rule.js';

/** The operations after `op` in the same migration and phase. */
export function later(op: Operation, ctx: RuleContext): Operation[] {
  const ops = ctx.history.migrationOperations(ctx.unit);
  return ops.slice(ops.indexOf(op) + 1).filter((o) => o.phase === op.phase);
}

/** The earlier step of the same migration and phase that renamed a table to the dropped name (`rename_table("t", "t_tmp")` to rebuild `t`), if any. */
export function renamedEarlier(op: DropTableOp, ctx: RuleContext): RenameTableOp | null {
  const ops = ctx.history.migrationOperations(ctx.unit);
  const renames = ops.slice(0, ops.indexOf(op)).filter((o): o is RenameTableOp => o.phase === op.phase && o.kind === 'rename-table');
  return renames.findLast((o) => sameTable(renamedTable(o), op.table)) ?? null;
}

/** The creation of a dropped name later in the same migration and phase, if any. */
export function recreation(op: DropTableOp, ctx: RuleContext): CreateTableOp | null {
  return later(op, ctx).find((o): o is CreateTableOp => o.kind === 'create-table' && sameTable(o.table, op.table)) ?? null;
}

/**
 * What makes a dropped name exist again later in the same migration and phase
 * (created, renamed to, or built as the copy of a table rebuilt by
 * copy-then-swap: `CREATE TABLE t_temp …; INSERT INTO t_temp SELECT … FROM t;
 * DROP TABLE t; ALTER TABLE t_temp RENAME TO t`), if anything.
 */
export function remade(op: DropTableOp, ctx: RuleContext): CreateTableOp | RenameTableOp | RedefineTableOp | null {
  return later(op, ctx).find((o): o is CreateTableOp | RenameTableOp | RedefineTableOp => makes(o, op.table)) ?? null;
}

/**
 * Whether the migration uses a name it drops `IF EXISTS` as scratch: it makes
 * a table of that name later in the phase and has removed it again by the
 * phase's end (dropped, renamed away, or swapped into the table it rebuilds):
 * `DROP TABLE IF EXISTS _user_old; ALTER TABLE user RENAME TO _user_old; …;
 * DROP TABLE _user_old`.
 */
export function usedAsScratch(op: DropTableOp, ctx: RuleContext): boolean {
  let stands: boolean | null = null;
  for (const o of later(op, ctx)) {
    if (makes(o, op.table)) stands = o.kind !== 'redefine-table';
    else if (stands === true && ((o.kind === 'drop-table' && sameTable(o.table, op.table)) || (o.kind === 'rename-table' && sameTable(o.table, op.table))))
      stands = false;
  }
  return stands === false;
}

/** Whether `o` makes a table of this name exist (see `remade`). */
function makes(o: Operation, table: TableRef): boolean {
  return (
    (o.kind === 'create-table' && sameTable(o.table, table)) ||
    (o.kind === 'rename-table' && sameTable(renamedTable(o), table)) ||
    (o.kind === 'redefine-table' && sameTable(o.builtAs, table))
  );
}

/**
 * Whether a dropped name is re-created later in the same migration and phase
 * as a ClickHouse materialized view whose rows come from its query: one writing
 * `TO` a table (it holds none) or one filled by `POPULATE`. That is how
 * ClickHouse migrations change a view's query. What was dropped was such a
 * view, unless the history knows a table of rows by that name.
 */
export function recreatedAsView(op: DropTableOp, ctx: RuleContext): boolean {
  const created = ctx.history.tableBefore(op)?.createdBy?.op;
  if (created !== undefined && !(created.kind === 'create-table' && created.materializedView !== undefined)) return false;
  const view = recreation(op, ctx)?.materializedView;
  return view !== undefined && (view.to !== null || view.populate);
}

/**
 * Whether the migration builds its schema from nothing: it creates two or
 * more tables in the phase, and drops each `IF EXISTS` before creating it
 * (`DROP TABLE IF EXISTS t; CREATE TABLE t …`, table after table), as an
 * install script or a schema dump does.
 */
export function buildsEveryTableAfresh(ctx: RuleContext, phase: Operation['phase']): boolean {
  const ops = ctx.history.migrationOperations(ctx.unit);
  let phases = afresh.get(ops);
  if (phases === undefined) afresh.set(ops, (phases = new Map<Operation['phase'], boolean>()));
  let answer = phases.get(phase);
  if (answer === undefined) phases.set(phase, (answer = dropsBeforeEachCreate(ops.filter((o) => o.phase === phase))));
  return answer;
}

/** `buildsEveryTableAfresh`'s answers, by a migration's operations and phase: a dump asks once per table it drops. */
const afresh = new WeakMap<readonly Operation[], Map<Operation['phase'], boolean>>();

/** Whether two or more tables are created, each right after a `DROP TABLE IF EXISTS` of it (nothing making it in between). */
function dropsBeforeEachCreate(ops: readonly Operation[]): boolean {
  // The last step that touched each name: dropped if it exists, or made.
  const last = new Map<string, 'dropped' | 'made'>();
  let created = 0;
  for (const o of ops) {
    if (o.kind === 'drop-table' && o.ifExists === true) last.set(tableKey(o.table), 'dropped');
    else if (o.kind === 'create-table') {
      if (last.get(tableKey(o.table)) !== 'dropped') return false;
      created++;
      last.set(tableKey(o.table), 'made');
    } else if (o.kind === 'rename-table') last.set(tableKey(renamedTable(o)), 'made');
    else if (o.kind === 'redefine-table') last.set(tableKey(o.builtAs), 'made');
  }
  return created >= 2;
}

/** The copy that fills a table as it is created (`CREATE TABLE t AS SELECT …`): the next operation, at the same place. */
function filledAtCreation(ops: readonly Operation[], created: Operation): CopyValuesOp | null {
  const next = ops[ops.indexOf(created) + 1];
  if (created.kind !== 'create-table' || next?.kind !== 'copy-values' || next.span.start !== created.span.start) return null;
  return sameTable(next.table, created.table) ? next : null;
}

/**
 * A snapshot refreshed: the history last created the dropped table as the
 * rows of a query (`CREATE TABLE t AS SELECT * FROM t_view`), and the same
 * migration and phase creates it again from a query over the same source, as
 * projects keep a cache of a view. Then the source that both read from; else null.
 */
export function refreshedSnapshot(op: DropTableOp, ctx: RuleContext): TableRef | null {
  const creation = ctx.history.tableBefore(op)?.createdBy;
  if (!creation) return null;
  const source = filledAtCreation(ctx.history.migrationOperations(creation.unit), creation.op)?.source;
  const again = recreation(op, ctx);
  if (source === undefined || again === null) return null;
  const refill = filledAtCreation(ctx.history.migrationOperations(ctx.unit), again);
  return refill !== null && sameTable(refill.source, source) ? source : null;
}

import type { Operation } from '../../ir/operations.js';

/** The name a part of SQL computed at run time stands as: no migration names a table or column so. */
export const RUNTIME_NAME = '__droplint_runtime_';

/**
 * The operations of SQL read with each part computed at run time written as a
 * `RUNTIME_NAME` (a JavaScript template's `${…}`, a Python f-string's `{…}`
 * that droplint cannot resolve). What does not touch such a part is read as
 * usual (`DELETE FROM t WHERE id = ${id}`, `ALTER TABLE t DROP CONSTRAINT
 * ${name}` around a table it names); what it can make destructive (a table or
 * column it names is dropped, or the statement cannot be read without knowing
 * it: `ALTER TABLE t ${action}`) is dynamic, `description` saying how the SQL
 * runs; creations and renames of what it names are not recorded.
 */
export function withRuntimeParts(operations: readonly Operation[], description: string): Operation[] {
  const out: Operation[] = [];
  for (const read of operations) {
    const op = withoutRuntimeExpressions(read);
    if (!JSON.stringify(op).includes(RUNTIME_NAME)) out.push(op);
    else if (losesData(op)) out.push({ kind: 'dynamic', span: op.span, phase: op.phase, description });
  }
  return out;
}

/**
 * A copy whose values or join key hold a run-time part (`SELECT id,
 * '${adminId}' FROM t`) still copies what it names: only those expressions
 * are unknown, and match no join's key.
 */
function withoutRuntimeExpressions(op: Operation): Operation {
  if (op.kind !== 'copy-values') return op;
  const { joinedBy, ...rest } = op;
  const columns = op.columns && op.columns.map(({ reads, ...column }) => (reads === undefined || reads.includes(RUNTIME_NAME) ? column : { ...column, reads }));
  const key = joinedBy !== undefined && !JSON.stringify(joinedBy).includes(RUNTIME_NAME) ? { joinedBy } : {};
  return { ...rest, columns, ...key };
}

/** What a run-time part can make destructive. */
function losesData(op: Operation): boolean {
  switch (op.kind) {
    case 'drop-table':
    case 'drop-column':
    case 'redefine-table':
    case 'drop-schema':
    case 'drop-database':
    case 'truncate':
    case 'drop-all':
    case 'dynamic':
    case 'alter-column-type':
    case 'unparsed':
      // Unparsed: a statement that cannot be read without the part, which may be any clause, a DROP COLUMN too.
      return true;
    case 'delete':
      return !op.hasWhere;
    default:
      return false;
  }
}

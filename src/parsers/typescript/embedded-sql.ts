import type { Operation, Phase } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { analyzeSql } from '../sql/analyze.js';
import { type JsString, layOut } from './strings.js';

const PLACEHOLDER = '__droplint_runtime_';

/**
 * SQL that a migration passes as a string (`knex.raw`, `queryRunner.query`,
 * `pgm.sql`, `` sql`…` ``), read by the SQL front-end with spans mapped into
 * the literal. A part computed at run time becomes a placeholder name: an
 * operation on it is dynamic, and one that does not touch it (`DELETE … WHERE
 * id = ${id}`) is read as usual.
 */
export async function embeddedSql(text: JsString, options: { dialect: Dialect; phase: Phase; via: string; fragment: boolean }): Promise<Operation[]> {
  const { text: sql, map, unknowns } = layOut(text, (n) => `${PLACEHOLDER}${n}`);
  const analysis = await analyzeSql(sql, { dialect: options.dialect, phase: options.phase, map });
  // A fragment (`visits v`, `now()`) is no statement, and says nothing of data unless it mentions a drop.
  const operations = options.fragment ? analysis.operations.filter((op) => op.kind !== 'unparsed' || op.mayBeDestructive) : analysis.operations;
  if (unknowns === 0) return operations;
  const out: Operation[] = [];
  for (const read of operations) {
    const op = withoutRuntimeExpressions(read);
    if (!JSON.stringify(op).includes(PLACEHOLDER)) out.push(op);
    else if (losesData(op)) out.push({ kind: 'dynamic', span: op.span, phase: op.phase, description: `SQL built at run time (${options.via})` });
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
  const columns = op.columns && op.columns.map(({ reads, ...column }) => (reads === undefined || reads.includes(PLACEHOLDER) ? column : { ...column, reads }));
  const key = joinedBy !== undefined && !JSON.stringify(joinedBy).includes(PLACEHOLDER) ? { joinedBy } : {};
  return { ...rest, columns, ...key };
}

/** What a run-time name can make destructive; creations and renames of an unknown table are simply not recorded. */
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
      return true;
    case 'delete':
      return !op.hasWhere;
    case 'unparsed':
      return op.mayBeDestructive;
    default:
      return false;
  }
}

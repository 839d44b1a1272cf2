import type { Operation, Phase } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { analyzeSql } from '../sql/analyze.js';
import { RUNTIME_NAME, withRuntimeParts } from '../sql/runtime-parts.js';
import { type JsString, layOut } from './strings.js';

/**
 * SQL that a migration passes as a string (`knex.raw`, `queryRunner.query`,
 * `pgm.sql`, `` sql`…` ``), read by the SQL front-end with spans mapped into
 * the literal. A part computed at run time becomes a placeholder name (see
 * `withRuntimeParts`).
 */
export async function embeddedSql(text: JsString, options: { dialect: Dialect; phase: Phase; via: string; fragment: boolean }): Promise<Operation[]> {
  const { text: sql, map, unknowns } = layOut(text, (n) => `${RUNTIME_NAME}${n}`);
  const analysis = await analyzeSql(sql, { dialect: options.dialect, phase: options.phase, map });
  // A fragment (`visits v`, `now()`) is no statement, and says nothing of data unless it mentions a drop.
  const operations = options.fragment ? analysis.operations.filter((op) => op.kind !== 'unparsed' || op.mayBeDestructive) : analysis.operations;
  return unknowns === 0 ? operations : withRuntimeParts(operations, `SQL built at run time (${options.via})`);
}

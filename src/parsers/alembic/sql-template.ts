import type { Operation, Phase } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { HOLE, type PyString } from '../python/py-strings.js';
import { analyzeSql } from '../sql/analyze.js';
import { RUNTIME_NAME, withRuntimeParts } from '../sql/runtime-parts.js';

/**
 * The operations of SQL built from an f-string whose interpolations droplint
 * cannot resolve, read with each hole as a run-time part (see
 * `withRuntimeParts`): `ALTER TABLE t DROP CONSTRAINT {name}` drops no data,
 * `DROP TABLE {name}` is dynamic.
 */
export async function templateOperations(
  template: PyString,
  options: { readonly dialect: Dialect; readonly phase: Phase; readonly description: string },
): Promise<Operation[]> {
  let text = '';
  const offsets: number[] = [];
  let holes = 0;
  for (let i = 0; i < template.text.length; i++) {
    const char = template.text[i]!;
    const part = char === HOLE ? `${RUNTIME_NAME}${holes++}` : char;
    text += part;
    offsets.push(...Array<number>(part.length).fill(template.offsets[i]!));
  }
  offsets.push(template.offsets.at(-1) ?? 0);
  const { operations } = await analyzeSql(text, { dialect: options.dialect, phase: options.phase, map: (o) => offsets[Math.min(o, offsets.length - 1)]! });
  return withRuntimeParts(operations, options.description);
}

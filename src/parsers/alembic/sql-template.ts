import type { Operation, Phase } from '../../ir/operations.js';
import type { Dialect } from '../../ir/unit.js';
import { HOLE, type PyString } from '../python/py-strings.js';
import { analyzeSql } from '../sql/analyze.js';

/** What each hole reads as: a name no migration uses, so that what mentions it is known to come from a hole. */
const HOLE_NAME = 'droplint_hole';

/** Operations that lose nothing whatever name they are given. */
const HARMLESS = new Set<Operation['kind']>(['create-table', 'add-column', 'add-foreign-key', 'create-schema', 'create-function', 'create-all']);

/**
 * The operations of SQL built from an f-string whose interpolations droplint
 * cannot resolve, read with each hole as a name: null (dynamic) unless every
 * statement parses and no hole can change what is destroyed. A hole may name
 * a constraint or an index (`ALTER TABLE t DROP CONSTRAINT {name}`) or be a
 * value (`DELETE FROM t WHERE id = {id}`); the operations around it are then
 * known. A hole that names a table or column something drops, or that stands
 * for a condition or a clause, leaves the statement dynamic.
 */
export async function templateOperations(template: PyString, options: { readonly dialect: Dialect; readonly phase: Phase }): Promise<Operation[] | null> {
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < template.text.length; i++) {
    const char = template.text[i]!;
    const at = template.offsets[i]!;
    text += char === HOLE ? HOLE_NAME : char;
    offsets.push(...Array<number>(char === HOLE ? HOLE_NAME.length : 1).fill(at));
  }
  offsets.push(template.offsets.at(-1) ?? 0);
  const { operations } = await analyzeSql(text, { ...options, map: (o) => offsets[Math.min(o, offsets.length - 1)]! });
  const fromHole = (op: Operation): boolean => JSON.stringify(op).includes(HOLE_NAME);
  if (operations.some((op) => op.kind === 'unparsed' || op.kind === 'dynamic' || (fromHole(op) && !HARMLESS.has(op.kind)))) return null;
  return operations.filter((op) => !fromHole(op));
}

import type { Operation } from '../ir/operations.js';
import type { RuleContext } from './rule.js';

/** What a destructive operation loses, judged from the rest of its own migration. */
export interface Loss {
  /** Appended to the finding's message. */
  readonly note: string;
}

/**
 * Null when the operation loses nothing that existed before its migration: it
 * removes a table or column the same migration added earlier in the same
 * phase (a scratch table, a temporary column).
 */
export function lossOf(op: Operation, ctx: RuleContext): Loss | null {
  if (ctx.history.addedBy(op) === 'same-phase') return null;
  return { note: '' };
}

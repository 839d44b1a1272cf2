import type { PrismaWarning } from '../../ir/unit.js';
import type { CommentLike } from '../suppressions.js';

const DROP_COLUMN = /You are about to drop the column `([^`]+)` on the `([^`]+)` table/;
const DROP_TABLE = /You are about to drop the `([^`]+)` table/;
/** A type change Prisma performs as DROP COLUMN + ADD COLUMN: the column's data is lost too. */
const RECREATE_COLUMN = /The `([^`]+)` column on the `([^`]+)` table would be dropped and recreated/;
/** Prisma's words for losing data, and for the migration stopping on existing rows. */
const LOSS = /\b(?:lost|loss|lose)\b/i;
const FAILURE = /\b(?:fail|fails|not possible|cannot be done)\b/i;

/**
 * The `Warnings:` block Prisma writes at the top of a migration that it knows
 * loses data: one `- …` item per warning, possibly wrapped over several lines.
 */
export function prismaWarnings(comments: readonly CommentLike[]): PrismaWarning[] {
  const block = comments.find((c) => /^[ \t]*Warnings:/m.test(c.body));
  if (block === undefined) return [];
  const bodyStart = block.start + 2;
  const warnings: PrismaWarning[] = [];
  const item = /^[ \t]*- (.+(?:\r?\n(?![ \t]*- )(?![ \t]*\*\/)[ \t]*\S.*)*)/gm;
  for (let m = item.exec(block.body); m !== null; m = item.exec(block.body)) {
    const text = m[1]!.replace(/\s+/g, ' ').trim();
    const start = bodyStart + m.index + m[0].indexOf('- ');
    const span = { start, end: bodyStart + m.index + m[0].length };
    const column = DROP_COLUMN.exec(text) ?? RECREATE_COLUMN.exec(text);
    const table = DROP_TABLE.exec(text);
    const consequence = consequenceOf(text);
    if (column) warnings.push({ span, text, kind: 'drop-column', table: column[2]!, column: column[1]!, consequence });
    else if (table) warnings.push({ span, text, kind: 'drop-table', table: table[1]!, column: null, consequence });
    else warnings.push({ span, text, kind: 'other', table: null, column: null, consequence });
  }
  return warnings;
}

/**
 * An item that speaks of failing and not of losing data warns that the
 * migration may stop on existing rows (a failed statement changes nothing in
 * a transaction); anything else, an unknown wording included, is taken as a
 * warning of data loss.
 */
function consequenceOf(text: string): PrismaWarning['consequence'] {
  return FAILURE.test(text) && !LOSS.test(text) ? 'may-fail' : 'data-loss';
}

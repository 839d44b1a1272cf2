import type { Cursor } from './cursor.js';

/** Seconds in each interval unit ClickHouse names (a month and a year as 30 and 365 days: only compared, never added). */
const UNIT_SECONDS: Readonly<Record<string, number>> = {
  SECOND: 1,
  MINUTE: 60,
  HOUR: 3_600,
  DAY: 86_400,
  WEEK: 604_800,
  MONTH: 2_592_000,
  QUARTER: 7_776_000,
  YEAR: 31_536_000,
};

/**
 * The table-level `TTL` of a ClickHouse `CREATE TABLE`, from `from` (after
 * the column list) to the cursor's end: its length in seconds; null when
 * droplint cannot read it; undefined when there is none (rows are kept).
 */
export function tableTtl(c: Cursor, from: number): number | null | undefined {
  for (let i = from; i < c.end; i++) {
    if (c.punctAt(i, '(')) i = c.closingParen(i);
    else if (c.isWordAt(i, 'TTL')) return ttlAt(c, i + 1);
  }
  return undefined;
}

/**
 * One TTL rule from `at`: `expr + INTERVAL n UNIT` or `expr + toIntervalUnit(n)`,
 * `DELETE` at most after it, then `SETTINGS` or the end. Several rules, a
 * `WHERE`, `TO VOLUME`, `GROUP BY`: null.
 */
export function ttlAt(c: Cursor, at: number): number | null {
  let plus = -1;
  let i = at;
  for (; i < c.end && !c.isWordAt(i, 'SETTINGS') && !c.punctAt(i, ';'); i++) {
    if (c.punctAt(i, '(')) i = c.closingParen(i);
    else if (c.punctAt(i, ',')) return null;
    else if (c.tokens[i]!.type === 'op' && c.tokens[i]!.value === '+') plus = i;
  }
  const end = c.isWordAt(i - 1, 'DELETE') ? i - 1 : i;
  if (plus < 0) return null;
  const interval = intervalAt(c, plus + 1);
  return interval !== null && interval.next === end ? interval.seconds : null;
}

function intervalAt(c: Cursor, at: number): { seconds: number; next: number } | null {
  if (c.isWordAt(at, 'INTERVAL')) {
    const n = Number(c.tokens[at + 1]?.value);
    const unit = UNIT_SECONDS[(c.tokens[at + 2]?.value ?? '').toUpperCase()];
    return Number.isFinite(n) && unit !== undefined ? { seconds: n * unit, next: at + 3 } : null;
  }
  const call = /^toInterval(\w+)$/i.exec(c.tokens[at]?.value ?? '');
  const unit = call ? UNIT_SECONDS[call[1]!.toUpperCase()] : undefined;
  if (unit === undefined || !c.punctAt(at + 1, '(') || !c.punctAt(at + 3, ')')) return null;
  const n = Number(c.tokens[at + 2]?.value);
  return Number.isFinite(n) ? { seconds: n * unit, next: at + 4 } : null;
}

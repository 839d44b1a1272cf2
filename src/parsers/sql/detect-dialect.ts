import type { Dialect } from '../../ir/unit.js';

/**
 * Signs of a dialect in a raw SQL file's code, strongest first. Comments and
 * string literals are matched too but only to be skipped: a backtick in a
 * comment is no sign of MySQL.
 *
 * - ClickHouse: `ENGINE = …MergeTree` (or another table engine), `ON CLUSTER`,
 *   and what only it writes: `Nullable(…)`/`LowCardinality(…)` types, data-skipping
 *   indexes (`GRANULARITY n`), `MATERIALIZE INDEX|COLUMN|PROJECTION`, `SETTINGS name = …`.
 * - T-SQL: a `GO` line between batches, `[bracketed]` names where a name goes.
 * - MySQL: `ENGINE=InnoDB` (or MyISAM), backtick-quoted names.
 */
const SIGNS = new RegExp(
  [
    String.raw`--[^\n]*`,
    String.raw`\/\*[\s\S]*?(?:\*\/|$)`,
    String.raw`'(?:[^'\\]|''|\\[\s\S])*'`,
    String.raw`(\bENGINE\s*=\s*(?:\w*MergeTree|Null|Memory|Log|TinyLog|StripeLog|Distributed|Kafka|Dictionary|Merge|Buffer|Set|Join|URL|File|S3|MaterializedPostgreSQL)\b|\bON\s+CLUSTER\b|\b(?:Nullable|LowCardinality)\s*\(|\bGRANULARITY\s+\d|\bMATERIALIZE\s+(?:INDEX|COLUMN|PROJECTION)\b|\bSETTINGS\s+\w+\s*=)`,
    String.raw`(^[ \t]*GO[ \t]*\d*[ \t]*$|(?:\b(?:TABLE|INTO|FROM|JOIN|UPDATE|EXISTS|ON|COLUMN|EXEC|PROCEDURE|VIEW)\s+|[(,.]\s*|^[ \t]*)\[[A-Za-z_#@][\w$#@ ]*\](?=\s*[.(,;\s]))`,
    String.raw`(\bENGINE\s*=\s*(?:InnoDB|MyISAM)\b|\x60[^\x60\n]+\x60)`,
  ].join('|'),
  'gim',
);

/** The dialect a raw SQL file's content shows, or null when it shows none (PostgreSQL, or SQL any dialect reads). */
export function detectDialect(text: string): Dialect | null {
  SIGNS.lastIndex = 0;
  let found: Dialect | null = null;
  for (let m = SIGNS.exec(text); m !== null; m = SIGNS.exec(text)) {
    if (m[1] !== undefined) return 'clickhouse';
    if (m[2] !== undefined) found = 'sqlserver';
    else if (m[3] !== undefined && found === null) found = 'mysql';
  }
  return found;
}

import type { Dialect } from '../../ir/unit.js';

/** Comments and string literals, matched first so that a sign inside one is skipped. */
const SKIPPED = [
  String.raw`--[^\n]*`,
  // Unclosed, to the end of the text (not `$`: with the `m` flag, that is any line's end).
  String.raw`\/\*[\s\S]*?(?:\*\/|(?![\s\S]))`,
  String.raw`'(?:[^'\\]|''|\\[\s\S])*'`,
];

/**
 * Signs of a dialect in a raw SQL file's code, strongest first. Comments and
 * string literals are matched too but only to be skipped: a backtick in a
 * comment is no sign of MySQL.
 *
 * - ClickHouse: `ENGINE = …MergeTree` (or another table engine), `ON CLUSTER`,
 *   and what only it writes: `Nullable(…)`/`LowCardinality(…)` types, data-skipping
 *   indexes (`GRANULARITY n`), `MATERIALIZE INDEX|COLUMN|PROJECTION`, `SETTINGS name = …`,
 *   a materialized view `TO` a table, mutations (`ALTER TABLE t UPDATE|DELETE WHERE`),
 *   its functions (`toDate(…)`, `toStartOfHour(…)`).
 * - T-SQL: a `GO` line between batches, `[bracketed]` names where a name goes.
 * - MySQL: `ENGINE=InnoDB` (or MyISAM), `AUTO_INCREMENT`; then SQLite: `PRAGMA`,
 *   `AUTOINCREMENT`, `WITHOUT ROWID` (Drizzle's SQLite migrations quote names
 *   with backticks too); then MySQL again: backtick-quoted names.
 */
const SIGNS = new RegExp(
  [
    ...SKIPPED,
    String.raw`(\bENGINE\s*=\s*(?:\w*MergeTree|Null|Memory|Log|TinyLog|StripeLog|Distributed|Kafka|Dictionary|Merge|Buffer|Set|Join|URL|File|S3|MaterializedPostgreSQL)\b|\bON\s+CLUSTER\b|\b(?:Nullable|LowCardinality)\s*\(|\bGRANULARITY\s+\d|\bMATERIALIZE\s+(?:INDEX|COLUMN|PROJECTION)\b|\bSETTINGS\s+\w+\s*=|\bMATERIALIZED\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?[\w.\x60"]+\s+(?:ON\s+CLUSTER\s+\S+\s+)?TO\s|\bALTER\s+TABLE\s+[\w.\x60"]+\s+(?:UPDATE|DELETE\s+WHERE)\b|\b(?:toDate|toDateTime(?:64)?|toStartOf\w+|toYYYYMM\w*)\s*\()`,
    String.raw`(^[ \t]*GO[ \t]*\d*[ \t]*$|(?:\b(?:TABLE|INTO|FROM|JOIN|UPDATE|EXISTS|ON|COLUMN|EXEC|PROCEDURE|VIEW)\s+|[(,.]\s*|^[ \t]*)\[[A-Za-z_#@][\w$#@ ]*\](?=\s*[.(,;\s]))`,
    String.raw`(\bENGINE\s*=\s*(?:InnoDB|MyISAM)\b|\bAUTO_INCREMENT\b)`,
    String.raw`(\bPRAGMA\s+\w|\bAUTOINCREMENT\b|\bWITHOUT\s+ROWID\b)`,
    String.raw`(\x60[^\x60\n]+\x60)`,
  ].join('|'),
  'gim',
);

/** The dialect of each sign group of SIGNS, strongest first: SQLite's signs outrank backticks, which it shares with MySQL. */
const GROUP_DIALECTS: readonly Dialect[] = ['clickhouse', 'sqlserver', 'mysql', 'sqlite', 'mysql'];

/**
 * What every sign starts with, looser (it does not skip comments and strings):
 * most PostgreSQL files have none (an array subscript `a[1]` or a table named
 * `settings` is none), and this test costs a fraction of the scan that skips
 * comments and strings.
 */
const ANY_SIGN =
  /`|(?<![\w\])])\[[A-Za-z_#@]|\b(?:engine|cluster|go|pragma|autoincrement|auto_increment|rowid|nullable|lowcardinality|granularity|materialize)\b|\bsettings\s+\w+\s*=|\bmaterialized\s+view|\balter\s+table\s+\S+\s+(?:update|delete)\b|\bto(?:date|datetime|startof|yyyymm)/i;

/** The dialect a raw SQL file's content shows, or null when it shows none (PostgreSQL, or SQL any dialect reads). */
export function detectDialect(text: string): Dialect | null {
  if (!ANY_SIGN.test(text)) return null;
  SIGNS.lastIndex = 0;
  // The strongest sign found so far: its group's index (1 is strongest) and dialect.
  let best = GROUP_DIALECTS.length + 1;
  for (let m = SIGNS.exec(text); m !== null; m = SIGNS.exec(text)) {
    for (let group = 1; group < best; group++) {
      if (m[group] === undefined) continue;
      if (group === 1) return 'clickhouse';
      best = group;
      break;
    }
  }
  return GROUP_DIALECTS[best - 1] ?? null;
}

/**
 * What only PostgreSQL (and CockroachDB) accept, outside comments and
 * strings: a `::` cast, its own types (`JSONB`, `BYTEA`, `TIMESTAMPTZ`,
 * `BIGSERIAL`, arrays such as `TEXT[]`; MySQL has a `SERIAL` too), `CREATE
 * TYPE … AS ENUM`, a dollar quote.
 */
const POSTGRES_SIGNS = new RegExp(
  [
    ...SKIPPED,
    String.raw`(::\s*"?[A-Za-z_]|\b(?:JSONB|BYTEA|TIMESTAMPTZ|BIGSERIAL|SMALLSERIAL)\b|\b(?:TEXT|INTEGER|INT|UUID|VARCHAR(?:\(\d+\))?)\[\]|\bAS\s+ENUM\b|\$\w*\$)`,
  ].join('|'),
  'gi',
);

/** Whether a file's SQL shows PostgreSQL's own syntax (see `POSTGRES_SIGNS`). */
export function showsPostgres(text: string): boolean {
  // Most files show none of what the signs start with: skip the scan that steps over comments and strings.
  if (!/::|jsonb|bytea|timestamptz|serial|\[\]|enum|\$/i.test(text)) return false;
  POSTGRES_SIGNS.lastIndex = 0;
  for (let m = POSTGRES_SIGNS.exec(text); m !== null; m = POSTGRES_SIGNS.exec(text)) if (m[1] !== undefined) return true;
  return false;
}

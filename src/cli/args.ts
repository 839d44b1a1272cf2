import { parseArgs } from 'node:util';
import { parseSeverity, type SeveritySetting } from '../engine/diagnostic.js';
import { DIALECTS, type Dialect } from '../ir/unit.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export type Command =
  | { readonly kind: 'lint'; readonly options: LintArgs }
  | { readonly kind: 'rules' }
  | { readonly kind: 'explain'; readonly rule: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'lsp' };

export interface LintArgs {
  readonly paths: string[];
  readonly format: Format;
  readonly config: string | undefined;
  readonly protectedTables: string[];
  readonly dialect: Dialect | null;
  readonly rules: Record<string, SeveritySetting>;
  readonly stdinFilename: string | undefined;
  /** `--changed-since REF`: report only files changed since the git ref. */
  readonly changedSince: string | undefined;
  readonly maxWarnings: number | undefined;
  readonly quiet: boolean;
  /** `--jobs N`: threads that parse files; undefined: decided by how much there is to parse and the CPUs. */
  readonly jobs: number | undefined;
  /** `--no-cache`: neither read nor write the persistent cache. */
  readonly cache: boolean;
  /** `--cache-dir DIR`: where the persistent cache lives (else `DROPLINT_CACHE_DIR`, else the user's cache folder). */
  readonly cacheDir: string | undefined;
}

/** A usage error: exit status 2 with this message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCommandLine(argv: readonly string[]): Command {
  // `--stdio` is what most editors' LSP clients pass; stdio is the only transport.
  if (argv[0] === 'lsp') {
    if (argv.slice(1).some((arg) => arg !== '--stdio')) throw new UsageError('usage: droplint lsp [--stdio]');
    return { kind: 'lsp' };
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'protected-table': { type: 'string', multiple: true },
        dialect: { type: 'string' },
        rule: { type: 'string', multiple: true },
        'changed-since': { type: 'string' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        'max-warnings': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        quiet: { type: 'boolean', short: 'q' },
        'no-cache': { type: 'boolean' },
        'cache-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  if (positionals[0] === 'rules' && positionals.length === 1) return { kind: 'rules' };
  if (positionals[0] === 'explain') {
    if (positionals.length !== 2) throw new UsageError('usage: droplint explain <rule>');
    return { kind: 'explain', rule: positionals[1]! };
  }

  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${format}"`);

  const dialect = values.dialect ?? null;
  if (dialect !== null && !(DIALECTS as readonly string[]).includes(dialect)) {
    throw new UsageError(`--dialect must be one of ${DIALECTS.join(', ')}; got "${dialect}"`);
  }

  const rules: Record<string, SeveritySetting> = {};
  for (const spec of values.rule ?? []) {
    const eq = spec.indexOf('=');
    const severity = eq === -1 ? null : parseSeverity(spec.slice(eq + 1).trim());
    if (eq === -1 || severity === null) throw new UsageError(`--rule takes RULE=error|warning|info|off; got "${spec}"`);
    rules[spec.slice(0, eq).trim()] = severity;
  }

  const maxWarnings = wholeNumber('--max-warnings', values['max-warnings'], 0);
  const jobs = wholeNumber('--jobs', values.jobs, 1);

  const changedSince = values['changed-since'];
  if (changedSince !== undefined && changedSince.trim() === '') throw new UsageError('--changed-since takes a git ref (a branch, tag or commit); got ""');
  if (changedSince !== undefined && values.stdin) throw new UsageError('--changed-since does not go with --stdin: name the files or folders to lint');
  if (values.stdin && values['stdin-filename'] === undefined) throw new UsageError('--stdin needs --stdin-filename PATH (the file the text stands for)');
  if (!values.stdin && values['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename only goes with --stdin');
  if (values['cache-dir'] !== undefined && values['cache-dir'].trim() === '') throw new UsageError('--cache-dir takes a folder; got ""');
  if (values['no-cache'] && values['cache-dir'] !== undefined) throw new UsageError('--no-cache and --cache-dir contradict each other: give one');
  if (values.stdin && positionals.length > 0) throw new UsageError('--stdin lints standard input; do not name paths as well');

  return {
    kind: 'lint',
    options: {
      paths: positionals,
      format: format as Format,
      config: values.config,
      protectedTables: values['protected-table'] ?? [],
      dialect: dialect as Dialect | null,
      rules,
      stdinFilename: values.stdin ? values['stdin-filename'] : undefined,
      changedSince,
      maxWarnings,
      quiet: values.quiet ?? false,
      jobs,
      cache: !values['no-cache'],
      cacheDir: values['cache-dir'],
    },
  };
}

function wholeNumber(option: string, text: string | undefined, min: number): number | undefined {
  // Digits only: Number() would read "" as 0 and accept "0x10" or "1e3".
  if (text !== undefined && (!/^\d+$/.test(text) || Number(text) < min)) {
    throw new UsageError(`${option} takes a whole number${min > 0 ? ` of at least ${min}` : ''}; got "${text}"`);
  }
  return text === undefined ? undefined : Number(text);
}

export const HELP = `droplint: a static linter for database migrations. It reads Alembic, Prisma,
Drizzle, Flyway, golang-migrate, dbmate and plain SQL migrations, and TS/JS
migrations of Knex, TypeORM, Sequelize (umzug), node-pg-migrate, Kysely,
MikroORM and db-migrate (never runs, imports or connects to anything) and
reports what would destroy data: dropped tables and columns, TRUNCATE, DELETE
without WHERE, DROP SCHEMA/DATABASE, drop_all(), dynamic SQL.

Usage:
  droplint [options] [paths...]     lint files and folders (default: .)
  droplint rules                    list every rule with its default severity
  droplint explain <rule>           what a rule catches, why, and the safe alternative
  droplint lsp                      language server for editors (stdio)
  droplint --version | --help

Options:
  -f, --format FORMAT               text (default), json, sarif, github or gitlab
  -c, --config FILE                 config file (default: nearest droplint.toml,
                                    pyproject.toml [tool.droplint] or package.json "droplint")
      --protected-table NAME        protect a table (repeatable; * globs, schema.table)
      --dialect NAME                dialect of raw .sql files: ${DIALECTS.join(', ')}
      --rule RULE=SEVERITY          error|warning|info|off (repeatable)
      --changed-since REF           report only files added, modified or renamed since
                                    the git REF (history is still read in full)
      --stdin --stdin-filename PATH lint standard input as if it were PATH
      --max-warnings N              exit 1 when there are more than N warnings
  -j, --jobs N                      parse on N threads (default: one per CPU, up to 4,
                                    when there are many files to parse)
      --no-cache                    neither read nor write the cache (it only saves
                                    time: the output is the same with and without it)
      --cache-dir DIR               keep the cache in DIR (default: DROPLINT_CACHE_DIR,
                                    else the user's cache folder, e.g. ~/.cache/droplint)
  -q, --quiet                       report errors only
  -h, --help                        show this help
  -v, --version                     show the version

Exit status: 0 no errors, 1 errors found (or too many warnings), 2 usage or
configuration error.

Suppress a finding with a reason, on the line before the statement:
  -- droplint-ignore drop-column: column unused since v2.3, backed up
  (# in Python, // in TS/JS)
`;

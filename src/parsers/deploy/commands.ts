/**
 * What one simple command does, as far as destroying data goes: a command of a
 * migration tool that wipes or rewinds a database, a way to run another
 * script (`npm run x`, `make x`, `sh x.sh`, `sh -c "…"`), or nothing of note.
 */
import type { Word } from './shell.js';

export type CommandMeaning =
  | { readonly kind: 'destructive'; readonly command: string; readonly effect: string }
  | {
      readonly kind: 'script';
      readonly name: string;
      readonly label: string;
      /** Words the package manager appends to the script's command line (`npm run x -- --force`). */
      readonly args: readonly string[];
    }
  | { readonly kind: 'make'; readonly target: string | null; readonly label: string }
  | { readonly kind: 'file'; readonly path: string; readonly label: string }
  | { readonly kind: 'shell'; readonly script: Word }
  | null;

export interface ClassifiedCommand {
  readonly meaning: CommandMeaning;
  /** `NAME=value` assignments before the command, and those of `env` / `cross-env`. */
  readonly env: ReadonlyMap<string, string>;
}

/** Runners that run the command after them: `npx prisma …`, `poetry run alembic …`. */
const RUNNERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['npx', []],
  ['bunx', []],
  ['pnpx', []],
  ['pnpm', ['exec', 'dlx']],
  ['npm', ['exec']],
  ['yarn', ['exec', 'dlx']],
  ['bun', ['x']],
  ['poetry', ['run']],
  ['uv', ['run']],
  ['pipenv', ['run']],
  ['pdm', ['run']],
  ['hatch', ['run']],
  ['python', ['-m']],
  ['python3', ['-m']],
  ['dotenv', []],
  ['cross-env', []],
  ['env', []],
  ['exec', []],
  ['time', []],
  ['sudo', []],
]);

/** Options of the runners and tools above that take a value (`-e .env`, `-c alembic.ini`). */
const OPTIONS_WITH_VALUE = new Set([
  '-e',
  '-c',
  '--config',
  '-n',
  '--name',
  '-x',
  '-p',
  '--package',
  '-path',
  '-database',
  '-source',
  '--schema',
  '--env',
  '--knexfile',
  '--dir',
  '-dir',
  '--url',
  '--migrations-path',
  '--filter',
  '--prefix',
  '-C',
  '-w',
  '--workspace',
  '-d',
  '--dataSource',
  '--config-name',
]);

const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ash']);
const PACKAGE_MANAGERS = new Set(['npm', 'yarn', 'pnpm', 'bun']);

export function classify(words: readonly Word[]): ClassifiedCommand {
  const env = new Map<string, string>();
  let rest = [...words];
  const assignments = (): void => {
    while (rest.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]!.text)) {
      const [name, ...value] = rest[0]!.text.split('=');
      env.set(name!, value.join('='));
      rest = rest.slice(1);
    }
  };
  assignments();
  const head = (): string => base(rest[0]?.text ?? '');
  // Package-manager scripts before runners: `npm run x`, `yarn x`, `pnpm run x`, `npm start`.
  const script = scriptCall(rest.map((w) => w.text));
  if (script !== null) return { meaning: script, env };
  for (let guard = 0; guard < 8 && RUNNERS.has(head()); guard++) {
    const subcommands = RUNNERS.get(head())!;
    if (subcommands.length > 0 && !subcommands.includes(rest[1]?.text ?? '')) break;
    rest = rest.slice(subcommands.length > 0 ? 2 : 1);
    rest = skipOptions(rest, head() === '--' ? 0 : Infinity);
    if (rest[0]?.text === '--') rest = rest.slice(1);
    assignments();
  }
  const argv = rest.map((w) => w.text);
  const tool = base(argv[0] ?? '');
  if (SHELLS.has(tool)) {
    const c = argv.indexOf('-c');
    if (c > 0 && rest[c + 1] !== undefined) return { meaning: { kind: 'shell', script: rest[c + 1]! }, env };
    const file = argv.slice(1).find((a) => !a.startsWith('-'));
    return { meaning: file === undefined ? null : { kind: 'file', path: file, label: `${tool} ${file}` }, env };
  }
  if (tool === 'source' || tool === '.') return { meaning: argv[1] === undefined ? null : { kind: 'file', path: argv[1], label: `${tool} ${argv[1]}` }, env };
  if (/\.(sh|bash)$/.test(argv[0] ?? '') || (argv[0] ?? '').startsWith('./')) return { meaning: { kind: 'file', path: argv[0]!, label: argv[0]! }, env };
  if (tool === 'make') {
    const target = skipOptions(rest.slice(1), Infinity)[0]?.text ?? null;
    return { meaning: { kind: 'make', target, label: `make${target === null ? '' : ` ${target}`}` }, env };
  }
  return { meaning: destructive(tool, argv), env };
}

/** `npm run x` and its equivalents; null when the words are no such call. */
function scriptCall(argv: readonly string[]): CommandMeaning {
  const manager = base(argv[0] ?? '');
  if (!PACKAGE_MANAGERS.has(manager)) return null;
  const args = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && !OPTIONS_WITH_VALUE.has(all[i - 1] ?? ''));
  const [first, second] = args;
  if (first === undefined) return null;
  const call = (name: string, label: string): CommandMeaning => {
    const args = passedOn(manager, argv, name);
    const passed = args.length === 0 ? '' : `${manager === 'npm' ? ' --' : ''} ${args.join(' ')}`;
    return { kind: 'script', name, label: `${label}${passed}`, args };
  };
  const named = (name: string | undefined): CommandMeaning => (name === undefined ? null : call(name, `${manager} run ${name}`));
  if (first === 'run' || first === 'run-script') return named(second);
  if (first === 'start' || first === 'test' || first === 'stop' || first === 'restart') return call(first, `${manager} ${first}`);
  // `yarn x`, `pnpm x` and `bun x` run a script of that name when there is one; `npm x` never does.
  if (manager !== 'npm' && !['install', 'add', 'exec', 'dlx', 'x', 'ci', 'build', 'why', 'workspace', 'workspaces', 'turbo'].includes(first))
    return named(first);
  return null;
}

/**
 * The words a package manager appends to script `name`'s command line: npm
 * those after `--` (its own options come before); yarn, pnpm and bun every
 * word after the name, a leading `--` dropped.
 */
function passedOn(manager: string, argv: readonly string[], name: string): string[] {
  const separator = argv.indexOf('--');
  if (manager === 'npm') return separator === -1 ? [] : argv.slice(separator + 1);
  const after = argv.slice(argv.indexOf(name) + 1);
  return after[0] === '--' ? after.slice(1) : after;
}

function skipOptions(words: Word[], max: number): Word[] {
  let rest = words;
  for (let n = 0; n < max && rest.length > 0 && rest[0]!.text.startsWith('-') && rest[0]!.text !== '--'; n++) {
    rest = rest.slice(OPTIONS_WITH_VALUE.has(rest[0]!.text) ? 2 : 1);
  }
  return rest;
}

function base(word: string): string {
  // A runner's package spec pins a version: `npx prisma@6.5.0 …` runs `prisma`.
  return word.slice(word.lastIndexOf('/') + 1).replace(/(?<=.)@[^@]*$/, '');
}

/** The tool's arguments that are no options (nor an option's value). */
function positional(argv: readonly string[]): string[] {
  return argv.slice(1).filter((a, i, all) => !a.startsWith('-') && !(OPTIONS_WITH_VALUE.has(all[i - 1] ?? '') && !(all[i - 1] ?? '').includes('=')));
}

const EVERY_MIGRATION = 'reverts every migration, dropping what they created';

/** The migration tools' commands that wipe or rewind a database. */
function destructive(tool: string, argv: readonly string[]): CommandMeaning {
  const args = positional(argv);
  const flags = new Set(argv.filter((a) => a.startsWith('-')).map((a) => a.split('=')[0]!));
  const verb = args[0] ?? '';
  const found = (effect: string): CommandMeaning => ({ kind: 'destructive', command: argv.join(' '), effect });
  switch (tool) {
    case 'prisma':
      if (verb === 'migrate' && args[1] === 'reset') return found('drops the database and re-applies every migration: all of its data is lost');
      if (verb === 'db' && args[1] === 'push' && flags.has('--force-reset')) return found('drops and re-creates the database: all of its data is lost');
      if (verb === 'db' && args[1] === 'push' && flags.has('--accept-data-loss')) return found('applies the schema even where that drops tables or columns');
      return null;
    case 'drizzle-kit':
      return verb === 'push' && flags.has('--force') ? found('applies the schema without asking, statements that lose data included') : null;
    case 'alembic':
      if (verb !== 'downgrade') return null;
      if (args[1] === 'base') return found('downgrades every revision, dropping everything the migrations created');
      if (/^-\d+$/.test(argv[argv.indexOf('downgrade') + 1] ?? '')) return found('reverts the latest revisions, dropping what they created');
      return null;
    case 'knex':
      if (verb === 'migrate:rollback' && flags.has('--all')) return found(EVERY_MIGRATION);
      if (verb === 'migrate:down') return found('reverts the latest migration, dropping what it created');
      if (verb === 'seed:run') return found('runs the seeds, which usually start by deleting every row of their tables');
      return null;
    case 'sequelize':
    case 'sequelize-cli':
      if (verb === 'db:migrate:undo:all') return found(EVERY_MIGRATION);
      if (verb === 'db:seed:undo:all') return found('deletes every seeded row');
      if (verb === 'db:drop') return found('drops the database');
      return null;
    case 'typeorm':
    case 'typeorm-ts-node-commonjs':
    case 'typeorm-ts-node-esm':
      if (verb === 'schema:drop') return found('drops every table of the data source');
      if (verb === 'schema:sync') return found('synchronises the schema with the entities, dropping the tables and columns they lack');
      if (verb === 'migration:revert') return found('reverts the latest migration, dropping what it created');
      return null;
    case 'mikro-orm':
    case 'mikro-orm-esm':
      if (verb === 'migration:fresh') return found('drops the schema and re-runs every migration: all data is lost');
      if ((verb === 'schema:drop' || verb === 'schema:fresh') && flags.has('--run')) return found('drops the schema');
      return null;
    case 'flyway':
      return verb === 'clean' ? found('drops every object in the configured schemas') : null;
    case 'liquibase':
      if (verb === 'drop-all' || verb === 'dropAll') return found('drops every object in the database');
      return /^rollback/i.test(verb) ? found('rolls back changesets, dropping what they created') : null;
    case 'migrate':
      // golang-migrate: `down` with no count (or `-all`) reverts everything; `drop` drops everything.
      if (verb === 'down' && (flags.has('-all') || args[1] === undefined)) return found(EVERY_MIGRATION);
      if (verb === 'drop') return found('drops everything in the database');
      return null;
    case 'dbmate':
      if (verb === 'drop') return found('drops the database');
      if (verb === 'rollback' || verb === 'down') return found('reverts the latest migration, dropping what it created');
      return null;
    case 'goose': {
      // `goose [DRIVER DBSTRING] COMMAND`: the command may follow the connection.
      if (args.includes('reset')) return found(EVERY_MIGRATION);
      const downTo = args.indexOf('down-to');
      return downTo >= 0 && args[downTo + 1] === '0' ? found(EVERY_MIGRATION) : null;
    }
    case 'dropdb':
      return found('drops the database');
    case 'psql':
    case 'mysql':
    case 'sqlite3': {
      const sql = argv[argv.indexOf('-c') + 1] ?? argv[argv.indexOf('-e') + 1] ?? '';
      const statement = /\b(DROP\s+(?:TABLE|SCHEMA|DATABASE|OWNED)|TRUNCATE)\b/i.exec(sql);
      return (argv.includes('-c') || argv.includes('-e')) && statement !== null ? found(`runs \`${statement[1]!.replace(/\s+/g, ' ').toUpperCase()}\``) : null;
    }
    default:
      return null;
  }
}

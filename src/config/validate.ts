import { DIALECTS, type Dialect } from '../ir/unit.js';
import { parseSeverity, SEVERITY_SETTINGS, type SeveritySetting } from '../engine/diagnostic.js';
import { ConfigError, type ConfigOverride, DEFAULT_CONFIG, type UserConfig } from './types.js';
import { PRESET_NAMES } from '../presets/index.js';

/** Where the values being validated came from, for error messages. */
export interface ValidationContext {
  /** File name as shown to the user. */
  readonly file: string;
  /** Path of the droplint table inside the file: [] for droplint.toml, ['tool', 'droplint'] for pyproject.toml. */
  readonly table: readonly string[];
  /** JSON sources say "object" where TOML ones say "table". */
  readonly json: boolean;
  readonly knownRules: ReadonlySet<string>;
}

type Parser<T> = (value: unknown, at: Location) => T;

interface Location {
  readonly ctx: ValidationContext;
  readonly table: readonly string[];
  readonly key: string;
  /** Inside an array of tables (`[[overrides]]`): the 1-based entry. */
  readonly entry?: number;
}

type Field = { [K in keyof UserConfig]: { readonly name: K; readonly parse: Parser<UserConfig[K]> } }[keyof UserConfig];

const stringArray: Parser<readonly string[]> = (value, at) => {
  if (!Array.isArray(value)) fail(at, `must be an array of strings; got ${describe(value, at.ctx)}`);
  value.forEach((item, i) => {
    if (typeof item !== 'string') {
      fail(at, `must be an array of strings; got ${describe(item, at.ctx)} at position ${i + 1}`);
    }
  });
  return value as string[];
};

const severity: Parser<SeveritySetting> = (value, at) => {
  const parsed = typeof value === 'string' ? parseSeverity(value) : null;
  // "warn" is accepted but not advertised, so the list shows only the canonical names.
  if (parsed === null) fail(at, `must be one of ${SEVERITY_SETTINGS.join(', ')}; got ${describe(value, at.ctx)}`);
  return parsed;
};

const dialect: Parser<Dialect> = (value, at) => {
  if (typeof value !== 'string' || !(DIALECTS as readonly string[]).includes(value)) {
    fail(at, `must be one of ${DIALECTS.join(', ')}; got ${describe(value, at.ctx)}`);
  }
  return value as Dialect;
};

const rules: Parser<Record<string, SeveritySetting>> = (value, at) => {
  const table = [...at.table, at.key];
  const entries = tableEntries(value, at);
  const result: Record<string, SeveritySetting> = {};
  for (const [id, setting] of entries) {
    if (!at.ctx.knownRules.has(id)) fail({ ...at, table, key: '' }, `unknown rule ${JSON.stringify(id)}`);
    result[id] = severity(setting, { ...at, table, key: id });
  }
  return result;
};

/** `protected-presets`: known preset names only; a typo is an error with the closest name. */
const presets: Parser<readonly string[]> = (value, at) => {
  const names = stringArray(value, at);
  for (const name of names) {
    if (PRESET_NAMES.includes(name)) continue;
    const guess = suggest(name, PRESET_NAMES);
    const hint = guess === null ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
    fail(at, `unknown preset ${JSON.stringify(name)}${hint}; known presets: ${PRESET_NAMES.join(', ')}`);
  }
  return names;
};

/** Keys an `[[overrides]]` entry may set besides `files`, as spelled in the file. */
const OVERRIDE_FIELDS = {
  dialect: { name: 'dialect', parse: dialect },
  rules: { name: 'rules', parse: rules },
  'protected-tables': { name: 'protectedTables', parse: stringArray },
  downgrade: { name: 'downgrade', parse: severity },
} as const;

/** `[[overrides]]`: an array of tables, each with a non-empty `files` and only the keys above. */
const overrides: Parser<readonly ConfigOverride[]> = (value, at) => {
  const kind = at.ctx.json ? 'objects' : 'tables';
  if (!Array.isArray(value)) fail(at, `must be an array of ${kind}; got ${describe(value, at.ctx)}`);
  const table = [...at.table, at.key];
  return value.map((item, i) => {
    const here = (key: string): Location => ({ ctx: at.ctx, table, key, entry: i + 1 });
    const entry: Record<string, unknown> = {};
    for (const [key, setting] of tableEntries(item, here(''), 'the entry')) {
      if (key === 'files') {
        const files = stringArray(setting, here(key));
        if (files.length === 0) fail(here(key), 'must name at least one glob');
        entry.files = files;
        continue;
      }
      const field = Object.hasOwn(OVERRIDE_FIELDS, key) ? OVERRIDE_FIELDS[key as keyof typeof OVERRIDE_FIELDS] : undefined;
      if (field === undefined) {
        const known = ['files', ...Object.keys(OVERRIDE_FIELDS)];
        const guess = suggest(key, known);
        fail(
          here(''),
          `unknown key ${JSON.stringify(key)}${guess === null ? '' : ` (did you mean ${JSON.stringify(guess)}?)`}; an entry takes ${known.join(', ')}`,
        );
      }
      entry[field.name] = field.parse(setting, here(key));
    }
    if (entry.files === undefined) fail(here(''), 'needs "files": the globs of the files it applies to');
    return entry as unknown as ConfigOverride;
  });
};

/** The accepted keys, as spelled in the file. */
const FIELDS: Readonly<Record<string, Field>> = {
  'protected-tables': { name: 'protectedTables', parse: stringArray },
  models: { name: 'models', parse: stringArray },
  'protected-presets': { name: 'protectedPresets', parse: presets },
  'unmodeled-tables': { name: 'unmodeledTables', parse: stringArray },
  include: { name: 'include', parse: stringArray },
  exclude: { name: 'exclude', parse: stringArray },
  dialect: { name: 'dialect', parse: dialect },
  downgrade: { name: 'downgrade', parse: severity },
  rules: { name: 'rules', parse: rules },
  overrides: { name: 'overrides', parse: overrides },
};

/** Checks the droplint table of a config file and fills in the defaults; throws ConfigError. */
export function validateConfig(raw: unknown, ctx: ValidationContext): UserConfig {
  const parent = ctx.table.slice(0, -1);
  const own = ctx.table.at(-1);
  const entries = own === undefined ? tableEntries(raw, { ctx, table: [], key: '' }, 'the top level') : tableEntries(raw, { ctx, table: parent, key: own });

  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const [key, value] of entries) {
    const field = Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;
    if (field === undefined) {
      const guess = suggest(key, Object.keys(FIELDS));
      const hint = guess === null ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
      fail({ ctx, table: ctx.table, key: '' }, `unknown key ${JSON.stringify(key)}${hint}`);
    }
    config[field.name] = field.parse(value, { ctx, table: ctx.table, key });
  }
  return config as unknown as UserConfig;
}

function tableEntries(value: unknown, at: Location, subject?: string): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) {
    const kind = at.ctx.json ? 'an object' : 'a table';
    fail(at, `must be ${kind}; got ${describe(value, at.ctx)}`, subject);
  }
  return Object.entries(value);
}

/** Throws `file: [table] "key" message` (`[[table]] #n` inside an array of tables); an empty key leaves the key out. */
function fail(at: Location, message: string, subject?: string): never {
  const name = at.table.join('.');
  const table = at.entry !== undefined ? `[[${name}]] #${at.entry} ` : at.table.length > 0 ? `[${name}] ` : '';
  const who = subject ?? (at.key === '' ? '' : JSON.stringify(at.key));
  throw new ConfigError(`${at.ctx.file}: ${table}${who === '' ? '' : `${who} `}${message}`);
}

function describe(value: unknown, ctx: ValidationContext): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object' && value !== null) return ctx.json ? 'an object' : 'a table';
  return String(value);
}

/** The closest candidate when it is only a typo away (at most two edits), else null. */
export function suggest(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

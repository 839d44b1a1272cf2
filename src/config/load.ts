import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { ConfigError, DEFAULT_CONFIG, type LoadedConfig } from './types.js';
import { validateConfig } from './validate.js';
import { displayPath } from '../display-path.js';

export interface LoadConfigOptions {
  readonly cwd: string;
  /** `--config FILE`, relative to cwd or absolute. */
  readonly configPath?: string;
  /** Rule ids `[rules]` may name. */
  readonly knownRules: ReadonlySet<string>;
}

/** How a file holds its droplint settings. */
type Kind = 'toml' | 'pyproject' | 'package-json' | 'json';

/** Searched in each directory, in order of precedence. */
const CANDIDATES: readonly { readonly name: string; readonly kind: Kind }[] = [
  { name: 'droplint.toml', kind: 'toml' },
  { name: 'pyproject.toml', kind: 'pyproject' },
  { name: 'package.json', kind: 'package-json' },
];

/** Where each kind keeps the droplint table. */
const TABLE_PATH: Readonly<Record<Kind, readonly string[]>> = {
  toml: [],
  pyproject: ['tool', 'droplint'],
  'package-json': ['droplint'],
  json: [],
};

/** Finds, reads and validates the configuration; throws ConfigError. */
export function loadConfig(options: LoadConfigOptions): LoadedConfig {
  const cwd = path.resolve(options.cwd);
  const found = options.configPath === undefined ? discover(cwd) : readExplicit(cwd, options.configPath);
  if (found === null) return { config: DEFAULT_CONFIG, file: null, root: cwd };

  const config = validateConfig(found.raw, {
    file: displayPath(cwd, found.file),
    table: TABLE_PATH[found.kind],
    json: found.kind === 'json' || found.kind === 'package-json',
    knownRules: options.knownRules,
  });
  return { config, file: found.file, root: path.dirname(found.file) };
}

interface Found {
  readonly file: string;
  readonly kind: Kind;
  /** The droplint table itself, not yet validated. */
  readonly raw: unknown;
}

function discover(cwd: string): Found | null {
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    for (const { name, kind } of CANDIDATES) {
      const file = path.join(dir, name);
      const text = readIfExists(cwd, file);
      // A pyproject.toml or package.json belongs to other tools too: one that never
      // mentions droplint is skipped without parsing, so its own syntax errors are not ours.
      if (text === null || (kind !== 'toml' && !text.includes('droplint'))) continue;
      const raw = extract(cwd, file, kind, text);
      if (raw !== undefined) return { file, kind, raw };
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function readExplicit(cwd: string, configPath: string): Found {
  const file = path.resolve(cwd, configPath);
  const shown = displayPath(cwd, file);
  const kind = kindOf(path.basename(file));
  if (kind === null) throw new ConfigError(`${shown}: unsupported config file type (expected .toml or .json)`);
  const text = readIfExists(cwd, file);
  if (text === null) throw new ConfigError(`${shown}: config file not found`);
  const raw = extract(cwd, file, kind, text);
  if (raw === undefined) {
    const where = kind === 'pyproject' ? '[tool.droplint] table' : '"droplint" key';
    throw new ConfigError(`${shown}: no ${where}`);
  }
  return { file, kind, raw };
}

function kindOf(name: string): Kind | null {
  if (name === 'pyproject.toml') return 'pyproject';
  if (name === 'package.json') return 'package-json';
  if (name.endsWith('.toml')) return 'toml';
  if (name.endsWith('.json')) return 'json';
  return null;
}

/** Parses the file and returns its droplint table, or undefined when it has none. */
function extract(cwd: string, file: string, kind: Kind, text: string): unknown {
  const document = kind === 'toml' || kind === 'pyproject' ? parseTomlFile(cwd, file, text) : parseJsonFile(cwd, file, text);
  let value: unknown = document;
  for (const key of TABLE_PATH[kind]) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function parseTomlFile(cwd: string, file: string, text: string): unknown {
  try {
    return parseToml(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // smol-toml's message carries a multi-line code frame; the first line is the reason.
    const reason = firstLine(error.message).replace(/^Invalid TOML document: /, '');
    throw new ConfigError(`${displayPath(cwd, file)}: invalid TOML at line ${error.line}, column ${error.column}: ${reason}`);
  }
}

function parseJsonFile(cwd: string, file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const shown = displayPath(cwd, file);
    // V8 reports an offset ("at position N") for most errors; users want a line.
    const position = /at position (\d+)/.exec(error.message);
    if (position === null) throw new ConfigError(`${shown}: invalid JSON: ${firstLine(error.message)}`);
    const before = text.slice(0, Number(position[1])).split('\n');
    const reason = firstLine(error.message).replace(/ in JSON at position.*$/, '');
    throw new ConfigError(`${shown}: invalid JSON at line ${before.length}, column ${before.at(-1)!.length + 1}: ${reason}`);
  }
}

/** The file's text, or null when there is no such file. */
function readIfExists(cwd: string, file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw new ConfigError(`${displayPath(cwd, file)}: cannot read config file (${code ?? String(error)})`);
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!;
}

import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, DEFAULT_CONFIG } from '../../src/config/types.js';

const knownRules = new Set(['drop-column', 'drop-table', 'table-without-model']);

let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-config-'));
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Writes files (paths relative to the temp dir) and returns the temp dir. */
function write(files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(tmp, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return tmp;
}

function load(cwd: string, configPath?: string) {
  return loadConfig({ cwd, configPath, knownRules });
}

/** The ConfigError message loading would throw. */
function errorOf(cwd: string, configPath?: string): string {
  try {
    load(cwd, configPath);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('discovery', () => {
  it('returns the defaults when there is no config file', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'empty-'));
    // Assumes no droplint config above the system temp dir.
    expect(load(dir)).toEqual({ config: DEFAULT_CONFIG, file: null, root: dir });
  });

  it('finds droplint.toml', () => {
    write({ 'droplint.toml': 'dialect = "mysql"\n' });
    const result = load(tmp);
    expect(result.file).toBe(path.join(tmp, 'droplint.toml'));
    expect(result.root).toBe(tmp);
    expect(result.config.dialect).toBe('mysql');
  });

  it('finds pyproject.toml with a [tool.droplint] table', () => {
    write({ 'pyproject.toml': '[project]\nname = "app"\n\n[tool.droplint]\ndialect = "sqlite"\n' });
    const result = load(tmp);
    expect(result.file).toBe(path.join(tmp, 'pyproject.toml'));
    expect(result.root).toBe(tmp);
    expect(result.config.dialect).toBe('sqlite');
  });

  it('finds package.json with a "droplint" key', () => {
    write({ 'package.json': JSON.stringify({ name: 'app', droplint: { dialect: 'sqlserver' } }) });
    const result = load(tmp);
    expect(result.file).toBe(path.join(tmp, 'package.json'));
    expect(result.root).toBe(tmp);
    expect(result.config.dialect).toBe('sqlserver');
  });

  it('prefers droplint.toml over pyproject.toml over package.json in one directory', () => {
    write({
      'droplint.toml': 'dialect = "mysql"\n',
      'pyproject.toml': '[tool.droplint]\ndialect = "sqlite"\n',
      'package.json': JSON.stringify({ droplint: { dialect: 'sqlserver' } }),
    });
    expect(load(tmp).config.dialect).toBe('mysql');
    fs.rmSync(path.join(tmp, 'droplint.toml'));
    expect(load(tmp).config.dialect).toBe('sqlite');
    fs.rmSync(path.join(tmp, 'pyproject.toml'));
    expect(load(tmp).config.dialect).toBe('sqlserver');
  });

  it('searches upward from a nested working directory', () => {
    write({ 'droplint.toml': 'dialect = "cockroachdb"\n', 'a/b/c/.keep': '' });
    const cwd = path.join(tmp, 'a', 'b', 'c');
    const result = load(cwd);
    expect(result.file).toBe(path.join(tmp, 'droplint.toml'));
    expect(result.root).toBe(tmp);
    expect(result.config.dialect).toBe('cockroachdb');
  });

  it('takes the nearest file, even of a lower-precedence kind', () => {
    write({
      'droplint.toml': 'dialect = "mysql"\n',
      'sub/package.json': JSON.stringify({ droplint: { dialect: 'sqlite' } }),
    });
    const result = load(path.join(tmp, 'sub'));
    expect(result.file).toBe(path.join(tmp, 'sub', 'package.json'));
    expect(result.root).toBe(path.join(tmp, 'sub'));
  });

  it('skips a pyproject.toml without [tool.droplint] and keeps searching upward', () => {
    write({
      'droplint.toml': 'dialect = "mysql"\n',
      'sub/pyproject.toml': '[project]\nname = "app"\n\n[tool.ruff]\nline-length = 100\n',
    });
    expect(load(path.join(tmp, 'sub')).file).toBe(path.join(tmp, 'droplint.toml'));
  });

  it('skips a pyproject.toml that only mentions droplint outside [tool.droplint]', () => {
    write({
      'droplint.toml': 'dialect = "mysql"\n',
      'sub/pyproject.toml': '[project]\ndependencies = ["droplint"]\n',
    });
    expect(load(path.join(tmp, 'sub')).file).toBe(path.join(tmp, 'droplint.toml'));
  });

  it('skips a package.json without "droplint" and keeps searching upward', () => {
    write({
      'pyproject.toml': '[tool.droplint]\ndialect = "sqlite"\n',
      'sub/package.json': JSON.stringify({ name: 'app', scripts: { lint: 'droplint' } }),
    });
    expect(load(path.join(tmp, 'sub')).file).toBe(path.join(tmp, 'pyproject.toml'));
  });

  it('skips a pyproject.toml in the same directory that lacks the table', () => {
    write({
      'pyproject.toml': '[project]\nname = "app"\n',
      'package.json': JSON.stringify({ droplint: { dialect: 'mysql' } }),
    });
    expect(load(tmp).file).toBe(path.join(tmp, 'package.json'));
  });
});

describe('--config', () => {
  it('reads an explicit TOML file, relative to cwd', () => {
    write({ 'conf/lint.toml': 'dialect = "mysql"\n', 'droplint.toml': 'dialect = "sqlite"\n' });
    const result = load(tmp, 'conf/lint.toml');
    expect(result.file).toBe(path.join(tmp, 'conf', 'lint.toml'));
    expect(result.root).toBe(path.join(tmp, 'conf'));
    expect(result.config.dialect).toBe('mysql');
  });

  it('reads an explicit JSON file as a whole object', () => {
    write({ 'lint.json': JSON.stringify({ dialect: 'sqlserver', rules: { 'drop-table': 'off' } }) });
    const result = load(tmp, path.join(tmp, 'lint.json'));
    expect(result.file).toBe(path.join(tmp, 'lint.json'));
    expect(result.config.dialect).toBe('sqlserver');
    expect(result.config.rules).toEqual({ 'drop-table': 'off' });
  });

  it('reads [tool.droplint] from an explicit pyproject.toml', () => {
    write({ 'py/pyproject.toml': '[tool.droplint]\ndialect = "sqlite"\n' });
    expect(load(tmp, 'py/pyproject.toml').config.dialect).toBe('sqlite');
  });

  it('reads the "droplint" key from an explicit package.json', () => {
    write({ 'js/package.json': JSON.stringify({ droplint: { dialect: 'mysql' } }) });
    expect(load(tmp, 'js/package.json').config.dialect).toBe('mysql');
  });

  it('fails when the explicit file is missing', () => {
    expect(errorOf(tmp, 'nope.toml')).toBe('nope.toml: config file not found');
  });

  it('fails when the explicit file has an unsupported extension', () => {
    write({ 'lint.yaml': 'dialect: mysql\n' });
    expect(errorOf(tmp, 'lint.yaml')).toBe('lint.yaml: unsupported config file type (expected .toml or .json)');
  });

  it('fails when an explicit pyproject.toml or package.json has no droplint section', () => {
    write({ 'pyproject.toml': '[project]\nname = "app"\n', 'package.json': '{"name": "app"}' });
    expect(errorOf(tmp, 'pyproject.toml')).toBe('pyproject.toml: no [tool.droplint] table');
    expect(errorOf(tmp, 'package.json')).toBe('package.json: no "droplint" key');
  });

  it('names a file outside cwd relative to it', () => {
    write({ 'outside.toml': 'dialect = "oracle"\n', 'cwd/.keep': '' });
    const file = path.join(tmp, 'outside.toml');
    expect(errorOf(path.join(tmp, 'cwd'), file)).toBe(
      `../outside.toml: "dialect" must be one of postgresql, cockroachdb, mysql, sqlite, sqlserver, clickhouse; got "oracle"`,
    );
  });
});

describe('keys', () => {
  it('parses every key', () => {
    write({
      'droplint.toml': [
        'protected-tables = ["user", "session", "auth_*", "billing.*"]',
        'models = ["app/models/**/*.py"]',
        'include = ["migrations/**", "prisma/migrations/**"]',
        'exclude = ["migrations/legacy/**"]',
        'dialect = "postgresql"',
        'downgrade = "error"',
        '[rules]',
        'drop-column = "info"',
        'table-without-model = "off"',
        '',
      ].join('\n'),
    });
    expect(load(tmp).config).toEqual({
      protectedTables: ['user', 'session', 'auth_*', 'billing.*'],
      models: ['app/models/**/*.py'],
      include: ['migrations/**', 'prisma/migrations/**'],
      exclude: ['migrations/legacy/**'],
      dialect: 'postgresql',
      downgrade: 'error',
      rules: { 'drop-column': 'info', 'table-without-model': 'off' },
    });
  });

  it('parses the same keys from package.json', () => {
    write({
      'package.json': JSON.stringify({
        droplint: { 'protected-tables': ['user'], include: ['db/**'], rules: { 'drop-table': 'error' } },
      }),
    });
    expect(load(tmp).config).toEqual({
      ...DEFAULT_CONFIG,
      protectedTables: ['user'],
      include: ['db/**'],
      rules: { 'drop-table': 'error' },
    });
  });

  it('fills in defaults for missing keys', () => {
    write({ 'droplint.toml': '' });
    expect(load(tmp).config).toEqual(DEFAULT_CONFIG);
  });

  it('normalises "warn" to "warning"', () => {
    write({ 'droplint.toml': 'downgrade = "warn"\n[rules]\ndrop-column = "warn"\n' });
    const { config } = load(tmp);
    expect(config.downgrade).toBe('warning');
    expect(config.rules).toEqual({ 'drop-column': 'warning' });
  });
});

describe('errors', () => {
  it('rejects an unknown key and suggests the closest one', () => {
    write({ 'droplint.toml': 'protected_tables = ["user"]\n' });
    expect(errorOf(tmp)).toBe('droplint.toml: unknown key "protected_tables" (did you mean "protected-tables"?)');
  });

  it('rejects an unknown key without a suggestion when nothing is close', () => {
    write({ 'droplint.toml': 'colour = "never"\n' });
    expect(errorOf(tmp)).toBe('droplint.toml: unknown key "colour"');
  });

  it('names the table in pyproject.toml and package.json', () => {
    write({ 'pyproject.toml': '[tool.droplint]\nrule = {}\n' });
    expect(errorOf(tmp)).toBe('pyproject.toml: [tool.droplint] unknown key "rule" (did you mean "rules"?)');
    write({ 'sub/package.json': JSON.stringify({ droplint: { exlude: [] } }) });
    expect(errorOf(path.join(tmp, 'sub'))).toBe('package.json: [droplint] unknown key "exlude" (did you mean "exclude"?)');
  });

  it('rejects wrong types', () => {
    write({ 'droplint.toml': 'protected-tables = "user"\n' });
    expect(errorOf(tmp)).toBe('droplint.toml: "protected-tables" must be an array of strings; got "user"');
    write({ 'droplint.toml': 'models = ["a/**", 3]\n' });
    expect(errorOf(tmp)).toBe('droplint.toml: "models" must be an array of strings; got 3 at position 2');
    write({ 'droplint.toml': 'rules = 3\n' });
    expect(errorOf(tmp)).toBe('droplint.toml: "rules" must be a table; got 3');
    write({ 'droplint.toml': 'dialect = ["mysql"]\n' });
    expect(errorOf(tmp)).toBe('droplint.toml: "dialect" must be one of postgresql, cockroachdb, mysql, sqlite, sqlserver, clickhouse; got an array');
  });

  it('rejects a droplint section that is not a table', () => {
    write({ 'pyproject.toml': '[tool]\ndroplint = 3\n' });
    expect(errorOf(tmp)).toBe('pyproject.toml: [tool] "droplint" must be a table; got 3');
    write({ 'lint.json': '[1, 2]' });
    expect(errorOf(tmp, 'lint.json')).toBe('lint.json: the top level must be an object; got an array');
  });

  it('rejects a bad severity', () => {
    write({ 'pyproject.toml': '[tool.droplint]\ndowngrade = "fatal"\n' });
    expect(errorOf(tmp)).toBe('pyproject.toml: [tool.droplint] "downgrade" must be one of error, warning, info, off; got "fatal"');
    write({ 'droplint.toml': '[rules]\ndrop-column = true\n' });
    expect(errorOf(tmp)).toBe('droplint.toml: [rules] "drop-column" must be one of error, warning, info, off; got true');
  });

  it('rejects a bad dialect', () => {
    write({ 'droplint.toml': 'dialect = "postgres"\n' });
    expect(errorOf(tmp)).toBe('droplint.toml: "dialect" must be one of postgresql, cockroachdb, mysql, sqlite, sqlserver, clickhouse; got "postgres"');
  });

  it('rejects an unknown rule id', () => {
    write({ 'droplint.toml': '[rules]\ndrop-tables = "error"\n' });
    expect(errorOf(tmp)).toBe('droplint.toml: [rules] unknown rule "drop-tables"');
    write({ 'pyproject.toml': '[tool.droplint.rules]\nnope = "off"\n', 'sub/.keep': '' });
    fs.rmSync(path.join(tmp, 'droplint.toml'));
    // Found above cwd, so named relative to it.
    expect(errorOf(path.join(tmp, 'sub'))).toBe(`../pyproject.toml: [tool.droplint.rules] unknown rule "nope"`);
  });

  it('reports a TOML syntax error with its line, without a stack or code frame', () => {
    write({ 'droplint.toml': 'dialect = "mysql"\nmodels = [\ninclude = 3\n' });
    const message = errorOf(tmp);
    expect(message).toBe('droplint.toml: invalid TOML at line 3, column 1: invalid value');
    expect(message).not.toContain('\n');
  });

  it('reports a TOML syntax error in pyproject.toml', () => {
    write({ 'pyproject.toml': '[tool.droplint]\ndialect = \n' });
    expect(errorOf(tmp)).toMatch(/^pyproject\.toml: invalid TOML at line 2, column \d+: .+$/);
  });

  it('reports invalid JSON in package.json with its line', () => {
    write({ 'package.json': '{\n  "droplint": {\n    "dialect": "mysql",\n  }\n}\n' });
    expect(errorOf(tmp)).toBe('package.json: invalid JSON at line 4, column 3: Expected double-quoted property name');
  });
});

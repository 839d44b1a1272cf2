import { describe, expect, it } from 'vitest';
import { droplint, project } from './run-cli.js';

const CLEAN = '-- CreateTable\nCREATE TABLE "Post" (\n    "id" SERIAL NOT NULL,\n    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")\n);\n';
const DROP = '-- DropTable\nDROP TABLE "Session";\n';
const DOWN_DROP = 'DROP TABLE IF EXISTS "widgets";\n';

describe('exit status', () => {
  it('is 0 when nothing is found', () => {
    const dir = project({ 'migrations/V1__create_post.sql': CLEAN });
    const run = droplint(dir, []);
    expect(run).toEqual({ status: 0, stdout: 'No problems found in 1 file.\n', stderr: '' });
  });

  it('is 1 on an error-level finding', () => {
    const dir = project({ 'migrations/V2__drop_session.sql': DROP });
    const run = droplint(dir, ['migrations']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('migrations/V2__drop_session.sql:2:1: error[drop-table]');
    expect(run.stderr).toBe('');
  });

  it('is 0 with only warnings, and 1 when they exceed --max-warnings', () => {
    const dir = project({ 'db/000002_widgets.down.sql': DOWN_DROP });
    const plain = droplint(dir, []);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('db/000002_widgets.down.sql:1:1: warning[drop-table]');
    expect(plain.stdout).toContain('Found 1 warning in 1 file.');
    expect(droplint(dir, ['--max-warnings', '0']).status).toBe(1);
    expect(droplint(dir, ['--max-warnings', '1']).status).toBe(0);
    // --quiet hides warnings but they still count against --max-warnings.
    expect(droplint(dir, ['--quiet', '--max-warnings', '0']).status).toBe(1);
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--format', 'xml'], '--format must be one of text, json, sarif, github, gitlab; got "xml"'],
    [['--changed-since', 'HEAD~1'], '--changed-since needs a git repository'],
    [['--rule', 'drop-table'], '--rule takes RULE=error|warning|info|off; got "drop-table"'],
    [['--rule', 'drop-table=loud'], '--rule takes RULE=error|warning|info|off; got "drop-table=loud"'],
    [['--rule', 'drop-tables=off'], '--rule: unknown rule "drop-tables"'],
    [['--dialect', 'oracle'], '--dialect must be one of'],
    [['--max-warnings', 'many'], '--max-warnings takes a whole number; got "many"'],
    [['--max-warnings', ''], '--max-warnings takes a whole number; got ""'],
    [['--max-warnings', '-1'], "Option '--max-warnings' argument is ambiguous"],
    [['--max-warnings=-1'], '--max-warnings takes a whole number; got "-1"'],
    [['--max-warnings', '0x10'], '--max-warnings takes a whole number; got "0x10"'],
    [['--jobs', '0'], '--jobs takes a whole number of at least 1; got "0"'],
    [['-j', 'all'], '--jobs takes a whole number of at least 1; got "all"'],
    [['--stdin'], '--stdin needs --stdin-filename PATH'],
    [['--stdin-filename', 'a.sql'], '--stdin-filename only goes with --stdin'],
    [['--stdin', '--stdin-filename', 'a.sql', 'b.sql'], '--stdin lints standard input; do not name paths as well'],
    [['explain'], 'usage: droplint explain <rule>'],
  ])('is 2 on the usage error %j', (args, message) => {
    const dir = project({ 'a.sql': DROP });
    const run = droplint(dir, args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.startsWith('droplint: ')).toBe(true);
  });

  it.each([
    ['droplint.toml', 'protected-table = ["user"]\n', 'droplint.toml: unknown key "protected-table" (did you mean "protected-tables"?)'],
    ['droplint.toml', 'downgrade = "loud"\n', 'droplint.toml: "downgrade" must be one of error, warning, info, off; got "loud"'],
    ['droplint.toml', '[rules]\ndrop-tables = "off"\n', 'droplint.toml: [rules] unknown rule "drop-tables"'],
    ['droplint.toml', 'protected-tables = "user"\n', 'droplint.toml: "protected-tables" must be an array of strings'],
    ['droplint.toml', 'dialect = = 1\n', 'droplint.toml: invalid TOML at line 1'],
    ['pyproject.toml', '[tool.droplint]\nmodel = ["app/**"]\n', 'pyproject.toml: [tool.droplint] unknown key "model"'],
    ['package.json', '{ "name": "app", "droplint": { "downgrade": 1 } }\n', 'package.json: [droplint] "downgrade" must be one of'],
  ])('is 2 on a configuration error in %s, naming the file and key', (name, text, message) => {
    const dir = project({ [name]: text, 'migrations/V2__drop.sql': DROP });
    const run = droplint(dir, []);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(`droplint: ${message}`)).toBe(true);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  it('is 2 when --config names a missing file', () => {
    const dir = project({ 'a.sql': DROP });
    const run = droplint(dir, ['--config', 'conf/droplint.toml']);
    expect(run).toEqual({ status: 2, stdout: '', stderr: 'droplint: conf/droplint.toml: config file not found\n' });
  });

  it('is 2 when a named path does not exist, after linting and printing the others', () => {
    const dir = project({ 'migrations/V2__drop_session.sql': DROP });
    const run = droplint(dir, ['--format', 'json', 'migrations', 'prisma/migrations', 'missing.sql']);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('droplint: path not found: prisma/migrations\ndroplint: path not found: missing.sql\n');
    const doc = JSON.parse(run.stdout) as { summary: { files: number; errors: number }; diagnostics: Array<{ file: string }> };
    expect(doc.summary).toMatchObject({ files: 1, errors: 1 });
    expect(doc.diagnostics.map((d) => d.file)).toEqual(['migrations/V2__drop_session.sql']);
  });
});

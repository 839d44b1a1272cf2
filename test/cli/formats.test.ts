import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { droplint, project, write } from './run-cli.js';

const DROP = '-- DropTable\nDROP TABLE "Session";\n';
const DOWN_DROP = 'DROP TABLE IF EXISTS "widgets";\n';
const CLEAN = 'CREATE TABLE "Post" ("id" SERIAL NOT NULL);\n';
const FILE = 'migrations/V2__drop_session.sql';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
const ajv = new AjvDraft04.default({ strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

interface SarifResult {
  ruleId: string;
  level: string;
  partialFingerprints: Record<string, string>;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
}

function sarifResults(stdout: string): SarifResult[] {
  return (JSON.parse(stdout) as { runs: Array<{ results: SarifResult[] }> }).runs[0]!.results;
}

describe('--format sarif', () => {
  it('writes valid SARIF with the package version, and exits 1 on an error', () => {
    const dir = project({ [FILE]: DROP, 'migrations/V1__post.sql': CLEAN });
    const run = droplint(dir, ['--format', 'sarif']);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const log = JSON.parse(run.stdout);
    expect(validate(log), ajv.errorsText(validate.errors)).toBe(true);
    expect(log.runs[0].tool.driver.version).toBe(version);
    const [result] = sarifResults(run.stdout);
    expect(result!.ruleId).toBe('drop-table');
    expect(result!.level).toBe('error');
    expect(result!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(FILE);
    expect(result!.locations[0]!.physicalLocation.region.startLine).toBe(2);
  });

  it('keeps the fingerprint when a line is added above the finding', () => {
    const dir = project({ [FILE]: DROP });
    const before = sarifResults(droplint(dir, ['--format', 'sarif']).stdout);
    write(dir, FILE, '\n-- reviewed\n' + DROP);
    const after = sarifResults(droplint(dir, ['--format', 'sarif']).stdout);
    expect(after[0]!.locations[0]!.physicalLocation.region.startLine).toBe(4);
    expect(after[0]!.partialFingerprints).toEqual(before[0]!.partialFingerprints);
  });

  it('exits 0 with an empty, valid run when nothing is found', () => {
    const dir = project({ 'migrations/V1__post.sql': CLEAN });
    const run = droplint(dir, ['--format', 'sarif']);
    expect(run.status).toBe(0);
    expect(validate(JSON.parse(run.stdout))).toBe(true);
    expect(sarifResults(run.stdout)).toEqual([]);
  });
});

describe('--format github', () => {
  it('writes annotations and a summary, and exits 1 on an error', () => {
    const dir = project({ [FILE]: DROP, 'db/000002_widgets.down.sql': DOWN_DROP });
    const run = droplint(dir, ['--format', 'github']);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^::warning file=db\/000002_widgets\.down\.sql,line=1,col=1,endLine=1,endColumn=\d+,title=droplint\(drop-table\)::/);
    expect(lines[1]).toMatch(
      /^::error file=migrations\/V2__drop_session\.sql,line=2,col=1,endLine=2,endColumn=\d+,title=droplint\(drop-table\)::.*"Session".*%0A/,
    );
    expect(lines.slice(2)).toEqual(['droplint: 1 error, 1 warning in 2 files', '']);
  });

  it('exits 0 with warnings only, and --quiet keeps errors only', () => {
    const dir = project({ 'db/000002_widgets.down.sql': DOWN_DROP });
    expect(droplint(dir, ['--format', 'github']).status).toBe(0);
    const quiet = droplint(dir, ['--format', 'github', '--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe('droplint: 0 errors, 0 warnings in 1 file\n');
  });
});

describe('--format gitlab', () => {
  it('writes a Code Quality report and exits 1 on an error', () => {
    const dir = project({ [FILE]: DROP });
    const run = droplint(dir, ['-f', 'gitlab']);
    expect(run.status).toBe(1);
    const issues = JSON.parse(run.stdout);
    expect(issues).toEqual([
      {
        description: expect.stringContaining('"Session"'),
        check_name: 'drop-table',
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        severity: 'major',
        location: { path: FILE, lines: { begin: 2 } },
      },
    ]);
    // The same fingerprint as the SARIF report: one finding, one identity.
    const sarif = sarifResults(droplint(dir, ['--format', 'sarif']).stdout);
    expect(Object.values(sarif[0]!.partialFingerprints)).toEqual([issues[0].fingerprint]);
  });

  it('writes [] and exits 0 when nothing is found', () => {
    const dir = project({ 'migrations/V1__post.sql': CLEAN });
    expect(droplint(dir, ['--format', 'gitlab'])).toEqual({ status: 0, stdout: '[]\n', stderr: '' });
  });
});

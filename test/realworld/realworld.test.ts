import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { project, write } from '../cli/run-cli.js';

const SCRIPT = path.resolve('scripts/realworld.mjs');
const CHECKOUT = path.resolve('scripts/realworld-checkout.mjs');

interface Row {
  repository: string;
  file: string;
  line: number;
  rule: string;
  verdict?: boolean;
  why: string;
}

interface Data {
  repositories: Array<{ name: string; commit: string }>;
  verdicts: Row[];
  misses?: Row[];
}

/** A folder of checkouts holding `acme+shop`, whose second migration drops the table the first created. */
function checkouts(): string {
  const dir = project();
  write(dir, 'acme+shop/migrations/V1__orders.sql', 'CREATE TABLE legacy_orders (id int);\n');
  write(dir, 'acme+shop/migrations/V2__drop.sql', 'DROP TABLE legacy_orders;\n');
  return dir;
}

const DROP = { repository: 'acme/shop', file: 'migrations/V2__drop.sql', line: 1, rule: 'drop-table' };

function run(dir: string, data: Data, args: string[] = []): { status: number | null; stdout: string } {
  const dataFile = path.join(project(), 'verdicts.json');
  fs.writeFileSync(dataFile, JSON.stringify(data));
  const result = spawnSync(process.execPath, [SCRIPT, '--data', dataFile, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DROPLINT_REALWORLD_DIR: dir },
  });
  return { status: result.status, stdout: result.stdout };
}

const repositories = [{ name: 'acme/shop', commit: '0'.repeat(40) }];

describe('npm run realworld', () => {
  it('counts a finding with a verdict and passes when every finding is judged', () => {
    const { status, stdout } = run(checkouts(), { repositories, verdicts: [{ ...DROP, verdict: true, why: 'orders are lost' }] });
    expect(stdout).toMatch(/^drop-table +1 +1 +0 +0 +100\.0%$/m);
    expect(stdout).toContain('Overall: 1 errors, 1 true, 0 false, 0 unclassified; precision 100.0%');
    expect(status).toBe(0);
  });

  it('prints the tables as Markdown with --markdown', () => {
    const { stdout } = run(checkouts(), { repositories, verdicts: [{ ...DROP, verdict: false, why: 'kept' }] }, ['--markdown']);
    expect(stdout).toContain(
      '| rule | errors | true | false | unclassified | precision |\n| --- | ---: | ---: | ---: | ---: | ---: |\n| drop-table | 1 | 0 | 1 | 0 | 0.0% |\n',
    );
  });

  it('fails on an unclassified finding and shows its message, its line of code and a row to fill in', () => {
    const { status, stdout } = run(checkouts(), { repositories, verdicts: [] }, ['--stubs']);
    expect(stdout).toMatch(/^ {2}acme\/shop migrations\/V2__drop\.sql:1 drop-table: .*legacy_orders.*$/m);
    expect(stdout).toContain('      | DROP TABLE legacy_orders;');
    expect(stdout).toContain('{"repository":"acme/shop","file":"migrations/V2__drop.sql","line":1,"rule":"drop-table","verdict":null,"why":""}');
    expect(status).toBe(1);
  });

  it('fails when a true finding is no longer produced, and lists false ones that are gone', () => {
    const gone = { ...DROP, line: 7 };
    const data = {
      repositories,
      verdicts: [
        { ...DROP, verdict: false, why: 'x' },
        { ...gone, verdict: true, why: 'lost' },
      ],
    };
    const { status, stdout } = run(checkouts(), data);
    expect(stdout).toContain('TRUE POSITIVES NO LONGER REPORTED at any severity (1;');
    expect(stdout).toContain('  acme/shop migrations/V2__drop.sql:7 drop-table (lost)');
    expect(status).toBe(1);

    const fixed = run(checkouts(), {
      repositories,
      verdicts: [
        { ...DROP, verdict: true, why: 'y' },
        { ...gone, verdict: false, why: 'old' },
      ],
    });
    expect(fixed.stdout).toContain('False errors no longer produced (1;');
    expect(fixed.status).toBe(0);
  });

  it('keeps a true finding now reported below error as reported: listed with its severity, not lost, not counted in precision', () => {
    const dir = project();
    write(dir, 'acme+shop/migrations/000001_orders.up.sql', 'CREATE TABLE legacy_orders (id int);\n');
    write(dir, 'acme+shop/migrations/000001_orders.down.sql', 'DROP TABLE legacy_orders;\n');
    const down = { repository: 'acme/shop', file: 'migrations/000001_orders.down.sql', line: 1, rule: 'drop-table' };
    const { status, stdout } = run(dir, { repositories, verdicts: [{ ...down, verdict: true, why: 'judged when it was an error' }] });
    expect(stdout).toContain('True findings now reported below error (1;');
    expect(stdout).toMatch(/^ {2}acme\/shop migrations\/000001_orders\.down\.sql:1 drop-table \[info\] .*legacy_orders/m);
    expect(stdout).not.toContain('TRUE POSITIVES NO LONGER REPORTED');
    expect(stdout).toContain('Overall: 0 errors, 0 true, 0 false, 0 unclassified');
    expect(status).toBe(0);
  });

  it('counts a known silent miss that is now reported as true', () => {
    const { status, stdout } = run(checkouts(), { repositories, verdicts: [], misses: [{ ...DROP, why: 'was hidden' }] });
    expect(stdout).toContain('Known silent misses now reported (1):');
    expect(stdout).toContain('Overall: 1 errors, 1 true, 0 false, 0 unclassified');
    expect(status).toBe(0);
  });

  it('skips a repository with no checkout, saying so', () => {
    const data = { repositories: [{ name: 'other/repo', commit: '1'.repeat(40) }], verdicts: [] };
    const { status, stdout } = run(checkouts(), data);
    expect(stdout).toMatch(/^skipped other\/repo: no checkout at .*other\+repo$/m);
    expect(status).toBe(0);
  });

  it('refuses a verdict that is neither true nor false', () => {
    const { status } = run(checkouts(), { repositories, verdicts: [{ ...DROP, why: '' }] });
    expect(status).toBe(2);
  });
});

describe('scripts/realworld-checkout.mjs', () => {
  it('writes every file whose blob is present and lists the missing ones', () => {
    const repo = project({ 'migrations/V1__a.sql': 'DROP TABLE a;\n', 'assets/big.bin': 'large\n' });
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'one');
    const big = git('rev-parse', 'HEAD:assets/big.bin').trim();
    fs.rmSync(path.join(repo, '.git', 'objects', big.slice(0, 2), big.slice(2)));

    const dest = path.join(project(), 'out');
    const out = execFileSync(process.execPath, [CHECKOUT, path.join(repo, '.git'), dest], { encoding: 'utf8' });
    expect(out).toContain('1 files written');
    expect(out).toContain('1 missing blobs skipped');
    expect(out).toContain('  missing: assets/big.bin');
    expect(fs.readFileSync(path.join(dest, 'migrations/V1__a.sql'), 'utf8')).toBe('DROP TABLE a;\n');
    expect(fs.existsSync(path.join(dest, 'assets/big.bin'))).toBe(false);
  });
});

describe('test/realworld/verdicts.json', () => {
  const data = JSON.parse(fs.readFileSync(path.resolve('test/realworld/verdicts.json'), 'utf8')) as Data;
  const names = new Set(data.repositories.map((r) => r.name));

  it('names each repository once, with a full commit', () => {
    expect(names.size).toBe(data.repositories.length);
    for (const r of data.repositories) expect(r.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('has one row per finding key, each for a listed repository, with a verdict and a reason', () => {
    const keys = new Set<string>();
    for (const row of [...data.verdicts, ...(data.misses ?? [])]) {
      const key = `${row.repository}\0${row.file}\0${row.line}\0${row.rule}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
      expect(names.has(row.repository), row.repository).toBe(true);
      expect(Number.isInteger(row.line) && row.line > 0).toBe(true);
      expect(row.why.length).toBeGreaterThan(0);
    }
    for (const row of data.verdicts) expect(typeof row.verdict).toBe('boolean');
  });
});

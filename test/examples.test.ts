/**
 * The bundled examples are the quick start: `npx droplint examples/` must keep
 * printing exactly the findings their READMEs describe, and exit 1.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/droplint.js');

function run(args: string[], cwd = root) {
  return spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

function findings(stdout: string): string[] {
  const doc = JSON.parse(stdout) as { diagnostics: Array<{ file: string; line: number; startColumn: number; rule: string; severity: string }> };
  return doc.diagnostics.map((d) => `${d.file}:${d.line}:${d.startColumn} ${d.severity} ${d.rule}`);
}

describe('examples', () => {
  it('reports what each example README says, from the repository root', () => {
    const result = run(['--format', 'json', 'examples/']);
    expect(result.status).toBe(1);
    const u1 = 'examples/flyway-teardown/db/migration/U1__baseline.sql';
    const v3 = 'examples/flyway-teardown/db/migration/V3__cleanup_staging.sql';
    const auth = 'examples/golang-migrate-auth/migrations/000002_add_research_report_streaming_fields';
    const deploy = 'examples/prisma-deploy/prisma/migrations/20251008191200_multi_org/migration.sql';
    const redefine = 'examples/prisma-sqlite-redefine/prisma/migrations/20240415120000_drop_bio/migration.sql';
    expect(findings(result.stdout)).toEqual([
      `${u1}:3:1 error drop-schema`,
      `${u1}:4:1 error drop-schema`,
      `${v3}:8:9 warning dynamic-operation`,
      'examples/golang-migrate-auth/migrations/000001_init.down.sql:1:1 warning drop-table',
      `${auth}.down.sql:1:30 warning drop-column`,
      `${auth}.down.sql:2:30 warning drop-column`,
      `${auth}.up.sql:3:1 error drop-table`,
      `${auth}.up.sql:4:1 error drop-table`,
      `${auth}.up.sql:5:1 error drop-table`,
      `${auth}.up.sql:6:1 error drop-table`,
      `${auth}.up.sql:7:1 error drop-table`,
      `${deploy}:6:3 warning prisma-warning`,
      `${deploy}:13:23 error drop-column`,
      `${deploy}:17:1 error drop-table`,
      `${redefine}:10:1 error drop-column`,
    ]);
  });

  it('finds the protected tables when run inside the auth example, where its droplint.toml is', () => {
    const result = run(['--format', 'json', '.'], path.join(root, 'examples/golang-migrate-auth'));
    const file = 'migrations/000002_add_research_report_streaming_fields.up.sql';
    expect(findings(result.stdout).filter((f) => f.endsWith('protected-table'))).toEqual([
      `${file}:3:1 error protected-table`,
      `${file}:4:1 error protected-table`,
      `${file}:5:1 error protected-table`,
      `${file}:6:1 error protected-table`,
    ]);
  });
});

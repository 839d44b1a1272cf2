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
  const doc = JSON.parse(stdout) as { diagnostics: Array<{ file: string; line: number; column: number; rule: string; severity: string }> };
  return doc.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`);
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
    const autogen = 'examples/alembic-autogen-auth/backend/alembic/versions';
    const streaming = `${autogen}/82233f5589d3_add_research_report_streaming_fields.py`;
    const baseline = 'examples/alembic-baseline-drop-all/alembic/versions';
    const envUrl = 'examples/alembic-env-url-override/io/schema/migrations';
    const models = 'examples/alembic-missing-models/alembic/versions';
    const unowned = 'examples/alembic-unowned-and-unmodeled/migrations/versions';
    const drizzle = 'examples/drizzle-sqlite-rebuild/drizzle/0001_brave_storm.sql';
    const knex = 'examples/knex-auth-tables/migrations';
    // Downgrade steps that remove what their own upgrade added are info.
    expect(findings(result.stdout)).toEqual([
      `${autogen}/4e7a9c21b0d8_initial.py:39:5 info drop-table`,
      `${autogen}/4e7a9c21b0d8_initial.py:40:5 info drop-table`,
      `${streaming}:23:5 error drop-table`,
      `${streaming}:23:5 error unmanaged-table-drop`,
      `${streaming}:24:5 error drop-table`,
      `${streaming}:24:5 error unmanaged-table-drop`,
      `${streaming}:25:5 error drop-table`,
      `${streaming}:25:5 error unmanaged-table-drop`,
      `${streaming}:26:5 error drop-table`,
      `${streaming}:26:5 error unmanaged-table-drop`,
      `${streaming}:27:5 error drop-table`,
      `${streaming}:27:5 error unmanaged-table-drop`,
      `${streaming}:35:5 info drop-column`,
      `${streaming}:36:5 info drop-column`,
      `${baseline}/a1b2c3d4e5f6_baseline.py:52:5 error drop-all`,
      `${baseline}/b7c8d9e0f1a2_add_appointments.py:35:5 info drop-table`,
      `${envUrl}/env.py:17:1 warning env-url-override`,
      `${envUrl}/versions/20260105_0001_schemas.py:10:1 info table-without-model`,
      `${envUrl}/versions/20260105_0001_schemas.py:30:5 info drop-table`,
      // The f-string's {schema} is resolved per loop element: one finding per schema, at the DROP inside the string.
      `${envUrl}/versions/20260105_0001_schemas.py:32:22 error drop-schema`,
      `${envUrl}/versions/20260105_0001_schemas.py:32:22 error drop-schema`,
      `${models}/1923d6037f6e_add_project_characteristics.py:26:5 error drop-table`,
      `${models}/1923d6037f6e_add_project_characteristics.py:27:5 error drop-table`,
      `${models}/1923d6037f6e_add_project_characteristics.py:28:5 error drop-table`,
      `${models}/1923d6037f6e_add_project_characteristics.py:54:5 info drop-table`,
      `${models}/c3a91f0e2b44_projects.py:47:5 info drop-table`,
      `${models}/c3a91f0e2b44_projects.py:48:5 info drop-table`,
      `${models}/c3a91f0e2b44_projects.py:49:5 info drop-table`,
      `${models}/c3a91f0e2b44_projects.py:50:5 info drop-table`,
      `${unowned}/5b0c1d2e3f40_initial.py:36:5 warning table-without-model`,
      `${unowned}/5b0c1d2e3f40_initial.py:48:5 info drop-table`,
      `${unowned}/5b0c1d2e3f40_initial.py:49:5 info drop-table`,
      `${unowned}/5b0c1d2e3f40_initial.py:50:5 info drop-table`,
      `${unowned}/8c9d0e1f2a3b_add_streaming_fields.py:22:5 error drop-table`,
      `${unowned}/8c9d0e1f2a3b_add_streaming_fields.py:22:5 error unmanaged-table-drop`,
      `${unowned}/8c9d0e1f2a3b_add_streaming_fields.py:23:5 error drop-table`,
      `${unowned}/8c9d0e1f2a3b_add_streaming_fields.py:23:5 error unmanaged-table-drop`,
      `${unowned}/8c9d0e1f2a3b_add_streaming_fields.py:31:5 info drop-column`,
      `${unowned}/8c9d0e1f2a3b_add_streaming_fields.py:32:5 info drop-column`,
      // Incident 000: a conftest teardown with the environment's URL, and the rollback trap in the start command.
      'examples/deploy-conftest-teardown/railway.toml:6:41 error destructive-command',
      'examples/deploy-conftest-teardown/tests/conftest.py:19:5 error unguarded-teardown',
      `${drizzle}:2:1 error drop-column`,
      `${drizzle}:13:1 error drop-table`,
      `${u1}:3:1 error drop-schema`,
      `${u1}:4:1 error drop-schema`,
      `${v3}:8:9 warning dynamic-operation`,
      'examples/golang-migrate-auth/migrations/000001_init.down.sql:1:1 info drop-table',
      `${auth}.down.sql:1:30 info drop-column`,
      `${auth}.down.sql:2:30 info drop-column`,
      `${auth}.up.sql:3:1 error drop-table`,
      `${auth}.up.sql:3:1 error unmanaged-table-drop`,
      `${auth}.up.sql:4:1 error drop-table`,
      `${auth}.up.sql:4:1 error unmanaged-table-drop`,
      `${auth}.up.sql:5:1 error drop-table`,
      `${auth}.up.sql:5:1 error unmanaged-table-drop`,
      `${auth}.up.sql:6:1 error drop-table`,
      `${auth}.up.sql:6:1 error unmanaged-table-drop`,
      `${auth}.up.sql:7:1 error drop-table`,
      `${auth}.up.sql:7:1 error unmanaged-table-drop`,
      `${knex}/20250110090000_create_reports.ts:15:9 info drop-table`,
      // One finding per table of the loop over STALE_TABLES, all at the dropTableIfExists call.
      ...['drop-table', 'unmanaged-table-drop'].flatMap((rule) =>
        Array.from({ length: 4 }, () => `${knex}/20250312141500_add_streaming_fields.ts:15:11 error ${rule}`),
      ),
      `${knex}/20250312141500_add_streaming_fields.ts:22:5 info drop-column`,
      `${knex}/20250312141500_add_streaming_fields.ts:23:5 info drop-column`,
      `${deploy}:6:3 info prisma-warning`,
      `${deploy}:13:23 error drop-column`,
      `${deploy}:20:1 error drop-table`,
      `${redefine}:10:1 error drop-column`,
      // Incident 002: `npm start` reaches `prisma migrate reset`.
      'examples/prisma-start-reset/package.json:8:17 error destructive-command',
      // Incident 001: a teardown's downgrade to base, through an env.py that overrides the URL.
      'examples/teardown-downgrade-base/migrations/env.py:8:1 warning env-url-override',
      'examples/teardown-downgrade-base/migrations/versions/20260105_0001_schemas.py:20:17 error drop-schema',
      'examples/teardown-downgrade-base/migrations/versions/20260105_0001_schemas.py:21:17 error drop-schema',
      'examples/teardown-downgrade-base/tests/conftest.py:11:13 error unguarded-teardown',
    ]);
  });

  it('applies the better-auth preset when run inside the unowned-and-unmodeled example', () => {
    const result = run(['--format', 'json', '.'], path.join(root, 'examples/alembic-unowned-and-unmodeled'));
    const file = 'migrations/versions/8c9d0e1f2a3b_add_streaming_fields.py';
    expect(findings(result.stdout).filter((f) => f.startsWith(file) && f.includes(' error '))).toEqual([
      `${file}:22:5 error drop-table`,
      `${file}:22:5 error protected-table`,
      `${file}:22:5 error unmanaged-table-drop`,
      `${file}:23:5 error drop-table`,
      `${file}:23:5 error protected-table`,
      `${file}:23:5 error unmanaged-table-drop`,
    ]);
  });

  it('finds the Better Auth tables protected when run inside the Alembic auth example', () => {
    const result = run(['--format', 'json', '.'], path.join(root, 'examples/alembic-autogen-auth'));
    const file = 'backend/alembic/versions/82233f5589d3_add_research_report_streaming_fields.py';
    expect(findings(result.stdout).filter((f) => f.endsWith('protected-table'))).toEqual([
      `${file}:23:5 error protected-table`,
      `${file}:24:5 error protected-table`,
      `${file}:25:5 error protected-table`,
      `${file}:26:5 error protected-table`,
    ]);
  });

  it('finds the protected tables when run inside the Knex example, where its droplint.toml is', () => {
    const result = run(['--format', 'json', '.'], path.join(root, 'examples/knex-auth-tables'));
    const file = 'migrations/20250312141500_add_streaming_fields.ts';
    expect(findings(result.stdout).filter((f) => f.endsWith('protected-table'))).toEqual(
      Array.from({ length: 4 }, () => `${file}:15:11 error protected-table`),
    );
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

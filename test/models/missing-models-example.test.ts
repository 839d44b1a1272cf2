/**
 * End to end on examples/alembic-missing-models (seed 004), with the CLI and
 * the example's droplint.toml (`models = ["src/models/**\/*.py"]`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { droplint, lintJson } from '../cli/run-cli.js';

const example = path.resolve(import.meta.dirname, '../../examples/alembic-missing-models');
const INCIDENT = 'alembic/versions/1923d6037f6e_add_project_characteristics.py';
const FIRST = 'alembic/versions/c3a91f0e2b44_projects.py';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** The example as it was when `alembic revision --autogenerate` was about to run: without the incident migration. */
function beforeAutogenerate(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-missing-models-'));
  made.push(dir);
  fs.cpSync(example, dir, { recursive: true });
  fs.rmSync(path.join(dir, ...INCIDENT.split('/')));
  return dir;
}

describe('examples/alembic-missing-models', () => {
  it('warns at the op.create_table of each table no model defines, before autogenerate drops them', () => {
    const dir = beforeAutogenerate();
    // Only warnings: exit status 0.
    expect(lintJson(dir, ['.'], 0)).toEqual([
      `${FIRST}:23:5 warning[table-without-model]`,
      `${FIRST}:30:5 warning[table-without-model]`,
      `${FIRST}:37:5 warning[table-without-model]`,
      `${FIRST}:47:5 info[drop-table]`,
      `${FIRST}:48:5 info[drop-table]`,
      `${FIRST}:49:5 info[drop-table]`,
      `${FIRST}:50:5 info[drop-table]`,
    ]);
    const doc = JSON.parse(droplint(dir, ['--format', 'json', '.']).stdout) as {
      diagnostics: Array<{ rule: string; table: string; message: string; endLine: number }>;
    };
    expect(doc.diagnostics.filter((d) => d.rule === 'table-without-model').map((d) => [d.table, d.endLine, d.message])).toEqual([
      ['project_keywords', 29, 'autogenerate will propose dropping "project_keywords": no model defines it'],
      ['project_resource_mappings', 36, 'autogenerate will propose dropping "project_resource_mappings": no model defines it'],
      ['project_monthly_forecast', 43, 'autogenerate will propose dropping "project_monthly_forecast": no model defines it'],
    ]);
  });

  it('reports the drops, and no table-without-model, once the incident migration has dropped the tables', () => {
    // At the head of the full history the three tables no longer exist: nothing left for a model to define.
    expect(lintJson(example, ['.'], 1)).toEqual([
      `${INCIDENT}:26:5 error[drop-table]`,
      `${INCIDENT}:27:5 error[drop-table]`,
      `${INCIDENT}:28:5 error[drop-table]`,
      `${INCIDENT}:54:5 info[drop-table]`,
      `${FIRST}:47:5 info[drop-table]`,
      `${FIRST}:48:5 info[drop-table]`,
      `${FIRST}:49:5 info[drop-table]`,
      `${FIRST}:50:5 info[drop-table]`,
    ]);
  });

  it('is silent when the rule is off', () => {
    const dir = beforeAutogenerate();
    expect(lintJson(dir, ['--rule', 'table-without-model=off', '.'], 0).filter((f) => f.includes('table-without-model'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { SeveritySetting } from '../../src/engine/diagnostic.js';
import { lint } from '../../src/engine/lint.js';
import { compileTablePatterns } from '../../src/engine/table-pattern.js';
import { parseSqlFile } from '../../src/parsers/sql/sql-file.js';
import { RULES, SUPPRESSION_RULES } from '../../rules/index.js';

async function run(path: string, text: string, overrides: Record<string, SeveritySetting> = {}, downgrade: SeveritySetting = 'warning'): Promise<string[]> {
  const unit = await parseSqlFile({ path, text }, 'postgresql');
  const diagnostics = lint([unit], RULES, SUPPRESSION_RULES, {
    settings: { protectedTables: compileTablePatterns([]) },
    overrides,
    downgrade,
  });
  return diagnostics.map((d) => `${d.line}:${d.column} ${d.severity}[${d.rule}]`);
}

describe('lint', () => {
  it('applies a suppression and does not report it', async () => {
    expect(await run('V1__a.sql', '-- droplint-ignore drop-table: archived\nDROP TABLE a;\n')).toEqual([]);
  });

  it('counts a suppression as used even when the run turns its rule off', async () => {
    const sql = '-- droplint-ignore drop-table: archived\nDROP TABLE a;\n';
    expect(await run('V1__a.sql', sql, { 'drop-table': 'off' })).toEqual([]);
    expect(await run('1_a.down.sql', sql, {}, 'off')).toEqual([]);
  });

  it('reports suppression problems at the comment, with their own severity settings', async () => {
    const sql = '-- droplint-ignore drop-table: nothing here\nSELECT 1;\n';
    expect(await run('V1__a.sql', sql)).toEqual(['1:1 warning[unused-suppression]']);
    expect(await run('V1__a.sql', sql, { 'unused-suppression': 'error' })).toEqual(['1:1 error[unused-suppression]']);
    expect(await run('V1__a.sql', sql, { 'unused-suppression': 'off' })).toEqual([]);
  });

  it('sorts by line, column and rule', async () => {
    expect(await run('V1__a.sql', 'TRUNCATE b; DROP TABLE a;\nDELETE FROM c;\n')).toEqual([
      '1:1 error[truncate-table]',
      '1:13 error[drop-table]',
      '2:1 error[delete-without-where]',
    ]);
  });
});

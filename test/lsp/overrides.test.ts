/** `lintPaths` with `overrides`: the editor's open buffers stand for files on disk. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { lintPaths } from '../../src/pipeline.js';
import { REGISTRY } from '../../rules/index.js';
import { tempDir } from './client.js';

const root = tempDir('droplint-overrides-');
mkdirSync(path.join(root, 'migrations'));
writeFileSync(path.join(root, 'migrations/V1__init.sql'), 'CREATE TABLE "t" ("id" int);\n');
writeFileSync(path.join(root, 'migrations/V2__drop.sql'), 'DROP TABLE "t";\n');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lint = (paths: string[], overrides?: Map<string, string>) =>
  lintPaths({ registry: REGISTRY, cwd: root, paths, config: { config: DEFAULT_CONFIG, file: null, root }, overrides });

describe('lintPaths overrides', () => {
  it('reads an open buffer instead of the file on disk', async () => {
    const buffer = new Map([[path.join(root, 'migrations/V2__drop.sql'), '-- kept\nTRUNCATE "t";\n']]);
    const { result } = await lint(['migrations'], buffer);
    expect(result.diagnostics.map((d) => [d.file, d.rule, d.line])).toEqual([['migrations/V2__drop.sql', 'truncate-table', 2]]);
    expect(result.sources.get('migrations/V2__drop.sql')).toBe('-- kept\nTRUNCATE "t";\n');
  });

  it('lints a named buffer that is not on disk yet, beside the folder', async () => {
    const unsaved = path.join(root, 'migrations/V3__new.sql');
    const { result, problems } = await lint(['migrations', unsaved], new Map([[unsaved, 'DELETE FROM "t";\n']]));
    expect(problems).toEqual([]);
    expect(result.diagnostics.map((d) => [d.file, d.rule])).toEqual([
      ['migrations/V2__drop.sql', 'drop-table'],
      ['migrations/V3__new.sql', 'delete-without-where'],
    ]);
  });

  it('still reports a named path that is neither on disk nor open', async () => {
    const { problems } = await lint([path.join(root, 'migrations/V9__gone.sql')], new Map());
    expect(problems).toEqual(['path not found: ' + path.join(root, 'migrations/V9__gone.sql')]);
  });
});

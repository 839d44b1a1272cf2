import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePythonFile } from '../../../src/parsers/alembic/alembic-file.js';
import { keepTrees } from '../../../src/parsers/python/python.js';

const FIXTURE = 'test/fixtures/alembic/pipeline/migrations/versions/2017-01-10_11-04_0e2a74e0fc9f_remove_charts.py';

afterAll(() => keepTrees(0));

/** What a file's unit says, parsed from its last tree (`path` kept) or from nothing. */
async function unit(text: string, reuse: boolean) {
  const parsed = await parsePythonFile({ path: reuse ? 'kept.py' : `fresh-${Math.random()}.py`, text }, 'postgresql');
  return { operations: parsed?.operations, suppressions: parsed?.suppressions };
}

describe('incremental reparsing (the language server)', () => {
  it('gives what a fresh parse gives, edit after edit', async () => {
    keepTrees(4);
    const original = fs.readFileSync(FIXTURE, 'utf8');
    const upgrade = original.indexOf('def upgrade');
    expect(upgrade).toBeGreaterThan(0);
    // Each edit applies to the text before it, as an editor's keystrokes do.
    const edits: Array<(t: string) => string> = [
      (t) => t.replace('def upgrade():\n', 'def upgrade():\n    op.drop_table("typed_in")\n'),
      // Characters outside the BMP are two UTF-16 units: positions after them must still match.
      (t) => `# 🚀 migration\n${t}`,
      (t) => t.replace('op.drop_table("typed_in")', 'op.drop_table("typed_in_again")  # droplint-ignore drop-table: 🚀 test'),
      (t) => t.replace('op.drop_table("typed_in_again")', 'op.drop_table(  # still typing\n'),
      (t) => t.replace('op.drop_table(  # still typing\n', 'op.drop_column("users", "é")\n'),
      (t) => t.slice(0, t.length - 40),
      (t) => `${t}\n\ndef helper():\n    op.execute("DROP TABLE x")\n`,
      () => original,
    ];
    let text = original;
    expect(await unit(text, true)).toEqual(await unit(text, false));
    for (const edit of edits) {
      text = edit(text);
      const reparsed = await unit(text, true);
      expect(reparsed).toEqual(await unit(text, false));
    }
    // The edits were seen: the typed drop is reported while it is there.
    text = edits[0]!(original);
    const withDrop = await unit(text, true);
    expect(withDrop.operations?.some((o) => o.kind === 'drop-table' && o.table.name === 'typed_in')).toBe(true);
  });
});

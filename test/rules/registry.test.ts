import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

describe('rule registry', () => {
  it('has unique, kebab-case ids', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('registers every rule file in rules/', () => {
    const files = readdirSync(path.join(root, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  for (const { meta } of RULES) {
    describe(meta.id, () => {
      it('has a test file', () => {
        expect(existsSync(path.join(root, 'test/rules', `${meta.id}.test.ts`))).toBe(true);
      });
      it('is documented: summary, help and docs', () => {
        expect(meta.summary.length).toBeGreaterThan(20);
        expect(meta.help.length).toBeGreaterThan(20);
        expect(meta.docs.trim().length).toBeGreaterThan(200);
      });
      it('is in the README rule table with its default severity', () => {
        expect(readme).toMatch(new RegExp(`^\\| \`${meta.id}\` \\| ${meta.defaultSeverity}`, 'm'));
      });
      it("has none of the scaffold's TODO placeholders left", () => {
        const row = readme.split('\n').find((line) => line.startsWith(`| \`${meta.id}\` |`)) ?? '';
        for (const text of [meta.summary, meta.help, meta.docs, row, JSON.stringify(meta.examples)]) expect(text).not.toMatch(/\bTODO\b/);
      });
    });
  }
});

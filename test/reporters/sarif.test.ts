import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, LintResult } from '../../src/engine/diagnostic.js';
import { withFingerprints } from '../../src/reporters/fingerprint.js';
import { FINGERPRINT_KEY, firstParagraph, renderSarif } from '../../src/reporters/sarif.js';
import { RULES } from '../../rules/index.js';
import { diag } from './diagnostic.js';

// The official schema is draft-04 (`id`, not `$id`), which plain Ajv 8 does not
// read; ajv-draft-04 is Ajv with that dialect. Both packages are CommonJS whose
// `.default` is the export itself, which NodeNext typing needs.
const schema = JSON.parse(readFileSync(new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as object;
const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const metas = RULES.map((rule) => rule.meta);

function result(diagnostics: Diagnostic[], sources: Record<string, string> = {}): LintResult {
  return { diagnostics, fileCount: Math.max(1, Object.keys(sources).length), sources: new Map(Object.entries(sources)) };
}

function sarif(r: LintResult) {
  return JSON.parse(renderSarif(r, { rules: metas, version: '9.8.7' }));
}

function expectValid(text: string): void {
  const ok = validate(JSON.parse(text));
  expect(ajv.errorsText(validate.errors, { separator: '\n' }), 'schema errors').toBe('No errors');
  expect(ok).toBe(true);
}

const SQL = 'CREATE TABLE "a" (id int);\n  DROP TABLE "session";  \n';
const dropSession = diag({
  rule: 'drop-table',
  file: 'prisma/migrations/1_x/migration.sql',
  line: 2,
  column: 3,
  endLine: 2,
  endColumn: 23,
  message: 'migration drops table "session"; all of its rows are lost',
  help: 'Back it up first.',
});

describe('renderSarif', () => {
  it('is valid SARIF 2.1.0, with findings of every severity and awkward file names', () => {
    const text = renderSarif(
      result(
        [
          dropSession,
          diag({ rule: 'dynamic-operation', severity: 'warning', file: 'db/my file #1?.sql', message: 'x' }),
          diag({ rule: 'unused-suppression', severity: 'info', file: 'C:odd,100%.sql', line: 3, endLine: 4, endColumn: 1 }),
        ],
        { [dropSession.file]: SQL },
      ),
      { rules: metas, version: '9.8.7' },
    );
    expectValid(text);
  });

  it('is valid SARIF for an empty result, still listing every rule', () => {
    const text = renderSarif(result([]), { rules: metas, version: '0.1.0' });
    expectValid(text);
    const log = JSON.parse(text);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toHaveLength(RULES.length);
  });

  it('describes the tool and every rule from its metadata, without invented help URLs', () => {
    const log = sarif(result([]));
    expect(log.version).toBe('2.1.0');
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('droplint');
    expect(driver.version).toBe('9.8.7');
    expect(driver.informationUri).toBe('https://www.npmjs.com/package/droplint');
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(metas.map((m) => m.id));

    const dropTable = driver.rules.find((r: { id: string }) => r.id === 'drop-table');
    const meta = metas.find((m) => m.id === 'drop-table')!;
    expect(dropTable).toEqual({
      id: 'drop-table',
      shortDescription: { text: meta.summary },
      fullDescription: { text: 'Reports DROP TABLE, op.drop_table(…) and their equivalents.' },
      help: { text: meta.help, markdown: meta.docs.trim() },
      defaultConfiguration: { level: 'error' },
    });
    expect(JSON.stringify(driver)).not.toContain('helpUri');
    const levels = Object.fromEntries(driver.rules.map((r: { id: string; defaultConfiguration: { level: string } }) => [r.id, r.defaultConfiguration.level]));
    expect(levels['dynamic-operation']).toBe('warning');
  });

  it('writes one result per diagnostic with rule index, level, region and a relative URI', () => {
    const log = sarif(
      result([dropSession, diag({ rule: 'parse-error', severity: 'info', file: 'db/my file #1.sql', line: 4, column: 2, endLine: 5, endColumn: 1 })], {
        [dropSession.file]: SQL,
      }),
    );
    const run = log.runs[0];
    expect(run.columnKind).toBe('unicodeCodePoints');
    expect(Object.keys(run.originalUriBaseIds)).toEqual(['%SRCROOT%']);
    const [first, second] = run.results;
    expect(first.ruleId).toBe('parse-error');
    expect(first.level).toBe('note');
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe('parse-error');
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'db/my%20file%20%231.sql', uriBaseId: '%SRCROOT%' },
      region: { startLine: 4, startColumn: 2, endLine: 5, endColumn: 1 },
    });
    expect(second.ruleId).toBe('drop-table');
    expect(second.level).toBe('error');
    expect(second.message).toEqual({ text: dropSession.message });
    expect(second.locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 3, endLine: 2, endColumn: 23 });
    expect(second.partialFingerprints[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic: sorted, pretty, newline-terminated, whatever the input order', () => {
    const a = diag({ file: 'b.sql', line: 2 });
    const b = diag({ file: 'a.sql', line: 9 });
    const c = diag({ file: 'b.sql', line: 1, rule: 'truncate-table' });
    const one = renderSarif(result([a, b, c]), { rules: metas, version: '1.0.0' });
    const two = renderSarif(result([c, a, b]), { rules: metas, version: '1.0.0' });
    expect(one).toBe(two);
    expect(one.endsWith('}\n')).toBe(true);
    expect(one).toContain('\n  "version": "2.1.0",\n');
    const uris = JSON.parse(one).runs[0].results.map(
      (r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) =>
        `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}`,
    );
    expect(uris).toEqual(['a.sql:9', 'b.sql:1', 'b.sql:2']);
  });
});

describe('fingerprints', () => {
  const file = 'migrations/V2__drop.sql';
  const text = 'BEGIN;\nDROP TABLE "session";\nDROP TABLE "token";\n';
  const at = (line: number, table: string): Diagnostic =>
    diag({ file, line, endLine: line, column: 1, endColumn: 20, message: `migration drops table "${table}"` });
  const print = (r: LintResult): string[] =>
    sarif(r).runs[0].results.map((x: { partialFingerprints: Record<string, string> }) => x.partialFingerprints[FINGERPRINT_KEY]);

  it('survive a blank line inserted above the finding', () => {
    const before = print(result([at(2, 'session'), at(3, 'token')], { [file]: text }));
    const after = print(result([at(3, 'session'), at(4, 'token')], { [file]: '\n' + text }));
    expect(after).toEqual(before);
  });

  it('differ between two different findings', () => {
    const [session, token] = print(result([at(2, 'session'), at(3, 'token')], { [file]: text }));
    expect(session).not.toBe(token);
  });

  it('tell identical findings in one file apart, by order, and keep that across a shift', () => {
    const twice = 'DROP TABLE "session";\nDROP TABLE "session";\n';
    const before = print(result([at(1, 'session'), at(2, 'session')], { [file]: twice }));
    expect(new Set(before).size).toBe(2);
    const after = print(result([at(2, 'session'), at(3, 'session')], { [file]: '-- added\n' + twice }));
    expect(after).toEqual(before);
  });

  it('change when the flagged line itself changes', () => {
    const [before] = print(result([at(2, 'session')], { [file]: text }));
    const [after] = print(result([at(2, 'session')], { [file]: text.replace('DROP TABLE "session"', 'DROP TABLE IF EXISTS "session"') }));
    expect(after).not.toBe(before);
  });

  it('are what the shared function gives (GitLab uses the same)', () => {
    const r = result([at(2, 'session')], { [file]: text });
    expect(print(r)).toEqual(withFingerprints(r).map((f) => f.fingerprint));
  });
});

describe('firstParagraph', () => {
  it('joins the first paragraph into plain text, code spans, bold and links unwrapped', () => {
    expect(firstParagraph('\nReports `DROP`\nand **more**, see [docs](https://x.test/a).\n\nSecond.\n')).toBe('Reports DROP and more, see docs.');
  });

  it('keeps the example that a paragraph ending in a colon introduces', () => {
    expect(firstParagraph('Write it so:\n\n```sql\n-- droplint-ignore x: why\n```\n\nMore.')).toBe('Write it so:\n-- droplint-ignore x: why');
  });

  it('leaves markdown-looking characters inside code spans alone', () => {
    expect(firstParagraph('Matches `auth_*` and `**`.')).toBe('Matches auth_* and **.');
  });
});

import { describe, expect, it } from 'vitest';
import type { Diagnostic, LintResult } from '../../src/engine/diagnostic.js';
import { diag } from './diagnostic.js';
import { renderJson } from '../../src/reporters/json.js';

function result(diagnostics: Diagnostic[], fileCount = 1): LintResult {
  return { diagnostics, fileCount, sources: new Map() };
}

const sample = diag({
  file: 'migrations/versions/0002_autogen.py',
  line: 14,
  column: 5,
  endLine: 14,
  endColumn: 30,
  message: 'upgrade() drops table "session"; all of its rows are lost',
  table: 'session',
  help: 'Stop reading the table first.',
});

describe('renderJson', () => {
  it('writes the version 2 layout: the object described under "object", one "column" key (the position)', () => {
    const object = { kind: 'table', schema: null, table: 'session', column: null, name: 'session' } as const;
    expect(renderJson({ ...result([diag({ ...sample, object })], 12), skippedCount: 4 })).toBe(
      [
        '{',
        '  "version": 2,',
        '  "summary": {',
        '    "files": 12,',
        '    "errors": 1,',
        '    "warnings": 0,',
        '    "infos": 0,',
        '    "skipped": 4',
        '  },',
        '  "diagnostics": [',
        '    {',
        '      "rule": "drop-table",',
        '      "severity": "error",',
        '      "file": "migrations/versions/0002_autogen.py",',
        '      "line": 14,',
        '      "column": 5,',
        '      "endLine": 14,',
        '      "endColumn": 30,',
        '      "message": "upgrade() drops table \\"session\\"; all of its rows are lost",',
        '      "phase": "upgrade",',
        '      "schema": null,',
        '      "table": "session",',
        '      "object": {',
        '        "kind": "table",',
        '        "schema": null,',
        '        "table": "session",',
        '        "column": null,',
        '        "name": "session"',
        '      },',
        '      "help": "Stop reading the table first."',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('keeps the position under "column" and the table column under "object.column"', () => {
    const object = { kind: 'column', schema: 'public', table: 'session', column: 'token', name: 'token' } as const;
    const text = renderJson(result([diag({ ...sample, schema: 'public', object })], 12));
    const parsed = JSON.parse(text);
    expect(parsed.version).toBe(2);
    const [d] = parsed.diagnostics;
    expect(d.column).toBe(5);
    expect(d.object).toEqual({ kind: 'column', schema: 'public', table: 'session', column: 'token', name: 'token' });
    expect(Object.keys(d)).toEqual([
      'rule',
      'severity',
      'file',
      'line',
      'column',
      'endLine',
      'endColumn',
      'message',
      'phase',
      'schema',
      'table',
      'object',
      'help',
    ]);
    // Written once: no duplicate key for a parser to drop, and no startColumn any more.
    expect(text.match(/"column":/g)).toHaveLength(2); // the position, and object.column
    expect(text).not.toContain('startColumn');
  });

  it('writes "object": null for a finding about no database object', () => {
    const parsed = JSON.parse(renderJson(result([diag({ rule: 'parse-error', object: null })])));
    expect(parsed.diagnostics[0].object).toBeNull();
  });

  it('counts by severity and sorts diagnostics by file, line, column, rule', () => {
    const text = renderJson(
      result(
        [
          diag({ file: 'b.sql', line: 1, severity: 'info' }),
          diag({ file: 'a.sql', line: 9, rule: 'drop-column', severity: 'warning' }),
          diag({ file: 'a.sql', line: 9, rule: 'b-rule' }),
          diag({ file: 'a.sql', line: 2, column: 7 }),
          diag({ file: 'a.sql', line: 2, column: 3 }),
        ],
        3,
      ),
    );
    const parsed = JSON.parse(text);
    expect(parsed.summary).toEqual({ files: 3, errors: 3, warnings: 1, infos: 1, skipped: 0 });
    expect(parsed.diagnostics.map((d: { file: string; line: number; column: number; rule: string }) => `${d.file}:${d.line}:${d.column}:${d.rule}`)).toEqual([
      'a.sql:2:3:drop-table',
      'a.sql:2:7:drop-table',
      'a.sql:9:1:b-rule',
      'a.sql:9:1:drop-column',
      'b.sql:1:1:drop-table',
    ]);
  });

  it('gives identical bytes for the same diagnostics in any order', () => {
    const diagnostics = Array.from({ length: 20 }, (_, i) => diag({ file: `f${i % 3}.sql`, line: ((i * 7) % 5) + 1, column: (i % 4) + 1, message: `m${i}` }));
    const expected = renderJson(result(diagnostics, 3));
    // A fixed permutation keeps the test itself deterministic.
    for (const step of [1, 3, 7, 11, 19]) {
      const shuffled = diagnostics.map((_, i) => diagnostics[(i * step) % diagnostics.length]!);
      expect(renderJson(result(shuffled, 3))).toBe(expected);
    }
    expect(renderJson(result([...diagnostics].reverse(), 3))).toBe(expected);
  });

  it('escapes quotes, backslashes, newlines and control characters, and keeps unicode', () => {
    const message = 'drops "a\\b"\nnext\tline \x1b 🔥 é';
    const text = renderJson(result([diag({ message, table: 'ta"ble' })]));
    expect(text).toContain('      "message": "drops \\"a\\\\b\\"\\nnext\\tline \\u001b 🔥 é",\n');
    expect(text).toContain('      "table": "ta\\"ble",\n');
    const parsed = JSON.parse(text);
    expect(parsed.diagnostics[0].message).toBe(message);
    expect(parsed.diagnostics[0].table).toBe('ta"ble');
  });

  it('renders an empty result', () => {
    expect(renderJson(result([], 0))).toBe(
      '{\n  "version": 2,\n  "summary": {\n    "files": 0,\n    "errors": 0,\n    "warnings": 0,\n    "infos": 0,\n    "skipped": 0\n  },\n  "diagnostics": []\n}\n',
    );
    expect(JSON.parse(renderJson(result([], 0)))).toEqual({
      version: 2,
      summary: { files: 0, errors: 0, warnings: 0, infos: 0, skipped: 0 },
      diagnostics: [],
    });
  });

  it('separates several diagnostics with commas', () => {
    const text = renderJson(result([diag({ line: 1 }), diag({ line: 2 })]));
    expect(text).toContain('      "help": ""\n    },\n    {\n      "rule": "drop-table",\n');
    expect(JSON.parse(text).diagnostics).toHaveLength(2);
  });
});

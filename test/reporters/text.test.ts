import { describe, expect, it } from 'vitest';
import type { Diagnostic, LintResult } from '../../src/engine/diagnostic.js';
import { diag } from './diagnostic.js';
import { renderText } from '../../src/reporters/text.js';

function result(diagnostics: Diagnostic[], sources: Record<string, string> = {}, fileCount = 1): LintResult {
  return { diagnostics, fileCount, sources: new Map(Object.entries(sources)) };
}

const plain = { color: false };

describe('renderText code frame', () => {
  it('underlines a one-line span with a gutter as wide as the line number', () => {
    const file = 'prisma/migrations/20240101_drop/migration.sql';
    const source = Array.from({ length: 11 }, (_, i) => `-- line ${i + 1}`).join('\n') + '\nDROP TABLE "Old";\n';
    const out = renderText(
      result(
        [
          diag({
            file,
            line: 12,
            column: 1,
            endLine: 12,
            endColumn: 18,
            message: 'upgrade drops table "Old"; all of its rows are lost',
            help: 'Stop reading the table, deploy, then drop it in a later release.',
          }),
        ],
        { [file]: source },
      ),
      plain,
    );
    // `DROP TABLE "Old";` is 17 characters: 17 carets.
    expect(out).toBe(
      'prisma/migrations/20240101_drop/migration.sql:12:1: error[drop-table] upgrade drops table "Old"; all of its rows are lost\n' +
        '   |\n' +
        '12 | DROP TABLE "Old";\n' +
        '   | ^^^^^^^^^^^^^^^^^\n' +
        '   = help: Stop reading the table, deploy, then drop it in a later release.\n' +
        '\n' +
        'Found 1 error in 1 file.\n',
    );
  });

  it('starts the underline at the span column', () => {
    // A1 ... `DROP` starts at column 19; the span ends before `;` at column 36.
    const out = renderText(
      result([diag({ rule: 'drop-column', severity: 'warning', line: 3, column: 19, endLine: 3, endColumn: 36, message: 'drops column' })], {
        'a.sql': 'BEGIN;\n\nALTER TABLE users DROP COLUMN email;\nCOMMIT;\n',
      }),
      plain,
    );
    expect(out).toBe(
      'a.sql:3:19: warning[drop-column] drops column\n' +
        '  |\n' +
        '3 | ALTER TABLE users DROP COLUMN email;\n' +
        '  |                   ^^^^^^^^^^^^^^^^^\n' +
        '\n' +
        'Found 1 warning in 1 file.\n',
    );
  });

  it('underlines a multi-line span to the end of its first line', () => {
    // `TABLE a,` runs from column 6 to the end of line 2 (8 characters).
    const out = renderText(result([diag({ line: 2, column: 6, endLine: 3, endColumn: 3 })], { 'a.sql': 'BEGIN;\nDROP TABLE a,\n  b;\n' }), plain);
    expect(out).toBe('a.sql:2:6: error[drop-table] m\n  |\n2 | DROP TABLE a,\n  |      ^^^^^^^^\n\nFound 1 error in 1 file.\n');
  });

  it('expands a tab before the span to four spaces and shifts the underline', () => {
    // Column 1 is the tab; `DROP TABLE t` is columns 2..13.
    const out = renderText(result([diag({ column: 2, endColumn: 14 })], { 'a.sql': '\tDROP TABLE t;' }), plain);
    expect(out).toBe('a.sql:1:2: error[drop-table] m\n  |\n1 |     DROP TABLE t;\n  |     ^^^^^^^^^^^^\n\nFound 1 error in 1 file.\n');
  });

  it('underlines a tab inside the span with four carets', () => {
    const out = renderText(result([diag({ column: 1, endColumn: 3 })], { 'a.sql': '\tx y' }), plain);
    expect(out).toBe('a.sql:1:1: error[drop-table] m\n  |\n1 |     x y\n  | ^^^^^\n\nFound 1 error in 1 file.\n');
  });

  it('counts an emoji before the span as one column', () => {
    // S1 E2 L3 E4 C5 T6 space7 '8 🔥9 '10 ;11 space12 D13 ... t24 ;25
    const out = renderText(result([diag({ column: 13, endColumn: 25 })], { 'a.sql': "SELECT '🔥'; DROP TABLE t;" }), plain);
    expect(out).toBe("a.sql:1:13: error[drop-table] m\n  |\n1 | SELECT '🔥'; DROP TABLE t;\n  |             ^^^^^^^^^^^^\n\nFound 1 error in 1 file.\n");
  });

  it('puts one caret after the last character for a point at the end of the line', () => {
    const out = renderText(result([diag({ column: 4, endColumn: 4 })], { 'a.sql': 'abc\n' }), plain);
    expect(out).toBe('a.sql:1:4: error[drop-table] m\n  |\n1 | abc\n  |    ^\n\nFound 1 error in 1 file.\n');
  });

  it('shows one caret for an empty span and for an empty line', () => {
    const empty = renderText(result([diag({ line: 2, column: 1, endLine: 2, endColumn: 1 })], { 'a.sql': 'x\n\ny' }), plain);
    expect(empty).toBe('a.sql:2:1: error[drop-table] m\n  |\n2 |\n  | ^\n\nFound 1 error in 1 file.\n');
  });

  it('clamps a span that runs past the end of its line', () => {
    const out = renderText(result([diag({ column: 2, endColumn: 50 })], { 'a.sql': 'abcd' }), plain);
    expect(out).toBe('a.sql:1:2: error[drop-table] m\n  |\n1 | abcd\n  |  ^^^\n\nFound 1 error in 1 file.\n');
  });

  it('shows a window of a long line cut on the left', () => {
    // 250 `a`, then `DROP TABLE t;` at columns 251..263, then 100 `b`: 363 characters.
    // The window keeps the last 160 characters: 47 `a` + 13 + 100 `b`.
    const line = 'a'.repeat(250) + 'DROP TABLE t;' + 'b'.repeat(100);
    const out = renderText(result([diag({ column: 251, endColumn: 263 })], { 'a.sql': line }), plain);
    expect(out).toBe(
      'a.sql:1:251: error[drop-table] m\n' +
        '  |\n' +
        '1 | …' +
        'a'.repeat(47) +
        'DROP TABLE t;' +
        'b'.repeat(100) +
        '\n' +
        '  | ' +
        ' '.repeat(48) +
        '^^^^^^^^^^^^\n' +
        '\n' +
        'Found 1 error in 1 file.\n',
    );
  });

  it('shows a window of a long line cut on both sides', () => {
    // The span starts at character index 300; the window is [260, 420): 40 `a`, 13, 107 `b`.
    const line = 'a'.repeat(300) + 'DROP TABLE t;' + 'b'.repeat(300);
    const out = renderText(result([diag({ column: 301, endColumn: 313 })], { 'a.sql': line }), plain);
    expect(out).toBe(
      'a.sql:1:301: error[drop-table] m\n' +
        '  |\n' +
        '1 | …' +
        'a'.repeat(40) +
        'DROP TABLE t;' +
        'b'.repeat(107) +
        '…\n' +
        '  | ' +
        ' '.repeat(41) +
        '^^^^^^^^^^^^\n' +
        '\n' +
        'Found 1 error in 1 file.\n',
    );
  });

  it('cuts a long line only on the right when the span is near its start', () => {
    const line = 'DROP TABLE t;' + 'b'.repeat(300);
    const out = renderText(result([diag({ column: 1, endColumn: 13 })], { 'a.sql': line }), plain);
    expect(out).toBe(
      'a.sql:1:1: error[drop-table] m\n' + '  |\n' + '1 | DROP TABLE t;' + 'b'.repeat(147) + '…\n' + '  | ^^^^^^^^^^^^\n' + '\n' + 'Found 1 error in 1 file.\n',
    );
  });

  it('leaves a line of exactly 200 characters whole', () => {
    const line = 'x'.repeat(200);
    const out = renderText(result([diag({ column: 200, endColumn: 201 })], { 'a.sql': line }), plain);
    expect(out).toBe(`a.sql:1:200: error[drop-table] m\n  |\n1 | ${line}\n  | ${' '.repeat(199)}^\n\nFound 1 error in 1 file.\n`);
  });

  it('prints header and help only when the source is missing or the line is out of range', () => {
    const out = renderText(
      result(
        [diag({ file: 'a.sql', line: 7, help: 'Do it later.' }), diag({ file: 'b.sql', line: 10, help: 'Nope.' }), diag({ file: 'b.sql', line: 11 })],
        { 'b.sql': 'one line' },
        2,
      ),
      plain,
    );
    expect(out).toBe(
      'a.sql:7:1: error[drop-table] m\n' +
        '  = help: Do it later.\n' +
        '\n' +
        'b.sql:10:1: error[drop-table] m\n' +
        '   = help: Nope.\n' +
        '\n' +
        'b.sql:11:1: error[drop-table] m\n' +
        '\n' +
        'Found 3 errors in 2 files.\n',
    );
  });

  it('orders diagnostics by file, then line, then column', () => {
    const out = renderText(
      result(
        [
          diag({ file: 'b.sql', line: 1 }),
          diag({ file: 'a.sql', line: 5, column: 3, endColumn: 4 }),
          diag({ file: 'a.sql', line: 2 }),
          diag({ file: 'a.sql', line: 5, column: 1 }),
        ],
        {},
        2,
      ),
      plain,
    );
    const headers = out.split('\n').filter((l) => l.includes('error['));
    expect(headers).toEqual([
      'a.sql:2:1: error[drop-table] m',
      'a.sql:5:1: error[drop-table] m',
      'a.sql:5:3: error[drop-table] m',
      'b.sql:1:1: error[drop-table] m',
    ]);
  });

  it('shows control characters of the source as visible symbols', () => {
    const out = renderText(result([diag({ column: 3, endColumn: 4 })], { 'a.sql': 'a\x1b[31mb' }), plain);
    expect(out).toBe('a.sql:1:3: error[drop-table] m\n  |\n1 | a␛[31mb\n  |   ^\n\nFound 1 error in 1 file.\n');
    expect(out).not.toContain('\x1b');
  });
});

describe('renderText summary', () => {
  const lastLine = (diagnostics: Diagnostic[], fileCount: number): string =>
    renderText(result(diagnostics, {}, fileCount), plain)
      .trimEnd()
      .split('\n')
      .at(-1)!;
  const n = (count: number, severity: Diagnostic['severity']): Diagnostic[] => Array.from({ length: count }, (_, i) => diag({ severity, line: i + 1 }));

  it('says no problems when everything is zero', () => {
    expect(renderText(result([], {}, 4), plain)).toBe('No problems found in 4 files.\n');
    expect(lastLine([], 1)).toBe('No problems found in 1 file.');
    expect(lastLine([], 0)).toBe('No problems found in 0 files.');
  });

  it('uses the singular for one of each', () => {
    expect(lastLine([...n(1, 'error'), ...n(1, 'warning'), ...n(1, 'info')], 1)).toBe('Found 1 error, 1 warning and 1 info in 1 file.');
  });

  it('uses the plural for many of each', () => {
    expect(lastLine([...n(3, 'error'), ...n(2, 'warning'), ...n(2, 'info')], 4)).toBe('Found 3 errors, 2 warnings and 2 infos in 4 files.');
  });

  it('omits zero counts', () => {
    expect(lastLine([...n(3, 'error'), ...n(2, 'info')], 4)).toBe('Found 3 errors and 2 infos in 4 files.');
    expect(lastLine(n(1, 'warning'), 2)).toBe('Found 1 warning in 2 files.');
    expect(lastLine(n(5, 'info'), 1)).toBe('Found 5 infos in 1 file.');
  });
});

describe('renderText colour', () => {
  const input = result([diag({ column: 1, endColumn: 13, help: 'h' })], { 'a.sql': 'DROP TABLE t;' });

  it('paints severity, rule, gutter and carets when colour is on', () => {
    expect(renderText(input, { color: true })).toBe(
      'a.sql:1:1: \x1b[31merror\x1b[0m[\x1b[1mdrop-table\x1b[0m] m\n' +
        '\x1b[2m  |\x1b[0m\n' +
        '\x1b[2m1 |\x1b[0m DROP TABLE t;\n' +
        '\x1b[2m  |\x1b[0m \x1b[31m^^^^^^^^^^^^\x1b[0m\n' +
        '\x1b[2m  =\x1b[0m help: h\n' +
        '\n' +
        'Found 1 error in 1 file.\n',
    );
  });

  it('uses yellow for warnings and blue for infos', () => {
    const out = renderText(result([diag({ severity: 'warning' }), diag({ severity: 'info', line: 2 })], { 'a.sql': 'x\ny' }), { color: true });
    expect(out).toContain('\x1b[33mwarning\x1b[0m[');
    expect(out).toContain('\x1b[33m^\x1b[0m');
    expect(out).toContain('\x1b[34minfo\x1b[0m[');
    expect(out).toContain('\x1b[34m^\x1b[0m');
  });

  it('has no escape character at all when colour is off', () => {
    const out = renderText(
      result([diag({ severity: 'warning' }), diag({ severity: 'info', line: 2, help: 'h' }), diag({ line: 3 })], {
        'a.sql': 'x\ny\nz',
      }),
      plain,
    );
    expect(out).not.toContain('\x1b');
    expect(out).toBe(
      'a.sql:1:1: warning[drop-table] m\n  |\n1 | x\n  | ^\n\n' +
        'a.sql:2:1: info[drop-table] m\n  |\n2 | y\n  | ^\n  = help: h\n\n' +
        'a.sql:3:1: error[drop-table] m\n  |\n3 | z\n  | ^\n\n' +
        'Found 1 error, 1 warning and 1 info in 1 file.\n',
    );
  });
});

describe('renderText grouping', () => {
  it('shows the findings that share one span under one code frame, each help once', () => {
    const file = 'migrations/versions/0001_base.py';
    const source = 'def downgrade():\n    Base.metadata.drop_all(bind, tables=[a, b])\n';
    const at = { file, line: 2, column: 5, endLine: 2, endColumn: 48, help: 'Keep the tables.' };
    const out = renderText(
      result(
        [
          diag({ ...at, rule: 'unmanaged-table-drop', severity: 'warning', message: 'drops "a", which no migration created', help: 'Remove the drop.' }),
          diag({ ...at, message: 'drops table "b"' }),
          diag({ ...at, message: 'drops table "a"' }),
          // Same start, another end: its own frame.
          diag({ ...at, endColumn: 10, severity: 'info', message: 'other' }),
        ],
        { [file]: source },
      ),
      plain,
    );
    expect(out).toBe(
      `${file}:2:5: error[drop-table] drops table "a"\n` +
        `${file}:2:5: error[drop-table] drops table "b"\n` +
        `${file}:2:5: warning[unmanaged-table-drop] drops "a", which no migration created\n` +
        '  |\n' +
        '2 |     Base.metadata.drop_all(bind, tables=[a, b])\n' +
        '  |     ' +
        '^'.repeat(43) +
        '\n' +
        '  = help: Keep the tables.\n' +
        '  = help: Remove the drop.\n' +
        '\n' +
        `${file}:2:5: info[drop-table] other\n` +
        '  |\n' +
        '2 |     Base.metadata.drop_all(bind, tables=[a, b])\n' +
        '  |     ^^^^^\n' +
        '  = help: Keep the tables.\n' +
        '\n' +
        'Found 2 errors, 1 warning and 1 info in 1 file.\n',
    );
  });

  it('underlines a group in the colour of its gravest finding', () => {
    const out = renderText(result([diag({ severity: 'info' }), diag({ severity: 'error', rule: 'unmanaged-table-drop' })], { 'a.sql': 'x' }), { color: true });
    expect(out).toContain('\x1b[31m^\x1b[0m');
    expect(out).not.toContain('\x1b[34m^\x1b[0m');
  });
});

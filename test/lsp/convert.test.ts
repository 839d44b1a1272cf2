import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/engine/diagnostic.js';
import { LineIndex } from '../../src/ir/source-text.js';
import { PositionMap, toLspDiagnostic } from '../../src/lsp/convert.js';
import { suppressionEdit } from '../../src/lsp/suppress.js';

describe('PositionMap', () => {
  it('turns 1-based character columns into 0-based UTF-16 columns', () => {
    const map = new PositionMap('a🚀b\n🚀🚀 DROP\n');
    expect(map.position(1, 1)).toEqual({ line: 0, character: 0 });
    expect(map.position(1, 3)).toEqual({ line: 0, character: 3 });
    expect(map.position(2, 4)).toEqual({ line: 1, character: 5 });
  });

  it('ends lines at \\r\\n, \\n and a lone \\r, as droplint does', () => {
    const map = new PositionMap('x\r\ny🚀z\rw');
    expect(map.position(2, 3)).toEqual({ line: 1, character: 3 });
    expect(map.position(3, 2)).toEqual({ line: 2, character: 1 });
  });

  it('clamps positions past a line or the text to their end', () => {
    const map = new PositionMap('ab\ncd');
    expect(map.position(1, 9)).toEqual({ line: 0, character: 2 });
    expect(map.position(7, 1)).toEqual({ line: 1, character: 2 });
  });

  it('shifts line 1 by a byte order mark droplint dropped', () => {
    const map = new PositionMap('DROP\nx', 1);
    expect(map.position(1, 1)).toEqual({ line: 0, character: 1 });
    expect(map.position(2, 1)).toEqual({ line: 1, character: 0 });
  });

  it("inverts droplint's own positions at every character boundary", () => {
    const text = 'é🚀\r\n\t👩‍👩‍👧 x\rZ\n\n𝔘𝔫𝔦 — end';
    const lines = new LineIndex(text);
    const map = new PositionMap(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const unit = text.charCodeAt(offset);
      if (unit >= 0xdc00 && unit <= 0xdfff) continue; // inside a surrogate pair
      if (unit === 10 && text.charCodeAt(offset - 1) === 13) continue; // inside a \r\n
      const { line, column } = lines.position(offset);
      expect(map.position(line, column), `offset ${offset}`).toEqual({ line: line - 1, character: offset - lines.lineStart(line) });
    }
  });
});

describe('toLspDiagnostic', () => {
  const base: Diagnostic = {
    rule: 'drop-table',
    severity: 'error',
    file: 'm/V1.sql',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 5,
    message: 'migration drops table "t"; all of its rows are lost',
    phase: 'upgrade',
    schema: null,
    table: 't',
    object: null,
    help: 'Back it up first.',
  };

  it('maps severities, and puts the help sentence under the message', () => {
    const map = new PositionMap('DROP TABLE t;');
    expect(toLspDiagnostic(base, map)).toEqual({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
      severity: 1,
      source: 'droplint',
      code: 'drop-table',
      message: 'migration drops table "t"; all of its rows are lost\nBack it up first.',
    });
    expect(toLspDiagnostic({ ...base, severity: 'warning' }, map).severity).toBe(2);
    expect(toLspDiagnostic({ ...base, severity: 'info' }, map).severity).toBe(3);
  });

  it('links a help URL as the code description', () => {
    const lsp = toLspDiagnostic({ ...base, help: 'https://example.org/rules/drop-table' }, new PositionMap('DROP'));
    expect(lsp.codeDescription).toEqual({ href: 'https://example.org/rules/drop-table' });
    expect(lsp.message).toBe(base.message);
  });
});

describe('suppressionEdit', () => {
  it("inserts above the line, with its indentation and the text's line ending", () => {
    expect(suppressionEdit('x;\r\n\t  DROP TABLE t;\r\n', 1, 'drop-table', '--')).toEqual({
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      newText: '\t  -- droplint-ignore drop-table: TODO reason\r\n',
    });
    expect(suppressionEdit('    op.drop_table("t")', 0, 'drop-table', '#').newText).toBe('    # droplint-ignore drop-table: TODO reason\n');
  });
});

import { describe, expect, it } from 'vitest';
import { DOTTED_NAME } from '../../src/parsers/python/call-reader.js';
import { UnicodePattern } from '../../src/parsers/unicode-pattern.js';

describe('UnicodePattern', () => {
  const source = String.raw`^([\p{L}_][\p{L}\p{N}_]*)[ \t]*=(?!=)`;
  const pattern = new UnicodePattern(/^([A-Za-z_][A-Za-z0-9_]*)[ \t]*=(?!=)/, source);
  const unicode = new RegExp(source, 'u');

  it('matches what the Unicode expression matches, on ASCII text and on any other', () => {
    const texts = ['name=1', 'name = 1', 'name == 1', '_x1=2', '1x=2', 'tablé="t"', 'имя=1', 'x²=1', 'a٣=1', '=1', '', 'a\u0000=1', 'π = 3'];
    for (const text of texts) {
      expect(pattern.exec(text)?.[1], text).toBe(unicode.exec(text)?.[1]);
      expect(pattern.test(text), text).toBe(unicode.test(text));
    }
  });

  it('reads Python names in any script as the front-ends use it', () => {
    expect(DOTTED_NAME.test('op.drop_table')).toBe(true);
    expect(DOTTED_NAME.test('módulo.función_2')).toBe(true);
    expect(DOTTED_NAME.test('a..b')).toBe(false);
    expect(DOTTED_NAME.test('op.drop_table(')).toBe(false);
    expect(DOTTED_NAME.test('módulo.2x')).toBe(false);
  });
});

/**
 * Python string literals decoded with a map back to the file: every expected
 * offset below is counted by hand in the source shown beside it (0-based,
 * UTF-16 units, as the IR's spans).
 */
import { describe, expect, it } from 'vitest';
import { parsePython } from '../../../src/parsers/python/python.js';
import { type PyValue, Scope } from '../../../src/parsers/python/values.js';

/** The value of `x` in `source` (module constants around it are resolved). */
async function valueOfX(source: string): Promise<PyValue> {
  const { module } = await parsePython(source);
  const scope = new Scope(null);
  scope.bindModule(module);
  return scope.lookup('x');
}

async function decoded(source: string): Promise<{ text: string; offsets: readonly number[] }> {
  const value = await valueOfX(source);
  if (value.kind !== 'string') throw new Error(`not a string: ${JSON.stringify(value)}`);
  return { text: value.value.text, offsets: value.value.offsets };
}

describe('Python string decoding', () => {
  it('maps a plain string to the characters between its quotes', async () => {
    // x = "DROP TABLE a"   → `"` at 4, D at 5 … a at 16, closing quote at 17
    expect(await decoded('x = "DROP TABLE a"\n')).toEqual({ text: 'DROP TABLE a', offsets: [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17] });
  });

  it('keeps backslashes of raw strings', async () => {
    // x = r"\d+"   r4 "5 \6 d7 +8 "9
    expect(await decoded('x = r"\\d+"\n')).toEqual({ text: '\\d+', offsets: [6, 7, 8, 9] });
  });

  it('decodes \\x in bytes but keeps \\u, which bytes do not know', async () => {
    // x = b'\x41\u0042'   b4 '5 \6 x7 4 8 1 9 \10 u11 0 12 0 13 4 14 2 15 '16
    expect(await decoded("x = b'\\x41\\u0042'\n")).toEqual({ text: 'A\\u0042', offsets: [6, 10, 11, 12, 13, 14, 15, 16] });
  });

  it('maps triple-quoted strings across lines', async () => {
    // x = """⏎  DROP TABLE t⏎"""   quotes 4-6, ⏎ 7, spaces 8-9, D 10 … t 21, ⏎ 22, closing quotes from 23
    const { text, offsets } = await decoded('x = """\n  DROP TABLE t\n"""\n');
    expect(text).toBe('\n  DROP TABLE t\n');
    expect(offsets).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23]);
  });

  it('maps each escape to its backslash: \\t \\\\ \\" ', async () => {
    // x = "a\tb\\c\"d"   "4 a5 \6 t7 b8 \9 \10 c11 \12 "13 d14 "15
    expect(await decoded('x = "a\\tb\\\\c\\"d"\n')).toEqual({ text: 'a\tb\\c"d', offsets: [5, 6, 8, 9, 11, 12, 14, 15] });
  });

  it('decodes hex, unicode, octal and named escapes; an unknown escape keeps its backslash', async () => {
    // x = "\x41\u00e9\U0001F600\101\N{BULLET}\q"
    //  "4 \5 x41 \9 u00e9 \15 U0001F600 \25 101 \29 N{BULLET} \39 q40 "41
    const { text, offsets } = await decoded('x = "\\x41\\u00e9\\U0001F600\\101\\N{BULLET}\\q"\n');
    expect(text).toBe('Aé\u{1F600}A\uFFFD\\q');
    // The emoji is two UTF-16 units, both from the `\U` escape at 15.
    expect(offsets).toEqual([5, 9, 15, 15, 25, 29, 39, 40, 41]);
  });

  it('joins lines ended by a backslash (LF and CRLF)', async () => {
    // x = "ab\⏎cd"   "4 a5 b6 \7 ⏎8 c9 d10 "11
    expect(await decoded('x = "ab\\\ncd"\n')).toEqual({ text: 'abcd', offsets: [5, 6, 9, 10, 11] });
    // x = "ab\␍⏎cd"   \7 ␍8 ⏎9 c10 d11 "12
    expect(await decoded('x = "ab\\\r\ncd"\r\n')).toEqual({ text: 'abcd', offsets: [5, 6, 10, 11, 12] });
  });

  it('counts characters outside the BMP as two units, as file offsets do', async () => {
    // x = "😀 DROP"   "4 😀5-6 space7 D8 R9 O10 P11 "12
    expect(await decoded('x = "😀 DROP"\n')).toEqual({ text: '😀 DROP', offsets: [5, 6, 7, 8, 9, 10, 11, 12] });
  });

  it('concatenates adjacent literals of any prefix, each character at its own place', async () => {
    // x = ("DROP " 'TABLE ' f"{T}")
    //  (4 "5 D6 R7 O8 P9 ␠10 "11 ␠12 '13 T14 A15 B16 L17 E18 ␠19 '20 ␠21 f22 "23 {24 T25 }26 "27 )28
    const { text, offsets } = await decoded('x = ("DROP " \'TABLE \' f"{T}")\nT = "t1"\n');
    expect(text).toBe('DROP TABLE t1');
    // The interpolated "t1" is reported at its `{`; the end is after the `}`.
    expect(offsets).toEqual([6, 7, 8, 9, 10, 14, 15, 16, 17, 18, 19, 24, 24, 27]);
  });

  it('reads {{ and }} in f-strings as braces', async () => {
    // x = f"{{a}} {T}"   f4 "5 {6 {7 a8 }9 }10 ␠11 {12 T13 }14 "15
    expect(await decoded('x = f"{{a}} {T}"\nT = "t"\n')).toEqual({ text: '{a} t', offsets: [6, 8, 9, 11, 12, 15] });
  });

  it('leaves an f-string unknown when a part is, keeping the text it does know', async () => {
    // The template marks each hole (at its `{`), to read the SQL around it.
    const dropTable = (holeEnd: number): unknown => ({
      text: 'DROP TABLE \u0000',
      offsets: [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, holeEnd],
      complete: false,
    });
    expect(await valueOfX('x = f"DROP TABLE {name}"\n')).toEqual({ kind: 'unknown', fragments: 'DROP TABLE ', template: dropTable(23) });
    // A conversion or a format spec changes the text: not the constant's value any more.
    expect(await valueOfX('x = f"DROP TABLE {T!r}"\nT = "t"\n')).toEqual({ kind: 'unknown', fragments: 'DROP TABLE ', template: dropTable(22) });
    expect(await valueOfX('x = f"{T:>4}"\nT = "t"\n')).toEqual({
      kind: 'unknown',
      fragments: '',
      template: { text: '\u0000', offsets: [6, 12], complete: false },
    });
  });

  it('reports a constant used by name at the name, not at its distant literal', async () => {
    // x = "DROP " + T   "4 D5 R6 O7 P8 ␠9 "10 ␠11 +12 ␠13 T14; T's literal is on the next line
    expect(await decoded('x = "DROP " + T\nT = "t"\n')).toEqual({ text: 'DROP t', offsets: [5, 6, 7, 8, 9, 14, 15] });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallReader, type Call, type Part } from '../../../src/parsers/python/call-reader.js';
import { scanCall } from '../../../src/parsers/python/py-text.js';
import { parsePython } from '../../../src/parsers/python/python.js';

/** The call written as the whole of `source`, split by text: callee, positional texts, keyword name → text. */
function scan(source: string): { callee: string; positional: string[]; keyword: Record<string, string> } | null {
  const call = scanCall(source, 0, source.length);
  if (call === null) return null;
  return {
    callee: call.callee.text,
    positional: call.positional.map((p) => p.text),
    keyword: Object.fromEntries([...call.keyword].map(([k, v]) => [k, v.text])),
  };
}

describe('scanCall', () => {
  it.each([
    ['op.drop_table("users")', 'op.drop_table', ['"users"'], {}],
    ["op.drop_column('t', 'c', schema='s')", 'op.drop_column', ["'t'", "'c'"], { schema: "'s'" }],
    ['sa.Column("a,b", sa.Numeric(precision=12, scale=2), nullable=False)', 'sa.Column', ['"a,b"', 'sa.Numeric(precision=12, scale=2)'], { nullable: 'False' }],
    ['f(x == 1, y=[1, (2, 3)], z={"k": ")"})', 'f', ['x == 1'], { y: '[1, (2, 3)]', z: '{"k": ")"}' }],
    ['op.execute("""\nDROP TABLE a; -- it\'s "gone", (really)\n""")', 'op.execute', ['"""\nDROP TABLE a; -- it\'s "gone", (really)\n"""'], {}],
    ["op.execute(r'\\d' 'x'\n    b\"y\")", 'op.execute', ["r'\\d' 'x'\n    b\"y\""], {}],
    ['op.create_table(\n    "t",\n    sa.Column("id", sa.Integer()),\n)', 'op.create_table', ['"t"', 'sa.Column("id", sa.Integer())'], {}],
    ['get(a, b)(c)', 'get(a, b)', ['c'], {}],
    ['op . drop_table ( "t" )', 'op . drop_table', ['"t"'], {}],
    ['f()', 'f', [], {}],
    ['f(*cols, **kw)', 'f', ['*cols', '**kw'], {}],
    ['f(lambda x=1: x, (y := 2))', 'f', ['lambda x=1: x', '(y := 2)'], {}],
    ['op.create_table(  # why\n    "t",  # the name\n    # edit\n    sa.Column("id"),  # last\n)', 'op.create_table', ['"t"', 'sa.Column("id")'], {}],
    ['f(a=  # c\n    1, b="#not a comment")', 'f', [], { a: '1', b: '"#not a comment"' }],
    ['f(x  # (unbalanced in a comment\n)', 'f', ['x'], {}],
  ])('splits %j', (source, callee, positional, keyword) => {
    expect(scan(source)).toEqual({ callee, positional, keyword });
  });

  it.each([
    ['an f-string', 'op.execute(f"DROP TABLE {name}")'],
    ['a comment on the last line', 'op.drop_table("t")  # old'],
    ['a line continuation', 'op.drop_table(\\\n"t")'],
    ['a generator argument', 'op.execute(x for x in y)'],
    ['an unclosed string', 'op.execute("DROP)'],
    ['an unbalanced bracket', 'op.execute(a])'],
    ['a string over a line end', 'op.execute("a\nb")'],
    ['no call at all', 'op.drop_table'],
    ['an empty argument', 'f(a, , b)'],
  ])('leaves %s to the tree', (_what, source) => {
    expect(scan(source)).toBeNull();
  });
});

/** Every Python file the tests and examples hold: real migrations of many styles. */
function pythonFixtures(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.py')) found.push(full);
    }
  };
  walk('test');
  walk('examples');
  return found.sort();
}

const spanOf = (p: Part | null): unknown => (p === null ? null : { start: p.start, end: p.end, text: p.text });
const shape = (call: Call): unknown => ({
  callee: spanOf(call.callee),
  receiver: spanOf(call.receiver),
  method: call.method,
  positional: call.positional.map(spanOf),
  keyword: [...call.keyword].map(([name, part]) => [name, spanOf(part)]),
});

describe('calls read from the text', () => {
  it('agree with the tree on every call of every fixture the text settles, nodes included', async () => {
    let compared = 0;
    let left = 0;
    // Each fixture as written, and with comments where an editor's user types them: after each
    // argument of a multi-line call, and on a line of their own inside it.
    const variants = pythonFixtures().flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return [
        { file, text },
        { file: `${file} (commented)`, text: text.replace(/,\n/g, ',  # note (\n    # a "line\n') },
      ];
    });
    for (const { file, text } of variants) {
      const { module } = await parsePython(text);
      const reader = new CallReader(module, text);
      for (const node of module.descendantsOfType('call')) {
        if (scanCall(text, node.startIndex, node.endIndex) === null) {
          left++;
          continue;
        }
        const byText = reader.at(node.startIndex, node.endIndex, node);
        const byTree = reader.ofTree(node);
        expect(shape(byText), `${file}: ${node.text.slice(0, 80)}`).toEqual(shape(byTree));
        for (const [a, b] of [...byText.positional.map((p, i) => [p, byTree.positional[i]!]), [byText.receiver, byTree.receiver]] as Array<
          [Part | null, Part | null]
        >) {
          expect(a?.node()?.type).toBe(b?.node()?.type);
        }
        compared++;
      }
    }
    // Most calls are settled by the text; the rest (f-strings, comments inside) by the tree.
    expect(compared).toBeGreaterThan(1000);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(compared / 5);
  });
});

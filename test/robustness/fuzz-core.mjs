// Shared by test/robustness/fuzz.test.ts (bounded, seeded) and scripts/fuzz.mjs (long runs).
// Generators of mutated migrations and the invariants each front-end must keep.
import fc from 'fast-check';

export const SQL_SEEDS = [
  'CREATE TABLE "User" ("id" SERIAL NOT NULL, "email" TEXT, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));\n',
  'ALTER TABLE "Post" DROP COLUMN "body", ADD COLUMN "title" TEXT;\n',
  "INSERT INTO t VALUES (1, 'it''s', E'\\\\x00', $$dollar$$, $tag$ nested $$ $tag$);\n",
  'COPY t (a, b) FROM stdin;\n1\t2\n\\.\n',
  "CREATE FUNCTION f() RETURNS void AS $body$ BEGIN EXECUTE 'DROP TABLE x'; END $body$ LANGUAGE plpgsql;\n",
  '/* block /* nested */ comment */ -- line comment\nDELETE FROM sessions WHERE id = 1;\n',
  '\\set x 1\nSELECT :\'x\', "quoted ""ident""" FROM s.t;\n',
];
export const PY_SEEDS = [
  'revision = "abc"\ndown_revision = "def"\nfrom alembic import op\nimport sqlalchemy as sa\n',
  'def upgrade():\n    op.add_column("t", sa.Column("c", sa.String(), nullable=True))\n    op.execute("DELETE FROM t")\n',
  'def downgrade():\n    with op.batch_alter_table("t") as b:\n        b.drop_column("c")\n',
  '    bind = op.get_bind()\n    if bind.dialect.name == "sqlite":\n        op.execute(f"""DROP TABLE {name}""")\n',
];
const TOKENS = [
  "'",
  '"',
  '$$',
  '$a$',
  '/*',
  '*/',
  '--',
  '(',
  ')',
  ';',
  '\\',
  '\n',
  '\r',
  '\uFEFF',
  'DROP',
  'TABLE',
  'BEGIN',
  'END',
  '"""',
  "'''",
  '#',
  ':',
  '\t',
];

/** Whole-file mutations: delete/duplicate/swap tokens, cut mid-string, junk, deep nesting, random characters. */
export function mutated(seeds) {
  const base = fc.array(fc.constantFrom(...seeds), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
  const edit = fc.oneof(
    fc.record({ op: fc.constant('cut'), at: fc.nat() }),
    fc.record({ op: fc.constant('delete'), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
    fc.record({ op: fc.constant('dup'), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ op: fc.constant('swap'), at: fc.nat(), other: fc.nat() }),
    fc.record({ op: fc.constant('insert'), at: fc.nat(), text: fc.constantFrom(...TOKENS) }),
    fc.record({ op: fc.constant('random'), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 12 }) }),
    fc.record({ op: fc.constant('nest'), at: fc.nat(), depth: fc.integer({ min: 1, max: 3000 }) }),
  );
  return fc.tuple(base, fc.array(edit, { minLength: 1, maxLength: 6 })).map(([text, edits]) => edits.reduce(apply, text));
}

function apply(text, e) {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.op) {
    case 'cut':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.len);
    case 'dup':
      return text.slice(0, at) + text.slice(at, at + e.len).repeat(2) + text.slice(at + e.len);
    case 'swap': {
      const b = text.length === 0 ? 0 : e.other % text.length;
      const [x, y] = at < b ? [at, b] : [b, at];
      return text.slice(0, x) + text.slice(y, y + 5) + text.slice(x + 5, y) + text.slice(x, x + 5) + text.slice(y + 5);
    }
    case 'nest':
      return text.slice(0, at) + '('.repeat(e.depth) + text.slice(at);
    default:
      return text.slice(0, at) + e.text + text.slice(at);
  }
}

/**
 * SQL junk that, by the language's rules, cannot run past a `;\n` boundary:
 * every quote, dollar quote, comment and identifier it opens is closed (the
 * mutations are applied to tokens that stay balanced), and no psql COPY data
 * block is opened. After it, `DROP TABLE "keep_me";` must be reported.
 */
export const closedSqlJunk = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'SELECT',
        'DROP',
        'TABLE',
        'ALTER',
        '(',
        ')',
        ',',
        '=',
        '1',
        'x',
        '"q"',
        "'s'",
        '$$ body $$',
        '$t$ b $t$',
        '/* c */',
        '\\set v 1\n',
        'END',
        ';',
        '\n',
        '\r\n',
      ),
      fc.stringMatching(/^[a-z_ ]{0,10}$/),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(' '));

export const closedPyJunk = fc
  .array(
    fc.constantFrom(
      'x = 1',
      'op.execute("SELECT 1")',
      'if True:\n        pass',
      'for t in []:\n        op.drop_table(t)',
      '# comment',
      'y = "str"',
      'z = (1,\n        2)',
      'op.alter_column("a", "b")',
    ),
    { maxLength: 8 },
  )
  .map((lines) => lines.map((l) => `    ${l}\n`).join(''));

export const pyMigration = (body) =>
  `revision = "a1"\ndown_revision = None\nfrom alembic import op\n\ndef upgrade():\n${body}    op.drop_table("keep_me")\n\ndef downgrade():\n    pass\n`;

/**
 * Copies an Alembic migration makes in Python: rows read by a query and
 * written back, or elsewhere, by a loop over them; and a Core UPDATE that
 * sets a column to another. What the loop cannot be followed through gives
 * no copy.
 */
import { describe, expect, it } from 'vitest';
import type { Operation } from '../../../src/ir/operations.js';
import { parsePythonFile } from '../../../src/parsers/alembic/alembic-file.js';

/** The copy-values operations of an upgrade() whose body is `lines`, without spans and phases. */
async function copies(...lines: string[]): Promise<unknown[]> {
  return (await operations(...lines))
    .filter((op) => op.kind === 'copy-values')
    .map((op) => ({ kind: op.kind, table: op.table, source: op.source, columns: op.columns, limitedBy: op.limitedBy }));
}

async function operations(...lines: string[]): Promise<readonly Operation[]> {
  const code = [
    'from alembic import op',
    'import sqlalchemy as sa',
    'from sqlalchemy import orm',
    'from sqlalchemy.sql import table',
    'import json',
    'revision = "b2"',
    'down_revision = "a1"',
    '',
    'class User:',
    '    __tablename__ = "users"',
    '',
    'def upgrade():',
    ...lines.map((l) => `    ${l}`),
    '',
  ].join('\n');
  const unit = await parsePythonFile({ path: 'migrations/versions/b2_change.py', text: code }, 'postgresql');
  if (unit === null) throw new Error('not read as an Alembic migration');
  return unit.operations;
}

const t = (name: string) => ({ schema: null, name });
const copy = (table: string, source: string, columns: Array<[string, string[]]>, limitedBy: string | null = null) => ({
  kind: 'copy-values',
  table: t(table),
  source: t(source),
  columns: columns.map(([target, sources]) => ({ target, sources })),
  limitedBy,
});

/** Rows read with SQL text, each written back by an UPDATE on its own id. */
const READ_THEN_UPDATE = [
  'conn = op.get_bind()',
  'rows = conn.execute(sa.text("SELECT id, value FROM variable")).fetchall()',
  'for variable_id, value in rows:',
  '    json_value = json.dumps(value)',
  '    conn.execute(sa.text("UPDATE variable SET json_value = :v WHERE id = :id"), {"v": json_value, "id": variable_id})',
];

describe('loops over rows read', () => {
  it('SQL text read, unpacked, written back by id through bound parameters', async () => {
    expect(await copies(...READ_THEN_UPDATE)).toEqual([copy('variable', 'variable', [['json_value', ['value']]])]);
  });

  it('a Core table iterated directly, each row updated by id with .values()', async () => {
    expect(
      await copies(
        'ds = table("data_sources", sa.Column("id", sa.Integer), sa.Column("options", sa.Text), sa.Column("secret", sa.Text))',
        'conn = op.get_bind()',
        'for row in conn.execute(ds.select()):',
        '    conn.execute(ds.update().where(ds.c.id == row.id).values(secret=encrypt(row.options)))',
      ),
    ).toEqual([copy('data_sources', 'data_sources', [['secret', ['options']]])]);
  });

  it('a reflected table read with sa.select(columns), inserted into another with sa.insert()', async () => {
    expect(
      await copies(
        'meta = sa.MetaData()',
        'meta.reflect(op.get_bind())',
        'SCHEMA = meta.tables["block_schema"]',
        'TYPE = meta.tables["block_type"]',
        'for id, name in op.get_bind().execute(sa.select(SCHEMA.c.id, SCHEMA.c.name)):',
        '    op.get_bind().execute(sa.insert(TYPE).values(name=name, slug=f"type-{name}"))',
      ),
    ).toEqual([
      copy('block_type', 'block_schema', [
        ['name', ['name']],
        ['slug', ['name']],
      ]),
    ]);
  });

  it('items by position and by name, through dicts, comprehensions and conditionals, inserted into another table', async () => {
    expect(
      await copies(
        'conn = op.get_bind()',
        'rows = (conn.execute(sa.text("SELECT id, tags, body FROM policy"))).fetchall()',
        'for row in rows:',
        '    row: sa.Row',
        '    trigger = {"tags": [f"tag.{x}" for x in row[1]] if row[1] else []}',
        '    conn.execute(',
        '        sa.text("INSERT INTO automation (name, trigger, body) VALUES (:name, :trigger, :body)"),',
        '        {"name": "migrated", "trigger": json.dumps(trigger), "body": row._mapping["body"]},',
        '    )',
      ),
    ).toEqual([
      copy('automation', 'policy', [
        ['trigger', ['tags']],
        ['body', ['body']],
      ]),
    ]);
  });

  it('an ORM query: each object read by attribute', async () => {
    expect(
      await copies(
        'session = orm.Session(bind=op.get_bind())',
        'for user in session.query(User).all():',
        '    session.execute(sa.text("INSERT INTO profile (user_id, bio) VALUES (:u, :b)"), {"u": user.id, "b": user.bio})',
      ),
    ).toEqual([
      copy('profile', 'users', [
        ['user_id', ['id']],
        ['bio', ['bio']],
      ]),
    ]);
  });
});

describe('loops that may leave rows out: limited copies', () => {
  it('a read with a WHERE', async () => {
    const lines = [...READ_THEN_UPDATE];
    lines[1] = 'rows = conn.execute(sa.text("SELECT id, value FROM variable WHERE value IS NOT NULL")).fetchall()';
    expect(await copies(...lines)).toEqual([copy('variable', 'variable', [['json_value', ['value']]], 'WHERE')]);
  });

  it('a Core read with .limit()', async () => {
    expect(
      await copies(
        'ds = table("ds", sa.Column("id", sa.Integer), sa.Column("a", sa.Text))',
        'for row in op.get_bind().execute(ds.select().limit(10)):',
        '    op.get_bind().execute(ds.update().where(ds.c.id == row.id).values(b=row.a))',
      ),
    ).toEqual([copy('ds', 'ds', [['b', ['a']]], 'LIMIT')]);
  });

  it('a write under an if, after a continue, or in a try', async () => {
    const write = 'conn.execute(sa.text("INSERT INTO b (x) VALUES (:x)"), {"x": x})';
    const loop = ['conn = op.get_bind()', 'for id, x in conn.execute(sa.text("SELECT id, x FROM a")):'];
    expect(await copies(...loop, '    if x:', `        ${write}`)).toEqual([copy('b', 'a', [['x', ['x']]], 'if')]);
    expect(await copies(...loop, '    if not x:', '        continue', `    ${write}`)).toEqual([copy('b', 'a', [['x', ['x']]], 'if')]);
    expect(await copies(...loop, '    try:', `        ${write}`, '    except Exception:', '        pass')).toEqual([copy('b', 'a', [['x', ['x']]], 'try')]);
  });

  it('a write under `if row.col is not None:` skips only the rows that hold nothing in that column', async () => {
    const loop = ['conn = op.get_bind()', 'for row in conn.execute(sa.text("SELECT id, user_id, x FROM tables")):'];
    const write = 'conn.execute(sa.text("INSERT INTO owners (table_id, user_id) VALUES (:t, :u)"), {"t": row.id, "u": row.user_id})';
    const nonNull = async (...body: string[]): Promise<unknown[]> =>
      (await operations(...loop, ...body))
        .filter((op) => op.kind === 'copy-values')
        .map((op) => (op.kind === 'copy-values' ? [op.limitedBy, op.onlyNonNull ?? null] : null));
    expect(await nonNull('    if row.user_id is not None:', `        ${write}`)).toEqual([['if', ['user_id']]]);
    // Any other test, an else, or another guard around it may skip rows that hold a value.
    expect(await nonNull('    if row.x is not None:', `        ${write}`)).toEqual([['if', ['x']]]);
    expect(await nonNull('    if row.user_id:', `        ${write}`)).toEqual([['if', null]]);
    expect(await nonNull('    if row.user_id is not None:', `        ${write}`, '    else:', '        pass')).toEqual([['if', null]]);
    expect(await nonNull('    if row.x > 1:', '        continue', '    if row.user_id is not None:', `        ${write}`)).toEqual([['if', null]]);
  });

  it('a value set from a different column of the row on each branch is computed from all of them', async () => {
    const loop = [
      'settings = table("settings", sa.column("id"), sa.column("kind"), sa.column("text_value"), sa.column("int_value"), sa.column("value"))',
      'conn = op.get_bind()',
      'for setting in conn.execute(sa.select(settings)).all():',
      '    if setting.kind == "txt":',
      '        value = setting.text_value',
      '    else:',
      '        value = str(setting.int_value)',
    ];
    const write = '    conn.execute(settings.update().where(settings.c.id == setting.id).values(value=sa.cast(value, sa.JSON)))';
    expect(await copies(...loop, write)).toEqual([copy('settings', 'settings', [['value', ['text_value', 'int_value']]])]);
    // A path that sets something else than the row's values (None where a conversion fails, or no branch matches): no copy.
    const failing = ['    try:', '        value = json.loads(setting.text_value)', '    except ValueError:', '        value = None'];
    expect(await copies(...loop.slice(0, 3), ...failing, write)).toEqual([]);
    expect(await copies(...loop.slice(0, 3), '    value = None', ...loop.slice(3, 5), write)).toEqual([]);
  });

  it('a read of a UNION', async () => {
    expect(
      await copies(
        'for (x,) in op.get_bind().execute(sa.text("SELECT x FROM a UNION SELECT x FROM c")):',
        '    op.get_bind().execute(sa.text("INSERT INTO b (x) VALUES (:x)"), {"x": x})',
      ),
    ).toEqual([copy('b', 'a', [['x', ['x']]], 'UNION')]);
  });

  it('INSERT OR IGNORE, ON CONFLICT', async () => {
    const loop = ['conn = op.get_bind()', 'for id, x in conn.execute(sa.text("SELECT id, x FROM a")):'];
    expect(await copies(...loop, '    conn.execute(sa.text("INSERT OR IGNORE INTO b (x) VALUES (:x)"), {"x": x})')).toEqual([
      copy('b', 'a', [['x', ['x']]], 'IGNORE'),
    ]);
    expect(await copies(...loop, '    conn.execute(sa.text("INSERT INTO b (x) VALUES (:x) ON CONFLICT DO NOTHING"), {"x": x})')).toEqual([
      copy('b', 'a', [['x', ['x']]], 'ON CONFLICT'),
    ]);
  });

  it('an UPDATE of another table, or on a key that is not the row read', async () => {
    const loop = ['conn = op.get_bind()', 'for id, x in conn.execute(sa.text("SELECT id, x FROM a")):'];
    expect(await copies(...loop, '    conn.execute(sa.text("UPDATE b SET x = :x WHERE a_id = :id"), {"x": x, "id": id})')).toEqual([
      copy('b', 'a', [['x', ['x']]], 'WHERE'),
    ]);
    expect(await copies(...loop, '    conn.execute(sa.text("UPDATE a SET y = :x WHERE id = :id AND x > 0"), {"x": x, "id": id})')).toEqual([
      copy('a', 'a', [['y', ['x']]], 'WHERE'),
    ]);
  });
});

describe('no copy', () => {
  it('a loop that writes a constant, or nothing read from the row', async () => {
    const loop = ['conn = op.get_bind()', 'for id, x in conn.execute(sa.text("SELECT id, x FROM a")):'];
    expect(await copies(...loop, '    conn.execute(sa.text("UPDATE a SET y = :v WHERE id = :id"), {"v": "none", "id": id})')).toEqual([]);
    expect(await copies(...loop, '    conn.execute(sa.text("UPDATE a SET y = :v WHERE id = :id"), {"v": lookup(), "id": id})')).toEqual([]);
  });

  it('an UPDATE without WHERE in the loop: every row gets the last value', async () => {
    expect(
      await copies(
        'conn = op.get_bind()',
        'for id, x in conn.execute(sa.text("SELECT id, x FROM a")):',
        '    conn.execute(sa.text("UPDATE a SET y = :x"), {"x": x})',
      ),
    ).toEqual([]);
  });

  it('rows the walk cannot name: from a helper, or a SELECT * unpacked', async () => {
    expect(await copies('for id, x in fetch_rows():', '    op.get_bind().execute(sa.text("INSERT INTO b (x) VALUES (:x)"), {"x": x})')).toEqual([]);
    expect(
      await copies(
        'for id, x in op.get_bind().execute(sa.text("SELECT * FROM a")):',
        '    op.get_bind().execute(sa.text("INSERT INTO b (x) VALUES (:x)"), {"x": x})',
      ),
    ).toEqual([]);
  });

  it('parameters not passed as a dict', async () => {
    expect(
      await copies(
        'for id, x in op.get_bind().execute(sa.text("SELECT id, x FROM a")):',
        '    params = make_params(x)',
        '    op.get_bind().execute(sa.text("INSERT INTO b (x) VALUES (:x)"), params)',
      ),
    ).toEqual([]);
  });
});

describe('Core UPDATE from another column', () => {
  it('.values() with a dict or keywords: every row, or those its WHERE picks', async () => {
    const q = 'queries = table("queries", sa.Column("schedule", sa.Text), sa.Column("old_schedule", sa.Text))';
    expect(await copies(q, 'op.execute(queries.update().values({"old_schedule": queries.c.schedule}))')).toEqual([
      copy('queries', 'queries', [['old_schedule', ['schedule']]]),
    ]);
    expect(await copies(q, 'op.execute(queries.update().where(queries.c.schedule != None).values(old_schedule=queries.c.schedule))')).toEqual([
      copy('queries', 'queries', [['old_schedule', ['schedule']]], 'WHERE'),
    ]);
    // A constant copies nothing.
    expect(await copies(q, 'op.execute(queries.update().values(old_schedule="daily"))')).toEqual([]);
  });
});

describe('SQL built from row values', () => {
  it('keeps its literal text: an UPDATE is no destruction, a DELETE may be', async () => {
    const loop = ['conn = op.get_bind()', 'for r in conn.execute("select id, name from org").fetchall():'];
    const kinds = async (...body: string[]) => (await operations(...loop, ...body)).map((op) => op.kind);
    expect(await kinds('    conn.execute(f"update org set slug = \'{slugify(r[1])}\' where id = {r[0]}")')).toEqual([]);
    expect(await kinds('    conn.execute(f"delete from org where id = {r[0]}")')).toEqual(['dynamic']);
  });
});

import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../src/ir/unit.js';
import { analyzeSql } from '../../../src/parsers/sql/analyze.js';

/** The copy-values and create-table operations of `sql`, without spans and phases. */
async function copies(sql: string, dialect: Dialect = 'postgresql'): Promise<unknown[]> {
  const { operations } = await analyzeSql(sql, { dialect, phase: 'upgrade' });
  return operations
    .filter((op) => op.kind === 'copy-values' || op.kind === 'create-table')
    .map((op) => Object.fromEntries(Object.entries(op).filter(([key]) => key !== 'span' && key !== 'phase')));
}

const t = (name: string, schema: string | null = null): { schema: string | null; name: string } => ({ schema, name });

describe('copies of values', () => {
  it('reads UPDATE … SET new = f(old): what each column reads, and no WHERE', async () => {
    expect(await copies("UPDATE users SET full_name = first || ' ' || last, age_n = CAST(age AS integer), flag = true;")).toEqual([
      {
        kind: 'copy-values',
        table: t('users'),
        source: t('users'),
        columns: [
          { target: 'full_name', sources: ['first', 'last'] },
          { target: 'age_n', sources: ['age'] },
        ],
        limitedBy: null,
      },
    ]);
  });

  it('reads constants written where a boolean column holds as an encoding of that column, and nothing else as one', async () => {
    const encoding = (target: string, source: string): unknown => ({
      kind: 'copy-values',
      table: t('applications'),
      source: t('applications'),
      columns: [{ target, sources: [source] }],
      limitedBy: 'WHERE',
      encodesBoolean: true,
    });
    for (const where of ['is_approved', 'NOT is_approved', 'a.is_approved = TRUE', 'is_approved <> false', 'is_approved IS NOT FALSE', '"is_approved" IS TRUE'])
      expect(await copies(`UPDATE applications a SET status = 'approved' WHERE ${where};`), where).toEqual([encoding('status', 'is_approved')]);
    expect(await copies('UPDATE applications SET status = 2, reviewed = TRUE WHERE is_approved;')).toEqual([
      {
        ...(encoding('status', 'is_approved') as object),
        columns: [
          { target: 'status', sources: ['is_approved'] },
          { target: 'reviewed', sources: ['is_approved'] },
        ],
      },
    ]);
    for (const sql of [
      "UPDATE applications SET status = 'approved' WHERE is_approved = NULL;",
      "UPDATE applications SET status = 'approved' WHERE state = 'ok';",
      "UPDATE applications SET status = 'approved' WHERE is_approved AND reviewed;",
      'UPDATE applications SET status = NULL WHERE is_approved;',
      "UPDATE applications SET status = 'approved' WHERE other.is_approved;",
      "UPDATE applications SET status = 'approved';",
    ])
      expect(await copies(sql), sql).toEqual([]);
  });

  it('records the WHERE that limits an UPDATE, but not a WHERE inside a subquery', async () => {
    const [limited] = (await copies('UPDATE "User" u SET "kind_v2" = "kind"::text WHERE "kind" IS NOT NULL;')) as Array<{
      limitedBy: string;
      columns: unknown;
    }>;
    expect(limited).toMatchObject({ limitedBy: 'WHERE', columns: [{ target: 'kind_v2', sources: ['kind'] }] });
    const [sub] = (await copies('UPDATE t SET owner = (SELECT o.name FROM o WHERE o.id = t.owner_id);')) as Array<{ limitedBy: string }>;
    expect(sub).toMatchObject({ limitedBy: null });
  });

  it('reads an UPDATE … FROM the same table joined on one column to itself as a copy within each row', async () => {
    const self = await copies(
      `UPDATE features SET strategies = ('[{"name":"' || f.strategy_name || '","parameters":' || f.parameters || '}]')::json FROM features AS f WHERE f.name = features.name;`,
    );
    expect(self).toEqual([
      {
        kind: 'copy-values',
        table: t('features'),
        source: t('features'),
        columns: [{ target: 'strategies', sources: ['strategy_name', 'parameters'] }],
        limitedBy: null,
      },
    ]);
    // Joined on another column (a parent row): not the same row; with more conditions: no copy read.
    const parent = (await copies('UPDATE features SET x = f.y FROM features f WHERE f.id = features.parent_id;')) as Array<{ limitedBy: unknown }>;
    expect(parent.map((copy) => copy.limitedBy)).toEqual(['JOIN']);
    expect(await copies('UPDATE features SET x = f.y FROM features f WHERE f.id = features.id AND f.enabled;')).toEqual([]);
  });

  it('an aggregate over the whole table kept only when it counts a row leaves out no row; a grouped one does', async () => {
    const limitOf = async (sql: string): Promise<unknown> => ((await copies(sql)) as Array<{ limitedBy: unknown }>).map((c) => c.limitedBy);
    const aggregate = "INSERT INTO kv (key, value) SELECT 'config', json_object_agg(key, value)::text FROM settings";
    expect(await limitOf(`${aggregate} HAVING count(*) > 0;`)).toEqual([null]);
    expect(await limitOf(`${aggregate} HAVING COUNT(1) >= 1;`)).toEqual([null]);
    expect(await limitOf(`${aggregate} HAVING count(*) > 1;`)).toEqual(['HAVING']);
    expect(await limitOf(`${aggregate} HAVING count(*) > 0 AND max(id) > 5;`)).toEqual(['HAVING']);
    expect(await limitOf(`${aggregate} GROUP BY key HAVING count(*) > 0;`)).toEqual(['GROUP']);
  });

  it('reads a lookup of a new key (SET new_fk = other.new_id) as a copy of the old reference', async () => {
    expect(
      await copies('UPDATE accounts_email SET new_user_id = accounts_user.new_id FROM accounts_user WHERE accounts_email.user_id = accounts_user.id;'),
    ).toMatchObject([{ source: t('accounts_email'), columns: [{ target: 'new_user_id', sources: ['user_id'] }], limitedBy: null }]);
  });

  it("reads UPDATE … SET x = other.y FROM other WHERE t.fk = other.id as a copy of other's column, for the rows matched", async () => {
    expect(await copies('UPDATE "Subscription" s SET "customerId" = u."customerId" FROM "User" u WHERE s."userId" = u."id";')).toEqual([
      { kind: 'copy-values', table: t('Subscription'), source: t('User'), columns: [{ target: 'customerId', sources: ['customerId'] }], limitedBy: 'JOIN' },
    ]);
  });

  it('reads a reverse relation (the updated row now points at the row that pointed at it) as a copy of the pointing column', async () => {
    const reverse = async (sql: string): Promise<unknown[]> =>
      ((await copies(sql)) as Array<{ source: { name: string } }>).filter((op) => op.source.name === 'b');
    for (const sql of [
      'UPDATE a SET b_id = b.id FROM b WHERE a.id = b.a_id;',
      'UPDATE a SET b_id = x.id FROM b AS x WHERE x.a_id = a.id;',
      'UPDATE a SET b_id = (SELECT id FROM b WHERE b.a_id = a.id);',
      'UPDATE a t SET b_id = (SELECT x.id FROM b x WHERE t.id = x.a_id);',
    ]) {
      expect(await reverse(sql), sql).toEqual([
        { kind: 'copy-values', table: t('a'), source: t('b'), columns: [{ target: 'b_id', sources: ['a_id'] }], limitedBy: null },
      ]);
    }
    // Not a pointer to the updated row's own key, a filter besides the relation, a join, or more rows than one: no reverse copy.
    for (const sql of [
      'UPDATE a SET b_id = b.id FROM b WHERE a.code = b.a_code;',
      'UPDATE a SET b_id = b.id FROM b WHERE a.id = b.a_id AND b.active;',
      'UPDATE a SET b_id = b.id FROM b JOIN c ON c.id = b.c_id WHERE a.id = b.a_id;',
      'UPDATE a SET b_id = (SELECT id FROM b WHERE b.a_id = a.id LIMIT 1);',
      'UPDATE a SET b_id = (SELECT id FROM b WHERE b.a_id = a.id AND b.active);',
    ]) {
      expect(await reverse(sql), sql).toEqual([]);
    }
  });

  it('names the columns a WHERE of nothing but IS NOT NULL checks requires values in', async () => {
    const onlyNonNull = async (sql: string): Promise<unknown> =>
      ((await copies(sql)) as Array<{ kind: string; onlyNonNull?: unknown }>).find((op) => op.kind === 'copy-values')?.onlyNonNull;
    expect(await onlyNonNull('UPDATE "User" u SET "kind_v2" = "kind"::text WHERE "kind" IS NOT NULL;')).toEqual(['kind']);
    expect(await onlyNonNull('UPDATE t SET b = a WHERE t.a IS NOT NULL AND c IS NOT NULL RETURNING id;')).toEqual(['a', 'c']);
    expect(await onlyNonNull('INSERT INTO share (slug, entity_id) SELECT share_id, website_id FROM website WHERE share_id IS NOT NULL;')).toEqual(['share_id']);
    expect(await onlyNonNull('CREATE TABLE kept AS SELECT a FROM t WHERE a IS NOT NULL;')).toEqual(['a']);
    expect(await onlyNonNull("UPDATE e SET loc_json = jsonb_build_object('address', loc) WHERE loc IS NOT NULL AND loc <> '';")).toEqual(['loc']);
    expect(await onlyNonNull("UPDATE e SET b = a WHERE a <> 'x';")).toBeUndefined();
    // Any other condition, or a clause that leaves out more rows after it: none.
    expect(await onlyNonNull('UPDATE t SET b = a WHERE a IS NOT NULL AND a > 0;')).toBeUndefined();
    expect(await onlyNonNull('UPDATE t SET b = a WHERE a IS NULL;')).toBeUndefined();
    expect(await onlyNonNull('UPDATE t SET b = a WHERE a IS NOT NULL OR c IS NOT NULL;')).toBeUndefined();
    expect(await onlyNonNull('INSERT INTO k (a) SELECT a FROM t WHERE a IS NOT NULL LIMIT 10;')).toBeUndefined();
    expect(await onlyNonNull('UPDATE t SET b = a WHERE other.a IS NOT NULL;')).toBeUndefined();
    expect(await onlyNonNull('INSERT INTO k (a) SELECT a FROM t WHERE a IS NOT NULL ON CONFLICT DO NOTHING;')).toBeUndefined();
  });

  it('reads a column named interval, but not an INTERVAL literal', async () => {
    expect(
      await copies("UPDATE subscriptions SET interval_enum = CASE WHEN interval = 'month' THEN 'month'::subscription_interval ELSE NULL END;"),
    ).toMatchObject([{ columns: [{ target: 'interval_enum', sources: ['interval'] }] }]);
    expect(await copies("UPDATE t SET due = created + INTERVAL '1 day';")).toMatchObject([{ columns: [{ target: 'due', sources: ['created'] }] }]);
  });

  it('reads the column of EXTRACT(… FROM col), SUBSTRING(col FROM n) and TRIM(… FROM col)', async () => {
    expect(await copies('UPDATE "TaskEvent" SET "start_ns" = EXTRACT(EPOCH FROM "startTime") * 1000000000;')).toMatchObject([
      { columns: [{ target: 'start_ns', sources: ['startTime'] }], limitedBy: null },
    ]);
    expect(await copies("UPDATE t SET code = SUBSTRING(raw FROM 3), name = TRIM(BOTH ' ' FROM label);")).toMatchObject([
      {
        columns: [
          { target: 'code', sources: ['raw'] },
          { target: 'name', sources: ['label'] },
        ],
      },
    ]);
  });

  it('reads a qualified column as one of the updated table only under its name or alias', async () => {
    // In a subquery, an unqualified name is a column of the subquery's own table ("user".new_id), not of item.
    expect(await copies('UPDATE item SET new_owner_id = (SELECT new_id FROM "user" WHERE "user".id = item.owner_id);')).toMatchObject([
      { columns: [{ target: 'new_owner_id', sources: ['owner_id'] }] },
    ]);
    // So a key looked up in another table copies none of the updated table's own columns (Airflow's task_instance_history.id).
    expect(
      await copies(
        'UPDATE task_instance_history SET task_instance_id = (SELECT id FROM task_instance WHERE task_instance_history.task_id = task_instance.task_id);',
      ),
    ).toMatchObject([{ columns: [{ target: 'task_instance_id', sources: ['task_id'] }] }]);
    expect(await copies('UPDATE item AS i SET total = i.price * o.qty FROM orders o WHERE o.id = i.order_id;')).toMatchObject([
      // Rows are matched up with their order: only rows naming no order are left as they are.
      { columns: [{ target: 'total', sources: ['price'] }], limitedBy: null },
    ]);
  });

  it('reads a lookup (UPDATE … SET fk = other.id FROM other WHERE t.old = other.key) as a copy of the old column', async () => {
    expect(await copies('UPDATE roles SET user_id = accounts_user.id FROM accounts_user WHERE roles.user_name = accounts_user.username;')).toMatchObject([
      { columns: [{ target: 'user_id', sources: ['user_name'] }], limitedBy: null },
    ]);
    expect(
      await copies(
        'UPDATE "Field" SET "envelopeId" = e."id", "envelopeItemId" = ei."id" FROM "Document" d JOIN "Envelope" e ON e."secondaryId" = \'document_\' || d."id" JOIN "EnvelopeItem" ei ON ei."envelopeId" = e."id" WHERE "Field"."documentId" = d."id";',
      ),
    ).toMatchObject([
      {
        columns: [
          { target: 'envelopeId', sources: ['documentId'] },
          { target: 'envelopeItemId', sources: ['documentId'] },
        ],
        limitedBy: null,
      },
    ]);
    // A WHERE that filters (not only matches rows up) keeps the copy limited; so does one that compares the table with itself.
    expect(await copies('UPDATE roles SET user_id = u.id FROM users u WHERE roles.user_name = u.username AND u.active;')).toEqual([]);
    expect(await copies('UPDATE t SET n = o.n FROM o WHERE t.a = t.b;')).toEqual([]);
  });

  it('takes a WHERE that always holds (WHERE 1=1, WHERE true) for none', async () => {
    const limits = async (sql: string): Promise<unknown> => ((await copies(sql))[0] as { limitedBy: unknown }).limitedBy;
    expect(await limits('UPDATE users SET details = details || profile_url WHERE 1=1;')).toBeNull();
    expect(await limits('INSERT INTO a SELECT * FROM b WHERE true;')).toBeNull();
    expect(await limits('UPDATE users SET a = b WHERE 1 = 2;')).toBe('WHERE');
    expect(await limits('UPDATE users SET a = b WHERE 1 = 1 AND b > 0;')).toBe('WHERE');
  });

  it('writes nothing for constant assignments and joined updates', async () => {
    expect(await copies("UPDATE t SET status = 'done' WHERE id = 1;")).toEqual([]);
    expect(await copies('UPDATE a JOIN b ON a.id = b.id SET a.x = b.y;', 'mysql')).toEqual([]);
  });

  it('reads INSERT INTO a (…) SELECT … FROM b, pairing columns in order', async () => {
    expect(await copies('INSERT INTO "new_User" ("id", "email") SELECT "id", lower("mail") FROM "User";')).toEqual([
      {
        kind: 'copy-values',
        table: t('new_User'),
        source: t('User'),
        columns: [
          { target: 'id', sources: ['id'], reads: 'id' },
          { target: 'email', sources: ['mail'], reads: 'lower ( mail )' },
        ],
        limitedBy: null,
      },
    ]);
  });

  it('reads an INNER JOIN on a key: the joined table, and what each of its columns is compared with', async () => {
    const [copy] = await copies(
      `INSERT INTO envelope_item (data_id, envelope_id) SELECT d.data_id, e.id FROM "document" d JOIN envelope AS e ON e.secondary_id = 'doc_' || d."ID" AND e.kind = 1;`,
    );
    expect(copy).toMatchObject({
      limitedBy: 'JOIN',
      joinedBy: {
        table: t('envelope'),
        equals: [
          { column: 'secondary_id', on: "'doc_' || id" },
          { column: 'kind', on: '1' },
        ],
      },
    });
    // What reads another table, or no column of the source, or anything but equalities joined by AND, is no key.
    const joined = async (sql: string): Promise<unknown> => ((await copies(sql))[0] as { joinedBy?: unknown }).joinedBy;
    expect(await joined('INSERT INTO a (x) SELECT b.x FROM b JOIN c ON c.id = b.c_id;')).toEqual({ table: t('c'), equals: [{ column: 'id', on: 'c_id' }] });
    expect(await joined('INSERT INTO a (x) SELECT b.x FROM b JOIN c ON c.id = other.c_id;')).toBeUndefined();
    expect(await joined('INSERT INTO a (x) SELECT b.x FROM b JOIN c ON c.kind = 1;')).toBeUndefined();
    expect(await joined('INSERT INTO a (x) SELECT b.x FROM b JOIN c ON c.id = b.c_id OR c.id = b.d_id;')).toBeUndefined();
    expect(await joined('INSERT INTO a (x) SELECT b.x FROM b JOIN c ON c.id > b.c_id;')).toBeUndefined();
    // Another clause that leaves rows out keeps its name, and no key.
    expect(await copies('INSERT INTO a (x) SELECT b.x FROM b JOIN c ON c.id = b.c_id WHERE b.active;')).toMatchObject([{ limitedBy: 'WHERE' }]);
    expect(await joined('INSERT INTO a (x) SELECT b.x FROM b JOIN c ON c.id = b.c_id WHERE b.active;')).toBeUndefined();
  });

  it('names what leaves rows out of an INSERT … SELECT; a LEFT JOIN does not', async () => {
    const limits = async (sql: string, dialect?: Dialect): Promise<unknown> => ((await copies(sql, dialect))[0] as { limitedBy: unknown }).limitedBy;
    expect(await limits('INSERT INTO a SELECT * FROM b WHERE b.active;')).toBe('WHERE');
    expect(await limits('INSERT INTO a SELECT b.* FROM b JOIN c ON c.id = b.c_id;')).toBe('JOIN');
    expect(await limits('INSERT INTO a SELECT b.* FROM b, c;')).toBe('JOIN');
    expect(await limits('INSERT INTO a SELECT DISTINCT x FROM b;')).toBe('DISTINCT');
    expect(await limits('INSERT INTO a SELECT * FROM b ON CONFLICT DO NOTHING;')).toBe('ON CONFLICT');
    expect(await limits('INSERT OR IGNORE INTO a SELECT * FROM b;', 'sqlite')).toBe('IGNORE');
    expect(await limits('INSERT INTO a SELECT b.* FROM b LEFT JOIN c ON c.id = b.c_id;')).toBeNull();
    // A join's ON does not end the query: what follows it still leaves rows out. ON DUPLICATE KEY does end it.
    expect(await limits('INSERT INTO a SELECT b.x FROM b LEFT JOIN c ON c.id = b.c_id WHERE b.deleted_at ISNULL GROUP BY b.x;')).toBe('WHERE');
    expect(await limits('INSERT INTO a SELECT b.x FROM b LEFT JOIN c ON true GROUP BY b.x;')).toBe('GROUP');
    expect(await limits('INSERT INTO a SELECT * FROM b ON DUPLICATE KEY UPDATE x = VALUES(x);', 'mysql')).toBeNull();
    // An association rebuilt: the conflict key is every column written, so only duplicates are skipped, and the WHERE
    // leaves out only rows with a NULL in the key. A key of fewer columns, or another condition, leaves rows out.
    const assoc = 'INSERT INTO gt_new (gallery_id, tag_id) SELECT gallery_id, tag_id FROM gt';
    expect(await limits(`${assoc} WHERE tag_id IS NOT NULL AND gallery_id IS NOT NULL ON CONFLICT (gallery_id, tag_id) DO NOTHING;`)).toBeNull();
    expect(await limits(`${assoc} ON CONFLICT (tag_id, gallery_id) DO NOTHING;`)).toBeNull();
    expect(await limits(`${assoc} ON CONFLICT (gallery_id) DO NOTHING;`)).toBe('ON CONFLICT');
    expect(await limits(`${assoc} WHERE tag_id > 3 ON CONFLICT (gallery_id, tag_id) DO NOTHING;`)).toBe('WHERE');
    expect(await limits(`${assoc} ON CONFLICT (gallery_id, tag_id) DO UPDATE SET tag_id = excluded.tag_id;`)).toBe('ON CONFLICT');
    expect(await copies('INSERT INTO a SELECT * FROM b;')).toEqual([{ kind: 'copy-values', table: t('a'), source: t('b'), columns: null, limitedBy: null }]);
  });

  it('reads CREATE TABLE … AS SELECT as a creation holding the copied rows', async () => {
    expect(await copies('CREATE TABLE archive.events_2023 AS SELECT id, payload AS body FROM events WHERE year = 2023;')).toEqual([
      {
        kind: 'create-table',
        table: t('events_2023', 'archive'),
        columns: [
          { name: 'id', type: null },
          { name: 'body', type: null },
        ],
      },
      {
        kind: 'copy-values',
        table: t('events_2023', 'archive'),
        source: t('events'),
        columns: [
          { target: 'id', sources: ['id'], reads: 'id' },
          { target: 'body', sources: ['payload'], reads: 'payload' },
        ],
        limitedBy: 'WHERE',
      },
    ]);
    // No rows: only the table.
    expect(await copies('CREATE TABLE e2 AS SELECT * FROM events WITH NO DATA;')).toEqual([{ kind: 'create-table', table: t('e2'), columns: [] }]);
  });

  it('reads SELECT … INTO new FROM old as a creation holding the copied rows, but not INTO a variable', async () => {
    expect(await copies('SELECT * INTO dbo.users_backup FROM dbo.users;', 'sqlserver')).toEqual([
      { kind: 'create-table', table: t('users_backup', 'dbo'), columns: [] },
      { kind: 'copy-values', table: t('users_backup', 'dbo'), source: t('users', 'dbo'), columns: null, limitedBy: null },
    ]);
    expect(await copies('SELECT COUNT(*) INTO @n FROM users;', 'mysql')).toEqual([]);
    expect(await copies("SELECT id INTO OUTFILE '/tmp/x' FROM users;", 'mysql')).toEqual([]);
    // In PL/pgSQL, SELECT … INTO assigns variables, after a WITH too: the INSERT is the body's only copy.
    const body = await copies(
      [
        'CREATE FUNCTION link_steps() RETURNS trigger AS $$',
        'DECLARE child_ids bigint[];',
        'BEGIN',
        '  WITH inserted AS (INSERT INTO step_links (step_id) SELECT id FROM steps RETURNING *)',
        '  SELECT array_agg(t.step_id) INTO child_ids FROM inserted t;',
        '  RETURN NEW;',
        'END;',
        '$$ LANGUAGE plpgsql;',
      ].join('\n'),
    );
    expect(body.map((op) => (op as { kind: string; table: unknown }).table)).toEqual([t('step_links')]);
  });
});

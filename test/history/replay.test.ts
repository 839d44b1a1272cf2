import { describe, expect, it } from 'vitest';
import type { Operation, Phase, TableRef } from '../../src/ir/operations.js';
import type { MigrationUnit } from '../../src/ir/unit.js';
import { compareNatural } from '../../src/history/natural-order.js';
import { migrationSet, replay } from '../../src/history/replay.js';

const span = { start: 0, end: 0 };
const t = (name: string, schema: string | null = null): TableRef => ({ schema, name });
const cols = (...names: string[]) => names.map((name) => ({ name, type: 'TEXT' }));

const op = {
  create: (table: string, ...columns: string[]): Operation => ({ kind: 'create-table', span, phase: 'upgrade', table: t(table), columns: cols(...columns) }),
  add: (table: string, column: string, phase: Phase = 'upgrade'): Operation => ({
    kind: 'add-column',
    span,
    phase,
    table: t(table),
    column: { name: column, type: 'TEXT' },
  }),
  drop: (table: string, column: string, phase: Phase = 'upgrade'): Operation => ({ kind: 'drop-column', span, phase, table: t(table), column }),
  dropTable: (table: string): Operation => ({ kind: 'drop-table', span, phase: 'upgrade', table: t(table) }),
  renameTable: (table: string, newName: string): Operation => ({ kind: 'rename-table', span, phase: 'upgrade', table: t(table), newName }),
  renameColumn: (table: string, column: string, newName: string): Operation => ({
    kind: 'rename-column',
    span,
    phase: 'upgrade',
    table: t(table),
    column,
    newName,
  }),
  redefine: (table: string, columns: string[], kept: string[]): Operation => ({
    kind: 'redefine-table',
    span,
    phase: 'upgrade',
    table: t(table),
    columns: cols(...columns),
    keptColumns: kept,
    limitedBy: null,
    builtAs: t(`new_${table}`),
    filled: kept,
  }),
  alterType: (table: string, column: string): Operation => ({ kind: 'alter-column-type', span, phase: 'upgrade', table: t(table), column, newType: 'INTEGER' }),
};

/** A Prisma migration `<dir>/<folder>/migration.sql`. */
function prisma(dir: string, folder: string, ...operations: Operation[]): MigrationUnit {
  return {
    file: { path: `${dir}/${folder}/migration.sql`, text: '' },
    format: 'prisma',
    dialect: 'postgresql',
    orderKey: folder,
    phases: ['upgrade'],
    operations,
    suppressions: [],
    meta: { format: 'prisma', folder, warnings: [] },
  };
}

/** A raw SQL file; its order key is its name. */
function sql(filePath: string, ...operations: Operation[]): MigrationUnit {
  const name = filePath.split('/').pop()!;
  return {
    file: { path: filePath, text: '' },
    format: 'sql',
    dialect: 'postgresql',
    orderKey: name,
    phases: ['upgrade', 'downgrade'],
    operations,
    suppressions: [],
    meta: { format: 'sql', convention: 'plain', versionFolder: false, variant: null, stepOf: null, versioned: false, undoFolder: null, postgresShown: false },
  };
}

describe('compareNatural', () => {
  it('compares the numbers in names as numbers', () => {
    const names = ['V10__c.sql', 'V2__b.sql', 'V1__a.sql', '20240101000000_init', '20231231235959_first', '10_a', '2_b'];
    expect([...names].sort(compareNatural)).toEqual(['2_b', '10_a', '20231231235959_first', '20240101000000_init', 'V1__a.sql', 'V2__b.sql', 'V10__c.sql']);
  });

  it('reads leading zeros as the same number, then goes on past it', () => {
    expect(['V010__b', 'V9__c', 'V10__a', 'V0009__d', 'V0__e', 'V00__f'].sort(compareNatural)).toEqual([
      'V0__e',
      'V00__f',
      'V9__c',
      'V0009__d',
      'V10__a',
      'V010__b',
    ]);
    expect(compareNatural('99999999999999999999_a', '100000000000000000000_a')).toBeLessThan(0);
  });
});

describe('migrationSet', () => {
  it("is the migrations folder for Prisma and the file's folder for SQL", () => {
    expect(migrationSet(prisma('prisma/migrations', '1_init'))).toBe('prisma/migrations');
    expect(migrationSet(sql('db/migrations/V1__init.sql'))).toBe('db/migrations');
  });
});

describe('replay', () => {
  it('replays a Prisma set in folder name order, whatever order the units come in', () => {
    const dropBio = op.drop('User', 'bio');
    const history = replay([
      prisma('migrations', '20240301000000_drop_bio', dropBio),
      prisma('migrations', '20240201000000_add_bio', op.add('User', 'bio')),
      prisma('migrations', '20240101000000_init', op.create('User', 'id', 'email')),
    ]);
    expect(history.columnsBefore(dropBio)).toEqual(['id', 'email', 'bio']);
  });

  it('orders Prisma folders as Prisma does, by plain name, not by number', () => {
    // "2023…" < "2024…" character by character, although 20240101 < 20231201000000 as numbers.
    const dropBio = op.drop('User', 'bio');
    const history = replay([prisma('migrations', '20240101_drop_bio', dropBio), prisma('migrations', '20231201000000_init', op.create('User', 'id', 'bio'))]);
    expect(history.columnsBefore(dropBio)).toEqual(['id', 'bio']);
  });

  it('knows the columns after create, add, drop, rename-column and type changes', () => {
    const ops = {
      add: op.add('User', 'age'),
      drop: op.drop('User', 'email'),
      rename: op.renameColumn('User', 'name', 'fullName'),
      alter: op.alterType('User', 'age'),
      last: op.drop('User', 'age'),
    };
    const history = replay([
      prisma('migrations', '1_init', op.create('User', 'id', 'email', 'name')),
      prisma('migrations', '2_more', ops.add, ops.drop, ops.rename, ops.alter),
      prisma('migrations', '3_last', ops.last),
    ]);
    expect(history.columnsBefore(ops.add)).toEqual(['id', 'email', 'name']);
    expect(history.columnsBefore(ops.drop)).toEqual(['id', 'email', 'name', 'age']);
    expect(history.columnsBefore(ops.rename)).toEqual(['id', 'name', 'age']);
    expect(history.columnsBefore(ops.alter)).toEqual(['id', 'fullName', 'age']);
    expect(history.columnsBefore(ops.last)).toEqual(['id', 'fullName', 'age']);
  });

  it('follows a table through a rename, and forgets the old name', () => {
    const afterRename = op.drop('Account', 'email');
    const oldName = op.drop('User', 'email');
    const history = replay([
      prisma('migrations', '1_init', op.create('User', 'id', 'email')),
      prisma('migrations', '2_rename', op.renameTable('User', 'Account')),
      prisma('migrations', '3_drop', afterRename, oldName),
    ]);
    expect(history.columnsBefore(afterRename)).toEqual(['id', 'email']);
    expect(history.columnsBefore(oldName)).toBeNull();
  });

  it('keeps what an operation saw, whatever later operations do to the table', () => {
    const rename = op.renameTable('User', 'Account');
    const redefine = op.redefine('Account', ['id', 'email'], ['id', 'email']);
    const history = replay([
      prisma('migrations', '1_init', op.create('User', 'id')),
      prisma('migrations', '2_rename', rename, op.add('Account', 'email')),
      prisma('migrations', '3_rebuild', redefine, op.add('Account', 'name')),
    ]);
    expect(history.columnsBefore(rename)).toEqual(['id']);
    expect(history.columnsBefore(redefine)).toEqual(['id', 'email']);
  });

  it("takes a redefined table's columns from the new definition", () => {
    const first = op.redefine('User', ['id', 'email', 'orgId'], ['id', 'email']);
    const second = op.redefine('User', ['id', 'orgId'], ['id', 'orgId']);
    const history = replay([
      prisma('migrations', '1_init', op.create('User', 'id', 'email', 'bio')),
      prisma('migrations', '2_org', first),
      prisma('migrations', '3_no_email', second),
    ]);
    expect(history.columnsBefore(first)).toEqual(['id', 'email', 'bio']);
    expect(history.columnsBefore(second)).toEqual(['id', 'email', 'orgId']);
  });

  it('knows nothing of a table no earlier migration creates, or one that was dropped', () => {
    const unknown = op.drop('Ghost', 'x');
    const afterDrop = op.drop('Post', 'title');
    const history = replay([
      prisma('migrations', '1_init', op.create('Post', 'id', 'title'), unknown),
      prisma('migrations', '2_drop', op.dropTable('Post')),
      prisma('migrations', '3_again', afterDrop),
    ]);
    expect(history.columnsBefore(unknown)).toBeNull();
    expect(history.columnsBefore(afterDrop)).toBeNull();
  });

  it('does not apply downgrade operations: they undo the history, they are not part of it', () => {
    const downAdd = op.add('User', 'legacy', 'downgrade');
    const downDrop = op.drop('User', 'email', 'downgrade');
    const next = op.drop('User', 'bio');
    const history = replay([
      sql('db/V1__init.sql', op.create('User', 'id', 'email', 'bio')),
      sql('db/V2__more.sql', downAdd, downDrop),
      sql('db/V3__drop.sql', next),
    ]);
    expect(history.columnsBefore(next)).toEqual(['id', 'email', 'bio']);
  });

  it('does not mix separate migration sets', () => {
    const inApi = op.drop('User', 'email');
    const inWeb = op.drop('User', 'email');
    const inSql = op.drop('User', 'email');
    const history = replay([
      prisma('api/prisma/migrations', '1_init', op.create('User', 'id', 'email', 'apiKey')),
      prisma('api/prisma/migrations', '2_drop', inApi),
      prisma('web/prisma/migrations', '1_init', op.create('User', 'id', 'email')),
      prisma('web/prisma/migrations', '2_drop', inWeb),
      sql('db/V1__drop.sql', inSql),
    ]);
    expect(history.columnsBefore(inApi)).toEqual(['id', 'email', 'apiKey']);
    expect(history.columnsBefore(inWeb)).toEqual(['id', 'email']);
    expect(history.columnsBefore(inSql)).toBeNull();
  });

  it('tells tables of different schemas apart', () => {
    const dropAuth: Operation = { kind: 'drop-column', span, phase: 'upgrade', table: t('User', 'auth'), column: 'email' };
    const history = replay([
      prisma('migrations', '1_init', op.create('User', 'id'), {
        kind: 'create-table',
        span,
        phase: 'upgrade',
        table: t('User', 'auth'),
        columns: cols('id', 'email'),
      }),
      prisma('migrations', '2_drop', dropAuth),
    ]);
    expect(history.columnsBefore(dropAuth)).toEqual(['id', 'email']);
  });

  it('has nothing for an operation it never saw', () => {
    expect(replay([]).columnsBefore(op.drop('User', 'email'))).toBeNull();
  });
});

describe('compareNatural, in detail', () => {
  it('compares digit runs by value whatever their length or leading zeros, the rest by character', () => {
    expect(compareNatural('000002_x', '10_x')).toBeLessThan(0);
    expect(compareNatural('1_2__a', '1_10__a')).toBeLessThan(0);
    expect(compareNatural('99999999999999999999_a', '100000000000000000000_a')).toBeLessThan(0);
    expect(compareNatural('a', 'a')).toBe(0);
    expect(compareNatural('a1', 'a1b')).toBeLessThan(0);
    expect(compareNatural('B', 'a')).toBeLessThan(0);
  });
});

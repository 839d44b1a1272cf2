import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { MigrationUnit } from '../../src/ir/unit.js';
import type { ParseJob } from '../../src/parsers/front-ends.js';
import * as source from '../../src/parsers/parse-pool.js';

// The worker script only exists compiled: the built pool is the one that can start workers
// (`npm test` builds first).
const built: typeof source = await import(path.resolve('dist/src/parsers/parse-pool.js'));

/** The units of the results (these files import nothing: nothing else is read). */
const units = (results: ReadonlyArray<{ unit: MigrationUnit | null }>): Array<MigrationUnit | null> => results.map((r) => r.unit);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-pool-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ALEMBIC = (n: number): string => `"""drop t${n}

Revision ID: ${String(n).padStart(12, 'a')}
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = '${String(n).padStart(12, 'a')}'
down_revision = None


def upgrade():
    op.drop_table('t${n}')
    op.add_column('u${n}', sa.Column('c', sa.Text(), nullable=True))


def downgrade():
    op.drop_column('u${n}', 'c')
`;

/** 120 files: SQL, Prisma and Alembic, a binary one and a broken one among them. */
function jobs(): ParseJob[] {
  const out: ParseJob[] = [];
  for (let n = 0; n < 120; n++) {
    const kind = (['sql', 'prisma', 'python'] as const)[n % 3]!;
    const name = kind === 'python' ? `v${n}.py` : `V${n}__m.sql`;
    const text =
      n === 7
        ? Buffer.from([0, 1, 2])
        : kind === 'python'
          ? ALEMBIC(n)
          : n === 9
            ? 'DROP TABLE (;'
            : `ALTER TABLE "t${n}" DROP COLUMN "c";\nDROP TABLE "x${n}";\n`;
    fs.writeFileSync(path.join(dir, name), text);
    out.push({ path: name, absPath: path.join(dir, name), kind, dialect: kind === 'prisma' ? 'sqlite' : 'postgresql' });
  }
  return out;
}

describe('parse pool', () => {
  it('gives the same units, in the same order, on worker threads as on this one', async () => {
    const all = jobs();
    const serial = units(await built.parseAll(all, 1));
    const stats = { byWorkers: 0 };
    const parallel = units(await built.parseAll(all, 3, stats));
    expect(stats.byWorkers).toBeGreaterThan(0);
    expect(parallel).toEqual(serial);
    // What the units hold, checked by hand on three of them.
    expect(serial[0]!.operations.map((o) => o.kind)).toEqual(['drop-column', 'drop-table']);
    expect(serial[2]!.operations.map((o) => `${o.kind}:${o.phase}`)).toEqual(['drop-table:upgrade', 'add-column:upgrade', 'drop-column:downgrade']);
    expect(serial[7]!.operations[0]).toMatchObject({ kind: 'unparsed', reason: expect.stringContaining('binary file') });
    expect(serial[9]!.operations.some((o) => o.kind === 'unparsed')).toBe(true);
    expect(serial.map((u) => u?.file.path)).toEqual(all.map((j) => j.path));
  });

  it('parses TS/JS migrations and Drizzle files on worker threads too (TypeScript loaded in the worker)', async () => {
    const ts: ParseJob[] = Array.from({ length: 40 }, (_, n) => {
      const name = `ts/migrations/2024010100${String(n).padStart(4, '0')}_m${n % 2 === 0 ? '.ts' : '.js'}`;
      const absPath = path.join(dir, name);
      fs.mkdirSync(path.dirname(absPath), { recursive: true });
      fs.writeFileSync(absPath, `export async function up(knex) {\n  await knex.schema.dropTable('t${n}');\n}\nexport async function down() {}\n`);
      return { path: name, absPath, kind: n % 5 === 4 ? 'drizzle' : 'script', dialect: 'postgresql', ...(n % 5 === 4 ? { orderKey: String(n) } : {}) };
    });
    const serial = units(await built.parseAll(ts, 1));
    const stats = { byWorkers: 0 };
    expect(units(await built.parseAll(ts, 3, stats))).toEqual(serial);
    expect(stats.byWorkers).toBeGreaterThan(0);
    expect(serial[0]!.operations).toMatchObject([{ kind: 'drop-table', phase: 'upgrade', table: { name: 't0' } }]);
    expect(serial[4]!.format).toBe('drizzle');
    // Each thread loads TypeScript's parser, a few hundred milliseconds on a busy machine.
  }, 60_000);

  it('parses on this thread what a worker that cannot start leaves', async () => {
    // From the sources, the worker script does not exist: the workers fail at once.
    const all = jobs().slice(0, 40);
    const stats = { byWorkers: 0 };
    const units = await source.parseAll(all, 3, stats);
    expect(stats.byWorkers).toBe(0);
    expect(units).toEqual(await built.parseAll(all, 1));
  });

  it('uses workers only for enough work, and as asked', () => {
    const of = (kind: ParseJob['kind'], n: number): ParseJob[] =>
      Array.from({ length: n }, (_, i) => ({ path: `${i}`, absPath: `/${i}`, kind, dialect: 'postgresql' }));
    const machine = Math.min(os.availableParallelism(), 4);
    expect(built.parseThreads(null, of('python', 1))).toBe(1);
    expect(built.parseThreads(null, of('python', 50))).toBe(1);
    expect(built.parseThreads(null, of('python', 400))).toBe(machine);
    // A SQL file's unit costs about as much to send back from a worker as to make: it takes far more files.
    expect(built.parseThreads(null, of('sql', 4000))).toBe(1);
    expect(built.parseThreads(null, of('sql', 12000))).toBe(machine);
    expect(built.parseThreads(4, of('sql', 2))).toBe(2);
    expect(built.parseThreads(1, of('python', 5000))).toBe(1);
    expect(source.parseThreads(4, of('python', 5000))).toBe(1);
  });
});

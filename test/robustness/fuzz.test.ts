import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
/* eslint-disable @typescript-eslint/no-explicit-any */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/types.js';
import { renderJson } from '../../src/reporters/json.js';
import type { MigrationUnit } from '../../src/ir/unit.js';
import { parsePythonFile } from '../../src/parsers/alembic/alembic-file.js';
import { parsePrismaMigration } from '../../src/parsers/prisma/prisma-file.js';
import { analyzeSql } from '../../src/parsers/sql/analyze.js';
import { parseSqlFile } from '../../src/parsers/sql/sql-file.js';
import { lintPaths } from '../../src/pipeline.js';
import { REGISTRY } from '../../rules/index.js';
import { closedPyJunk, closedSqlJunk, mutated, PY_SEEDS, pyMigration, SQL_SEEDS } from './fuzz-core.mjs';

/**
 * Bounded, seeded fuzzing of the front-ends, in process (`npm run fuzz` runs
 * the long version). Invariants:
 *  1. no exception escapes a front-end, and each file finishes within PER_FILE_MS;
 *  2. every operation's span lies inside the file;
 *  3. a `DROP TABLE "keep_me";` after junk whose quotes, comments and dollar
 *     quotes are all closed, on its own line after `;\n`, is still reported
 *     (SQL); an `op.drop_table("keep_me")` statement line after junk statements
 *     is still reported (Python);
 *  4. through `lintPaths`, the JSON output stays valid per the contract.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260707);
/** `npm run fuzz` scales every property's case count up from the bounded run's. */
const SCALE = process.env.FUZZ_RUNS === undefined ? 1 : Number(process.env.FUZZ_RUNS) / 2840;
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
const PER_FILE_MS = 2000;

async function timed<T>(run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  expect(performance.now() - started).toBeLessThan(PER_FILE_MS);
  return result;
}

function spansInside(unit: MigrationUnit | null, text: string): void {
  for (const op of unit?.operations ?? []) {
    expect(op.span.start).toBeGreaterThanOrEqual(0);
    expect(op.span.end).toBeLessThanOrEqual(text.length);
    expect(op.span.start).toBeLessThanOrEqual(op.span.end);
  }
}

/** Contract section 2: the JSON document's shape. */
function checkContract(doc: any, files: number): void {
  expect(doc.version).toBe(2);
  expect(doc.summary.files).toBe(files);
  const count = (severity: string) => doc.diagnostics.filter((d: any) => d.severity === severity).length;
  expect([doc.summary.errors, doc.summary.warnings, doc.summary.infos]).toEqual([count('error'), count('warning'), count('info')]);
  const ids = /^[a-z]+(-[a-z]+)*$/;
  for (const d of doc.diagnostics) {
    expect(d.rule).toMatch(ids);
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(['upgrade', 'downgrade', 'none']).toContain(d.phase);
    expect(typeof d.file).toBe('string');
    expect(d.file).not.toMatch(/\\|^\//);
    for (const key of ['line', 'endLine', 'column', 'endColumn']) expect(Number.isInteger(d[key]) && d[key] >= 1).toBe(true);
    expect(d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column)).toBe(true);
    expect(typeof d.message === 'string' && d.message.length > 0 && !d.message.includes('\n')).toBe(true);
    for (const key of ['schema', 'table']) expect(d[key] === null || typeof d[key] === 'string').toBe(true);
    expect(d.object === null || (typeof d.object.kind === 'string' && d.object.table === d.table && d.object.schema === d.schema)).toBe(true);
  }
  const keys = doc.diagnostics.map((d: any) => [d.file, d.line, d.column, d.rule]);
  const sorted = [...keys].sort((a: any[], b: any[]) =>
    a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0),
  );
  expect(keys).toEqual(sorted);
}

const dropsKeepMe = (unit: MigrationUnit | null): boolean => (unit?.operations ?? []).some((op) => op.kind === 'drop-table' && op.table.name === 'keep_me');

describe('fuzz (seeded, bounded)', () => {
  it('SQL files: no exception, time budget, spans inside', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutated(SQL_SEEDS),
        fc.constantFrom('postgresql', 'mysql', 'sqlite', 'sqlserver') as fc.Arbitrary<'postgresql'>,
        async (text, dialect) => {
          spansInside(await timed(() => parseSqlFile({ path: 'V1__f.sql', text }, dialect)), text);
        },
      ),
      { seed: SEED, numRuns: runs(1000) },
    );
  }, 60_000);

  it('Prisma migrations: no exception, time budget, spans inside', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(SQL_SEEDS), async (text) => {
        const file = `-- CreateTable\n${text}`;
        spansInside(await timed(() => parsePrismaMigration({ path: 'm/1_x/migration.sql', text: file }, 'postgresql', '1_x')), file);
      }),
      { seed: SEED + 1, numRuns: runs(400) },
    );
  }, 60_000);

  it('Alembic files: no exception, time budget, spans inside', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(PY_SEEDS), async (text) => {
        spansInside(await timed(() => parsePythonFile({ path: 'versions/a.py', text }, 'postgresql')), text);
      }),
      { seed: SEED + 2, numRuns: runs(600) },
    );
  }, 60_000);

  it('SQL: a DROP after closed junk and a `;` line boundary is still reported', async () => {
    await fc.assert(
      fc.asyncProperty(closedSqlJunk, async (junk) => {
        const text = `${junk};\nDROP TABLE "keep_me";\n`;
        const analysis = await timed(() => analyzeSql(text, { dialect: 'postgresql', phase: 'upgrade' }));
        expect(analysis.operations.some((op) => op.kind === 'drop-table' && op.table.name === 'keep_me')).toBe(true);
      }),
      { seed: SEED + 3, numRuns: runs(500) },
    );
  }, 60_000);

  it('Python: an op.drop_table statement after junk statements is still reported', async () => {
    await fc.assert(
      fc.asyncProperty(closedPyJunk, async (body) => {
        const text = pyMigration(body);
        expect(dropsKeepMe(await timed(() => parsePythonFile({ path: 'versions/a.py', text }, 'postgresql')))).toBe(true);
      }),
      { seed: SEED + 4, numRuns: runs(300) },
    );
  }, 60_000);

  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('lintPaths over mutated files (and random bytes) gives contract-valid JSON', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(SQL_SEEDS), mutated(PY_SEEDS), fc.uint8Array({ maxLength: 200 }), async (sql, py, bytes) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-fuzz-'));
        dirs.push(dir);
        fs.mkdirSync(path.join(dir, 'prisma/migrations/1_x'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'V1__a.sql'), sql);
        fs.writeFileSync(path.join(dir, 'V2__bytes.sql'), bytes);
        fs.writeFileSync(path.join(dir, 'a.py'), `revision = "a"\ndown_revision = None\n${py}`);
        fs.writeFileSync(path.join(dir, 'prisma/migrations/migration_lock.toml'), 'provider = "postgresql"\n');
        fs.writeFileSync(path.join(dir, 'prisma/migrations/1_x/migration.sql'), sql);
        const outcome = await timed(() => lintPaths({ registry: REGISTRY, cwd: dir, paths: [], config: { config: DEFAULT_CONFIG, file: null, root: dir } }));
        expect(outcome.problems).toEqual([]);
        expect(outcome.result.fileCount).toBeGreaterThanOrEqual(3); // a mutated .py may no longer be a migration
        checkContract(JSON.parse(renderJson(outcome.result)), outcome.result.fileCount);
      }),
      { seed: SEED + 5, numRuns: runs(40) },
    );
  }, 60_000);
});

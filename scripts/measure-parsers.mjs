#!/usr/bin/env node
// Compares droplint's SQL front-end with two full PostgreSQL parsers on a
// generated Prisma-like migration corpus. Run after `npm run build`:
//
//   node scripts/measure-parsers.mjs
//
// Prints a markdown table: load time, throughput (median of 5 runs) and how
// many statements of test/parsers/sql/valid-postgresql.sql each parser rejects.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { prng } from './bench/corpus.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const analyzeUrl = new URL('../dist/src/parsers/sql/analyze.js', import.meta.url).href;

const RUNS = 5;
const TARGET_BYTES = 1.5e6;

/** The valid statements of the test corpus: blocks separated by `----` lines. */
function corpusStatements() {
  const text = readFileSync(new URL('../test/parsers/sql/valid-postgresql.sql', import.meta.url), 'utf8');
  return text
    .split(/^----$/m)
    .map((block) => block.replace(/^(?:--.*\n)+/, '').trim())
    .filter((block) => block.length > 0);
}

const TYPES = ['TEXT', 'INTEGER', 'BIGINT', 'BOOLEAN', 'DOUBLE PRECISION', 'DECIMAL(65,30)', 'TIMESTAMP(3)', 'JSONB', 'TEXT[]', 'VARCHAR(191)', 'UUID'];

/** Statements shaped like `prisma migrate` output for PostgreSQL, about `TARGET_BYTES` long in all. */
function prismaCorpus(extra) {
  const random = prng(42);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const statements = [];
  let bytes = 0;
  const add = (sql) => {
    statements.push(sql);
    bytes += Buffer.byteLength(sql) + 2;
  };
  for (let m = 0; bytes < TARGET_BYTES; m++) {
    const model = `Model${m}`;
    if (m % 10 === 0) add(`-- CreateEnum\nCREATE TYPE "Status${m}" AS ENUM ('ACTIVE', 'INACTIVE', 'ARCHIVED');`);
    const columns = ['    "id" TEXT NOT NULL'];
    const count = 4 + Math.floor(random() * 10);
    for (let c = 0; c < count; c++) {
      const nullable = random() < 0.3 ? '' : ' NOT NULL';
      const dflt = random() < 0.2 ? ' DEFAULT CURRENT_TIMESTAMP' : '';
      columns.push(`    "field${c}" ${pick(TYPES)}${nullable}${dflt}`);
    }
    if (m % 10 === 0) columns.push(`    "status" "Status${m}" NOT NULL DEFAULT 'ACTIVE'`);
    if (m > 0) columns.push(`    "parentId" TEXT`);
    columns.push(`\n    CONSTRAINT "${model}_pkey" PRIMARY KEY ("id")`);
    add(`-- CreateTable\nCREATE TABLE "${model}" (\n${columns.join(',\n')}\n);`);
    add(`-- CreateIndex\nCREATE UNIQUE INDEX "${model}_field0_key" ON "${model}"("field0");`);
    if (random() < 0.5) add(`-- CreateIndex\nCREATE INDEX "${model}_field1_field2_idx" ON "${model}"("field1", "field2");`);
    if (m > 0) {
      add(
        `-- AddForeignKey\nALTER TABLE "${model}" ADD CONSTRAINT "${model}_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Model${m - 1}"("id") ON DELETE SET NULL ON UPDATE CASCADE;`,
      );
    }
    if (m % 7 === 3) add(`-- AlterTable\nALTER TABLE "${model}" DROP COLUMN "field1",\nADD COLUMN "renamed1" TEXT;`);
    if (m % 13 === 5) add(`-- DropIndex\nDROP INDEX "${model}_field0_key";`);
    if (m % 17 === 8) add(`-- DropTable\nDROP TABLE "Model${m - 1}";`);
    if (m % 50 === 25) for (const sql of extra) add(sql);
  }
  return statements;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall time of `RUNS` runs of `fn`, after one warm-up run. */
async function time(fn) {
  await fn();
  const samples = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Median time to load a module in a fresh Node process (the import cache would hide it here). */
function loadTime(body) {
  const samples = [];
  for (let r = 0; r < RUNS; r++) {
    const script = `const t = performance.now(); ${body}; console.log(performance.now() - t);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    samples.push(Number(out.trim()));
  }
  return median(samples);
}

const extra = corpusStatements();
const statements = prismaCorpus(extra);
const text = statements.join('\n\n');
const megabytes = Buffer.byteLength(text) / 1e6;

const astParser = await import('pgsql-ast-parser');
const libpg = await import('libpg-query');
await libpg.loadModule();
const { analyzeSql } = await import(analyzeUrl);

const rejectedBy = (parseOne) =>
  extra.filter((sql) => {
    try {
      parseOne(sql);
      return false;
    } catch {
      return true;
    }
  });
const astRejected = rejectedBy((sql) => astParser.parse(sql, { locationTracking: true }));
const libpgRejected = rejectedBy((sql) => libpg.parseSync(sql));
let droplintRejected = 0;
for (const sql of extra) {
  const { operations } = await analyzeSql(sql, { dialect: 'postgresql', phase: 'upgrade' });
  if (operations.some((op) => op.kind === 'unparsed')) droplintRejected++;
}

/** Parses every statement on its own, as a linter reporting per statement must; failures count as work done. */
const eachStatement = (parseOne) => () => {
  for (const sql of statements) {
    try {
      parseOne(sql);
    } catch {
      // A rejected statement still took the parser's time.
    }
  }
};
const astMs = await time(eachStatement((sql) => astParser.parse(sql, { locationTracking: true })));
const libpgMs = await time(eachStatement((sql) => libpg.parseSync(sql)));
const droplintMs = await time(() => analyzeSql(text, { dialect: 'postgresql', phase: 'upgrade', sections: true }));
const analysis = await analyzeSql(text, { dialect: 'postgresql', phase: 'upgrade', sections: true });

const astLoad = loadTime(`await import('pgsql-ast-parser')`);
const libpgLoad = loadTime(`const m = await import('libpg-query'); await m.loadModule()`);
const droplintLoad = loadTime(`await import(${JSON.stringify(analyzeUrl)})`);

const fmt = (n, digits = 1) => n.toFixed(digits);
const throughput = (ms) => fmt(megabytes / (ms / 1000), 2);
console.log(
  `Corpus: ${statements.length} statements, ${fmt(megabytes, 2)} MB (1 MB = 10^6 bytes of UTF-8); droplint found ${analysis.operations.length} operations.`,
);
console.log(`Throughput: median of ${RUNS} runs after a warm-up; load: median of ${RUNS} fresh processes.\n`);
console.log('| parser | load (ms) | time (ms) | throughput (MB/s) | valid corpus statements rejected |');
console.log('|---|---:|---:|---:|---:|');
console.log(
  `| pgsql-ast-parser \`parse\` (locationTracking), per statement | ${fmt(astLoad)} | ${fmt(astMs)} | ${throughput(astMs)} | ${astRejected.length} / ${extra.length} |`,
);
console.log(
  `| libpg-query \`parseSync\`, per statement | ${fmt(libpgLoad)} (import + wasm) | ${fmt(libpgMs)} | ${throughput(libpgMs)} | ${libpgRejected.length} / ${extra.length} |`,
);
console.log(
  `| droplint \`analyzeSql\`, whole text | ${fmt(droplintLoad)} (libpg-query loads lazily) | ${fmt(droplintMs)} | ${throughput(droplintMs)} | ${droplintRejected} / ${extra.length} |`,
);
console.log('\npgsql-ast-parser rejects:');
for (const sql of astRejected) console.log(`- \`${sql.split('\n')[0].slice(0, 90)}${sql.length > 90 || sql.includes('\n') ? ' …' : ''}\``);
if (libpgRejected.length > 0) {
  console.log('\nlibpg-query rejects:');
  for (const sql of libpgRejected) console.log(`- \`${sql.split('\n')[0].slice(0, 90)}\``);
}

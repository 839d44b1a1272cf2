#!/usr/bin/env node
// droplint benchmark (`npm run bench`, after `npm run build`). See docs/benchmark.md.
//
//   node scripts/bench/run.mjs [--seed N] [--runs N] [--quick]
//
// Generates a deterministic corpus (cached under the OS temp dir), runs
// droplint as a whole process several times per case, alternates it with
// squawk on the PostgreSQL SQL files, measures the parse floor and the LSP
// latency, prints a markdown report and writes it to docs/benchmark.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { changedMigrationBench } from './changed.mjs';
import { corpus, lspProject } from './corpus.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({ options: { seed: { type: 'string' }, runs: { type: 'string' }, quick: { type: 'boolean' }, 'no-write': { type: 'boolean' } } });
const SEED = Number(values.seed ?? 42);
const RUNS = Number(values.runs ?? (values.quick ? 3 : 5));
const SIZES = values.quick ? [1000] : [1000, 10000];
const bin = path.join(root, 'bin/droplint.js');
const preload = path.join(root, 'scripts/bench/maxrss.mjs');
const work = mkdtempSync(path.join(os.tmpdir(), 'droplint-bench-run-'));
const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);

if (!existsSync(path.join(root, 'dist/bundle/cli-script.cjs')) || !existsSync(path.join(root, 'dist/src/parsers/sql/analyze.js'))) {
  log('droplint is not built: run `npm run build` first');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs a command once; returns wall ms and (with the preload) peak RSS in MiB.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ cwd?: string, rss?: boolean }} [options]
 */
function timed(cmd, args, { cwd, rss = false } = {}) {
  const rssFile = path.join(work, `rss-${Math.random().toString(36).slice(2)}`);
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  if (rss) env.DROPLINT_BENCH_RSS_FILE = rssFile;
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status === 2 || r.signal)
    throw new Error(`${path.basename(cmd)} ${args.slice(0, 4).join(' ')}… failed (${r.status ?? r.signal}): ${String(r.stderr).slice(0, 500)}`);
  let peak = null;
  if (rss && existsSync(rssFile)) {
    peak = Number(readFileSync(rssFile, 'utf8')) / 1024;
    rmSync(rssFile);
  }
  return { ms, peak, status: r.status };
}

// Cases 1–5 measure droplint's own work, as before the persistent cache: without it (case 6 measures it).
const droplint = (args, cwd) => timed(process.execPath, ['--import', preload, bin, '--format', 'json', '--no-cache', ...args], { cwd, rss: true });
const droplintPlain = (args, cwd) => timed(process.execPath, [bin, '--format', 'json', '--no-cache', ...args], { cwd });

// squawk: the binary that squawk-cli ships in a package per platform, installed on
// first use into a cache beside the corpora. It is not a devDependency because the
// registry this project is developed against serves only some of squawk-cli's
// platform packages, and a lock file missing the others breaks `npm ci`.
const SQUAWK_VERSION = '2.66.0';
function findSquawk() {
  const platform = `@squawk-cli/${process.platform}-${process.arch}`;
  const prefix = path.join(os.tmpdir(), `droplint-bench-squawk-${SQUAWK_VERSION}`);
  const binary = path.join(prefix, 'node_modules', platform, 'bin', process.platform === 'win32' ? 'squawk.exe' : 'squawk');
  if (!existsSync(binary)) {
    log(`installing ${platform}@${SQUAWK_VERSION} into ${prefix} …`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    spawnSync(npm, ['install', '--no-save', '--no-package-lock', '--prefix', prefix, `${platform}@${SQUAWK_VERSION}`], { stdio: 'ignore' });
  }
  return existsSync(binary) ? binary : null;
}
const squawkBin = findSquawk();
const squawkVersion = squawkBin ? String(spawnSync(squawkBin, ['--version']).stdout).trim() : null;
// squawk exits 1 when it finds problems (like droplint); `timed` only fails on 2 or a signal.
const squawk = (files, cwd) => timed(squawkBin, ['--reporter', 'json', ...files], { cwd });

const fmt = (x, d = 0) =>
  x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const results = {};

// ---------------------------------------------------------------- 1. one file, cold process
{
  const c = corpus(SEED, 1000);
  const sql = c.files.find((f) => f.kind === 'sql' && statSync(path.join(c.dir, f.path)).size < 2000);
  const py = c.files.find((f) => f.kind === 'alembic' && statSync(path.join(c.dir, f.path)).size < 3000);
  const n = Math.max(RUNS * 2, 10);
  const one = {};
  // Alone: the file copied into an empty project (what target 1 is about); in the
  // 1k project: droplint also reads the file's migration history.
  const alone = path.join(work, 'one');
  // `node -e 0` alternates with droplint: on a shared machine, node's own start moves by tens of ms.
  const nodeTimes = [];
  for (const [name, f] of [
    ['sql', sql],
    ['alembic', py],
  ]) {
    const dir = path.join(alone, name);
    const base = path.basename(f.path);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, base), readFileSync(path.join(c.dir, f.path)));
    for (const [where, cwd, arg] of [
      ['alone', dir, base],
      ['inProject', c.dir, f.path],
    ]) {
      droplintPlain([arg], cwd); // warm the OS file cache
      const times = [];
      for (let i = 0; i < n; i++) {
        times.push(droplintPlain([arg], cwd).ms);
        if (where === 'alone') nodeTimes.push(timed(process.execPath, ['-e', '0']).ms);
      }
      one[name] = { ...one[name], [where]: median(times) };
      log(`one-file ${name} ${where}: ${fmt(one[name][where])} ms`);
    }
  }
  one.node = median(nodeTimes);
  results.one = one;
}

// ---------------------------------------------------------------- 2, 3, 5. corpora
results.corpora = [];
for (const size of SIZES) {
  const t0 = performance.now();
  const c = corpus(SEED, size);
  log(`corpus ${size}: ${c.files.length} files, ${fmt(c.bytes / 1e6, 1)} MB (${fmt(performance.now() - t0)} ms, ${c.dir})`);
  const runs = size >= 10000 ? Math.max(3, RUNS - 2) : RUNS;
  const pgSql = c.files.filter((f) => f.dialect === 'postgresql').map((f) => f.path);
  const pgBytes = pgSql.reduce((s, p) => s + statSync(path.join(c.dir, p)).size, 0);
  const listFile = path.join(work, `pg-${size}.txt`);
  writeFileSync(listFile, pgSql.join('\n'));

  // Warm-up (OS file cache, V8 code cache).
  droplint(['.'], c.dir);
  const full = [];
  const floor = [];
  const floorIn = [];
  const sqlD = [];
  const sqlS = [];
  for (let i = 0; i < runs; i++) {
    full.push(droplint(['.'], c.dir));
    const f = timed(process.execPath, [path.join(root, 'scripts/bench/floor.mjs'), c.dir], { rss: false });
    floor.push(f.ms);
    // Alternate droplint and squawk on the same PostgreSQL SQL files.
    sqlD.push(droplint(pgSql, c.dir));
    if (squawkBin) sqlS.push(squawk(pgSql, c.dir));
    log(
      `  run ${i + 1}/${runs}: full ${fmt(full.at(-1).ms)} ms, floor ${fmt(f.ms)} ms, sql ${fmt(sqlD.at(-1).ms)} ms${squawkBin ? `, squawk ${fmt(sqlS.at(-1).ms)} ms` : ''}`,
    );
  }
  // Floor, in-process part (parse time without node start), once more for the report.
  const inProc = spawnSync(process.execPath, [path.join(root, 'scripts/bench/floor.mjs'), c.dir], { encoding: 'utf8' });
  floorIn.push(Number(inProc.stdout.trim()));
  results.corpora.push({
    size,
    files: c.files.length,
    bytes: c.bytes,
    full: { median: median(full.map((r) => r.ms)), peak: Math.max(...full.map((r) => r.peak ?? 0)) },
    floor: { median: median(floor), inProcess: floorIn[0] },
    sql: {
      files: pgSql.length,
      bytes: pgBytes,
      droplint: median(sqlD.map((r) => r.ms)),
      droplintPeak: Math.max(...sqlD.map((r) => r.peak ?? 0)),
      squawk: squawkBin ? median(sqlS.map((r) => r.ms)) : null,
    },
  });
}

// ---------------------------------------------------------------- 4. LSP
{
  const p = lspProject(SEED);
  results.lsp = {};
  for (const [name, file] of [
    ['sql', p.sqlFile],
    ['alembic', p.pyFile],
  ]) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/bench/lsp.mjs'), file, '11'], { encoding: 'utf8', timeout: 120000 });
    if (r.status !== 0) {
      log(`LSP ${name} failed: ${r.stderr}`);
      continue;
    }
    const data = JSON.parse(r.stdout.trim().split('\n').at(-1));
    results.lsp[name] = { lines: data.lines, open: data.open, raw: median(data.raw.slice(1)) };
    log(`LSP ${name}: ${data.lines} lines, open ${fmt(data.open)} ms, edit→diagnostics ${fmt(results.lsp[name].raw)} ms raw`);
  }
}
// ---------------------------------------------------------------- 6. one changed migration, with the cache
const changedLines = changedMigrationBench({ bin, runs: values.quick ? 3 : Math.max(RUNS, 7), log });
rmSync(work, { recursive: true, force: true });
const load = os.loadavg()[0];

// ---------------------------------------------------------------- report
const DEBOUNCE = 150;
const ok = (b) => (b ? 'yes' : '**no**');
const c1 = results.corpora.find((c) => c.size === 1000);
const c10 = results.corpora.find((c) => c.size === 10000);
const lines = [];
lines.push(`Reproduce: \`npm run build && npm run bench\` (seed ${SEED}, median of ${RUNS} runs; 10k corpus: ${Math.max(3, RUNS - 2)} runs).`);
lines.push('');
lines.push(
  `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, Node ${process.version}, ${os.platform()}-${os.arch()}; ${squawkVersion ?? 'squawk not installed'}.`,
);
lines.push(`Load average (1 min) at the end of the run: ${fmt(load, 2)} — other processes on the machine make the numbers noisier.`);
lines.push("Every time is the wall time of a whole process (node start included), output `--format json` discarded; peak memory is the process's max RSS.");
lines.push('');
lines.push('| case | files | MB | droplint median | files/s | MB/s | peak RSS | parse floor | lint / floor | squawk | droplint / squawk |');
lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
const aboveNode = (ms) => `${fmt(ms)} ms (node alone ${fmt(results.one.node)} ms, +${fmt(ms - results.one.node)} ms)`;
lines.push(`| one SQL file, cold process, alone | 1 | | ${aboveNode(results.one.sql.alone)} | | | | | | | |`);
lines.push(`| one Alembic file, cold process, alone | 1 | | ${aboveNode(results.one.alembic.alone)} | | | | | | | |`);
lines.push(`| one SQL file, cold process, in the 1k project | 1 | | ${fmt(results.one.sql.inProject)} ms | | | | | | | |`);
lines.push(
  `| one Alembic file, cold process, in the 1k project (reads its 450-revision chain) | 1 | | ${fmt(results.one.alembic.inProject)} ms | | | | | | | |`,
);
for (const c of results.corpora) {
  const s = c.full.median / 1000;
  lines.push(
    `| ${fmt(c.size)} mixed files | ${fmt(c.files)} | ${fmt(c.bytes / 1e6, 1)} | ${fmt(c.full.median)} ms | ${fmt(c.files / s)} | ${fmt(c.bytes / 1e6 / s, 2)} | ${fmt(c.full.peak)} MiB | ${fmt(c.floor.median)} ms (${fmt(c.floor.inProcess)} ms parsing) | ${fmt(c.full.median / c.floor.median, 2)} | | |`,
  );
  const q = c.sql.squawk;
  const ss = c.sql.droplint / 1000;
  lines.push(
    `| ${fmt(c.size)}: PostgreSQL SQL subset | ${fmt(c.sql.files)} | ${fmt(c.sql.bytes / 1e6, 1)} | ${fmt(c.sql.droplint)} ms | ${fmt(c.sql.files / ss)} | ${fmt(c.sql.bytes / 1e6 / ss, 2)} | ${fmt(c.sql.droplintPeak)} MiB | | | ${q === null ? 'not installed' : `${fmt(q)} ms`} | ${q === null ? 'n/a' : fmt(c.sql.droplint / q, 2)} |`,
  );
}
for (const [name, l] of Object.entries(results.lsp)) {
  lines.push(
    `| LSP: edit → diagnostics, ${fmt(l.lines)}-line ${name === 'sql' ? 'Prisma SQL' : 'Alembic'} migration | 1 | | ${fmt(l.raw)} ms raw, ${fmt(l.raw - DEBOUNCE)} ms after the ${DEBOUNCE} ms debounce | | | | | | | |`,
  );
}
lines.push('');
lines.push(
  `Node itself starts in ${fmt(results.one.node)} ms here (\`node -e 0\`, run alternately with the one-file runs). The parse floor is a whole process too (\`scripts/bench/floor.mjs\`: read every file, droplint's SQL front-end for SQL, tree-sitter for Python; no discovery, rules, history or output); in parentheses, its in-process parsing time.`,
);
lines.push('');
lines.push('| target | measured | holds |');
lines.push('|---|---|---|');
lines.push(
  `| 1. one-file run ≤ 150 ms (SQL, Alembic; file alone) | ${fmt(results.one.sql.alone)} ms, ${fmt(results.one.alembic.alone)} ms | ${ok(results.one.sql.alone <= 150 && results.one.alembic.alone <= 150)} |`,
);
if (c10) {
  lines.push(
    `| 2. 10k files ≤ 10 s, ≤ 500 MB, 10k/1k ≤ 11 | ${fmt(c10.full.median / 1000, 1)} s, ${fmt(c10.full.peak)} MiB, ratio ${fmt(c10.full.median / c1.full.median, 1)} | ${ok(c10.full.median <= 10000 && c10.full.peak * 1.048576 <= 500 && c10.full.median / c1.full.median <= 11)} |`,
  );
}
const worstSql = results.corpora.map((c) => (c.sql.squawk ? c.sql.droplint / c.sql.squawk : null));
lines.push(
  `| 3. SQL subset: droplint / squawk ≤ 1.0 | ${worstSql.map((r, i) => `${fmt(results.corpora[i].size)}: ${fmt(r, 2)}`).join(', ')} | ${worstSql.includes(null) ? 'n/a (squawk not installed)' : ok(worstSql.every((r) => r <= 1))} |`,
);
const lspVals = Object.entries(results.lsp).map(([n, l]) => `${n}: ${fmt(l.raw - DEBOUNCE)} ms (${fmt(l.raw)} raw)`);
lines.push(
  `| 4. LSP edit → diagnostics ≤ 50 ms, after the debounce | ${lspVals.join(', ')} | ${ok(Object.values(results.lsp).every((l) => l.raw - DEBOUNCE <= 50))} |`,
);
const floorRatios = results.corpora.map((c) => c.full.median / c.floor.median);
lines.push(
  `| 5. full lint ≤ 1.5 × parse floor | ${results.corpora.map((c, i) => `${fmt(c.size)}: ${fmt(floorRatios[i], 2)}`).join(', ')} | ${ok(floorRatios.every((r) => r <= 1.5))} |`,
);

lines.push('');
lines.push(
  'One changed migration in a large project, as a pre-commit hook lints it (case 6, scripts/bench/changed.mjs): cold = an empty cache (written during the run); warm = every other file cached, the migration itself changed (new text on standard input each run); edited on disk = the same, as pre-commit runs it: the file itself edited and named (its new stamp and unit recorded in the cache); `--no-cache` = neither read nor written. Real repositories are measured when `DROPLINT_BENCH_REPOS` names a folder with their checkouts (`owner+name`); the target: warm ≤ 2 × `node -e 0`.',
);
lines.push('');
lines.push(...changedLines);

const table = lines.join('\n');
process.stdout.write(`${table}\n`);
if (!values['no-write'] && !values.quick) {
  const doc = `# Benchmark\n\nGenerated by \`npm run bench\` (scripts/bench/run.mjs); do not edit by hand.\n\nCorpus: generated deterministically from the seed (scripts/bench/corpus.mjs) and cached under the OS temp dir: ~45% Alembic autogenerate-style revisions in one chain per project (batch ops, \`op.execute\` raw SQL, a large initial schema), ~35% Prisma migration folders (2/3 PostgreSQL, 1/3 SQLite with RedefineTables), ~20% raw PostgreSQL SQL files (transactions, DO blocks, functions, CONCURRENTLY). Most migrations have 1–5 operations; each project's first and ~2% of the rest are large. The SQL subset is every PostgreSQL \`.sql\` file (Prisma PostgreSQL and raw), given to droplint and squawk as the same file list, the two alternated run by run.\n\n${table}\n`;
  writeFileSync(path.join(root, 'docs/benchmark.md'), doc);
  log('wrote docs/benchmark.md');
}

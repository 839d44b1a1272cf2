// Bench case: one changed migration in a large project, as a pre-commit hook
// runs droplint on it: with a cold cache, a warm one (every file cached but the
// changed one: its new text on standard input, and, as pre-commit runs it,
// the file edited on disk and named, which the bench restores afterwards) and
// none, beside `node -e 0` run alternately, under this Node and Node 24. The synthetic projects (large-project.mjs) always run; real
// repositories run when DROPLINT_BENCH_REPOS names a folder holding their
// checkouts (as `owner+name`), and are skipped with a line saying so otherwise.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { largeAlembicProject, largePrismaProject } from './large-project.mjs';

/** Real projects: where their migrations are; the newest (by name) is the changed one. */
const REAL = [
  { repo: 'polarsource+polar', kind: 'Alembic', versions: 'server/migrations/versions' },
  { repo: 'Netflix+dispatch', kind: 'Alembic', versions: 'src/dispatch/database/revisions/tenant/versions' },
  { repo: 'PrefectHQ+prefect', kind: 'Alembic', versions: 'src/prefect/server/database/_migrations/versions/postgresql' },
  { repo: 'teableio+teable', kind: 'Prisma', versions: 'packages/db-main-prisma/prisma/postgres/migrations' },
  { repo: 'documenso+documenso', kind: 'Prisma', versions: 'packages/prisma/migrations' },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs the case; returns the report's lines. */
export function changedMigrationBench({ bin, runs, log }) {
  const projects = [
    { name: 'synthetic Alembic (300 revisions, env.py → 150 models in a 1,050-module package)', ...largeAlembicProject() },
    { name: 'synthetic Prisma (400 migrations)', ...largePrismaProject() },
  ];
  const skipped = [];
  const repos = process.env.DROPLINT_BENCH_REPOS;
  for (const real of REAL) {
    const versions = repos ? path.join(repos, real.repo, real.versions) : null;
    const newest =
      versions && existsSync(versions)
        ? readdirSync(versions)
            .filter((n) => (real.kind === 'Prisma' ? existsSync(path.join(versions, n, 'migration.sql')) : n.endsWith('.py')))
            .sort()
            .at(-1)
        : undefined;
    if (newest === undefined) {
      skipped.push(`${real.repo} (${repos ? `no ${real.versions} under ${path.join(repos, real.repo)}` : 'DROPLINT_BENCH_REPOS not set'})`);
      continue;
    }
    const file = path.posix.join(real.versions, newest, real.kind === 'Prisma' ? 'migration.sql' : '');
    const count = readdirSync(versions).filter((n) => (real.kind === 'Prisma' ? !n.endsWith('.toml') : n.endsWith('.py'))).length;
    projects.push({ name: `${real.repo} (${real.kind}, ${count} migrations)`, dir: path.join(repos, real.repo), file: file.replace(/\/$/, '') });
  }
  const nodes = [{ label: `Node ${process.versions.node}`, exec: process.execPath }];
  const node24 = findNode24(log);
  if (node24 !== null) nodes.push(node24);
  else skipped.push('Node 24 (not found: set DROPLINT_BENCH_NODE24, or let `npx -p node@24` fetch it)');

  const lines = [
    '| project (one changed migration) | Node | `node -e 0` | cold cache | warm cache, the migration changed | warm / node | warm, the file edited on disk | edited / node | `--no-cache` |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const project of projects) {
    for (const node of nodes) {
      const row = measure(project, node, bin, runs);
      log(
        `changed migration: ${project.name}, ${node.label}: node ${fmt(row.node)} ms, cold ${fmt(row.cold)} ms, warm ${fmt(row.warm)} ms, edited on disk ${fmt(row.edited)} ms, no cache ${fmt(row.none)} ms`,
      );
      lines.push(
        `| ${project.name} | ${node.label} | ${fmt(row.node)} ms | ${fmt(row.cold)} ms | ${fmt(row.warm)} ms | ${(row.warm / row.node).toFixed(2)} | ${fmt(row.edited)} ms | ${(row.edited / row.node).toFixed(2)} | ${fmt(row.none)} ms |`,
      );
    }
  }
  for (const what of skipped) lines.push('', `Skipped: ${what}.`);
  return lines;
}

function measure(project, node, bin, runs) {
  const text = readFileSync(path.join(project.dir, project.file), 'utf8');
  const comment = project.file.endsWith('.py') ? '#' : '--';
  const warmDir = mkdtempSync(path.join(os.tmpdir(), 'droplint-bench-cache-'));
  const lint = (args, input) => timed(node.exec, [bin, '--format', 'json', ...args], project.dir, input);
  // Primes the warm cache, and checks that the three ways give one output.
  const outputs = [lint(['--cache-dir', warmDir, project.file]), lint(['--cache-dir', warmDir, project.file]), lint(['--no-cache', project.file])].map(
    (r) => r.stdout,
  );
  if (new Set(outputs).size !== 1) throw new Error(`${project.name}: output differs with and without the cache`);
  const t = { node: [], cold: [], warm: [], edited: [], none: [] };
  const file = path.join(project.dir, project.file);
  // The file itself is edited for the "edited on disk" runs, and restored whatever happens.
  try {
    for (let i = 0; i < runs; i++) sample(i);
  } finally {
    writeFileSync(file, text);
    rmSync(warmDir, { recursive: true, force: true });
  }
  return { node: median(t.node), cold: median(t.cold), warm: median(t.warm), edited: median(t.edited), none: median(t.none) };

  function sample(i) {
    t.node.push(timed(node.exec, ['-e', '0'], project.dir).ms);
    const coldDir = mkdtempSync(path.join(os.tmpdir(), 'droplint-bench-cache-'));
    t.cold.push(lint(['--cache-dir', coldDir, project.file]).ms);
    rmSync(coldDir, { recursive: true, force: true });
    // The changed migration: new text each run (as an editor or `git add -p` leaves it), the rest as cached.
    t.warm.push(lint(['--cache-dir', warmDir, '--stdin', '--stdin-filename', project.file], `${text}\n${comment} edited ${i}\n`).ms);
    // As pre-commit runs it: the file edited on disk, named on the command line (its stamp changed: read, hashed, recorded).
    writeFileSync(file, `${text}\n${comment} edited on disk ${i}\n`);
    t.edited.push(lint(['--cache-dir', warmDir, project.file]).ms);
    writeFileSync(file, text);
    t.none.push(lint(['--no-cache', project.file]).ms);
  }
}

function timed(exec, args, cwd, input = '') {
  const t0 = performance.now();
  const r = spawnSync(exec, args, { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20 });
  const ms = performance.now() - t0;
  if (r.error || r.status === 2 || r.signal) throw new Error(`${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr ?? r.error}`);
  return { ms, stdout: r.stdout };
}

function findNode24(log) {
  const given = process.env.DROPLINT_BENCH_NODE24;
  if (given && existsSync(given)) return { label: `Node ${version(given)}`, exec: given };
  if (process.versions.node.startsWith('24.')) return null;
  log('finding Node 24 (npx -p node@24) …');
  const r = spawnSync('npx', ['-y', '-p', 'node@24', 'node', '-p', 'process.execPath'], { encoding: 'utf8', timeout: 180_000 });
  const exec = r.status === 0 ? r.stdout.trim() : '';
  return exec && existsSync(exec) && statSync(exec).isFile() ? { label: `Node ${version(exec)}`, exec } : null;
}

function version(exec) {
  return spawnSync(exec, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
}

function fmt(ms) {
  return Math.round(ms).toLocaleString('en-US');
}

#!/usr/bin/env node
// Measures droplint on whole public repositories, run at their root with no
// config as a user would, against verdicts kept in test/realworld/verdicts.json
// (see docs/realworld.md). Run after `npm run build`:
//
//   DROPLINT_REALWORLD_DIR=<folder of checkouts> npm run realworld [-- options] [owner/name ...]
//
//   --stubs       also print, for every unclassified finding, a verdict row to fill in
//   --false       also list the errors judged false that are still reported, with why
//   --data FILE   read the verdicts from FILE instead of test/realworld/verdicts.json
//   --markdown    print the tables as Markdown (for docs/realworld.md and the README)
//
// Each checkout is a folder named `owner+name`. Error-level findings are matched
// to verdicts by (repository, file, line, rule). Precision counts error-level
// findings only; recall counts a finding reported at any severity, since a true
// drop that droplint now reports as a warning or info on purpose (a downgrade
// undoing its own upgrade, a severity capped for downgrades) is not lost. Exit
// status 1 when an error-level finding has no verdict (someone must read it) or
// a finding judged true is no longer reported at all (a recall regression). A
// repository marked `"sampled": true` was judged on a sample of its findings:
// the others count as unclassified in its row but are not listed nor a failure.
// Its judged ones count in precision like any other.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/droplint.js', import.meta.url));

const args = process.argv.slice(2);
const printStubs = args.includes('--stubs');
const printFalse = args.includes('--false');
const markdown = args.includes('--markdown');
const dataAt = args.indexOf('--data');
const dataFile = dataAt >= 0 ? args[dataAt + 1] : fileURLToPath(new URL('../test/realworld/verdicts.json', import.meta.url));
const only = new Set(args.filter((arg, i) => !arg.startsWith('--') && (dataAt < 0 || i !== dataAt + 1)));
const checkouts = process.env.DROPLINT_REALWORLD_DIR;
if (!checkouts) {
  process.stderr.write('set DROPLINT_REALWORLD_DIR to the folder holding the checkouts (folders named owner+name)\n');
  process.exit(2);
}

const data = JSON.parse(readFileSync(dataFile, 'utf8'));
const keyOf = (repository, d) => `${repository}\0${d.file}\0${d.line}\0${d.rule}`;
/** Verdicts and known misses by key; a key names one finding (in rare cases several on one line, judged alike). */
const verdicts = new Map();
for (const v of data.verdicts) {
  if (typeof v.verdict !== 'boolean' || !v.why) {
    process.stderr.write(`verdict without a true|false verdict and a why: ${JSON.stringify(v)}\n`);
    process.exit(2);
  }
  verdicts.set(keyOf(v.repository, v), v);
}
const misses = new Map((data.misses ?? []).map((m) => [keyOf(m.repository, m), m]));

/** Runs the built CLI at the checkout's root; the cache, if any, goes to a throwaway folder, not into the checkout. */
function lint(root) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'droplint-realworld-'));
  try {
    const run = spawnSync(process.execPath, [cli, '--format', 'json'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', DROPLINT_CACHE_DIR: cacheDir },
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    if (run.status !== 0 && run.status !== 1) throw new Error(`droplint exited ${run.status}: ${run.stderr.trim()}`);
    return JSON.parse(run.stdout);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** The checkout's commit when it is a git work tree, else null (an exported tree cannot tell). */
function headOf(root) {
  if (!existsSync(join(root, '.git'))) return null;
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function excerpt(root, file, line) {
  try {
    const text = readFileSync(join(root, file), 'utf8').split('\n')[line - 1] ?? '';
    return text.trim().slice(0, 160);
  } catch {
    return '';
  }
}

const newCount = () => ({ true: 0, false: 0, unclassified: 0 });
const perRule = new Map();
const total = newCount();
const unclassified = [];
const gone = [];
/** False errors still reported, listed with `--false`: the work left. */
const stillFalse = [];
/** Findings judged true that are still reported, but below error: listed for review, not failures. */
const lowered = [];
const caughtMisses = [];
const rows = [];
let failed = false;

const ruleCount = (rule) => perRule.get(rule) ?? perRule.set(rule, newCount()).get(rule);

for (const repo of data.repositories) {
  if (only.size > 0 && !only.has(repo.name)) continue;
  const root = join(checkouts, repo.name.replace('/', '+'));
  if (!existsSync(root)) {
    process.stdout.write(`skipped ${repo.name}: no checkout at ${root}\n`);
    continue;
  }
  const head = headOf(root);
  if (head && head !== repo.commit) {
    process.stdout.write(`warning: ${repo.name} is checked out at ${head}, the verdicts are for ${repo.commit}\n`);
  }
  let report;
  try {
    report = lint(root);
  } catch (error) {
    process.stdout.write(`FAILED ${repo.name}: ${error.message}\n`);
    failed = true;
    continue;
  }
  const counts = newCount();
  const seen = new Set();
  /** Every finding at any severity, by key: what recall is measured on. */
  const reported = new Map(report.diagnostics.map((d) => [keyOf(repo.name, d), d]));
  for (const d of report.diagnostics) {
    if (d.severity !== 'error') continue;
    const key = keyOf(repo.name, d);
    seen.add(key);
    const verdict = verdicts.get(key);
    const miss = misses.get(key);
    let outcome;
    if (verdict) {
      outcome = verdict.verdict ? 'true' : 'false';
      if (!verdict.verdict) stillFalse.push(verdict);
    } else if (miss) {
      outcome = 'true';
      caughtMisses.push({ repository: repo.name, ...d });
    } else {
      outcome = 'unclassified';
      // A repository judged on a sample leaves the rest unjudged by design: counted, not listed.
      if (!repo.sampled) unclassified.push({ repository: repo.name, diagnostic: d, code: excerpt(root, d.file, d.line) });
    }
    counts[outcome]++;
    ruleCount(d.rule)[outcome]++;
    total[outcome]++;
  }
  // A known miss reported below error (a drop whose values were copied first, a dynamic-operation) is no longer silent.
  for (const [key, m] of misses) {
    const below = m.repository === repo.name && !seen.has(key) ? reported.get(key) : undefined;
    if (below) caughtMisses.push({ repository: repo.name, ...below });
  }
  for (const [key, v] of verdicts) {
    if (v.repository !== repo.name || seen.has(key)) continue;
    const below = reported.get(key);
    if (v.verdict && below) lowered.push({ ...v, severity: below.severity, message: below.message });
    else gone.push(v);
  }
  rows.push({ name: repo.name, files: report.summary.files, warnings: report.summary.warnings, ...counts });
}

const precision = (c) => (c.true + c.false === 0 ? '—' : `${((100 * c.true) / (c.true + c.false)).toFixed(1)}%`);
/** Aligned columns for the terminal, or a Markdown table with `--markdown`. */
const table = (header, lines) => {
  if (markdown) {
    const row = (cells) => `| ${cells.join(' | ')} |`;
    return [row(header), row(header.map((_, i) => (i === 0 ? '---' : '---:'))), ...lines.map(row)].join('\n') + '\n';
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const format = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [format(header), ...lines.map(format)].join('\n') + '\n';
};

process.stdout.write('\nError-level findings per repository\n');
process.stdout.write(
  table(
    ['repository', 'files', 'errors', 'true', 'false', 'unclassified', 'precision', 'warnings'],
    rows.map((r) => [r.name, r.files, r.true + r.false + r.unclassified, r.true, r.false, r.unclassified, precision(r), r.warnings]),
  ),
);
process.stdout.write('\nPer rule\n');
process.stdout.write(
  table(
    ['rule', 'errors', 'true', 'false', 'unclassified', 'precision'],
    [...perRule.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([rule, c]) => [rule, c.true + c.false + c.unclassified, c.true, c.false, c.unclassified, precision(c)]),
  ),
);
process.stdout.write(
  `\nOverall: ${total.true + total.false + total.unclassified} errors, ${total.true} true, ${total.false} false, ` +
    `${total.unclassified} unclassified; precision ${precision(total)}\n`,
);

if (caughtMisses.length > 0) {
  process.stdout.write(`\nKnown silent misses now reported (${caughtMisses.length}):\n`);
  for (const d of caughtMisses) process.stdout.write(`  ${d.repository} ${d.file}:${d.line} ${d.rule}${d.severity === 'error' ? '' : ` [${d.severity}]`}\n`);
}
const stillMissed = [...misses.values()].filter(
  (m) => (only.size === 0 || only.has(m.repository)) && !caughtMisses.some((d) => keyOf(d.repository, d) === keyOf(m.repository, m)),
);
if (stillMissed.length > 0) {
  process.stdout.write(`\nKnown silent misses still not reported (${stillMissed.length}):\n`);
  for (const m of stillMissed) process.stdout.write(`  ${m.repository} ${m.file}:${m.line} ${m.rule}: ${m.why}\n`);
}

if (printFalse && stillFalse.length > 0) {
  process.stdout.write(`\nFalse errors still reported (${stillFalse.length}):\n`);
  for (const v of stillFalse) process.stdout.write(`  ${v.repository} ${v.file}:${v.line} ${v.rule} (${v.why})\n`);
}
const goneFalse = gone.filter((v) => !v.verdict);
const goneTrue = gone.filter((v) => v.verdict);
if (goneFalse.length > 0) {
  process.stdout.write(`\nFalse errors no longer produced (${goneFalse.length}; fixed, or moved to another line):\n`);
  for (const v of goneFalse) process.stdout.write(`  ${v.repository} ${v.file}:${v.line} ${v.rule} (${v.why})\n`);
}
if (lowered.length > 0) {
  process.stdout.write(`\nTrue findings now reported below error (${lowered.length}; still reported, check the new severity is meant):\n`);
  for (const v of lowered) process.stdout.write(`  ${v.repository} ${v.file}:${v.line} ${v.rule} [${v.severity}] ${v.message}\n`);
}
if (goneTrue.length > 0) {
  process.stdout.write(`\nTRUE POSITIVES NO LONGER REPORTED at any severity (${goneTrue.length}; recall lost, or moved to another line):\n`);
  for (const v of goneTrue) process.stdout.write(`  ${v.repository} ${v.file}:${v.line} ${v.rule} (${v.why})\n`);
}
if (unclassified.length > 0) {
  process.stdout.write(`\nUnclassified error findings (${unclassified.length}; read each and add a verdict):\n`);
  for (const { repository, diagnostic: d, code } of unclassified) {
    process.stdout.write(`  ${repository} ${d.file}:${d.line} ${d.rule}: ${d.message}\n      | ${code}\n`);
  }
  if (printStubs) {
    process.stdout.write('\nVerdict rows to fill in (verdict true|false, why):\n');
    for (const { repository, diagnostic: d } of unclassified) {
      const stub = { repository, file: d.file, line: d.line, rule: d.rule, verdict: null, why: '' };
      process.stdout.write(`    ${JSON.stringify(stub)},\n`);
    }
  }
}

process.exitCode = failed || unclassified.length > 0 || goneTrue.length > 0 ? 1 : 0;

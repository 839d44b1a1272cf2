#!/usr/bin/env node
// Writes the files of a commit of a bare git directory into a folder, for
// `npm run realworld`:
//
//   node scripts/realworld-checkout.mjs <git-dir> <dest> [commit]
//
// Unlike `git worktree add` or `git checkout`, it carries on when blobs are
// missing: partial clones and size-limited mirrors leave out large files, and
// the migrations we lint are small. Missing blobs are counted and skipped.
// Symlinks are written as links; submodules (commits in the tree) are skipped.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const [gitDir, dest, commitArg] = process.argv.slice(2);
if (!gitDir || !dest) {
  process.stderr.write('usage: node scripts/realworld-checkout.mjs <git-dir> <dest> [commit]\n');
  process.exit(2);
}
const destRoot = resolve(dest);
if (existsSync(destRoot) && readdirSync(destRoot).length > 0) {
  process.stderr.write(`${destRoot} exists and is not empty; remove it first\n`);
  process.exit(2);
}

const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 30 });
const commit = git('rev-parse', '--verify', `${commitArg ?? 'HEAD'}^{commit}`)
  .toString()
  .trim();

/** Every blob and link of the tree: mode, object id and path (NUL-separated, so any file name survives). */
const entries = git('ls-tree', '-r', '-z', commit)
  .toString()
  .split('\0')
  .filter(Boolean)
  .map((line) => {
    const tab = line.indexOf('\t');
    const [mode, type, oid] = line.slice(0, tab).split(' ');
    return { mode, type, oid, path: line.slice(tab + 1) };
  })
  .filter((entry) => entry.type === 'blob');

/**
 * Reads the objects through one `git cat-file --batch`: each answer is either
 * "<oid> blob <size>\n<content>\n" or "<oid> missing\n".
 */
async function readObjects(oids) {
  const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin.end(oids.map((oid) => `${oid}\n`).join(''));
  const results = [];
  let buffer = Buffer.alloc(0);
  let pending = null;
  for await (const chunk of child.stdout) {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (pending) {
        if (buffer.length < pending.size + 1) break;
        results.push(buffer.subarray(0, pending.size));
        buffer = buffer.subarray(pending.size + 1);
        pending = null;
        continue;
      }
      const newline = buffer.indexOf(10);
      if (newline < 0) break;
      const header = buffer.subarray(0, newline).toString().split(' ');
      buffer = buffer.subarray(newline + 1);
      if (header[1] === 'missing') results.push(null);
      else pending = { size: Number(header[2]) };
    }
  }
  return results;
}

const contents = await readObjects(entries.map((entry) => entry.oid));
let written = 0;
const missing = [];
entries.forEach((entry, i) => {
  const content = contents[i];
  if (content === null) {
    missing.push(entry.path);
    return;
  }
  const target = join(destRoot, entry.path);
  mkdirSync(dirname(target), { recursive: true });
  if (entry.mode === '120000') symlinkSync(content.toString(), target);
  else writeFileSync(target, content, { mode: entry.mode === '100755' ? 0o755 : 0o644 });
  written++;
});
process.stdout.write(`${commit}: ${written} files written to ${destRoot}, ${missing.length} missing blobs skipped\n`);
for (const path of missing) process.stdout.write(`  missing: ${path}\n`);

/**
 * Docs that cannot rot, in the manner of ESLint's check-rule-examples and
 * Ruff's "Use instead": every rule's flagged example must give at least one
 * finding of that rule, and its safe example none. Each example is a small
 * project, linted at its root through the real CLI entry, front-ends and
 * config discovery, as a user would lint it. Code blocks in a rule's docs that
 * show a suppression must suppress something.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../bin/main.mjs';
import type { RuleExample } from '../../src/engine/rule.js';
import { RULES } from '../../rules/index.js';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, ...name.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

interface Found {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
}

/** Lints the example's project at its root and returns the JSON diagnostics. */
async function lintExample(example: RuleExample): Promise<Found[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'droplint-docs-'));
  made.push(dir);
  if (example.committed !== undefined) {
    writeFiles(dir, example.committed);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('-c', 'user.name=docs', '-c', 'user.email=docs@example.invalid', 'commit', '-qm', 'committed');
  }
  writeFiles(dir, example.files);
  let stdout = '';
  let stderr = '';
  const io = {
    cwd: dir,
    env: {},
    isTty: false,
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stderr += t),
    readStdin: () => new Uint8Array(),
  };
  const status = await main(['--format', 'json', ...(example.args ?? [])], io);
  expect(stderr).toBe('');
  expect(status).toBeLessThan(2);
  return (JSON.parse(stdout) as { diagnostics: Found[] }).diagnostics;
}

/**
 * The fenced code blocks of a rule's docs that hold a `droplint-ignore`
 * comment: their language, the file they stand for (a path after the
 * language, else a plain migration of that language) and their code.
 */
function suppressionBlocks(docs: string): { file: string; code: string }[] {
  return [...docs.matchAll(/```(\w+)(?: (\S+))?\n([\s\S]*?)```/g)]
    .filter((m) => /droplint-ignore/.test(m[3]!))
    .map((m) => ({ file: m[2] ?? (m[1] === 'python' ? 'migrations/versions/a1_docs.py' : 'migrations/V2__docs.sql'), code: m[3]! }));
}

/** A Prisma migration needs its folder's lock file to be read as one. */
function withLockFile(file: string): Record<string, string> {
  const prisma = /^(.*\/migrations)\/[^/]+\/migration\.sql$/.exec(file);
  return prisma === null ? {} : { [`${prisma[1]}/migration_lock.toml`]: 'provider = "postgresql"\n' };
}

describe('rule docs examples', () => {
  for (const { meta } of RULES) {
    describe(meta.id, () => {
      it('flags its flagged example', async () => {
        const found = await lintExample(meta.examples.flagged);
        expect(found.filter((d) => d.rule === meta.id).length).toBeGreaterThan(0);
      });

      it('accepts its safe alternative', async () => {
        const found = await lintExample(meta.examples.safe);
        expect(found.filter((d) => d.rule === meta.id)).toEqual([]);
      });

      for (const block of suppressionBlocks(meta.docs)) {
        it(`its docs' suppression suppresses something: ${block.code.split('\n')[0]}`, async () => {
          const found = await lintExample({ files: { ...withLockFile(block.file), [block.file]: block.code } });
          expect(found.filter((d) => d.rule === 'unused-suppression' || d.rule === 'invalid-suppression' || d.rule === 'parse-error')).toEqual([]);
        });
      }
    });
  }

  it('the check sees a finding that a safe example would give', async () => {
    const found = await lintExample({ files: { 'migrations/V2__x.sql': 'DROP TABLE "invoice";\n' } });
    expect(found.map((d) => d.rule)).toContain('drop-table');
  });
});

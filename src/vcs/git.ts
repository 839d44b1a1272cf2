/**
 * The little of git that droplint needs: for `--changed-since`, which files
 * changed between a ref and the working tree, and what a file held at the
 * ref; for a walk, which files `.gitignore` matches that git tracks all the
 * same. git runs as a
 * child process (no shell), from the working directory; nothing else in
 * droplint knows about it.
 */
import type ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isFile } from '../discover/fs-probe.js';

/** git is missing, the working directory is not in a repository, or the ref names no commit: a usage error. */
export class VcsError extends Error {
  override readonly name = 'VcsError';
}

export type ChangeStatus = 'added' | 'modified' | 'renamed' | 'deleted';

export interface Change {
  readonly status: ChangeStatus;
  /** For `renamed`: the absolute path the file had at the base; otherwise null. */
  readonly previousPath: string | null;
  /** False for a rename that kept the file's content (git similarity 100 %); true otherwise. */
  readonly contentChanged: boolean;
}

export interface ChangeSet {
  /** The ref as given. */
  readonly ref: string;
  /** The commit compared with: the merge base of the ref and HEAD (the ref itself when there is none). */
  readonly base: string;
  /** Absolute path of the work tree's top folder (under the same name as the working directory, symbolic links kept). */
  readonly root: string;
  /**
   * Absolute path → how the file differs at the base from the working tree:
   * committed, staged and unstaged changes, and untracked files (`added`).
   * A renamed file is listed under its new path only.
   */
  readonly changes: ReadonlyMap<string, Change>;
  /** The file's bytes at the base, or null when it did not exist there. */
  textAtBase(absPath: string): Uint8Array | null;
  existsAtBase(absPath: string): boolean;
}

/**
 * What changed in the work tree holding `cwd` since `ref`. The comparison is
 * with the merge base of `ref` and HEAD, as `git diff ref...` does: on a
 * branch that is behind `ref`, what the other side added since is not this
 * branch's deletion. When `ref` is an ancestor of HEAD (a pull request's merge
 * checkout, `HEAD~1`, `HEAD`), the merge base is `ref` itself.
 */
export function changesSince(cwd: string, ref: string): ChangeSet {
  if (ref === '' || ref.startsWith('-')) throw new VcsError(`--changed-since: "${ref}" is not a git ref`);
  const root = workTreeRoot(cwd);
  const commit = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { allowFailure: true });
  if (commit === null) {
    throw new VcsError(`--changed-since: unknown git ref "${ref}" (no commit by that name in this repository; is it fetched?)`);
  }
  const refCommit = text(commit).trim();
  const mergeBase = git(root, ['merge-base', refCommit, 'HEAD'], { allowFailure: true });
  const base = mergeBase === null ? refCommit : text(mergeBase).trim().split('\n')[0]!;

  const abs = (rel: string): string => path.resolve(root, ...rel.split('/'));
  const repoPath = (absPath: string): string => path.relative(root, absPath).split(path.sep).join('/');
  const changes = new Map<string, Change>();

  // The base's tree against the working tree: committed, staged and unstaged changes at once.
  const diff = text(git(root, ['diff', '--name-status', '-z', '--find-renames', '--no-ext-diff', '--no-color', base, '--'])!).split('\0');
  for (let i = 0; i + 1 < diff.length;) {
    const code = diff[i++]!;
    const letter = code[0];
    if (letter === 'R' || letter === 'C') {
      const from = diff[i++]!;
      const to = diff[i++]!;
      // A copy leaves the original in place: the copy is a new file.
      changes.set(
        abs(to),
        letter === 'R'
          ? { status: 'renamed', previousPath: abs(from), contentChanged: code !== 'R100' }
          : { status: 'added', previousPath: null, contentChanged: true },
      );
      continue;
    }
    const file = diff[i++]!;
    if (letter === 'A') changes.set(abs(file), { status: 'added', previousPath: null, contentChanged: true });
    else if (letter === 'D') changes.set(abs(file), { status: 'deleted', previousPath: null, contentChanged: true });
    // M, T (type change), U (unmerged) and anything newer git may print.
    else changes.set(abs(file), { status: 'modified', previousPath: null, contentChanged: true });
  }

  // Untracked files are new, unless the index merely forgot them (`git rm --cached`).
  const untracked = text(git(root, ['ls-files', '--others', '--exclude-standard', '-z'])!)
    .split('\0')
    .filter((f) => f !== '');
  for (const file of untracked) {
    const absPath = abs(file);
    if (changes.get(absPath)?.status !== 'deleted') changes.set(absPath, { status: 'added', previousPath: null, contentChanged: true });
  }
  // "Deleted" from the index but still on disk: unchanged, or modified.
  for (const [absPath, change] of changes) {
    if (change.status !== 'deleted' || !isFile(absPath)) continue;
    const now = git(root, ['hash-object', '--', repoPath(absPath)], { allowFailure: true });
    const then = git(root, ['rev-parse', '--verify', '--quiet', `${base}:${repoPath(absPath)}`], { allowFailure: true });
    if (now !== null && then !== null && text(now).trim() === text(then).trim()) changes.delete(absPath);
    else changes.set(absPath, { status: 'modified', previousPath: null, contentChanged: true });
  }

  return {
    ref,
    base,
    root,
    changes,
    textAtBase: (absPath) => git(root, ['cat-file', 'blob', `${base}:${repoPath(absPath)}`], { allowFailure: true }),
    existsAtBase: (absPath) => git(root, ['cat-file', '-e', `${base}:${repoPath(absPath)}`], { allowFailure: true }) !== null,
  };
}

/**
 * Which of `files` (absolute paths below `cwd`, each matched by a `.gitignore`
 * pattern) git tracks all the same; none where there is no git, or no
 * repository. One `git ls-files` lists the tracked files its patterns match.
 */
export function trackedFiles(cwd: string, files: readonly string[]): Set<string> {
  childProcess ??= require('node:child_process') as typeof ChildProcess;
  const run = childProcess.spawnSync('git', ['ls-files', '-z', '--cached', '--ignored', '--exclude-standard'], {
    cwd,
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 * 1024 * 1024,
    windowsHide: true,
  });
  if (run.status !== 0 || run.stdout === null) return new Set();
  const listed = new Set(
    text(run.stdout)
      .split('\0')
      .filter((name) => name !== '')
      .map((name) => path.join(cwd, ...name.split('/'))),
  );
  return new Set(files.filter((file) => listed.has(file)));
}

/** The top of the work tree holding `cwd`, reached from `cwd` (`--show-cdup`) so that it keeps `cwd`'s spelling. */
function workTreeRoot(cwd: string): string {
  let out: Uint8Array | null;
  try {
    out = git(cwd, ['rev-parse', '--show-cdup']);
  } catch (error) {
    if (error instanceof VcsError && /not a git repository|must be run in a work tree/i.test(error.message)) {
      throw new VcsError('--changed-since needs a git repository, and the working directory is not inside one');
    }
    throw error;
  }
  return path.resolve(cwd, text(out!).trim());
}

interface GitOptions {
  /** Return null on a non-zero exit instead of throwing. */
  readonly allowFailure?: boolean;
}

/** Loaded on first use: node:child_process (and the stream and net modules it loads) costs a run that never calls git ~5 ms. */
const require = createRequire(import.meta.url);
let childProcess: typeof ChildProcess | undefined;

function git(cwd: string, args: readonly string[], options: GitOptions = {}): Uint8Array | null {
  childProcess ??= require('node:child_process') as typeof ChildProcess;
  try {
    return childProcess.execFileSync('git', args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 512 * 1024 * 1024,
      windowsHide: true,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { status?: number | null; stderr?: Uint8Array };
    if (e.code === 'ENOENT') throw new VcsError('--changed-since needs git, and no `git` command was found');
    if (options.allowFailure && typeof e.status === 'number') return null;
    const message = e.stderr ? text(e.stderr).trim().split('\n')[0] : '';
    throw new VcsError(`--changed-since: git ${args[0]} failed${message ? `: ${message}` : ''}`);
  }
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}

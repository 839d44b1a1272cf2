import path from 'node:path';
import ignore from 'ignore';
import type { FsProbe } from './fs-probe.js';

/** Git folds case on the file systems that do (its `core.ignorecase` default). */
const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';

/**
 * The patterns of one `.gitignore`, relative to the folder holding it.
 *
 * `test` looks at the path itself only, as git does once it has decided to
 * enter the path's folders: the caller walks the folders top-down and stops
 * at an ignored one. (The `ignore` package on its own also ignores a path
 * whose parent folder its rules exclude, which is wrong here: a deeper
 * `.gitignore` may re-include that folder, and an explicitly named folder is
 * walked even when a parent `.gitignore` excludes it.)
 */
export class GitignoreFile {
  /** Matchers by path depth, built on first use. */
  private readonly byDepth: ignore.Ignore[] = [];

  constructor(
    /** Absolute path of the folder holding the `.gitignore`. */
    readonly base: string,
    private readonly text: string,
  ) {}

  /**
   * The last rule matching `rel` (relative to `base`, '/'-separated) decides:
   * `ignored` for a pattern, `unignored` for a `!pattern`, both false when no
   * rule matches.
   */
  test(rel: string, isDir: boolean): { ignored: boolean; unignored: boolean } {
    const depth = rel.split('/').length;
    return this.matcher(depth).test(isDir ? `${rel}/` : rel);
  }

  /**
   * The rules, followed by `!/*\/`, `!/*\/*\/`, ... re-including every folder
   * shallower than `depth`: for a path of that depth those are exactly its
   * parent folders, so the package's parent check never fires, while the path
   * itself (a file, or a folder of that depth) gets the rules' own verdict.
   */
  private matcher(depth: number): ignore.Ignore {
    let matcher = this.byDepth[depth];
    if (matcher === undefined) {
      matcher = ignore({ ignorecase: IGNORE_CASE }).add(this.text);
      for (let level = 1; level < depth; level++) matcher.add(`!/${'*/'.repeat(level)}`);
      this.byDepth[depth] = matcher;
    }
    return matcher;
  }
}

/** The `.gitignore` files that apply inside one folder, outermost first. */
export type GitignoreChain = readonly GitignoreFile[];

/** Reads each `.gitignore` at most once per discovery run. */
export class GitignoreLoader {
  private readonly files = new Map<string, GitignoreFile | null>();

  constructor(private readonly probe: FsProbe) {}

  /** The `.gitignore` held by folder `dir`, or null when there is none. */
  at(dir: string): GitignoreFile | null {
    let file = this.files.get(dir);
    if (file === undefined) {
      const text = this.probe.readText(path.join(dir, '.gitignore'));
      file = text === null ? null : new GitignoreFile(dir, text.replace(/^\uFEFF/, ''));
      this.files.set(dir, file);
    }
    return file;
  }

  /** True when `dir` holds `.git` (a folder, or a file for worktrees and submodules). */
  isRepoRoot(dir: string): boolean {
    return this.probe.exists(path.join(dir, '.git'));
  }

  /**
   * The chain for the inside of folder `dir` that a walk starts from: the
   * `.gitignore` files of `dir` and of its parents up to the repository root
   * (the nearest folder holding `.git`). Outside a repository, only `dir`'s own.
   */
  chainFor(dir: string): GitignoreChain {
    const folders: string[] = [];
    let repoRoot: string | null = null;
    for (let current = dir; ;) {
      folders.push(current);
      if (this.isRepoRoot(current)) {
        repoRoot = current;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    const applying = repoRoot === null ? [dir] : folders.reverse();
    const chain: GitignoreFile[] = [];
    for (const folder of applying) {
      const file = this.at(folder);
      if (file !== null) chain.push(file);
    }
    return chain;
  }
}

/**
 * Whether `absPath` (below every chain member's `base`) is ignored: the
 * chain's files are consulted outermost first, so a deeper `.gitignore`
 * overrides a shallower one, and within one file the last matching rule wins.
 */
export function isIgnored(chain: GitignoreChain, absPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const file of chain) {
    const rel = path.relative(file.base, absPath).split(path.sep).join('/');
    const result = file.test(rel, isDir);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

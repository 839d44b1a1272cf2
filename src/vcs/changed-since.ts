/**
 * `--changed-since REF` between git and the pipeline: which of the files read
 * are reported, how each changed (the unit's `vcs` field), and the migrations
 * deleted since the ref, read from git as "ghost" units for `history-rewrite`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { globMatcher } from '../globs.js';
import { displayPath } from '../display-path.js';
import { fileKind, SKIPPED_FOLDERS } from '../discover/discover.js';
import { isFile } from '../discover/fs-probe.js';
import { hasLintableExtension } from '../discover/lintable.js';
import { isScriptFile, isScriptMigrationPath } from '../discover/script-migrations.js';
import type { MigrationUnit } from '../ir/unit.js';
import type { FileToParse } from '../parsers/front-ends.js';
import { parsePrismaMigration } from '../parsers/prisma/prisma-file.js';
import { decodeSource } from '../parsers/read-source.js';
import { changesSince, type ChangeSet } from './git.js';

/** Where the run looked: a deleted file is a ghost only where discovery would have found it. */
export interface GhostScope {
  readonly cwd: string;
  /** Absolute paths of the folders walked. */
  readonly walked: readonly string[];
  /** Absolute path of the folder `include`/`exclude` globs are relative to. */
  readonly root: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Absolute paths of every file read (reported or history). */
  readonly read: ReadonlySet<string>;
}

const PRISMA_MIGRATION_FILE = 'migration.sql';
const PRISMA_LOCK_FILE = 'migration_lock.toml';

export class ChangedSince {
  private constructor(
    private readonly changeSet: ChangeSet,
    private readonly cwd: string,
  ) {}

  /** Asks git; throws `VcsError` (a usage error) outside a repository or for an unknown ref. */
  static load(cwd: string, ref: string): ChangedSince {
    return new ChangedSince(changesSince(cwd, ref), cwd);
  }

  /** Whether a file on disk is reported: added (untracked included), modified or renamed since the ref. */
  isReported(absPath: string): boolean {
    const change = this.changeSet.changes.get(absPath);
    return change !== undefined && change.status !== 'deleted';
  }

  /** The unit read from `absPath`, with its `vcs` field when it changed since the ref. */
  annotate(absPath: string, unit: MigrationUnit): MigrationUnit {
    const change = this.changeSet.changes.get(absPath);
    if (change === undefined || change.status === 'deleted') return unit;
    // A migration renamed from a file that could not have been one (notes.txt) is new.
    if (change.status === 'renamed' && change.previousPath !== null && hasLintableExtension(change.previousPath)) {
      const previousPath = displayPath(this.cwd, change.previousPath);
      return { ...unit, vcs: { status: 'renamed', previousPath, ref: this.changeSet.ref, textChanged: change.contentChanged } };
    }
    const status = change.status === 'renamed' ? 'added' : change.status;
    return { ...unit, vcs: { status, previousPath: null, ref: this.changeSet.ref, textChanged: true } };
  }

  /**
   * The migrations that existed at the ref and are gone from what this run
   * reads (deleted, or renamed out of it), each parsed from its text at the
   * ref under its old path, with `vcs.status = 'deleted'` and no suppressions
   * (a file that is gone cannot carry any). Only files that discovery would
   * have found in the walked folders count; a Python file that is no Alembic
   * migration gives none.
   */
  async deletedUnits(scope: GhostScope, parse: (input: FileToParse) => Promise<MigrationUnit | null>): Promise<MigrationUnit[]> {
    const inScope = scopeTest(scope);
    const gone: string[] = [];
    for (const [absPath, change] of this.changeSet.changes) {
      if (change.status === 'deleted') gone.push(absPath);
      else if (change.status === 'renamed' && change.previousPath !== null && !scope.read.has(absPath)) gone.push(change.previousPath);
    }
    const units: MigrationUnit[] = [];
    for (const absPath of gone.sort()) {
      if (!inScope(absPath) || existsSync(absPath)) continue;
      const bytes = this.changeSet.textAtBase(absPath);
      if (bytes === null) continue;
      const read = decodeSource(bytes);
      if (read.problem !== null) continue;
      const file = { path: displayPath(scope.cwd, absPath), text: read.text };
      const unit = await this.parseGhost(absPath, file, parse);
      if (unit !== null) {
        units.push({ ...unit, suppressions: [], vcs: { status: 'deleted', previousPath: null, ref: this.changeSet.ref, textChanged: true } });
      }
    }
    return units;
  }

  private async parseGhost(
    absPath: string,
    file: { path: string; text: string },
    parse: (input: FileToParse) => Promise<MigrationUnit | null>,
  ): Promise<MigrationUnit | null> {
    if (absPath.endsWith('.py')) return parse({ file, kind: 'python', prismaDir: null });
    if (path.basename(absPath) === PRISMA_MIGRATION_FILE) {
      const prismaDir = path.dirname(path.dirname(absPath));
      const lock = path.join(prismaDir, PRISMA_LOCK_FILE);
      if (isFile(lock)) return parse({ file, kind: 'prisma', prismaDir });
      // The whole Prisma folder is gone, lock file included: still a Prisma migration.
      if (this.changeSet.existsAtBase(lock)) {
        try {
          return await parsePrismaMigration(file, 'postgresql', path.basename(path.dirname(absPath)));
        } catch {
          return null;
        }
      }
    }
    return parse({ file, kind: fileKind(absPath, null), prismaDir: null });
  }
}

/** Would discovery have found this file? Inside a walked folder, not in a hidden or skipped folder, within `include`/`exclude`. */
function scopeTest(scope: GhostScope): (absPath: string) => boolean {
  const excluded = scope.exclude.length > 0 ? globMatcher(scope.exclude) : null;
  const included = scope.include.length > 0 ? globMatcher(scope.include) : null;
  return (absPath) => {
    if (!hasLintableExtension(absPath)) return false;
    const folder = scope.walked.find((walked) => relativeInside(walked, absPath) !== null);
    const inside = folder === undefined ? null : relativeInside(folder, absPath);
    if (folder === undefined || inside === null) return false;
    // TS/JS files are migrations only in migrations-like folders, as discovery finds them.
    if (isScriptFile(absPath) && !isScriptMigrationPath(folder, inside)) return false;
    if (inside.split('/').some((part) => part.startsWith('.') || SKIPPED_FOLDERS.includes(part))) return false;
    const rel = relativeInside(scope.root, absPath);
    if (rel === null) return true;
    return !(excluded?.(rel) ?? false) && (included?.(rel) ?? true);
  };
}

/** `absPath` relative to `folder`, '/'-separated, or null when it is not inside `folder`. */
function relativeInside(folder: string, absPath: string): string | null {
  const rel = path.relative(folder, absPath);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

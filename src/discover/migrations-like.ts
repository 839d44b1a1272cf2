import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import { classifySqlFile, SECTION_MARKER } from '../parsers/sql/phases.js';
import type { FsProbe } from './fs-probe.js';
import { MIGRATION_FOLDERS, NOT_MIGRATION_FOLDERS } from './folder-names.js';
import { hasLintableExtension, isSqlFileName } from './lintable.js';

/** A folder holding this file is a dbt project: its `.sql` files are models and macros that only SELECT. */
const DBT_PROJECT_FILE = 'dbt_project.yml';

/**
 * How much of a file is read to find section markers. They open the file
 * (after a header comment at most); a binary file of many megabytes named
 * `.sql` must not be read whole just to be skipped.
 */
const HEAD_BYTES = 64 * 1024;

/**
 * Tells the `.sql` files of a recognised migration layout, which are linted
 * wherever they lie, from loose ones, which are linted only in a
 * migrations-like folder. One instance per discovery run: every folder is
 * listed, and every file's head read, at most once.
 */
export class MigrationLayouts {
  private readonly holdsRecognised = new Map<string, boolean>();
  private readonly recognised = new Map<string, boolean>();
  private readonly heads = new Map<string, string | null>();

  constructor(private readonly probe: FsProbe) {}

  /**
   * A `.sql` file of a recognised layout: Prisma (`prismaDir` known), Flyway
   * (`V1__x.sql`, `U1__x.sql`, `R__x.sql`), golang-migrate and similar pairs
   * (`1_x.up.sql` beside `1_x.down.sql`, `1_x_up.sql` beside `1_x_down.sql`,
   * `up.sql` beside `down.sql`), a
   * `migration.sql` in a numbered folder (Prisma without its lock file,
   * Drizzle), Drizzle's `NNNN_x.sql` beside `meta/_journal.json`, or a file
   * with dbmate, goose, sql-migrate or node-pg-migrate up/down sections.
   */
  isRecognised(absPath: string, prismaDir: string | null): boolean {
    if (prismaDir !== null) return true;
    let known = this.recognised.get(absPath);
    if (known === undefined) {
      known = this.recognisedByName(absPath) || hasSectionMarkers(this.head(absPath));
      this.recognised.set(absPath, known);
    }
    return known;
  }

  /**
   * Whether a loose `.sql` file is a Jinja template (`{% if … %}`, `{# … #}`),
   * which an application renders into SQL at run time: not a migration.
   */
  isTemplate(absPath: string): boolean {
    const head = this.head(absPath);
    return head !== null && JINJA_TAG.test(head);
  }

  private head(absPath: string): string | null {
    let head = this.heads.get(absPath);
    if (head === undefined) {
      head = readHead(absPath);
      this.heads.set(absPath, head);
    }
    return head;
  }

  /**
   * Whether a loose `.sql` file in `folder` is linted by a walk of `base`:
   * not below a test, fixture, macro, seed or snapshot folder nor in a dbt
   * project (judged below `base`), and either below a folder of a migrations
   * name (`base` itself included: `droplint db/` lints what `db/` holds) or
   * beside files of a recognised layout.
   */
  isMigrationsLike(folder: string, base: string): boolean {
    const below = path
      .relative(base, folder)
      .split(path.sep)
      .filter((part) => part !== '');
    if (below.some((part) => NOT_MIGRATION_FOLDERS.has(part.toLowerCase()))) return false;
    const chain = [base, ...below.map((_, i) => path.join(base, ...below.slice(0, i + 1)))];
    if (chain.some((dir) => this.probe.isFile(path.join(dir, DBT_PROJECT_FILE)))) return false;
    if ([path.basename(base), ...below].some((part) => MIGRATION_FOLDERS.has(part.toLowerCase()))) return true;
    return this.folderHoldsRecognised(folder);
  }

  private folderHoldsRecognised(folder: string): boolean {
    let holds = this.holdsRecognised.get(folder);
    if (holds === undefined) {
      holds = listSqlFiles(folder).some((file) => this.isRecognised(file, null));
      this.holdsRecognised.set(folder, holds);
    }
    return holds;
  }

  private recognisedByName(absPath: string): boolean {
    const name = path.basename(absPath);
    const lower = name.toLowerCase();
    const folder = path.dirname(absPath);
    if (classifySqlFile(name).convention === 'flyway') return true;
    const pair = /^(.*?)(up|down)\.sql$/.exec(name);
    if (pair !== null && (pair[1] === '' || pair[1]!.endsWith('.') || /^\d+[_-].*[_-]$/.test(pair[1]!))) {
      const other = pair[2] === 'up' ? 'down' : 'up';
      if (this.probe.isFile(path.join(folder, `${pair[1]}${other}.sql`))) return true;
    }
    // A numbered up or down file (golang-migrate, bun's `.tx.up.sql`) is one even before, or without, its pair.
    if (/^\d+[_-].+\.(?:tx\.)?(?:up|down)\.sql$/.test(lower)) return true;
    if (lower === 'migration.sql' && /^\d/.test(path.basename(folder))) return true;
    return /^\d+_.+\.sql$/.test(lower) && this.probe.isFile(path.join(folder, 'meta', '_journal.json'));
  }
}

/** A Jinja statement or comment tag, opened and closed on one line. */
const JINJA_TAG = /\{%-?\s*\w[^\n]*?%\}|\{#[^\n]*?#\}/;

/** Whether a file's first lines (`head`) hold an up/down section marker comment. */
function hasSectionMarkers(head: string | null): boolean {
  if (head === null) return false;
  for (const line of head.split('\n')) {
    const comment = /^\s*--(.*)$/.exec(line);
    if (comment !== null && SECTION_MARKER.test(comment[1]!)) return true;
  }
  return false;
}

function readHead(absPath: string): string | null {
  let fd: number | undefined;
  try {
    fd = openSync(absPath, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const length = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, length).toString('utf8');
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function listSqlFiles(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => isSqlFileName(name) && hasLintableExtension(name))
      .map((name) => path.join(folder, name));
  } catch {
    return [];
  }
}

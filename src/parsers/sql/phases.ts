import type { Phase } from '../../ir/operations.js';
import type { SqlConvention } from '../../ir/unit.js';
import type { Comment } from './lexer.js';
import { namesVersion } from '../dialect-from-path.js';

/**
 * Folders whose scripts undo others: Sqitch's `revert/`, and the `rollback/`,
 * `rollback_dbs/`, `down/`, `undo/` of hand-rolled layouts. A script below one
 * is a downgrade, whatever its own name says.
 */
const DOWNGRADE_FOLDER = /^(?:revert|reverts|rollbacks?|rollback[_-][^/]*|downgrades?|down|undo)$/;

/** A numbered migration's up or down file: `1_x.up.sql`, `1_x_up.sql`, `1-x-down.sql`. */
const VERSIONED_PAIR = /^\d+[_-].*[._-](up|down)\.sql$/;

/** A folder named for a release: `1.23.0`, `v2`, `2024`; or for an upgrade from one to the next (`v210-v220`). */
const VERSION_FOLDER = /^v?\d+(?:[._-]\d+)*(?:-v\d+(?:[._-]\d+)*)?$/;

export interface SqlFileClass {
  readonly phase: Phase;
  readonly convention: SqlConvention;
  /** Sorts the file in its set: see `classifySqlFile`. */
  readonly orderKey: string;
  /** The file lies in a release's folder, and its set is the folder above (`FormatMeta`). */
  readonly versionFolder: boolean;
  /** The migration the file is one step of (`FormatMeta`), else null. */
  readonly stepOf: string | null;
  /** Its name or its folder gives it a version, a place in an ordered series (`FormatMeta`). */
  readonly versioned: boolean;
  /** Where in its path the folder of undo scripts it lies below is (`FormatMeta`), else null. */
  readonly undoFolder: number | null;
}

/** popx (Ory) splits a migration into one file per statement: `<14-digit version><6-digit step>_name[.db].up.sql`. */
const POPX_STEP = /^(\d{14})\d{6}_.+\.(?:up|down)\.sql$/;

/**
 * Phase, naming convention and ordering key of a raw SQL file, from its path
 * (`/`-separated). The key sorts (naturally) by version, a version's up before
 * its down, and Flyway's repeatable scripts after every versioned one; in a
 * release's folder, by release first.
 */
export function classifySqlFile(filePath: string): SqlFileClass {
  const parts = filePath.toLowerCase().split('/');
  const name = parts.pop()!;
  const undoFolder = parts.findLastIndex((part) => DOWNGRADE_FOLDER.test(part));
  const inDowngradeFolder = undoFolder >= 0;
  const folder = parts.at(-1);
  // Diesel and others keep one migration per folder, as `<version>_<name>/up.sql` and `down.sql`: the folder is the version.
  const perMigration = (name === 'up.sql' || name === 'down.sql') && /^\d/.test(folder ?? '');
  // Diesel's version is the folder's name up to its first `_`, dashes left out: `2017-10-16-200404_x` runs after `20170428154714_y`.
  const release =
    folder === undefined
      ? null
      : perMigration
        ? folder.replace(/^[^_]*/, (version) => version.replaceAll('-', ''))
        : VERSION_FOLDER.test(folder)
          ? folder
          : null;
  const { phase, convention, orderKey } = classifyName(name, inDowngradeFolder);
  return {
    phase,
    convention,
    orderKey: release === null ? orderKey : `${release}/${orderKey}`,
    versionFolder: release !== null,
    stepOf: POPX_STEP.exec(name)?.[1] ?? null,
    versioned: release !== null || convention !== 'plain' || namesVersion(name),
    undoFolder: inDowngradeFolder && phase === 'downgrade' ? undoFolder : null,
  };
}

function classifyName(name: string, inDowngradeFolder: boolean): Pick<SqlFileClass, 'phase' | 'convention' | 'orderKey'> {
  const flyway = /^([vur])(\d[\w.]*)?__.+\.sql$/.exec(name);
  if (flyway && (flyway[1] === 'r' || flyway[2] !== undefined)) {
    const undo = flyway[1] === 'u';
    const orderKey = flyway[1] === 'r' ? `~${name}` : `${flyway[2]} ${undo ? 1 : 0}`;
    return { phase: undo ? 'downgrade' : 'upgrade', convention: 'flyway', orderKey };
  }
  // `1_x_down.sql` too, in a numbered series only (maragudk/migrate reads it so): a lone `slow_down.sql` says nothing.
  const versioned = VERSIONED_PAIR.exec(name)?.[1];
  const down = name === 'down.sql' || name.endsWith('.down.sql') || versioned === 'down';
  const up = name === 'up.sql' || name.endsWith('.up.sql') || versioned === 'up';
  const convention: SqlConvention = versioned !== undefined ? 'golang-migrate' : /^\d+[_-]/.test(name) ? 'dbmate' : 'plain';
  // bun's `.tx.up.sql` (run in a transaction) pairs with `.down.sql` or `.tx.down.sql`.
  let base = name
    .replace(versioned === undefined ? /(^|\.)(up|down)\.sql$/ : /[._-](up|down)\.sql$/, '')
    .replace(/\.sql$/, '')
    .replace(/\.tx$/, '');
  // golang-migrate pairs by version: `1_x..up.sql` (a stray dot) is still `1_x.down.sql`'s upgrade.
  if (versioned !== undefined) base = base.replace(/\.+$/, '');
  const phase = down || (inDowngradeFolder && !up) ? 'downgrade' : up ? 'upgrade' : 'none';
  return { phase, convention, orderKey: `${base} ${phase === 'downgrade' ? 1 : 0}` };
}

/**
 * The body of a comment that opens an up or down section: `-- migrate:up`
 * (dbmate), `-- +goose Up`, `-- +migrate Up` (sql-migrate), `-- Up Migration`
 * (node-pg-migrate, which also accepts more dashes). Discovery reads it too:
 * a file with such sections is a migration wherever it lies.
 */
export const SECTION_MARKER = /^\s*(?:migrate:(up|down)|\+(?:goose|migrate)\s+(up|down)|-*\s*(up|down)\s+migration)\b/i;

export interface PhaseMarker {
  readonly offset: number;
  readonly phase: Phase;
}

export function phaseMarkers(comments: readonly Comment[]): PhaseMarker[] {
  const markers: PhaseMarker[] = [];
  for (const c of comments) {
    const m = SECTION_MARKER.exec(c.body);
    if (m) markers.push({ offset: c.start, phase: (m[1] ?? m[2] ?? m[3])!.toLowerCase() === 'down' ? 'downgrade' : 'upgrade' });
  }
  return markers;
}

/** The phase at an offset: the last marker before it, else the file's own phase. */
export function phaseLookup(markers: readonly PhaseMarker[], filePhase: Phase): (offset: number) => Phase {
  if (markers.length === 0) return () => filePhase;
  return (offset) => {
    let phase = filePhase;
    for (const m of markers) {
      if (m.offset > offset) break;
      phase = m.phase;
    }
    return phase;
  };
}

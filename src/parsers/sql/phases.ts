import type { Phase } from '../../ir/operations.js';
import type { SqlConvention } from '../../ir/unit.js';
import type { Comment } from './lexer.js';

/**
 * Phase, naming convention and ordering key of a raw SQL file, from its name
 * alone. The key sorts (naturally) by version, a version's up before its down,
 * and Flyway's repeatable scripts after every versioned one.
 */
export function classifySqlFile(fileName: string): { phase: Phase; convention: SqlConvention; orderKey: string } {
  const name = fileName.toLowerCase();
  const flyway = /^([vur])(\d[\w.]*)?__.+\.sql$/.exec(name);
  if (flyway && (flyway[1] === 'r' || flyway[2] !== undefined)) {
    const undo = flyway[1] === 'u';
    const orderKey = flyway[1] === 'r' ? `~${name}` : `${flyway[2]} ${undo ? 1 : 0}`;
    return { phase: undo ? 'downgrade' : 'upgrade', convention: 'flyway', orderKey };
  }
  const down = name === 'down.sql' || name.endsWith('.down.sql');
  const up = name === 'up.sql' || name.endsWith('.up.sql');
  const convention: SqlConvention = /^\d+[_-].*\.(up|down)\.sql$/.test(name) ? 'golang-migrate' : /^\d+[_-]/.test(name) ? 'dbmate' : 'plain';
  const base = name.replace(/(^|\.)(up|down)\.sql$/, '').replace(/\.sql$/, '');
  return { phase: down ? 'downgrade' : up ? 'upgrade' : 'none', convention, orderKey: `${base} ${down ? 1 : 0}` };
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

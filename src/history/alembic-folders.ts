import path from 'node:path';
import type { MigrationUnit } from '../ir/unit.js';
import { revisionOf } from './revision-graph.js';

/**
 * Joins, in `sets` (by folder), the Alembic folders below one `versions/`
 * whose revisions follow one another's: Alembic reads them as one history
 * (several `version_locations`, as OpenStack keeps `versions/<release>/expand`
 * and `…/contract`). Folders whose chains stand alone stay apart (Prefect's
 * `versions/postgresql` and `versions/sqlite`: one history per database, even
 * with the same revision ids). A joined set takes the name of its first folder.
 */
export function joinAlembicFolders(sets: Map<string, MigrationUnit[]>): void {
  const byRoot = new Map<string, string[]>();
  for (const [key, list] of sets) {
    if (!list.some((unit) => revisionOf(unit) !== null)) continue;
    const root = versionsRoot(key);
    if (root !== null) byRoot.set(root, [...(byRoot.get(root) ?? []), key]);
  }
  for (const keys of byRoot.values()) {
    if (keys.length < 2) continue;
    // The folders declaring each revision id: parallel histories may share ids (Prefect's, one per database).
    const foldersOf = new Map<string, Set<string>>();
    for (const key of keys) {
      for (const unit of sets.get(key)!) {
        const id = revisionOf(unit)?.id;
        if (id) foldersOf.set(id, (foldersOf.get(id) ?? new Set()).add(key));
      }
    }
    const leader = new Map<string, string>(keys.map((k) => [k, k]));
    const find = (k: string): string => (leader.get(k) === k ? k : find(leader.get(k)!));
    for (const key of keys) {
      for (const unit of sets.get(key)!) {
        const revision = revisionOf(unit);
        for (const id of [...(revision?.downRevisions ?? []), ...(revision?.dependsOn ?? [])]) {
          // A parent found in its own folder, or in several others, joins nothing.
          const others = foldersOf.get(id);
          if (others === undefined || others.has(key) || others.size !== 1) continue;
          const [a, b] = [find(key), find([...others][0]!)].sort();
          leader.set(b!, a!);
        }
      }
    }
    for (const key of [...keys].sort()) {
      const into = find(key);
      if (into === key) continue;
      sets.get(into)!.push(...sets.get(key)!);
      sets.delete(key);
    }
  }
}

/** The nearest folder named `versions` holding the folder `dir` (itself included), or null. */
function versionsRoot(dir: string): string | null {
  const parts = dir.split(path.posix.sep);
  const at = parts.lastIndexOf('versions');
  return at < 0 ? null : parts.slice(0, at + 1).join(path.posix.sep);
}

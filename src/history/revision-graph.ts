import type { AlembicRevision, MigrationUnit } from '../ir/unit.js';
import { compareNatural } from './natural-order.js';

/** The Alembic revision graph of one `versions/` folder. */
export interface RevisionGraph {
  /** Units by revision id: more than one means a duplicate id. */
  readonly byId: ReadonlyMap<string, readonly MigrationUnit[]>;
  /** Revisions no other revision follows. */
  readonly heads: readonly string[];
  /**
   * Heads that compete: several heads on one branch (the branch named by the
   * `branch_labels` of their ancestry; unlabelled heads share the default
   * branch). Each such head maps to all the heads of its branch. Heads of
   * differently labelled branches are intended and not listed.
   */
  readonly competingHeads: ReadonlyMap<string, readonly string[]>;
  /** The units in upgrade order: parents before children, merges after all their parents. */
  readonly order: readonly MigrationUnit[];
}

export function revisionOf(unit: MigrationUnit): AlembicRevision | null {
  return unit.meta.format === 'alembic' && unit.meta.role === 'migration' ? unit.meta.revision : null;
}

export function buildRevisionGraph(units: readonly MigrationUnit[]): RevisionGraph {
  const byId = new Map<string, MigrationUnit[]>();
  const followed = new Set<string>();
  for (const unit of units) {
    const revision = revisionOf(unit);
    if (!revision) continue;
    if (revision.id !== null) byId.set(revision.id, [...(byId.get(revision.id) ?? []), unit]);
    for (const down of revision.downRevisions ?? []) followed.add(down);
  }
  const heads = [...byId.keys()].filter((id) => !followed.has(id)).sort(compareNatural);
  const branches = new Map<string, string[]>();
  for (const head of heads) {
    const branch = branchOf(head, byId);
    branches.set(branch, [...(branches.get(branch) ?? []), head]);
  }
  const competingHeads = new Map([...branches.values()].filter((group) => group.length > 1).flatMap((group) => group.map((head) => [head, group] as const)));
  return { byId, heads, competingHeads, order: topological(units, byId) };
}

/**
 * The branch labels a revision is under: those of the nearest labelled
 * revisions among it and its ancestors. A revision whose ancestry is broken
 * (a `down_revision` naming no revision) is on a branch of its own: the broken
 * link is what to report, not the head it leaves behind.
 */
function branchOf(id: string, byId: ReadonlyMap<string, readonly MigrationUnit[]>): string {
  const labels = new Set<string>();
  const seen = new Set<string>();
  const pending = [id];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    const revision = byId.get(current)?.map(revisionOf)[0];
    if (!revision) return `\u0001${id}`;
    if (revision.branchLabels.length > 0) revision.branchLabels.forEach((label) => labels.add(label));
    else pending.push(...(revision.downRevisions ?? []));
  }
  return [...labels].sort().join('\u0000');
}

/** Kahn's algorithm; ties (and units whose parents are unknown) by file name, so the order is stable. */
function topological(units: readonly MigrationUnit[], byId: ReadonlyMap<string, readonly MigrationUnit[]>): MigrationUnit[] {
  const byName = (a: MigrationUnit, b: MigrationUnit): number => compareNatural(a.file.path, b.file.path);
  const pending = new Map<MigrationUnit, number>();
  const children = new Map<MigrationUnit, MigrationUnit[]>();
  for (const unit of units) {
    const parents = (revisionOf(unit)?.downRevisions ?? []).flatMap((id) => byId.get(id)?.slice(0, 1) ?? []);
    pending.set(unit, parents.length);
    for (const parent of parents) children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const ready = units.filter((u) => pending.get(u) === 0).sort(byName);
  const order: MigrationUnit[] = [];
  while (ready.length > 0) {
    const unit = ready.shift()!;
    order.push(unit);
    for (const child of children.get(unit) ?? []) {
      const left = pending.get(child)! - 1;
      pending.set(child, left);
      if (left === 0) {
        ready.push(child);
        ready.sort(byName);
      }
    }
  }
  // A cycle leaves units behind: keep them, in name order, rather than lose their history.
  return [...order, ...units.filter((u) => !order.includes(u)).sort(byName)];
}

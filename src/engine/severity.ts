import type { Phase } from '../ir/operations.js';
import type { SeveritySetting } from './diagnostic.js';
import type { RuleMeta } from './rule.js';

export interface SeverityOptions {
  /** Per rule id, from `[rules]` then `--rule` (later wins). */
  readonly overrides: Readonly<Record<string, SeveritySetting>>;
  /** The `downgrade` key. */
  readonly downgrade: SeveritySetting;
}

const RANK: Readonly<Record<SeveritySetting, number>> = { off: 0, info: 1, warning: 2, error: 3 };

/**
 * A finding's severity: the rule's own (or its override). In a downgrade phase,
 * rules about dropping data are capped at the `downgrade` severity: a downgrade
 * is expected to remove what its upgrade added, but it never makes a finding
 * louder than the same drop in an upgrade (`drop-column = "info"` stays info).
 */
export function resolveSeverity(meta: RuleMeta, phase: Phase, options: SeverityOptions, atMost?: SeveritySetting): SeveritySetting {
  const capped = lower(atMost, options.overrides[meta.id] ?? meta.defaultSeverity);
  return phase === 'downgrade' && meta.downgradeSensitive ? lower(options.downgrade, capped) : capped;
}

/** The lower of two severities; `b` when there is no `a`. */
export function lower<T extends SeveritySetting>(a: T | undefined, b: T): T {
  return a !== undefined && RANK[a] < RANK[b] ? a : b;
}

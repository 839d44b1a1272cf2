import type { Phase } from '../ir/operations.js';
import type { SeveritySetting } from './diagnostic.js';
import type { RuleMeta } from './rule.js';

export interface SeverityOptions {
  /** Per rule id, from `[rules]` then `--rule` (later wins). */
  readonly overrides: Readonly<Record<string, SeveritySetting>>;
  /** The `downgrade` key. */
  readonly downgrade: SeveritySetting;
}

export const RANK: Readonly<Record<SeveritySetting, number>> = { off: 0, info: 1, warning: 2, error: 3 };

/**
 * A finding's severity: the rule's own (or its override). In a downgrade phase,
 * rules about dropping data are capped at the `downgrade` severity: a downgrade
 * is expected to remove what its upgrade added, but it never makes a finding
 * louder than the same drop in an upgrade (`drop-column = "info"` stays info).
 */
export function resolveSeverity(meta: RuleMeta, phase: Phase, options: SeverityOptions, atMost?: SeveritySetting): SeveritySetting {
  const base = options.overrides[meta.id] ?? meta.defaultSeverity;
  const capped = atMost !== undefined && RANK[atMost] < RANK[base] ? atMost : base;
  if (phase !== 'downgrade' || !meta.downgradeSensitive) return capped;
  return RANK[options.downgrade] < RANK[capped] ? options.downgrade : capped;
}

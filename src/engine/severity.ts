import type { Phase } from '../ir/operations.js';
import type { SeveritySetting } from './diagnostic.js';
import type { RuleMeta } from './rule.js';

export interface SeverityOptions {
  /** Per rule id, from `[rules]` then `--rule` (later wins). */
  readonly overrides: Readonly<Record<string, SeveritySetting>>;
  /** The `downgrade` key. */
  readonly downgrade: SeveritySetting;
}

/**
 * A finding's severity: the rule's own (or its override); in a downgrade phase,
 * rules about dropping data take the `downgrade` severity, but never above the
 * rule's own. Otherwise `drop-column = "info"` would turn into warnings in every
 * down migration (louder than in the upgrades), and restating a rule's default
 * in `[rules]` would change what downgrades report.
 */
export function resolveSeverity(meta: RuleMeta, phase: Phase, options: SeverityOptions): SeveritySetting {
  const base = options.overrides[meta.id] ?? meta.defaultSeverity;
  if (phase !== 'downgrade' || !meta.downgradeSensitive) return base;
  return RANK[options.downgrade] < RANK[base] ? options.downgrade : base;
}

const RANK: Readonly<Record<SeveritySetting, number>> = { off: 0, info: 1, warning: 2, error: 3 };

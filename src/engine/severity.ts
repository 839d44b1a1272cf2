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
 * rules about dropping data take the `downgrade` severity instead, unless the
 * rule is turned off altogether.
 */
export function resolveSeverity(meta: RuleMeta, phase: Phase, options: SeverityOptions): SeveritySetting {
  const base = options.overrides[meta.id] ?? meta.defaultSeverity;
  if (base === 'off') return 'off';
  return phase === 'downgrade' && meta.downgradeSensitive ? options.downgrade : base;
}

import type { SuppressionRules } from './lint.js';
import type { Rule } from './rule.js';

/**
 * The rules a run applies. The engine, the pipeline, the CLI and the language
 * server take it as an argument: the rules live outside src/ and import the
 * engine, so the engine never imports them (bin/main.mts binds the two).
 */
export interface RuleRegistry {
  /** Every rule, in the order `droplint rules` lists them. */
  readonly rules: readonly Rule[];
  /** The rules the engine reports for suppression comments themselves. */
  readonly suppression: SuppressionRules;
}

import type { LintResult } from '../src/engine/diagnostic.js';

/** A lint result as plain data, texts of the linted files included, to compare two runs with `toEqual`. */
export function plainResult(result: LintResult): Omit<LintResult, 'sources'> & { sources: Record<string, string | undefined> } {
  return { ...result, sources: Object.fromEntries([...result.sources.keys()].map((shown) => [shown, result.sources.get(shown)])) };
}

import type { Arbitrary } from 'fast-check';
export const SQL_SEEDS: string[];
export const PY_SEEDS: string[];
export function mutated(seeds: string[]): Arbitrary<string>;
export const closedSqlJunk: Arbitrary<string>;
export const closedPyJunk: Arbitrary<string>;
export function pyMigration(body: string): string;

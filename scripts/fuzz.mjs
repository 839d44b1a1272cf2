#!/usr/bin/env node
// Long fuzz run: FUZZ_RUNS=100000 FUZZ_SEED=123 npm run fuzz
// Runs test/robustness/fuzz.test.ts with more cases and any seed.
import { spawnSync } from 'node:child_process';

const runs = process.env.FUZZ_RUNS ?? '20000';
const seed = process.env.FUZZ_SEED ?? String(Date.now() % 2 ** 31);
console.log(`droplint fuzz: FUZZ_RUNS=${runs} FUZZ_SEED=${seed}`);
const result = spawnSync('npx', ['vitest', 'run', 'test/robustness/fuzz.test.ts', '--testTimeout=0'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed },
});
process.exit(result.status ?? 1);

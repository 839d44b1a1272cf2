// Preload (`node --import ./scripts/bench/maxrss.mjs …`): on exit, writes the
// process's peak resident set size in KiB to the file named by
// DROPLINT_BENCH_RSS_FILE. Used by the benchmark to report peak memory.
import { writeFileSync } from 'node:fs';

const file = process.env.DROPLINT_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { runJob, type ParsedJob, type ParseJob } from './front-ends.js';
import type { BatchRequest } from './parse-worker.js';

/** Files per message: enough to amortise a message, few enough to balance the threads' loads. */
const BATCH = 16;
/**
 * Roughly what a file costs to parse in a cold process, in milliseconds: a
 * Python file goes through tree-sitter and a walk of its tree, a TS/JS one
 * through TypeScript's parser and a conversion to ESTree, a SQL file
 * through droplint's own lexer (Drizzle too), so fast that sending its unit back from a
 * worker costs about as much. Below MIN_WORK_FOR_WORKERS, starting a worker
 * (~50–100 ms: a thread, the code, the parsers) costs more than it saves.
 */
const COST_MS = { python: 1, script: 2, sql: 0.03, prisma: 0.03, drizzle: 0.03 } as const;
const MIN_WORK_FOR_WORKERS = 300;
/** Parse trees and front-ends are per thread; past a few threads, memory grows faster than speed. */
const MAX_AUTO_THREADS = 4;

/** A job's result until it has one. */
const NOTHING: ParsedJob = { unit: null, reads: [] };

const WORKER_SCRIPT = new URL('./parse-worker.js', import.meta.url);

/**
 * How many threads parse: `requested` (--jobs), or as many as the machine has
 * (up to MAX_AUTO_THREADS) when there is enough work to be worth it. One
 * thread where the worker script is missing (the sources run untranspiled).
 */
export function parseThreads(requested: number | null, jobs: readonly ParseJob[]): number {
  if (jobs.length < 2 || !existsSync(fileURLToPath(WORKER_SCRIPT))) return 1;
  if (requested !== null) return Math.min(requested, jobs.length);
  const work = jobs.reduce((sum, job) => sum + COST_MS[job.kind], 0);
  return work >= MIN_WORK_FOR_WORKERS ? Math.min(availableParallelism(), MAX_AUTO_THREADS) : 1;
}

/**
 * Runs the jobs on `threads` threads, this one included; the results (units and the files read for them) come back
 * in the jobs' order, whatever thread parsed them. A worker that fails leaves
 * its files to this thread. `stats` counts the files the workers parsed.
 */
export async function parseAll(jobs: readonly ParseJob[], threads: number, stats?: { byWorkers: number }): Promise<ParsedJob[]> {
  const results = new Array<ParsedJob>(jobs.length).fill(NOTHING);
  // Costly batches first: the workers take from the front, this thread from the back, so that
  // Python goes to the workers and SQL, whose units cost as much to send back as to make, stays here.
  const batchOf = (start: number): readonly ParseJob[] => jobs.slice(start, start + BATCH);
  const cost = new Map<number, number>();
  for (let start = 0; start < jobs.length; start += BATCH)
    cost.set(
      start,
      batchOf(start).reduce((sum, job) => sum + COST_MS[job.kind], 0),
    );
  const pending = [...cost.keys()].sort((a, b) => cost.get(b)! - cost.get(a)! || a - b);

  // Loaded only when used: a one-file run would pay a few milliseconds for nothing.
  const { Worker: WorkerThread } = threads > 1 ? await import('node:worker_threads') : { Worker: null };
  const workers =
    WorkerThread === null ? [] : Array.from({ length: threads - 1 }, () => feed(new WorkerThread(WORKER_SCRIPT), pending, batchOf, results, stats));
  const parseHere = async (start: number): Promise<void> => {
    const batch = batchOf(start);
    for (let i = 0; i < batch.length; i++) results[start + i] = await runJob(batch[i]!);
    // Lets the workers' replies in, and the finalizers that free parse trees run.
    await new Promise((resolve) => setImmediate(resolve));
  };
  while (pending.length > 0) await parseHere(pending.pop()!);
  // What a failed worker left behind is parsed here.
  for (const start of (await Promise.all(workers)).flat()) await parseHere(start);
  return results;
}

/** Keeps one worker busy until `pending` is empty; resolves to the batches it could not finish. */
function feed(
  worker: Worker,
  pending: number[],
  batchOf: (start: number) => readonly ParseJob[],
  results: ParsedJob[],
  stats: { byWorkers: number } | undefined,
): Promise<number[]> {
  const inFlight = new Set<number>();
  return new Promise((resolve) => {
    const finish = (): void => {
      worker.removeAllListeners();
      worker.on('error', () => {});
      void worker.terminate();
      resolve([...inFlight]);
    };
    const send = (): void => {
      const start = pending.shift();
      if (start === undefined) return;
      inFlight.add(start);
      worker.postMessage({ batch: start, jobs: batchOf(start) } satisfies BatchRequest);
    };
    worker.on('message', ({ batch, results: parsed }: { batch: number; results: ParsedJob[] }) => {
      inFlight.delete(batch);
      parsed.forEach((result, i) => (results[batch + i] = result));
      if (stats) stats.byWorkers += parsed.length;
      send();
      if (inFlight.size === 0) finish();
    });
    worker.on('error', finish);
    worker.on('exit', finish);
    // Two batches in flight: the next is ready when the worker finishes one.
    send();
    send();
    if (inFlight.size === 0) finish();
  });
}

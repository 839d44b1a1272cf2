// A worker thread of the parse pool (parse-pool.ts): runs the jobs it is sent, a batch at a time.
import { parentPort } from 'node:worker_threads';
import { runJob, type ParseJob } from './front-ends.js';

export interface BatchRequest {
  readonly batch: number;
  readonly jobs: readonly ParseJob[];
}

parentPort?.on('message', ({ batch, jobs }: BatchRequest) => void parseBatch(batch, jobs));

async function parseBatch(batch: number, jobs: readonly ParseJob[]): Promise<void> {
  const results = [];
  for (const job of jobs) results.push(await runJob(job));
  parentPort!.postMessage({ batch, results });
}

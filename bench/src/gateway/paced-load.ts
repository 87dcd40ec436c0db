import { Worker } from 'node:worker_threads';
import { percentile } from '../stats.js';
import type { LoadFigures } from './load.js';
import type { PacedLoadResult, PacedLoadSettings } from './paced-load.worker.js';

export interface PacedFigures extends LoadFigures {
  /** 99th percentile of how late requests were issued against their schedule. */
  readonly p99LagMs: number;
  /** 2xx answers to the (unmeasured) warm-up requests. */
  readonly warmupOk: number;
}

/** Runs a constant-rate load on a worker thread of its own (see paced-load.worker.ts). */
export async function pacedLoad(settings: PacedLoadSettings): Promise<PacedFigures> {
  const worker = new Worker(new URL('./paced-load.worker.js', import.meta.url), { workerData: settings });
  const result = await new Promise<PacedLoadResult>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const latencies = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    rate: result.ok / (result.elapsedMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    ok: result.ok,
    non2xx: result.non2xx,
    errors: result.errors,
    p99LagMs: percentile([...result.lagsMs].sort((a, b) => a - b), 99),
    warmupOk: result.warmupOk,
  };
}

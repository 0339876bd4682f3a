/**
 * An HTTP load generator on a worker thread, so the client's own work (node:http, JSON) does not run
 * on the server's event loop, as with wrk or k6 against PostgREST. `httpLoad` posts the bodies
 * with `concurrency` requests in flight and answers each request's latency in milliseconds and its
 * own CPU time.
 */
import { Worker } from 'node:worker_threads';

export interface LoadPlan {
  url: string;
  headers: Record<string, string>;
  /** One request per body, in order. */
  bodies: string[];
  concurrency: number;
  /** The status every answer must have. */
  expectStatus: number;
  /** Sends a fresh `Idempotency-Key` with each request, as the SDK does. */
  idempotencyKeys?: boolean;
}

export interface LoadResult {
  latencies: number[];
  seconds: number;
  /** The load generator's own CPU time (its thread), where the platform tells. */
  clientCpuMs?: number;
}

export function httpLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./http-load.worker.mjs', import.meta.url), { workerData: plan });
    worker.once('message', (message: LoadResult | { error: string }) => {
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

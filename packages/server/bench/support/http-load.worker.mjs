// The worker half of http-load.ts, plain JavaScript so the thread needs no TypeScript loader.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/** @param {import('./http-load.ts').LoadPlan} plan */
async function run(plan) {
  const latencies = new Array(plan.bodies.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      while (next < plan.bodies.length) {
        const i = next++;
        const t0 = performance.now();
        const response = await fetch(plan.url, {
          method: 'POST',
          headers: plan.idempotencyKeys ? { ...plan.headers, 'idempotency-key': randomUUID() } : plan.headers,
          body: plan.bodies[i],
        });
        const text = await response.text();
        if (response.status !== plan.expectStatus)
          throw new Error(`POST ${plan.url} answered ${response.status}: ${text.slice(0, 300)}`);
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

run(workerData).then(
  (result) => parentPort.postMessage(result),
  (error) => parentPort.postMessage({ error: error.message }),
);

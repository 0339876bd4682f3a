// The worker half of http-load.ts, plain JavaScript so the thread needs no TypeScript loader.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { threadCpuMs } from './cpu-time.mjs';

/** One keep-alive connection per request in flight, as wrk keeps them. */
const agent = new Agent({ keepAlive: true, maxSockets: workerData.concurrency });

/**
 * POSTs `body` with node:http, which costs the client less CPU per request than fetch (undici):
 * the client shares the machine's cores with the server and PostgreSQL, and wrk or k6, which
 * PostgREST's figures come from, cost less still.
 * @returns {Promise<{ status: number, text: string }>}
 */
function post(url, headers, body) {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** @param {import('./http-load.ts').LoadPlan} plan */
async function run(plan) {
  const latencies = new Array(plan.bodies.length);
  let next = 0;
  const cpuBefore = threadCpuMs();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: plan.concurrency }, async () => {
      while (next < plan.bodies.length) {
        const i = next++;
        const t0 = performance.now();
        const headers = plan.idempotencyKeys
          ? { ...plan.headers, 'idempotency-key': randomUUID() }
          : plan.headers;
        const { status, text } = await post(plan.url, headers, plan.bodies[i]);
        if (status !== plan.expectStatus)
          throw new Error(`POST ${plan.url} answered ${status}: ${text.slice(0, 300)}`);
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = threadCpuMs();
  const clientCpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
  return { latencies, seconds, clientCpuMs };
}

run(workerData).then(
  (result) => {
    agent.destroy();
    parentPort.postMessage(result);
  },
  (error) => parentPort.postMessage({ error: error.message }),
);

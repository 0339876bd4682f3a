/**
 * Enqueue → start latency of a job, on PGlite and on PostgreSQL, with the worker as it was (polling
 * every 500 ms, no NOTIFY), as it is (woken by the jobs table's NOTIFY, polling every 5 s), and on
 * the BullMQ backend (the relay woken by the same NOTIFY hands the row to Redis, a BullMQ worker
 * starts it). Jobs are enqueued one at a time, at random moments, to an idle worker.
 *
 *   pnpm --filter @hidden-key/server bench   (BENCH_JOBS=40, TEST_DATABASE_URL=postgres://..., TEST_REDIS_URL=redis://...)
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import * as z from 'zod';
import type { DatabaseHandle } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { enqueueJob } from '../src/services/jobs/enqueue.js';
import { type JobBackend, startWorkerOn } from '../src/services/jobs/job-backend.js';
import { defineJob } from '../src/services/jobs/job-definition.js';
import { latencyLine, withScratchDatabase } from './support/postgres-stats.js';

const COUNT = Number(process.env.BENCH_JOBS ?? 40);
const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const line = (name: string, values: number[]) => latencyLine(name, values, 40);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Latencies from `enqueueJob` resolving to the handler starting, for one worker setting. */
async function latencies(
  handle: DatabaseHandle,
  setting: { listen: boolean; pollMs: number },
  backend: JobBackend = { kind: 'database' },
) {
  let started: (() => void) | null = null;
  const probe = defineJob({
    name: `bench.latency.${backend.kind}.${setting.listen ? 'notify' : 'poll'}`,
    payload: z.object({ n: z.number() }),
    handle: async () => started?.(),
  });
  const worker = startWorkerOn(backend, { db: handle.db, definitions: [probe], ...setting });
  await worker.ready;
  const samples: number[] = [];
  try {
    for (let n = 0; n < COUNT; n++) {
      // A random moment within the old poll interval, so polling shows its average wait, not a phase.
      await sleep(50 + Math.random() * 500);
      const start = new Promise<number>((resolve) => {
        started = () => resolve(performance.now());
      });
      await enqueueJob(handle.db, probe, { n });
      const enqueued = performance.now();
      samples.push((await start) - enqueued);
    }
  } finally {
    await worker.stop();
  }
  return samples;
}

async function compare(label: string, handle: DatabaseHandle) {
  const before = await latencies(handle, { listen: false, pollMs: 500 });
  const after = await latencies(handle, { listen: true, pollMs: 5_000 });
  console.log(`Job enqueue → start on ${label} (${COUNT} jobs, one at a time, idle worker)`);
  console.log(line('before: poll every 500 ms', before));
  console.log(line('after: NOTIFY wake-up, poll every 5 s', after));
  if (!redisReachable) return console.log('BullMQ: skipped, no Redis at', redisUrl);
  const prefix = `hk-bench:${crypto.randomUUID()}`;
  const onBullmq = await latencies(
    handle,
    { listen: true, pollMs: 5_000 },
    { kind: 'bullmq', redisUrl, prefix },
  );
  console.log(line('BullMQ (HK_JOBS=bullmq), same wake-up', onBullmq));
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}

const redisReachable = await (async () => {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => {});
  const pong = await redis.ping().catch(() => null);
  redis.disconnect();
  return pong === 'PONG';
})();

const pglite = await openDatabase();
await pglite.migrate();
try {
  await compare('PGlite', pglite);
} finally {
  await pglite.close();
}

await withScratchDatabase(adminUrl, 'hk_bench_jobs', async (databaseUrl) => {
  const handle = await openDatabase({ databaseUrl, maxConnections: 4 });
  try {
    await handle.migrate();
    await compare('PostgreSQL', handle);
  } finally {
    await handle.close();
  }
});

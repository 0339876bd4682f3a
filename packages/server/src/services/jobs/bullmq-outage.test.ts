import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import * as z from 'zod';
import { useTestServer } from '../../../test/harness.js';
import { enqueueJob } from './enqueue.js';
import { startWorkerOn } from './job-backend.js';
import { defineJob } from './job-definition.js';
import { findJob } from './job-store.js';
import type { Worker } from './worker.js';

const server = useTestServer();
// A Redis of this file's own, to stop and start; one port per project, as both run at once.
const port = inject('postgresUrl') ? 16202 : 16201;
const redisUrl = `redis://127.0.0.1:${port}`;
let redis: ChildProcess | null = null;
let worker: Worker | null = null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async (check: () => Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Condition not reached in time');
    await sleep(50);
  }
};

/** An empty Redis on `port` (no persistence): a restart loses everything it held. */
async function startRedis() {
  redis = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const probe = new Redis(redisUrl, { lazyConnect: true, retryStrategy: () => 50 });
  probe.on('error', () => {});
  await until(async () => (await probe.ping().catch(() => null)) === 'PONG', 10_000);
  probe.disconnect();
}

async function stopRedis() {
  const current = redis;
  redis = null;
  if (!current || current.exitCode !== null) return;
  const exited = new Promise((resolve) => current.once('exit', resolve));
  current.kill('SIGKILL');
  await exited;
}

afterEach(async () => {
  await worker?.stop();
  worker = null;
});
afterAll(stopRedis);

describe('BullMQ while Redis is away', () => {
  it('runs a job committed during the outage once Redis is back, even an empty one', async () => {
    const ran: number[] = [];
    const job = defineJob({
      name: `test.outage.${crypto.randomUUID().slice(0, 8)}`,
      payload: z.object({ n: z.number() }),
      handle: async ({ n }) => {
        ran.push(n);
      },
    });
    await startRedis();
    worker = startWorkerOn(
      { kind: 'bullmq', redisUrl, prefix: `hk-test:${crypto.randomUUID()}` },
      { db: server.deps.db, definitions: [job], pollMs: 200, drainTimeoutMs: 2_000 },
    );
    await worker.ready;

    await stopRedis();
    // Committed to the jobs table, the outbox, while no Redis answers.
    const { id } = await enqueueJob(server.deps.db, job, { n: 1 });
    await sleep(1_000);
    expect((await findJob(server.deps.db, id))?.state).toBe('queued');
    expect(ran).toEqual([]);

    await startRedis();
    await until(async () => (await findJob(server.deps.db, id))?.state === 'succeeded');
    expect(ran).toEqual([1]);
  });
});

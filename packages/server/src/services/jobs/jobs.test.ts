import { Job } from '@hidden-key/sdk/schemas';
import { eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { useTestServer } from '../../../test/harness.js';
import { jobs } from '../../db/schema.js';
import { createMetrics } from '../../observability/metrics.js';
import { enqueueJob } from './enqueue.js';
import { type JobBackend, jobBackendFromEnv, startWorkerOn } from './job-backend.js';
import { defineJob, PermanentJobError } from './job-definition.js';
import { claimJobs, findJob, jobToWire, listJobs } from './job-store.js';
import { retryDelayMs } from './retry-delay.js';
import type { Worker, WorkerOptions } from './worker.js';

const server = useTestServer();
const workers: Worker[] = [];
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const redis = new Redis(REDIS_URL, { lazyConnect: true });
afterAll(() => redis.quit());

/** Job names are unique per test: the PostgreSQL run shares one database between files. */
const uniqueName = (label: string) => `test.${label}.${crypto.randomUUID().slice(0, 8)}`;
const Payload = z.object({ n: z.number().int() });

const until = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const stateOf = async (id: string) => (await findJob(server.deps.db, id))?.state;

/** The same behaviour, asked of both backends; BullMQ gets a key prefix of its own per test. */
const backends = [
  { label: 'the jobs table', backend: () => ({ kind: 'database' }) as const },
  {
    label: 'BullMQ',
    backend: () =>
      ({ kind: 'bullmq', redisUrl: REDIS_URL, prefix: `hk-test:${crypto.randomUUID()}` }) as const,
  },
];

describe.each(backends)('jobs on $label', ({ backend: newBackend }) => {
  let backend: JobBackend;
  beforeEach(() => {
    backend = newBackend();
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    if (backend.kind === 'bullmq') {
      const keys = await redis.keys(`${backend.prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
  });

  function start(definitions: WorkerOptions['definitions'], concurrency = 4, pollMs = 20) {
    const worker = startWorkerOn(backend, {
      db: server.deps.db,
      definitions,
      concurrency,
      pollMs,
      drainTimeoutMs: 5_000,
    });
    workers.push(worker);
    return worker;
  }

  it('gives back a try a drain cut short: not counted, due at once, run by the next worker', async () => {
    let tries = 0;
    const patient = defineJob({
      name: uniqueName('patient'),
      payload: Payload,
      handle: async ({ n }, { signal }) => {
        tries++;
        // The first try outlasts the drain and stops when told; the next one finishes.
        if (tries === 1)
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
        return n;
      },
    });
    // Its only try: charging the cut-short one would dead-letter a job that never failed.
    const { id } = await enqueueJob(server.deps.db, patient, { n: 5 }, { maxAttempts: 1 });
    const draining = startWorkerOn(backend, {
      db: server.deps.db,
      definitions: [patient],
      pollMs: 20,
      drainTimeoutMs: 50,
    });
    await until(async () => tries === 1);
    await draining.stop();
    expect(await findJob(server.deps.db, id)).not.toMatchObject({ state: 'dead' });
    start([patient]);
    await until(async () => (await stateOf(id)) === 'succeeded');
    expect(await findJob(server.deps.db, id)).toMatchObject({ attempts: 1, result: 5 });
    expect(tries).toBe(2);
  });

  it('runs a job once, stores its result, and shows it to its organisation only', async () => {
    const seen: number[] = [];
    const double = defineJob({
      name: uniqueName('double'),
      payload: Payload,
      handle: async ({ n }) => {
        seen.push(n);
        return { doubled: n * 2 };
      },
    });
    const org = await server.newOrg();
    const other = await server.newOrg();
    const { id } = await enqueueJob(
      server.deps.db,
      double,
      { n: 21 },
      { organizationId: org.organization_id },
    );
    start([double]);
    await until(async () => (await stateOf(id)) === 'succeeded');
    expect(seen).toEqual([21]);

    const shown = await org.call('GET', `/v1/jobs/${id}`);
    expect(shown.status).toBe(200);
    const job = Job.parse(shown.body.data);
    expect(job).toMatchObject({
      id,
      state: 'succeeded',
      attempts: 1,
      result: { doubled: 42 },
      last_error: null,
    });
    expect(job.finished_at).not.toBeNull();
    expect((await other.call('GET', `/v1/jobs/${id}`)).status).toBe(404);
    expect((await org.call('GET', '/v1/jobs/not-a-uuid')).status).toBe(400);
  });

  it('returns the existing job for a repeated idempotency key, inside the caller’s transaction', async () => {
    const noop = defineJob({ name: uniqueName('noop'), payload: Payload, handle: async () => null });
    const first = await enqueueJob(server.deps.db, noop, { n: 1 }, { key: 'lead:1' });
    const again = await enqueueJob(server.deps.db, noop, { n: 2 }, { key: 'lead:1' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });

    // A job enqueued in a transaction that rolls back never existed.
    let rolledBackId = '';
    await server.deps.db
      .transaction(async (tx) => {
        rolledBackId = (await enqueueJob(tx, noop, { n: 3 }, { key: 'lead:2' })).id;
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await findJob(server.deps.db, rolledBackId)).toBeNull();
    await expect(enqueueJob(server.deps.db, noop, { n: 1.5 })).rejects.toThrow();
  });

  it('retries a failing job with backoff, then dead-letters it with the last error', async () => {
    const tries: number[] = [];
    const flaky = defineJob({
      name: uniqueName('flaky'),
      payload: Payload,
      maxAttempts: 3,
      retryDelaysMs: [50, 100],
      handle: async (_payload, { job }) => {
        tries.push(Date.now());
        throw new Error(`try ${job.attempt} failed`);
      },
    });
    const { id } = await enqueueJob(server.deps.db, flaky, { n: 1 });
    start([flaky]);
    await until(async () => (await stateOf(id)) === 'dead');
    const job = (await findJob(server.deps.db, id))!;
    expect(job.attempts).toBe(3);
    expect(job.lastError).toBe('try 3 failed');
    expect(tries).toHaveLength(3);
    // 50 ms and 100 ms, each with at most 20 % jitter taken off.
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(40);
    expect(tries[2]! - tries[1]!).toBeGreaterThanOrEqual(80);
    // What `hk-server jobs list --failed` prints.
    expect(
      (await listJobs(server.deps.db, { state: 'dead', name: flaky.name })).map(jobToWire),
    ).toMatchObject([{ id, state: 'dead', attempts: 3, last_error: 'try 3 failed' }]);
  });

  it('dead-letters at once on a PermanentJobError or a payload that no longer parses', async () => {
    const refuse = defineJob({
      name: uniqueName('refuse'),
      payload: Payload,
      handle: async () => {
        throw new PermanentJobError('the receiver is gone');
      },
    });
    const { id } = await enqueueJob(server.deps.db, refuse, { n: 1 });
    const [broken] = await server.deps.db
      .insert(jobs)
      .values({ name: refuse.name, payload: { n: 'x' }, maxAttempts: 5 })
      .returning();
    start([refuse]);
    await until(async () => (await stateOf(id)) === 'dead' && (await stateOf(broken!.id)) === 'dead');
    expect((await findJob(server.deps.db, id))!).toMatchObject({
      attempts: 1,
      lastError: 'the receiver is gone',
    });
    expect((await findJob(server.deps.db, broken!.id))!.attempts).toBe(1);
  });

  it('waits for run_at', async () => {
    const later = defineJob({ name: uniqueName('later'), payload: Payload, handle: async () => 'done' });
    const { id } = await enqueueJob(server.deps.db, later, { n: 1 }, { runAt: new Date(Date.now() + 400) });
    start([later]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await stateOf(id)).toBe('queued');
    await until(async () => (await stateOf(id)) === 'succeeded');
  });

  it('runs each job once across several workers', async () => {
    const runs = new Map<number, number>();
    const count = defineJob({
      name: uniqueName('count'),
      payload: Payload,
      handle: async ({ n }) => {
        runs.set(n, (runs.get(n) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 2));
      },
    });
    for (let n = 0; n < 60; n++) await enqueueJob(server.deps.db, count, { n });
    start([count], 3);
    start([count], 3);
    start([count], 3);
    await until(async () => runs.size === 60);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...runs.values()].every((times) => times === 1)).toBe(true);
  });

  it('drains: stop() waits for a running try and records it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    const slow = defineJob({
      name: uniqueName('slow'),
      payload: Payload,
      handle: async () => {
        started = true;
        await gate;
        return 'finished';
      },
    });
    const { id } = await enqueueJob(server.deps.db, slow, { n: 1 });
    const worker = start([slow]);
    await until(async () => started);
    // The running try shows in the queue depth on /metrics.
    const { registry } = createMetrics({ db: server.deps.db });
    const running = (await registry.getSingleMetricAsString('jobs_waiting'))
      .split('\n')
      .find((line) => line.includes(`name="${slow.name}"`) && line.includes('state="running"'));
    expect(running).toMatch(/ 1$/);
    const stopped = worker.stop();
    setTimeout(release, 100);
    await stopped;
    const [row] = await server.deps.db.select().from(jobs).where(eq(jobs.id, id));
    expect(row).toMatchObject({ state: 'succeeded', result: 'finished' });
  });

  it('starts a job enqueued elsewhere at once through NOTIFY, long before the poll', async () => {
    const startedAt: number[] = [];
    const prompt = defineJob({
      name: uniqueName('prompt'),
      payload: Payload,
      handle: async () => {
        startedAt.push(Date.now());
      },
    });
    // The poll is a minute away: only the notification can start these in time.
    const worker = start([prompt], 4, 60_000);
    await worker.ready;
    // Let the first look find nothing and the worker go to sleep.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const enqueuedAt = Date.now();
    const first = await enqueueJob(server.deps.db, prompt, { n: 1 });
    await until(async () => startedAt.length === 1, 5_000);
    expect(startedAt[0]! - enqueuedAt).toBeLessThan(2_000);

    // Enqueued in a transaction, announced on its commit.
    const committedAt = await server.deps.db.transaction(async (tx) => {
      await enqueueJob(tx, prompt, { n: 2 });
      return Date.now();
    });
    await until(async () => startedAt.length === 2, 5_000);
    expect(startedAt[1]! - committedAt).toBeLessThan(2_000);

    // A finished row put back to a due `queued` by hand, as a delivery retried is, wakes the worker
    // too. (Once it has finished: a row still running when put back stays its runner's.)
    await until(async () => (await stateOf(first.id)) === 'succeeded');
    const [done] = await server.deps.db
      .update(jobs)
      .set({ state: 'queued', attempts: 0, runAt: sql`now()` })
      .where(eq(jobs.id, first.id))
      .returning({ id: jobs.id });
    const requeuedAt = Date.now();
    await until(async () => startedAt.length >= 3, 5_000);
    expect(startedAt[2]! - requeuedAt).toBeLessThan(2_000);
    await until(async () => (await stateOf(done!.id)) === 'succeeded');
  });

  it('sleeps until a retry is due rather than until the next poll', async () => {
    const tries: number[] = [];
    const retried = defineJob({
      name: uniqueName('retried'),
      payload: Payload,
      retryDelaysMs: [300],
      handle: async (_payload, { job }) => {
        tries.push(Date.now());
        if (job.attempt === 1) throw new Error('first try fails');
      },
    });
    const worker = start([retried], 4, 60_000);
    await worker.ready;
    const { id } = await enqueueJob(server.deps.db, retried, { n: 1 });
    await until(async () => (await stateOf(id)) === 'succeeded', 10_000);
    expect(tries).toHaveLength(2);
    expect(tries[1]! - tries[0]!).toBeGreaterThanOrEqual(240);
    expect(tries[1]! - tries[0]!).toBeLessThan(5_000);
  });
});

describe('jobs on the jobs table', () => {
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  });
  const start = (definitions: WorkerOptions['definitions']) => {
    const worker = startWorkerOn({ kind: 'database' }, { db: server.deps.db, definitions, pollMs: 20 });
    workers.push(worker);
    return worker;
  };

  it('takes over a job whose worker died mid-try, and dead-letters one that died on its last try', async () => {
    const resume = defineJob({ name: uniqueName('resume'), payload: Payload, handle: async ({ n }) => n });
    const { id } = await enqueueJob(server.deps.db, resume, { n: 7 });
    const last = await enqueueJob(server.deps.db, resume, { n: 8 }, { maxAttempts: 1 });
    // A worker that claims both with a short lease and then vanishes.
    const claimed = await claimJobs(server.deps.db, new Map([[resume.name, 100]]), 'ghost', 10);
    expect(claimed.map((row) => row.id).sort()).toEqual([id, last.id].sort());
    start([resume]);
    await until(async () => (await stateOf(id)) === 'succeeded' && (await stateOf(last.id)) === 'dead');
    expect((await findJob(server.deps.db, id))!).toMatchObject({ attempts: 2, result: 7 });
    expect((await findJob(server.deps.db, last.id))!.lastError).toMatch(/stopped during the last try/);
  });
});

describe('choosing the backend', () => {
  it('reads HK_JOBS and refuses what it cannot run', () => {
    expect(jobBackendFromEnv({})).toEqual({ kind: 'database' });
    expect(jobBackendFromEnv({ HK_JOBS: 'bullmq', REDIS_URL: 'redis://r:6379' })).toEqual({
      kind: 'bullmq',
      redisUrl: 'redis://r:6379',
      prefix: 'hk:jobs',
    });
    expect(
      jobBackendFromEnv({ HK_JOBS: 'bullmq', REDIS_URL: 'redis://r', HK_JOBS_PREFIX: 'eu' }),
    ).toMatchObject({
      prefix: 'eu',
    });
    expect(() => jobBackendFromEnv({ HK_JOBS: 'bullmq' })).toThrow(/needs REDIS_URL/);
    expect(() => jobBackendFromEnv({ HK_JOBS: 'sidekiq' })).toThrow(/database or bullmq/);
  });
});

describe('retry delays', () => {
  it('spreads retries with jitter around the schedule', () => {
    const schedule = { retryDelaysMs: [1000, 5000] };
    expect(retryDelayMs(schedule, 1, () => 0)).toBe(800);
    expect(retryDelayMs(schedule, 1, () => 1)).toBe(1200);
    expect(retryDelayMs(schedule, 9, () => 0.5)).toBe(5000);
    expect(retryDelayMs({}, 3, () => 0.5)).toBe(4000);
    expect(retryDelayMs({}, 40, () => 0.5)).toBe(3_600_000);
  });
});

describe('jobs on /metrics', () => {
  it('reports the queue depth per job name and state, read when scraped', async () => {
    const idle = defineJob({ name: uniqueName('depth'), payload: Payload, handle: async () => null });
    const { registry } = createMetrics({ db: server.deps.db });
    const depth = async () =>
      (await registry.getSingleMetricAsString('jobs_waiting'))
        .split('\n')
        .find((line) => line.includes(`name="${idle.name}"`) && line.includes('state="queued"'));
    expect(await depth()).toBeUndefined();
    await enqueueJob(server.deps.db, idle, { n: 1 });
    await enqueueJob(server.deps.db, idle, { n: 2 });
    expect(await depth()).toMatch(/ 2$/);
    await server.deps.db.delete(jobs).where(eq(jobs.name, idle.name));
    expect(await depth()).toBeUndefined();
  });
});

import type { ChildProcess } from 'node:child_process';
import { and, eq, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { jobs, webhookEndpoints } from '../src/db/schema.js';
import { defaultDeps } from '../src/deps.js';
import { recordEvent } from '../src/services/events.js';
import { createOrganization } from '../src/services/organizations.js';
import { newWebhookSecret } from '../src/services/webhooks/webhook-signing.js';
import { spawnCli, stopChild, waitForOutput } from './spawn-server.js';
import { startReceiver } from './webhook-receiver.js';

const runUrl = inject('postgresUrl')!;
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const EVENTS = 120;

/** `hk-server worker` in a process of its own; resolves once it says it runs. */
async function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawnCli(['worker', '--concurrency', '4'], env);
  await waitForOutput(child, 'hk-server worker', /Hidden Key worker /);
  return child;
}

/** Runs the CLI to its end: its exit code and what it wrote. */
function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawnCli(args, env);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

/**
 * Two `hk-server worker` processes on one database, on each backend: every webhook delivery job
 * (one per event, made by the fan-out trigger) reaches the receiver exactly once. The database is
 * this file's own, so the workers touch no other test's jobs.
 */
describe('two hk-server worker processes on one database', () => {
  const databaseName = `hk_workers_${process.pid}_${Date.now()}`;
  let databaseUrl: string;
  let admin: pg.Client;
  let handle: DatabaseHandle;
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  const prefixes: string[] = [];

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: runUrl });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    const url = new URL(runUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    handle = await openDatabase({ databaseUrl, maxConnections: 4 });
    await handle.migrate();
  });
  afterAll(async () => {
    await handle?.close();
    await admin?.query(`drop database if exists ${databaseName} with (force)`);
    await admin?.end();
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    await redis.quit();
  });

  it.each([
    { backend: 'the jobs table', env: (): Record<string, string> => ({}) },
    {
      backend: 'BullMQ',
      env: (): Record<string, string> => {
        const prefix = `hk-test:${crypto.randomUUID()}`;
        prefixes.push(prefix);
        return { HK_JOBS: 'bullmq', REDIS_URL, HK_JOBS_PREFIX: prefix };
      },
    },
  ])('on $backend, does each job once', async ({ env }) => {
    // A receiver of its own: only this case's deliveries count.
    const receiver = await startReceiver();
    const org = await createOrganization(defaultDeps(handle.db), { name: 'Workers' });
    await handle.db.insert(webhookEndpoints).values({
      id: crypto.randomUUID(),
      organizationId: org.organization_id,
      url: receiver.url,
      events: ['*'],
      secret: newWebhookSecret(),
    });
    const workerEnv = { ...env(), DATABASE_URL: databaseUrl, HK_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
    const workers = await Promise.all([spawnWorker(workerEnv), spawnWorker(workerEnv)]);
    try {
      const eventIds: string[] = [];
      for (let n = 0; n < EVENTS; n++) {
        const id = await handle.db.transaction((tx) =>
          recordEvent(tx, {
            organizationId: org.organization_id,
            type: 'lead.created',
            resourceId: crypto.randomUUID(),
            data: { n },
            createdAt: new Date(),
          }),
        );
        eventIds.push(String(id));
      }
      await receiver.waitFor(EVENTS, 60_000);
      // Time for a second copy of any delivery to arrive, were there one.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const webhookIds = receiver.received.map((request) => String(request.headers['webhook-id']));
      expect(webhookIds).toHaveLength(EVENTS);
      expect(new Set(webhookIds)).toEqual(new Set(eventIds));

      const rows = await handle.db
        .select({ state: jobs.state, attempts: jobs.attempts, count: sql<number>`count(*)::int` })
        .from(jobs)
        .where(and(eq(jobs.organizationId, org.organization_id), eq(jobs.name, 'webhook.deliver')))
        .groupBy(jobs.state, jobs.attempts);
      expect(rows).toEqual([{ state: 'succeeded', attempts: 1, count: EVENTS }]);
    } finally {
      await Promise.all(workers.map(stopChild));
      await receiver.close();
    }
  });

  it('refuses a wrong HK_JOBS in serve and worker before anything runs', async () => {
    const env = { DATABASE_URL: databaseUrl };
    const [serve, worker] = await Promise.all([
      runCli(['serve', '--port', '0', '--host', '127.0.0.1'], { ...env, HK_JOBS: 'sidekiq' }),
      runCli(['worker'], { ...env, HK_JOBS: 'bullmq', REDIS_URL: '' }),
    ]);
    expect(serve.code).toBe(1);
    expect(serve.output).toMatch(/HK_JOBS must be database or bullmq, not sidekiq/);
    expect(serve.output).not.toMatch(/Hidden Key API on/);
    expect(worker.code).toBe(1);
    expect(worker.output).toMatch(/HK_JOBS=bullmq needs REDIS_URL/);
  });
});

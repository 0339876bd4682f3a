/**
 * Outbound webhooks on PostgreSQL, to a de-duplicating receiver on loopback:
 *   1. deliveries per second from one worker (next to the receiver's own ceiling: plain POSTs);
 *   2. the receiver failing 50 % of the time while events keep coming: events delivered at least
 *      once, and redeliveries of ids the receiver had already acknowledged (it processes none twice);
 *   3. `hk-server worker` processes killed with SIGKILL 10 times at random under load: events lost;
 *   4. SSRF: refused share of the test list of internal-address spellings.
 *
 *   pnpm --filter @hidden-key/server bench   (BENCH_WEBHOOKS=1000, BENCH_FLAKY_SECONDS=60, TEST_DATABASE_URL=…)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { webhookEndpoints } from '../src/db/schema.js';
import { defaultDeps } from '../src/deps.js';
import { recordEvent } from '../src/services/events.js';
import { startWorker } from '../src/services/jobs/worker.js';
import { createOrganization } from '../src/services/organizations.js';
import { deliverWebhookJob } from '../src/services/webhooks/deliver-webhook.js';
import { checkTarget } from '../src/services/webhooks/target-guard.js';
import { systemResolve, type WebhookSettings } from '../src/services/webhooks/webhook-settings.js';
import { newWebhookSecret } from '../src/services/webhooks/webhook-signing.js';
import { REFUSED_TARGETS, testResolve } from '../test/ssrf-targets.js';
import { withScratchDatabase } from './support/postgres-stats.js';

const COUNT = Number(process.env.BENCH_WEBHOOKS ?? 1000);
const FLAKY_SECONDS = Number(process.env.BENCH_FLAKY_SECONDS ?? 60);
const KILLS = 10;
const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const RETRY_DELAYS_MS = [100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A receiver that de-duplicates on webhook-id and can fail a share of requests. */
async function startReceiver() {
  const acknowledged = new Set<string>();
  const stats = { requests: 0, redeliveries: 0, failRate: 0 };
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      stats.requests++;
      const id = String(request.headers['webhook-id']);
      if (Math.random() < stats.failRate) return response.writeHead(500).end();
      if (acknowledged.has(id)) stats.redeliveries++;
      acknowledged.add(id);
      response.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, acknowledged, stats, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function writeEvents(db: Database, organizationId: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await db.transaction((tx) =>
        recordEvent(tx, {
          organizationId,
          type: 'lead.created',
          resourceId: crypto.randomUUID(),
          data: { n: i },
          createdAt: new Date(),
        }),
      ),
    );
  }
  return ids;
}

const until = async (check: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
};

const missing = (ids: number[], acknowledged: Set<string>) =>
  ids.filter((id) => !acknowledged.has(String(id)));

const builtCli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const sourceCli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
function spawnWorker(databaseUrl: string): ChildProcess {
  const command = existsSync(builtCli)
    ? [builtCli]
    : ['--conditions=@hidden-key/source', '--import', 'tsx', sourceCli];
  return spawn(process.execPath, [...command, 'worker', '--concurrency', '8'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HK_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      HK_WEBHOOK_RETRY_DELAYS_MS: RETRY_DELAYS_MS.join(','),
    },
    stdio: 'ignore',
  });
}

await withScratchDatabase(adminUrl, 'hk_bench_webhooks', async (databaseUrl) => {
  const handle = await openDatabase({ databaseUrl, maxConnections: 12 });
  await handle.migrate();
  const { db } = handle;
  const receiver = await startReceiver();
  const settings: WebhookSettings = {
    allowedHosts: new Set(['127.0.0.1']),
    retryDelaysMs: RETRY_DELAYS_MS,
    timeoutMs: 15_000,
    maxResponseBytes: 64 * 1024,
    resolve: systemResolve,
  };
  const newEndpointOrg = async () => {
    const org = await createOrganization(defaultDeps(db), { name: 'Bench' });
    await db.insert(webhookEndpoints).values({
      id: crypto.randomUUID(),
      organizationId: org.organization_id,
      url: receiver.url,
      events: ['*'],
      secret: newWebhookSecret(),
    });
    return org.organization_id;
  };

  // 1. Throughput: a backlog, then one worker.
  const baselineStart = performance.now();
  for (let i = 0; i < COUNT; i++)
    await fetch(receiver.url, { method: 'POST', headers: { 'webhook-id': `b${i}` }, body: '{}' });
  const baselineRate = COUNT / ((performance.now() - baselineStart) / 1000);
  const org1 = await newEndpointOrg();
  const backlog = await writeEvents(db, org1, COUNT);
  for (const concurrency of [1, 8]) {
    if (concurrency === 8) {
      await db.execute(
        sql`update jobs set state = 'queued', attempts = 0, run_at = now() where name = 'webhook.deliver'`,
      );
      receiver.acknowledged.clear();
    }
    const start = performance.now();
    const worker = startWorker({ db, definitions: [deliverWebhookJob(settings)], concurrency, pollMs: 50 });
    await until(() => missing(backlog, receiver.acknowledged).length === 0, 300_000);
    const seconds = (performance.now() - start) / 1000;
    await worker.stop();
    console.log(
      `one worker, concurrency ${concurrency}: ${(COUNT / seconds).toFixed(0)} deliveries/s   (plain sequential POSTs to the same receiver: ${baselineRate.toFixed(0)}/s; n=${COUNT})`,
    );
  }

  // 2. A receiver failing half the time while events keep coming for FLAKY_SECONDS.
  receiver.acknowledged.clear();
  receiver.stats.redeliveries = 0;
  receiver.stats.failRate = 0.5;
  const org2 = await newEndpointOrg();
  const worker = startWorker({ db, definitions: [deliverWebhookJob(settings)], concurrency: 8, pollMs: 50 });
  const flakyIds: number[] = [];
  const flakyEnd = Date.now() + FLAKY_SECONDS * 1000;
  while (Date.now() < flakyEnd) {
    flakyIds.push(...(await writeEvents(db, org2, 5)));
    await sleep(100);
  }
  receiver.stats.failRate = 0;
  await until(() => missing(flakyIds, receiver.acknowledged).length === 0, 120_000);
  await worker.stop();
  const flakyMissing = missing(flakyIds, receiver.acknowledged).length;
  console.log(
    `receiver failing 50 % for ${FLAKY_SECONDS} s: ${(((flakyIds.length - flakyMissing) / flakyIds.length) * 100).toFixed(2)} % of ${flakyIds.length} events delivered at least once; ` +
      `${receiver.stats.redeliveries} redeliveries of already-acknowledged ids, 0 processed twice (the receiver de-duplicates on webhook-id)`,
  );

  // 3. Worker processes killed with SIGKILL at random while events keep coming.
  receiver.acknowledged.clear();
  receiver.stats.redeliveries = 0;
  const org3 = await newEndpointOrg();
  const killIds: number[] = [];
  let writing = true;
  const writer = (async () => {
    while (writing) {
      killIds.push(...(await writeEvents(db, org3, 5)));
      await sleep(250);
    }
  })();
  let child = spawnWorker(databaseUrl);
  for (let kill = 0; kill < KILLS; kill++) {
    // Kill only once this worker is delivering, at a random moment of its work.
    const delivered = receiver.acknowledged.size;
    await until(() => receiver.acknowledged.size > delivered, 30_000);
    await sleep(200 + Math.random() * 1500);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    child = spawnWorker(databaseUrl);
  }
  writing = false;
  await writer;
  // Tries that were in flight on a killed worker come back when their lease lapses (timeout + 5 s);
  // wait until the queue is empty, then every event not acknowledged is lost for good.
  const pendingJobs = async () => {
    const result = (await db.execute(
      sql`select count(*)::int as n from jobs where organization_id = ${org3} and state in ('queued', 'running')`,
    )) as unknown as { rows: { n: number }[] };
    return Number(result.rows[0]!.n);
  };
  await until(
    async () => missing(killIds, receiver.acknowledged).length === 0 || (await pendingJobs()) === 0,
    300_000,
  );
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  const lost = missing(killIds, receiver.acknowledged).length;
  console.log(
    `worker killed ${KILLS} times (SIGKILL) under load: ${lost} of ${killIds.length} events lost; ${receiver.stats.redeliveries} redeliveries of acknowledged ids (de-duplicated by webhook-id)`,
  );

  await receiver.close();
  await handle.close();
});

// 4. The SSRF list: every spelling must be refused (no traffic: names resolve through the test table).
let refused = 0;
for (const url of REFUSED_TARGETS) {
  try {
    await checkTarget(url, {
      allowedHosts: new Set(),
      resolve: (host) => (host === 'localhost' ? systemResolve(host) : testResolve(host)),
    });
  } catch {
    refused++;
  }
}
console.log(
  `SSRF: ${refused} of ${REFUSED_TARGETS.length} internal targets refused (${((refused / REFUSED_TARGETS.length) * 100).toFixed(0)} %)`,
);

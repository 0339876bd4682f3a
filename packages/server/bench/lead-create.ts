/**
 * Lead creation through the whole stack (HTTP socket → Hono → auth → validation → dedup lock →
 * lead + event + NOTIFY in one transaction), per route, next to the raw INSERT of the same rows
 * through the same node-postgres pool, at the same concurrency, on a fresh PostgreSQL database.
 * The HTTP client runs on a worker thread (see support/http-load.ts), so the server's event loop
 * does only the server's work; "server ms/req" is that loop's busy time per request. "database
 * CPU" and "client CPU" are what PostgreSQL's processes and the client's thread used per request:
 * all three share this machine's cores. "lead store, no HTTP" is the routes' transaction alone
 * (locks, duplicate check, lead, event), called on this thread: the database path's own ceiling;
 * "… with a webhook endpoint" the same for an organisation whose events each queue a delivery job.
 *
 * `BENCH_WORKERS=0,1,2` runs the routes once per entry: 0 (the default alone) against the app in
 * this process, N against `hk-server serve --workers N` spawned for it (the built CLI,
 * `--no-worker`, `LOG_LEVEL=warn`), whose "server CPU ms/req" is that of all its processes.
 *
 *   pnpm --filter @hidden-key/server bench
 *   BENCH_REQUESTS=5000 BENCH_CONCURRENCY=32 node --conditions=@hidden-key/source --import tsx bench/lead-create.ts
 *   BENCH_WORKERS=0,1,2 node --conditions=@hidden-key/source --import tsx bench/lead-create.ts
 *
 * Goals (issue 11): each route ≥ 25 % of the raw INSERT rate and ≥ 1,500 leads/s, p99 < 50 ms at 16 in flight.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { LeadCreate } from '@hidden-key/sdk/schemas';
import pg from 'pg';
import { createApp } from '../src/app.js';
import type { AppDeps } from '../src/context.js';
import { openDatabase } from '../src/db/open.js';
import { webhookEndpoints } from '../src/db/schema.js';
import { asSystem, withOrganization } from '../src/db/tenant.js';
import { defaultDeps } from '../src/deps.js';
import { issueApiKey } from '../src/services/issue-key.js';
import { createOrMergeLead } from '../src/services/leads/create-lead.js';
import { createOrganization } from '../src/services/organizations.js';
import { listen } from '../test/socket-server.js';
import { spawnServer } from '../test/spawn-server.js';
import { statCpuMs, threadCpuMs } from './support/cpu-time.mjs';
import { httpLoad, type LoadResult } from './support/http-load.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS) || 3000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY) || 16;
const WARMUP = Math.min(300, REQUESTS);
const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const UNLIMITED = { points: 1e9, durationSeconds: 60 };
/** `serve --workers N` for each N listed (`1,2`); 0 (the default) is the app in this process. */
const WORKER_COUNTS = (process.env.BENCH_WORKERS || '0')
  .split(',')
  .filter(Boolean)
  .map((count) => {
    if (!/^\d+$/.test(count)) throw new Error(`BENCH_WORKERS lists worker counts (1,2), not ${count}`);
    return Number(count);
  });

/** Distinct people per run, so every request creates a lead (no merges). Phones are valid US numbers. */
const person = (run: number, i: number) => ({
  name: `Seller ${run} ${i}`,
  email: `seller.${run}.${i}@example.com`,
  phone: `+1512${String(2_000_000 + run * 200_000 + i).padStart(7, '0')}`,
});
const PROPERTY = { address: '100 Oak Street', city: 'Austin', state: 'TX' };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

interface ServerCost {
  busyMs: number | undefined;
  cpuMs: number | undefined;
  databaseCpuMs: number | undefined;
  statements: number | undefined;
  roundTrips: number | undefined;
}

function row(name: string, result: LoadResult, baseline?: number, cost?: ServerCost) {
  const perRequest = (value: number | undefined) =>
    value === undefined ? '' : Number((value / result.latencies.length).toFixed(2));
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const rate = result.latencies.length / result.seconds;
  return {
    rate,
    line: {
      route: name,
      'leads/s': Math.round(rate),
      'p50 ms': Number(percentile(sorted, 0.5).toFixed(2)),
      'p99 ms': Number(percentile(sorted, 0.99).toFixed(2)),
      'of raw': baseline ? `${((100 * rate) / baseline).toFixed(1)} %` : '100 %',
      'server ms/req': perRequest(cost?.busyMs),
      'server CPU ms/req': perRequest(cost?.cpuMs),
      'database CPU ms/req': perRequest(cost?.databaseCpuMs),
      'client CPU ms/req': perRequest(result.clientCpuMs),
      'statements/req': perRequest(cost?.statements),
      'round trips/req': perRequest(cost?.roundTrips),
    },
  };
}

/** `REQUESTS` calls of `create(i)` with `CONCURRENCY` in flight, on this thread, each one timed. */
async function inThisThread(create: (i: number) => Promise<unknown>): Promise<LoadResult> {
  const latencies: number[] = new Array(REQUESTS);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const t0 = performance.now();
        await create(i);
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** Raw INSERTs through the pool (the driver's own cost included). */
const rawInserts = (pool: pg.Pool, organizationId: string, run: number) =>
  inThisThread((i) => {
    const who = person(run, i);
    return pool.query(
      `insert into leads (id, organization_id, source, contact_name, contact_email, contact_phone, property)
       values ($1, $2, 'bench', $3, $4, $5, $6)`,
      [randomUUID(), organizationId, who.name, who.email, who.phone, PROPERTY],
    );
  });

/**
 * The lead store's creation, each in its organisation's transaction as a request runs it, without
 * HTTP, routing or validation: what the database path alone allows, next to the routes.
 */
function storeCreations(deps: AppDeps, organizationId: string, run: number) {
  const inputs = Array.from({ length: REQUESTS }, (_, i) =>
    LeadCreate.parse({ source: 'bench', contact: person(run, i), property: PROPERTY }),
  );
  const origin = { ip: '127.0.0.1', userAgent: 'bench', origin: null };
  return inThisThread((i) =>
    withOrganization(deps.db, organizationId, (tx) =>
      createOrMergeLead(tx, { deps, organizationId, defaultRegion: 'US', origin }, inputs[i]!),
    ),
  );
}

/** CPU time of process `pid` and its descendants in ms. */
function processTreeCpuMs(pid: number): number {
  const own = statCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean);
  return children.reduce((sum, child) => sum + processTreeCpuMs(Number(child)), own);
}

/**
 * CPU time per PostgreSQL process on this machine in ms (backends, WAL writer, checkpointer), by
 * pid: where the database runs here, what each request costs it. Undefined when none is visible (a
 * remote database, not Linux).
 */
function postgresCpu(): Map<string, number> | undefined {
  const cpu = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.includes('(postgres)')) cpu.set(pid, statCpuMs(stat));
    } catch {
      // the process ended while being read
    }
  }
  return cpu.size > 0 ? cpu : undefined;
}

/** What the PostgreSQL processes used between two readings (one that ended meanwhile is lost). */
function postgresCpuSince(before: Map<string, number> | undefined): number | undefined {
  const after = postgresCpu();
  if (!before || !after) return undefined;
  let used = 0;
  for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0);
  return used;
}

const loadAverage = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
};

/** Statements sent to PostgreSQL by any client of this thread (a simple query counts once). */
let statementsSent = 0;
const sendQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: Parameters<typeof sendQuery>) {
  statementsSent++;
  return sendQuery.apply(this, args);
} as typeof sendQuery;

/**
 * Packets written to PostgreSQL (statements pipelined together go in one): the round trips. Counted
 * where a socket hands its buffered writes to the OS, for sockets to the database's port only.
 */
let packetsToDatabase = 0;
const databasePort = Number(new URL(ADMIN_URL).port || 5432);
const socketInternals = Socket.prototype as unknown as { _writeGeneric: (...args: unknown[]) => unknown };
const writeGeneric = socketInternals._writeGeneric;
socketInternals._writeGeneric = function (this: Socket, ...args: unknown[]) {
  if (this.remotePort === databasePort) packetsToDatabase++;
  return writeGeneric.apply(this, args);
};

/** Runs an HTTP load and measures what it cost this thread (the server's event loop) meanwhile. */
async function measured(load: () => Promise<LoadResult>): Promise<{ result: LoadResult; cost: ServerCost }> {
  const before = performance.eventLoopUtilization();
  const cpuBefore = threadCpuMs();
  const databaseBefore = postgresCpu();
  const statementsBefore = statementsSent;
  const packetsBefore = packetsToDatabase;
  const result = await load();
  const used = performance.eventLoopUtilization(before);
  const cpuAfter = threadCpuMs();
  const databaseCpuMs = postgresCpuSince(databaseBefore);
  return {
    result,
    cost: {
      busyMs: used.active,
      cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      databaseCpuMs,
      statements: statementsSent - statementsBefore,
      roundTrips: packetsToDatabase - packetsBefore,
    },
  };
}

/**
 * With BENCH_CPU_PROFILE=<file>, a V8 CPU profile of this thread (the server's loop) during the API
 * rows only, without startup, migrations, warm-up or the raw baseline (open it in Chrome DevTools).
 */
async function startProfile(): Promise<{ stop: () => Promise<void> } | undefined> {
  const file = process.env.BENCH_CPU_PROFILE;
  if (!file) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}

const dbName = `hk_bench_${process.pid}_${Date.now()}`;
const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;
const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: CONCURRENCY });
try {
  await handle.migrate();
  if (handle.client.kind !== 'postgres') throw new Error('the bench runs on PostgreSQL');
  const pool = handle.client.pool;
  /**
   * Measures a load on tables with fresh statistics, as autovacuum keeps them on a production
   * database (this machine's PostgreSQL runs with autovacuum off): ANALYZE also makes every
   * session plan its prepared statements again, where plans cached while the tables were nearly
   * empty would otherwise stay, walking all the organisation's leads to find a duplicate.
   */
  const analyzed = async <T>(
    measure: (load: () => Promise<LoadResult>) => Promise<T>,
    load: () => Promise<LoadResult>,
  ) => {
    await pool.query('analyze');
    return measure(load);
  };
  const deps = defaultDeps(handle.db);
  const org = await createOrganization(deps, { name: 'Bench' });
  /** The three routes against the server at `baseUrl`, each measured by `measure`. */
  async function routeRows(
    label: string,
    baseUrl: string,
    runs: number,
    measure: (load: () => Promise<LoadResult>) => Promise<{ result: LoadResult; cost: ServerCost }>,
    inThisProcess: boolean,
  ) {
    const publishable = await issueApiKey(deps, {
      organizationId: org.organization_id,
      type: 'publishable',
      allowedOrigins: [baseUrl],
    });
    const secretLoad = (run: number, count: number, idempotencyKeys = false) =>
      httpLoad({
        url: `${baseUrl}/v1/leads`,
        headers: { authorization: `Bearer ${org.secret_key}`, 'content-type': 'application/json' },
        bodies: Array.from({ length: count }, (_, i) =>
          JSON.stringify({ source: 'bench', contact: person(run, i), property: PROPERTY }),
        ),
        concurrency: CONCURRENCY,
        expectStatus: 201,
        idempotencyKeys,
      });
    const publicLoad = (run: number, count: number) =>
      httpLoad({
        url: `${baseUrl}/v1/public/leads`,
        headers: {
          authorization: `Bearer ${publishable.key}`,
          'content-type': 'application/json',
          origin: baseUrl,
        },
        bodies: Array.from({ length: count }, (_, i) =>
          JSON.stringify({
            contact: person(run, i),
            property: PROPERTY,
            attribution: { utm_source: 'bench', landing_page: `${baseUrl}/sell` },
            consent: { text: 'You may call me.', version: '1' },
            website: '',
            elapsed_ms: 5000,
          }),
        ),
        concurrency: CONCURRENCY,
        expectStatus: 201,
        idempotencyKeys: true,
      });
    await secretLoad(runs, WARMUP);
    await publicLoad(runs + 1, WARMUP);
    // The profile is of this thread: it shows the server only when the server runs here.
    const profiler = inThisProcess ? await startProfile() : undefined;
    const secret = await analyzed(measure, () => secretLoad(runs + 2, REQUESTS));
    const keyed = await analyzed(measure, () => secretLoad(runs + 3, REQUESTS, true));
    const capture = await analyzed(measure, () => publicLoad(runs + 4, REQUESTS));
    await profiler?.stop();
    return [
      row(`POST /v1/leads${label}`, secret.result, raw.rate, secret.cost).line,
      row(`POST /v1/leads + Idempotency-Key${label}`, keyed.result, raw.rate, keyed.cost).line,
      row(`POST /v1/public/leads${label}`, capture.result, raw.rate, capture.cost).line,
    ];
  }

  console.log(
    `lead creation: ${REQUESTS} leads per row, ${CONCURRENCY} in flight, PostgreSQL ${url.host}, Node ${process.version}, load average ${loadAverage()}`,
  );
  const rawRun = await measured(() => rawInserts(pool, org.organization_id, 1));
  const raw = row('raw INSERT (pg pool, baseline)', rawRun.result, undefined, rawRun.cost);
  const store = await analyzed(measured, () => storeCreations(deps, org.organization_id, 2));
  // Each event of an organisation with a webhook endpoint also queues a delivery job (the fan-out trigger).
  const hooked = await createOrganization(deps, { name: 'Bench, with a webhook endpoint' });
  await asSystem(handle.db, (tx) =>
    tx.insert(webhookEndpoints).values({
      id: randomUUID(),
      organizationId: hooked.organization_id,
      url: 'https://hooks.example.com/leads',
      events: ['lead.created'],
      secret: 'whsec_bench',
    }),
  );
  const fannedOut = await analyzed(measured, () => storeCreations(deps, hooked.organization_id, 3));
  const rows = [
    raw.line,
    row('lead store, no HTTP', store.result, raw.rate, store.cost).line,
    row('… with a webhook endpoint', fannedOut.result, raw.rate, fannedOut.cost).line,
  ];
  for (const [index, workers] of WORKER_COUNTS.entries()) {
    const runs = 10 * (index + 1);
    if (workers === 0) {
      const app = createApp({
        ...deps,
        rateLimits: {
          policies: { publicPerKey: UNLIMITED, publicPerIp: UNLIMITED, secretPerKey: UNLIMITED },
        },
      });
      const server = await listen(app.fetch);
      rows.push(
        ...(await routeRows(
          WORKER_COUNTS.length > 1 ? ' (in this process)' : '',
          server.url,
          runs,
          measured,
          true,
        )),
      );
      await server.close();
      continue;
    }
    const unlimited = String(UNLIMITED.points);
    const server = await spawnServer(
      url.toString(),
      {
        LOG_LEVEL: 'warn',
        RATE_LIMIT_SECRET_PER_KEY: unlimited,
        RATE_LIMIT_PUBLIC_PER_KEY: unlimited,
        RATE_LIMIT_PUBLIC_PER_IP: unlimited,
      },
      ['--workers', String(workers), '--no-worker'],
    );
    // Only the spawned processes' CPU is known: the statement and packet counts are this process's.
    const measureSpawned = async (load: () => Promise<LoadResult>) => {
      const before = processTreeCpuMs(server.pid);
      const databaseBefore = postgresCpu();
      const result = await load();
      const cpuMs = processTreeCpuMs(server.pid) - before;
      const databaseCpuMs = postgresCpuSince(databaseBefore);
      return {
        result,
        cost: { busyMs: undefined, cpuMs, databaseCpuMs, statements: undefined, roundTrips: undefined },
      };
    };
    rows.push(
      ...(await routeRows(` (serve --workers ${workers})`, server.baseUrl, runs, measureSpawned, false)),
    );
    await server.stop();
  }
  console.table(rows);
  console.log(`load average after: ${loadAverage()}`);
} finally {
  await handle.close();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}

// `pnpm --filter @hidden-key/server test:faults`: the fault figures of issue 10, measured on a
// PostgreSQL cluster and a Redis of this script's own (ports 15610 and 15611; never the shared
// ones), against `hk-server serve` processes. Prints one line per figure; exits 1 if a goal is missed.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { type ServerProcess, spawnServer } from '../spawn-server.js';

const PG_PORT = Number(process.env.HK_FAULT_PG_PORT ?? 15610);
const REDIS_PORT = Number(process.env.HK_FAULT_REDIS_PORT ?? 15611);
const KILL_ROUNDS = Number(process.env.HK_FAULT_KILL_ROUNDS ?? 20);
const SIGTERM_ROUNDS = Number(process.env.HK_FAULT_SIGTERM_ROUNDS ?? 5);
const STREAM_ROUNDS = Number(process.env.HK_FAULT_STREAM_ROUNDS ?? 3);
/** `HK_FAULTS=sigtermDrain,idleStreams` runs only those measures (all by default). */
const ONLY = process.env.HK_FAULTS?.split(',').map((name) => name.trim());
// Named after its port, so runs with different ports (several engineers on one machine) do not collide.
const CLUSTER = `hkfaults${PG_PORT}`;
const adminUrl = `postgres://postgres@127.0.0.1:${PG_PORT}/postgres`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const figures: { name: string; value: string; ok: boolean }[] = [];
const report = (name: string, value: string, ok: boolean) => {
  figures.push({ name, value, ok });
  console.log(`${ok ? 'ok  ' : 'MISS'} ${name}: ${value}`);
};
const pgctl = (action: string) => execFileSync('pg_ctlcluster', ['15', CLUSTER, action], { stdio: 'ignore' });

function dropCluster() {
  execFileSync('pg_dropcluster', ['--stop', '15', CLUSTER], { stdio: 'ignore' });
}

async function withCluster<T>(run: () => Promise<T>): Promise<T> {
  try {
    dropCluster();
  } catch {
    // no cluster left over from an interrupted run
  }
  execFileSync('pg_createcluster', ['15', CLUSTER, '--port', String(PG_PORT), '--', '--auth=trust'], {
    stdio: 'ignore',
  });
  pgctl('start');
  try {
    return await run();
  } finally {
    dropCluster();
  }
}

async function freshDatabase(): Promise<string> {
  const name = `hk_faults_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return `postgres://postgres@127.0.0.1:${PG_PORT}/${name}`;
}

async function newOrg(server: ServerProcess, databaseUrl: string): Promise<string> {
  const { createOrganization } = await import('../../src/services/organizations.js');
  const { openDatabase } = await import('../../src/db/open.js');
  const { defaultDeps } = await import('../../src/deps.js');
  const handle = await openDatabase({ databaseUrl, maxConnections: 1 });
  try {
    return (await createOrganization(defaultDeps(handle.db), { name: `faults ${server.pid}` })).secret_key;
  } finally {
    await handle.close();
  }
}

const post = (base: string, key: string, email: string, idempotencyKey: string) =>
  fetch(`${base}/v1/leads`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify({ contact: { email } }),
    signal: AbortSignal.timeout(10_000),
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** User and system CPU time a process has used so far (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function countRows(databaseUrl: string, query: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(query, params)).rows;
  } finally {
    await client.end();
  }
}

/** 20 writers while PostgreSQL restarts: statuses while down, recovery time, acknowledged leads lost. */
async function postgresRestart() {
  const databaseUrl = await freshDatabase();
  const server = await spawnServer(databaseUrl, { LOG_LEVEL: 'warn' });
  const key = await newOrg(server, databaseUrl);
  const acknowledged = new Set<string>();
  const statuses = new Map<string, number>();
  let stopAt = 0;
  let restartedAt = 0;
  let firstSuccessAfter = 0;
  let stop = false;
  const writer = async () => {
    while (!stop) {
      const email = `${randomUUID()}@restart.example`;
      const at = performance.now();
      try {
        const response = await post(server.baseUrl, key, email, randomUUID());
        await response.arrayBuffer();
        if (stopAt && !firstSuccessAfter)
          statuses.set(String(response.status), (statuses.get(String(response.status)) ?? 0) + 1);
        if (response.status === 201) {
          acknowledged.add(email);
          if (restartedAt && !firstSuccessAfter && at >= restartedAt) firstSuccessAfter = performance.now();
        } else await sleep(50);
      } catch {
        statuses.set('network error', (statuses.get('network error') ?? 0) + 1);
        await sleep(50);
      }
    }
  };
  const writers = Array.from({ length: 20 }, writer);
  await sleep(1500);
  stopAt = performance.now();
  pgctl('stop');
  await sleep(3000);
  pgctl('start');
  restartedAt = performance.now();
  for (let waited = 0; waited < 20_000 && !firstSuccessAfter; waited += 100) await sleep(100);
  await sleep(1000);
  stop = true;
  await Promise.all(writers);
  const processAlive = alive(server.pid);
  const stored = await countRows(databaseUrl, 'select contact_email from leads');
  const storedEmails = new Set(stored.map((row) => row.contact_email));
  const lost = [...acknowledged].filter((email) => !storedEmails.has(email)).length;
  await server.stop();
  report('PostgreSQL restart: process alive', String(processAlive), processAlive);
  report(
    'PostgreSQL restart: statuses while down',
    JSON.stringify(Object.fromEntries(statuses)),
    !statuses.has('500'),
  );
  const recovery = firstSuccessAfter ? (firstSuccessAfter - restartedAt) / 1000 : Number.POSITIVE_INFINITY;
  report('PostgreSQL restart: seconds to recover after it is back', recovery.toFixed(2), recovery <= 5);
  report('PostgreSQL restart: acknowledged leads lost', `${lost} of ${acknowledged.size}`, lost === 0);
}

/**
 * SIGTERM with 20 writers busy, several times: how many requests are reset instead of answered.
 * Each reset request is retried with its idempotency key on a new server: a replay means the
 * drained server had done it and its answer was lost; a fresh 201 means it never reached the app
 * (its connection was still in the kernel's accept queue when the listener closed).
 */
async function sigtermDrain() {
  let answered = 0;
  const resets: ResetRequest[] = [];
  for (let round = 0; round < SIGTERM_ROUNDS; round++) {
    const outcome = await sigtermOnce();
    resets.push(...outcome.resets);
    answered += outcome.answered;
  }
  const processed = resets.filter((reset) => reset.processed).length;
  const causes = [...new Set(resets.map((reset) => reset.cause))].join('; ');
  report(
    `SIGTERM under load × ${SIGTERM_ROUNDS}: requests reset`,
    `${resets.length} (${answered} answered)` +
      (resets.length ? `, ${processed} of them done by the server (retry replayed): ${causes}` : ''),
    resets.length === 0,
  );
}

interface ResetRequest {
  cause: string;
  /** The retry with the same idempotency key was a replay: the server had done it. */
  processed: boolean;
}

async function sigtermOnce() {
  const databaseUrl = await freshDatabase();
  const server = await spawnServer(databaseUrl, { LOG_LEVEL: 'warn' });
  const key = await newOrg(server, databaseUrl);
  const failed: { cause: string; email: string; idempotencyKey: string }[] = [];
  let answered = 0;
  let stop = false;
  const writer = async () => {
    while (!stop) {
      const email = `${randomUUID()}@term.example`;
      const idempotencyKey = randomUUID();
      try {
        const response = await post(server.baseUrl, key, email, idempotencyKey);
        await response.arrayBuffer();
        answered++;
      } catch (error) {
        // After the listener closes, new connections are refused: that is not a reset request.
        const cause = String((error as Error).cause ?? error);
        if (!/ECONNREFUSED/.test(cause)) failed.push({ cause, email, idempotencyKey });
        return;
      }
    }
  };
  const writers = Array.from({ length: 20 }, writer);
  await sleep(1000);
  const exited = new Promise<number | null>((resolve) => {
    const check = setInterval(() => {
      if (!alive(server.pid)) {
        clearInterval(check);
        resolve(0);
      }
    }, 50);
  });
  process.kill(server.pid, 'SIGTERM');
  await exited;
  stop = true;
  await Promise.all(writers);
  const resets: ResetRequest[] = [];
  if (failed.length > 0) {
    const retryServer = await spawnServer(databaseUrl, { LOG_LEVEL: 'warn' });
    for (const { cause, email, idempotencyKey } of failed) {
      const response = await post(retryServer.baseUrl, key, email, idempotencyKey);
      await response.arrayBuffer();
      resets.push({ cause, processed: response.headers.get('idempotent-replayed') === 'true' });
    }
    await retryServer.stop();
  }
  return { resets, answered };
}

/** kill -9 at a random moment under load, restart, retry every request with its key. */
async function killNine() {
  const databaseUrl = await freshDatabase();
  let server = await spawnServer(databaseUrl, { LOG_LEVEL: 'warn' });
  const key = await newOrg(server, databaseUrl);
  const requests = new Map<string, string>(); // idempotency key -> email
  for (let round = 0; round < KILL_ROUNDS; round++) {
    const batch = Array.from({ length: 20 }, () => [randomUUID(), `${randomUUID()}@kill.example`] as const);
    for (const [idem, email] of batch) requests.set(idem, email);
    const base = server.baseUrl;
    const sending = batch.map(([idem, email]) =>
      post(base, key, email, idem).then(
        (r) => r.arrayBuffer(),
        () => {},
      ),
    );
    await sleep(Math.random() * 150);
    process.kill(server.pid, 'SIGKILL');
    await Promise.all(sending);
    server = await spawnServer(databaseUrl, { LOG_LEVEL: 'warn' });
  }
  // Every request retried until it has an answer: 201, or a replay of the first answer.
  let stuck = 0;
  for (const [idem, email] of requests) {
    let status = 0;
    for (let attempt = 0; attempt < 5 && status !== 201 && status !== 200; attempt++) {
      status = (await post(server.baseUrl, key, email, idem)).status;
      if (status === 409) await sleep(200);
    }
    if (status === 409) stuck++;
  }
  await server.stop();
  const duplicates = await countRows(
    databaseUrl,
    "select contact_email, count(*) from leads where contact_email like '%@kill.example' group by 1 having count(*) > 1",
  );
  const claims = await countRows(
    databaseUrl,
    "select count(*)::int as n from idempotency_keys where status = 'in_progress'",
  );
  report(
    `kill -9 × ${KILL_ROUNDS} with retries: duplicate leads`,
    String(duplicates.length),
    duplicates.length === 0,
  );
  report(
    `kill -9 × ${KILL_ROUNDS} with retries: stuck claims (409 on retry / in_progress rows)`,
    `${stuck} / ${claims[0].n}`,
    stuck === 0 && claims[0].n === 0,
  );
}

/** A frozen Redis (SIGSTOP) behind the rate limits: p99 of a `/v1` request. */
async function frozenRedis() {
  const redis = spawn(
    'redis-server',
    ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await sleep(500);
  // Whatever fails from here on, the Redis this measure started is stopped.
  try {
    const databaseUrl = await freshDatabase();
    const server = await spawnServer(databaseUrl, {
      LOG_LEVEL: 'error',
      REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
    });
    const key = await newOrg(server, databaseUrl);
    const get = async () => {
      const started = performance.now();
      await (
        await fetch(`${server.baseUrl}/v1/leads?limit=1`, { headers: { authorization: `Bearer ${key}` } })
      ).arrayBuffer();
      return performance.now() - started;
    };
    await get();
    redis.kill('SIGSTOP');
    const times: number[] = [];
    for (let i = 0; i < 100; i++) times.push(await get());
    times.sort((a, b) => a - b);
    const p99 = times[Math.floor(times.length * 0.99) - 1]!;
    report('Redis frozen: p99 of GET /v1/leads (ms)', p99.toFixed(0), p99 < 500);
    redis.kill('SIGCONT');
    await server.stop();
  } finally {
    redis.kill('SIGCONT');
    redis.kill('SIGTERM');
  }
}

interface Run {
  writes: number;
  seconds: number;
  cpuMs: number;
  /** CPU of this script meanwhile: the writers, and the clients reading the streams (same 2 cores). */
  clientCpuMs: number;
}
const total = (runs: Run[]) => {
  const sum = (field: keyof Run) => runs.reduce((acc, run) => acc + run[field], 0);
  return {
    rate: sum('writes') / sum('seconds'),
    cpu: sum('cpuMs') / sum('writes'),
    clientCpu: sum('clientCpuMs') / sum('writes'),
  };
};

/**
 * Write throughput and the server's CPU per write with 400 open event streams vs none, in one run
 * on one server. Idle streams are 20 other organisations × 20 streams (the default caps): no write
 * concerns them, which is the goal's case. Busy streams are 400 on the writing organisation (caps
 * raised): every write is an event each of them must send, a figure printed for comparison.
 */
async function idleStreams() {
  const databaseUrl = await freshDatabase();
  const server = await spawnServer(databaseUrl, {
    LOG_LEVEL: 'warn',
    HK_STREAMS_PER_KEY: '1000',
    HK_STREAMS_PER_ORGANIZATION: '1000',
    RATE_LIMIT_SECRET_PER_KEY: '1000000',
  });
  const controllers: AbortController[] = [];
  const openStreams = (keys: string[]) =>
    Promise.all(
      keys.map(async (streamKey) => {
        const controller = new AbortController();
        controllers.push(controller);
        const response = await fetch(`${server.baseUrl}/v1/events`, {
          headers: { authorization: `Bearer ${streamKey}` },
          signal: controller.signal,
        });
        if (response.status !== 200) throw new Error(`GET /v1/events answered ${response.status}`);
        response.body?.pipeTo(new WritableStream()).catch(() => {});
      }),
    );
  const closeStreams = async () => {
    for (const controller of controllers.splice(0)) controller.abort();
    await sleep(500);
  };
  try {
    const key = await newOrg(server, databaseUrl);
    const otherKeys: string[] = [];
    for (let i = 0; i < 20; i++) otherKeys.push(await newOrg(server, databaseUrl));
    /** Writes of 10 writers for `seconds`, and the server's CPU ms meanwhile. */
    const measure = async (seconds = 3): Promise<Run> => {
      const cpuBefore = cpuMs(server.pid);
      const clientBefore = process.cpuUsage();
      let done = 0;
      const until = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (performance.now() < until) {
            await (await post(server.baseUrl, key, `${randomUUID()}@tp.example`, randomUUID())).arrayBuffer();
            done++;
          }
        }),
      );
      const client = process.cpuUsage(clientBefore);
      return {
        writes: done,
        seconds,
        cpuMs: cpuMs(server.pid) - cpuBefore,
        clientCpuMs: (client.user + client.system) / 1000,
      };
    };
    await measure(1); // warm-up: JIT and pool connections, so "none" is not handicapped
    // Rounds alternate, so the load other processes put on the machine falls on all three alike.
    const runs = { none: [] as Run[], idle: [] as Run[], busy: [] as Run[] };
    for (let round = 0; round < STREAM_ROUNDS; round++) {
      runs.none.push(await measure());
      await openStreams(otherKeys.flatMap((otherKey) => Array.from({ length: 20 }, () => otherKey)));
      runs.idle.push(await measure());
      await closeStreams();
      await openStreams(Array.from({ length: 400 }, () => key));
      runs.busy.push(await measure());
      await closeStreams();
    }
    const [none, idle, busy] = [total(runs.none), total(runs.idle), total(runs.busy)];
    const share = (run: { rate: number }) => `${((run.rate / none.rate) * 100).toFixed(0)} %`;
    report(
      '400 idle streams (20 other orgs × 20): write throughput vs none (req/s)',
      `${idle.rate.toFixed(0)} vs ${none.rate.toFixed(0)} (${share(idle)})`,
      idle.rate / none.rate >= 0.9,
    );
    console.log(
      `     server CPU per write: ${idle.cpu.toFixed(1)} ms with the idle streams vs ${none.cpu.toFixed(1)} ms without`,
    );
    console.log(
      `     400 busy streams (all on the writing org, each sends every event): ${busy.rate.toFixed(0)} req/s ` +
        `(${share(busy)}), server CPU per write ${busy.cpu.toFixed(1)} ms`,
    );
    console.log(
      `     this script's CPU per write (writers + stream readers): ${none.clientCpu.toFixed(1)} ms none, ` +
        `${idle.clientCpu.toFixed(1)} ms idle, ${busy.clientCpu.toFixed(1)} ms busy; load ${readFileSync('/proc/loadavg', 'utf8').trim()}`,
    );
  } finally {
    await closeStreams();
    await server.stop();
  }
}

await withCluster(async () => {
  const measures = [postgresRestart, sigtermDrain, frozenRedis, idleStreams, killNine];
  for (const measure of measures.filter(({ name }) => !ONLY || ONLY.includes(name))) {
    try {
      await measure();
    } catch (error) {
      report(measure.name, `failed: ${(error as Error).message}`, false);
    }
  }
});
process.exit(figures.every((figure) => figure.ok) ? 0 : 1);

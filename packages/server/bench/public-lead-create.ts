/**
 * Public lead capture throughput and latency over a real socket on PostgreSQL, next to the raw
 * INSERT rate of the same database in the same run. A fresh database is created and dropped.
 *
 *   pnpm --filter @hidden-key/server bench      (TEST_DATABASE_URL, BENCH_REQUESTS, BENCH_CONCURRENCY)
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { openDatabase } from '../src/db/open.js';
import { defaultDeps } from '../src/deps.js';
import { issueApiKey } from '../src/services/issue-key.js';
import { createOrganization } from '../src/services/organizations.js';
import { listen } from '../test/socket-server.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REQUESTS = Number(process.env.BENCH_REQUESTS) || 2000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY) || 16;
const WARMUP = Math.min(200, REQUESTS / 10);
const UNLIMITED = { points: 1e9, durationSeconds: 60 };

/** Runs `task(i)` for i in [0, count) with `concurrency` in flight; returns each call's latency (ms) and the wall time. */
async function load(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await task(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

function summary(name: string, run: { latencies: number[]; seconds: number }) {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  return {
    name,
    'per second': Math.round(run.latencies.length / run.seconds),
    'p50 ms': Number(percentile(sorted, 0.5).toFixed(2)),
    'p99 ms': Number(percentile(sorted, 0.99).toFixed(2)),
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
  const deps = defaultDeps(handle.db);
  const org = await createOrganization(deps, { name: 'Bench' });
  const app = createApp({
    ...deps,
    rateLimits: { policies: { publicPerKey: UNLIMITED, publicPerIp: UNLIMITED, secretPerKey: UNLIMITED } },
  });
  const server = await listen(app.fetch);
  const publishable = await issueApiKey(deps, {
    organizationId: org.organization_id,
    type: 'publishable',
    allowedOrigins: [server.url],
  });

  const pool = new pg.Pool({ connectionString: url.toString(), max: CONCURRENCY });
  const rawInsert = (i: number) =>
    pool
      .query(
        `insert into leads (id, organization_id, source, contact_name, contact_email, attribution, consent, custom_fields)
         values ($1, $2, 'web_form', $3, $4, $5, $6, $7)`,
        [
          randomUUID(),
          org.organization_id,
          'Bench Seller',
          `raw-${i}-${randomUUID()}@example.com`,
          { utm_source: 'bench' },
          {
            text: 'You may call me.',
            version: '1',
            granted_at: new Date().toISOString(),
            ip: '127.0.0.1',
            user_agent: 'bench',
          },
          { page: 'bench' },
        ],
      )
      .then(() => undefined);

  const capture = async (i: number) => {
    const response = await fetch(`${server.url}/v1/public/leads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${publishable.key}`,
        'content-type': 'application/json',
        origin: server.url,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        contact: { name: 'Bench Seller', email: `form-${i}-${randomUUID()}@example.com`, phone: null },
        property: { address: '1 Bench Road', city: 'Austin', state: 'TX' },
        attribution: { utm_source: 'bench', landing_page: `${server.url}/sell` },
        consent: { text: 'You may call me.', version: '1' },
        custom_fields: { page: 'bench' },
        website: '',
        elapsed_ms: 5000,
      }),
    });
    if (response.status !== 201)
      throw new Error(`capture answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };

  await load(WARMUP, CONCURRENCY, rawInsert);
  await load(WARMUP, CONCURRENCY, capture);
  const raw = await load(REQUESTS, CONCURRENCY, rawInsert);
  const http = await load(REQUESTS, CONCURRENCY, capture);

  console.log(`\nPublic lead capture vs raw INSERT (PostgreSQL, ${REQUESTS} each, ${CONCURRENCY} in flight)`);
  console.table([
    summary('raw INSERT into leads (pg pool, baseline)', raw),
    summary('POST /v1/public/leads over a socket', http),
  ]);
  const ratio = raw.latencies.length / raw.seconds / (http.latencies.length / http.seconds);
  console.log(
    `capture costs ${ratio.toFixed(1)}x a raw INSERT (auth, rate limits, idempotency, dedup lock, event + NOTIFY)`,
  );

  await pool.end();
  await server.close();
} finally {
  await handle.close();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}

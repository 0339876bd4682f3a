/**
 * Lead creation through the whole stack (HTTP socket → Hono → validation → dedup → insert + event
 * in one transaction) against the raw INSERT rate of the same rows through the same driver
 * (node-postgres Pool), both at the same concurrency on a fresh PostgreSQL database.
 *
 *   pnpm --filter @hidden-key/server bench
 *   BENCH_REQUESTS=5000 BENCH_CONCURRENCY=32 pnpm --filter @hidden-key/server bench
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../src/db/open.js';
import { defaultDeps } from '../src/deps.js';
import { startServer } from '../src/server.js';
import { createOrganization } from '../src/services/organizations.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const WARMUP = 200;
const adminUrl =
  process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

interface Row {
  name: string;
  email: string;
  phone: string;
  address: string;
}

/** Distinct people, so every request creates a lead (no merges). Phones are valid US numbers. */
const PHONE_BLOCK = { warm: 0, api: 100_000, raw: 200_000 } as const;

const rowFor = (run: keyof typeof PHONE_BLOCK, i: number): Row => ({
  name: `Seller ${run} ${i}`,
  email: `seller.${run}.${i}@example.com`,
  phone: `+1512${String(2_000_000 + PHONE_BLOCK[run] + i).padStart(7, '0')}`,
  address: `${100 + (i % 9000)} Oak Street`,
});

async function runConcurrently(count: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const started = performance.now();
      await task(i);
      latencies[i] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return latencies;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

function report(label: string, latencies: number[], elapsedMs: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const rate = (latencies.length / elapsedMs) * 1000;
  console.log(
    `${label.padEnd(28)} ${rate.toFixed(0).padStart(6)} rows/s   p50 ${percentile(sorted, 0.5).toFixed(2)} ms   p99 ${percentile(sorted, 0.99).toFixed(2)} ms`,
  );
  return rate;
}

async function main() {
  const name = `hk_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), maxConnections: CONCURRENCY });
  try {
    await handle.migrate();
    const org = await createOrganization(defaultDeps(handle.db), { name: 'Bench' });
    const server = await startServer({ handle, port: 0, hostname: '127.0.0.1' });
    const post = async (row: Row) => {
      const response = await fetch(`http://127.0.0.1:${server.port}/v1/leads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org.secret_key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          source: 'bench',
          contact: { name: row.name, email: row.email, phone: row.phone },
          property: { address: row.address, city: 'Austin', state: 'TX' },
        }),
      });
      if (response.status !== 201)
        throw new Error(`POST /v1/leads answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };

    console.log(
      `lead creation: ${REQUESTS} rows, ${CONCURRENCY} in flight, PostgreSQL ${url.host}, Node ${process.version}\n`,
    );
    await runConcurrently(WARMUP, (i) => post(rowFor('warm', i)));

    let started = performance.now();
    const apiLatencies = await runConcurrently(REQUESTS, (i) => post(rowFor('api', i)));
    const apiRate = report('POST /v1/leads (HTTP)', apiLatencies, performance.now() - started);
    await server.close();

    if (handle.client.kind !== 'postgres') throw new Error('the bench runs on PostgreSQL');
    const pool = handle.client.pool;
    started = performance.now();
    const insertLatencies = await runConcurrently(REQUESTS, async (i) => {
      const row = rowFor('raw', i);
      await pool.query(
        `insert into leads (id, organization_id, source, contact_name, contact_email, contact_phone, property)
         values ($1, $2, 'bench', $3, $4, $5, $6)`,
        [
          randomUUID(),
          org.organization_id,
          row.name,
          row.email,
          row.phone,
          { address: row.address, city: 'Austin', state: 'TX' },
        ],
      );
    });
    const rawRate = report('raw INSERT (pg Pool)', insertLatencies, performance.now() - started);
    console.log(
      `\nAPI / raw INSERT: ${(apiRate / rawRate).toFixed(3)} (${(rawRate / apiRate).toFixed(1)}x cost per lead)`,
    );
  } finally {
    await handle.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();

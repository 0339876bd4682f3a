/**
 * Event latency across processes on PostgreSQL: a lead written through server process A until its
 * event reaches an SSE client of server process B, next to the raw NOTIFY round trip on the same
 * database (the floor any LISTEN/NOTIFY fan-out stands on) and the write request alone.
 *
 *   pnpm --filter @hidden-key/server bench      (BENCH_EVENTS=300, TEST_DATABASE_URL=postgres://...)
 */
import { performance } from 'node:perf_hooks';
import { HkEvent } from '@hidden-key/sdk/schemas';
import pg from 'pg';
import { openDatabase } from '../src/db/open.js';
import { defaultDeps } from '../src/deps.js';
import { createOrganization } from '../src/services/organizations.js';
import { spawnServer } from '../test/spawn-server.js';
import { openSse } from '../test/sse-client.js';
import { latencyLine, withScratchDatabase } from './support/postgres-stats.js';

const COUNT = Number(process.env.BENCH_EVENTS ?? 300);
const WARMUP = 20;
const line = (name: string, values: number[]) => latencyLine(name, values, 44);
const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** LISTEN on one connection, NOTIFY from another, one at a time: send to receive. */
async function notifyRoundTrips(databaseUrl: string): Promise<number[]> {
  const listener = new pg.Client({ connectionString: databaseUrl });
  const sender = new pg.Client({ connectionString: databaseUrl });
  await Promise.all([listener.connect(), sender.connect()]);
  await listener.query('listen hk_bench');
  let received: (() => void) | null = null;
  listener.on('notification', () => received?.());
  const samples: number[] = [];
  for (let i = 0; i < COUNT + WARMUP; i++) {
    const arrived = new Promise<void>((resolve) => {
      received = resolve;
    });
    const start = performance.now();
    await sender.query(`select pg_notify('hk_bench', $1)`, [
      JSON.stringify({ organization_id: 'x', id: String(i) }),
    ]);
    await arrived;
    if (i >= WARMUP) samples.push(performance.now() - start);
  }
  await Promise.all([listener.end(), sender.end()]);
  return samples;
}

async function eventLatencies(databaseUrl: string) {
  const handle = await openDatabase({ databaseUrl, maxConnections: 2 });
  await handle.migrate();
  const org = await createOrganization(defaultDeps(handle.db), { name: 'Bench' });
  const [writer, reader] = await Promise.all([spawnServer(databaseUrl), spawnServer(databaseUrl)]);
  const stream = await openSse(`${reader.baseUrl}/v1/events`, { authorization: `Bearer ${org.secret_key}` });
  const toEvent = [] as number[];
  const request = [] as number[];
  const afterResponse = [] as number[];
  try {
    for (let i = 0; i < COUNT + WARMUP; i++) {
      const start = performance.now();
      const delivered = stream.waitForMessages(i + 1).then(() => performance.now());
      const res = await fetch(`${writer.baseUrl}/v1/leads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org.secret_key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ contact: { email: `bench${i}@example.com` } }),
      });
      const { data } = (await res.json()) as { data: { id: string } };
      const answered = performance.now();
      const arrived = await delivered;
      const event = HkEvent.parse(JSON.parse(stream.messages[i]!.data));
      if (event.resource_id !== data.id) throw new Error(`Event ${i} is for another lead`);
      if (i >= WARMUP) {
        toEvent.push(arrived - start);
        request.push(answered - start);
        afterResponse.push(arrived - answered);
      }
    }
  } finally {
    stream.close();
    await Promise.all([writer.stop(), reader.stop()]);
    await handle.close();
  }
  return { toEvent, request, afterResponse };
}

await withScratchDatabase(adminUrl, 'hk_bench', async (databaseUrl) => {
  const notify = await notifyRoundTrips(databaseUrl);
  const { toEvent, request, afterResponse } = await eventLatencies(databaseUrl);
  console.log(`Event latency across two server processes on PostgreSQL (${COUNT} events, sequential)`);
  console.log(line('baseline: NOTIFY → LISTEN round trip', notify));
  console.log(line('POST /v1/leads on A (request → response)', request));
  console.log(line('POST /v1/leads on A → SSE event on B', toEvent));
  // Negative when the event overtakes the HTTP answer: the commit precedes both.
  console.log(line('A’s response → SSE event on B', afterResponse));
});

import { createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../src/app.js';
import { startJobWorker } from '../src/commands/worker.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { openDatabase } from '../src/db/open.js';
import { defaultDeps } from '../src/deps.js';
import { isDatabaseUnavailable } from '../src/middleware/errors.js';
import { redisStore } from '../src/middleware/rate-limit.js';
import { createMetrics } from '../src/observability/metrics.js';
import { startServer } from '../src/server.js';
import { createDatabaseHealth } from '../src/services/database-health.js';
import { createOrganization } from '../src/services/organizations.js';
import { createStreamRegistry } from '../src/services/realtime/stream-registry.js';
import { listen } from './socket-server.js';
import { stripeStandIn } from './stripe-stand-in.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const databaseUrl = inject('postgresUrl')!;

/** A pino logger whose lines the test reads back as objects. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgreSQL unreachable (through a relay the test stops and starts)', () => {
  let proxy: TcpProxy;
  let handle: DatabaseHandle;
  let secretKey: string;
  const { logger, lines } = capturedLogger();
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    const target = new URL(databaseUrl);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    target.host = `127.0.0.1:${proxy.port}`;
    handle = await openDatabase({ databaseUrl: target.toString(), maxConnections: 4 });
    const deps = { ...defaultDeps(handle.db), logger };
    secretKey = (await createOrganization(deps, { name: 'Outage Org' })).secret_key;
    app = createApp(deps);
  });
  afterAll(async () => {
    await handle?.close().catch(() => {});
    await proxy?.close();
  });

  it('answers 503 with Retry-After, logs one line for the outage, and recovers by itself', async () => {
    const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${secretKey}` } });
    expect((await get('/v1/leads')).status).toBe(200);
    await proxy.stop();

    const started = performance.now();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const response = await get('/v1/leads');
      statuses.push(response.status);
      if (i === 0) {
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect((await response.json()).code).toBe('service_unavailable');
      }
    }
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(new Set(statuses)).toEqual(new Set([503]));
    expect((await get('/readyz')).status).toBe(503);
    expect((await get('/healthz')).status).toBe(200);
    const outageLines = lines.filter((line) => String(line.msg).startsWith('database unreachable'));
    expect(outageLines).toHaveLength(1);
    // Each 503 is a warning; the outage's one error line is the one above.
    const refusals = lines.filter((line) => line.status === 503 && line.route === '/v1/leads');
    expect(refusals.map((line) => line.level)).toEqual(Array(10).fill(40));

    await proxy.start();
    let recovered = false;
    for (let waited = 0; waited < 10_000 && !recovered; waited += 100) {
      await sleep(100);
      recovered = (await get('/v1/leads')).status === 200;
    }
    expect(recovered).toBe(true);
    expect(lines.filter((line) => line.msg === 'database reachable again')).toHaveLength(1);
    expect((await get('/readyz')).status).toBe(200);
  });

  it('takes a refused connection to another service for what it is: the database is only down when it fails too', async () => {
    const captured = capturedLogger();
    const health = createDatabaseHealth(handle.db, captured.logger, 100);
    // What a fetch to an SMS provider or a webhook receiver on a closed port throws.
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    });
    try {
      expect(isDatabaseUnavailable(refused)).toBe(true);
      expect(await health.reportFailure(refused)).toBe(false);
      expect(health.down).toBe(false);
      expect(captured.lines).toEqual([]);

      await proxy.stop();
      try {
        expect(await health.reportFailure(refused)).toBe(true);
        expect(health.down).toBe(true);
      } finally {
        await proxy.start();
      }
      for (let waited = 0; waited < 10_000 && health.down; waited += 100) await sleep(100);
      expect(captured.lines.map((line) => line.msg)).toEqual([
        'database unreachable; answering 503 until it is back',
        'database reachable again',
      ]);
    } finally {
      health.close();
    }
  });

  it('the job worker logs one line when the database goes and one when it is back, not one per poll', async () => {
    const captured = capturedLogger();
    // Started during the outage, so joining the retention chain fails too: it must count as the
    // same outage (and be retried), not as a line of its own.
    await proxy.stop();
    const worker = startJobWorker(handle.db, { logger: captured.logger });
    try {
      // Its LISTEN and its first looks at the table fail meanwhile.
      await sleep(2_000);
      expect(captured.lines.map((line) => line.msg)).toEqual([
        'database unreachable; the worker retries until it is back',
      ]);
      await proxy.start();
      for (let waited = 0; waited < 10_000 && captured.lines.length < 2; waited += 100) await sleep(100);
      expect(captured.lines.map((line) => line.msg)).toEqual([
        'database unreachable; the worker retries until it is back',
        'database reachable again',
      ]);
    } finally {
      await proxy.start().catch(() => {});
      await worker.stop();
    }
  });
});

describe('a served instance', () => {
  let handle: DatabaseHandle;
  let secretKey: string;
  const { logger, lines } = capturedLogger();

  beforeAll(async () => {
    handle = await openDatabase({ databaseUrl, maxConnections: 6 });
    secretKey = (await createOrganization(defaultDeps(handle.db), { name: 'Ops Org' })).secret_key;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('drains on close: in-flight requests finish, streams end with retry:, new connections are refused', async () => {
    let started = 0;
    const server = await startServer({
      handle,
      port: 0,
      hostname: '127.0.0.1',
      deps: { logger },
      shutdownTimeoutMs: 5000,
      routes: (app) =>
        app.get('/slow', async (c) => {
          started++;
          await sleep(400);
          return c.json({ done: true });
        }),
    });
    const base = `http://127.0.0.1:${server.port}`;
    const stream = await fetch(`${base}/v1/events`, { headers: { authorization: `Bearer ${secretKey}` } });
    expect(stream.status).toBe(200);
    const streamText = stream.text();
    const inFlight = Array.from({ length: 10 }, () => fetch(`${base}/slow`).then((res) => res.status));
    // Close once all ten are in the handler: a connection still in the kernel's accept queue when
    // the listener closes is reset by the kernel, which no drain can answer (see DEPLOYMENT.md).
    while (started < 10) await sleep(10);
    const closed = server.close();
    expect(await Promise.all(inFlight)).toEqual(Array(10).fill(200));
    expect(await streamText).toMatch(/retry: \d+\n\n$/);
    await closed;
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('caps event streams per key, writes one JSON line per request without secrets, and serves metrics', async () => {
    const metrics = createMetrics(handle.client.kind === 'postgres' ? { pool: handle.client.pool } : {});
    const app = createApp({
      ...defaultDeps(handle.db),
      logger,
      metrics,
      metricsToken: 'metrics-secret',
      realtime: { streams: createStreamRegistry({ perKey: 2, perOrganization: 5 }) },
    });
    const socket = await listen(app.fetch);
    try {
      const open = () =>
        fetch(`${socket.url}/v1/events`, { headers: { authorization: `Bearer ${secretKey}` } });
      const first = await open();
      const second = await open();
      const third = await open();
      expect([first.status, second.status, third.status]).toEqual([200, 200, 429]);
      await first.body?.cancel();
      await sleep(200);
      const again = await open();
      expect(again.status).toBe(200);
      await second.body?.cancel();
      await again.body?.cancel();

      const before = lines.length;
      await fetch(`${socket.url}/v1/leads/00000000-0000-4000-8000-000000000000`, {
        headers: { authorization: `Bearer ${secretKey}`, 'x-request-id': 'req-log-check' },
      });
      const line = lines.slice(before).find((entry) => entry.request_id === 'req-log-check');
      expect(line).toMatchObject({ method: 'GET', route: '/v1/leads/:id', status: 404 });
      expect(typeof line?.duration_ms).toBe('number');
      expect(line?.organization_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(lines)).not.toContain(secretKey);

      expect((await fetch(`${socket.url}/metrics`)).status).toBe(401);
      const text = await (
        await fetch(`${socket.url}/metrics`, { headers: { authorization: 'Bearer metrics-secret' } })
      ).text();
      expect(text).toMatch(/http_requests_total\{method="GET",route="\/v1\/leads\/:id",status="404"\} 1/);
      expect(text).toMatch(
        /http_request_duration_seconds_bucket\{le="[\d.]+",method="GET",route="\/v1\/events"/,
      );
      expect(text).toMatch(/db_pool_connections_in_use \d+/);
      expect(text).toMatch(/event_streams_open 0/);
    } finally {
      await socket.close();
    }
  });

  it('rate-limits failed authentication per IP, before looking keys up, sparing keys it has seen work', async () => {
    const stripe = stripeStandIn();
    const app = createApp({
      ...defaultDeps(handle.db),
      rateLimits: { policies: { authFailuresPerIp: { points: 3, durationSeconds: 60 } } },
      inbound: {
        twilioAuthToken: null,
        twilioDefaultNumber: null,
        stripeWebhookSecret: stripe.secret,
        publicUrl: null,
      },
    });
    const socket = await listen(app.fetch);
    try {
      const call = (key: string) =>
        fetch(`${socket.url}/v1/leads`, { headers: { authorization: `Bearer ${key}` } }).then((res) => res);
      // A colleague's key that worked before the failures began, from the same address.
      expect((await call(secretKey)).status).toBe(200);
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await call(`sk_guess_${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect((await call(secretKey)).status).toBe(200);

      // A key this instance has not seen work is refused before it is looked up, with the limit's headers.
      const unseen = (await createOrganization(defaultDeps(handle.db), { name: 'Unseen Org' })).secret_key;
      const blocked = await call(unseen);
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(blocked.headers.get('ratelimit-policy')).toBe('3;w=60');
      expect(blocked.headers.get('ratelimit-remaining')).toBe('0');
      expect(blocked.headers.get('ratelimit-reset')).toBe(blocked.headers.get('retry-after'));

      // A signed webhook is no guess at a key: it is checked (a STOP must not be lost) and, when
      // its signature fails, not counted against the address either.
      const inbound = `${socket.url}/v1/inbound/stripe`;
      const event = stripe.event('invoice.finalized', { id: 'in_1', object: 'invoice' });
      expect((await stripe.send(inbound, event)).status).toBe(200);
      expect((await stripe.send(inbound, event, { signWith: 'whsec_wrong' })).status).toBe(401);
    } finally {
      await socket.close();
    }
  });
});

describe('a frozen Redis (accepts connections, never answers)', () => {
  let frozen: Server;
  let port: number;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    frozen = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => frozen.listen(0, '127.0.0.1', resolve));
    port = (frozen.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => frozen.close(resolve));
  });

  it.each(['memory', 'open', 'closed'] as const)(
    'times limits out in 250 ms, then fails %s',
    async (mode) => {
      const handle = await openDatabase({ databaseUrl, maxConnections: 2 });
      // Connected (lazyConnect off, the socket opens) but every command hangs, as with SIGSTOP.
      const redis = new Redis({
        port,
        host: '127.0.0.1',
        commandTimeout: 250,
        maxRetriesPerRequest: 0,
        enableReadyCheck: false,
      });
      redis.on('error', () => {});
      try {
        const deps = defaultDeps(handle.db);
        const { secret_key } = await createOrganization(deps, { name: `Frozen ${mode}` });
        const app = createApp({
          ...deps,
          rateLimits: { store: redisStore(redis, 'hk:test', mode), onStoreFailure: mode },
        });
        const started = performance.now();
        const response = await app.request('/v1/leads', {
          headers: { authorization: `Bearer ${secret_key}` },
        });
        const elapsed = performance.now() - started;
        expect(response.status).toBe(mode === 'closed' ? 503 : 200);
        expect(elapsed).toBeLessThan(2000);
      } finally {
        redis.disconnect();
        await handle.close();
      }
    },
  );
});

import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiResponse, useTestServer } from '../../test/harness.js';
import { type App, createApp } from '../app.js';
import { memoryStore, type RateLimitPolicies, type RateLimitStore, redisStore } from './rate-limit.js';

const server = useTestServer();
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
/** This run's own Redis keys, so parallel runs on the machine never share counters. */
const RUN_PREFIX = `hk:test:rl:${process.pid}:${randomUUID()}`;

const redisClients: Redis[] = [];
function redis(url = REDIS_URL) {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: false });
  client.on('error', () => {});
  redisClients.push(client);
  return client;
}

afterAll(async () => {
  const [client] = redisClients;
  if (client?.status === 'ready') {
    const keys = await client.keys(`${RUN_PREFIX}*`);
    if (keys.length) await client.del(...keys);
  }
  for (const client of redisClients) client.disconnect();
});

const tight: Partial<RateLimitPolicies> = {
  publicPerKey: { points: 3, durationSeconds: 60 },
  publicPerIp: { points: 2, durationSeconds: 60 },
  secretPerKey: { points: 2, durationSeconds: 60 },
};

let originCount = 0;
async function captureOrg() {
  const origin = `https://rl-${process.pid}-${++originCount}.example`;
  return { ...(await server.newOrg({ allowedOrigins: [origin] })), origin };
}

async function submit(
  app: App,
  org: Awaited<ReturnType<typeof captureOrg>>,
  ip: string,
): Promise<ApiResponse> {
  const response = await app.request(
    '/v1/public/leads',
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${org.publishable_key}`,
        'content-type': 'application/json',
        origin: org.origin,
      },
      body: JSON.stringify({ contact: { email: `${randomUUID()}@example.com` }, elapsed_ms: 5000 }),
    },
    { incoming: { socket: { remoteAddress: ip } } },
  );
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function waitForReady(client: Redis) {
  if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
}

const withLimits = (store: RateLimitStore) =>
  createApp({ ...server.deps, rateLimits: { store, policies: tight } });

/**
 * Two app instances: with Redis they are separate instances sharing one store, as behind a load
 * balancer; the memory store lives inside one instance, so there both are the same app.
 */
const setups: [string, () => Promise<readonly [App, App]>][] = [
  [
    'memory store',
    async () => {
      const app = withLimits(memoryStore());
      return [app, app];
    },
  ],
  [
    'Redis store (two instances sharing 127.0.0.1:6379)',
    async () => {
      const [a, b] = [redis(), redis()];
      await Promise.all([waitForReady(a), waitForReady(b)]);
      const prefix = `${RUN_PREFIX}:${randomUUID()}`;
      return [withLimits(redisStore(a, prefix)), withLimits(redisStore(b, prefix))];
    },
  ],
];

describe.each(setups)('rate limits with the %s', (_name, apps) => {
  it('limits capture per client IP with RateLimit headers, then 429 + Retry-After', async () => {
    const [a, b] = await apps();
    const org = await captureOrg();
    const first = await submit(a, org, '198.51.100.1');
    expect(first.status).toBe(201);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect(first.headers.get('ratelimit-policy')).toBe('2;w=60, 3;w=60');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect((await submit(b, org, '198.51.100.1')).status).toBe(201);

    const limited = await submit(a, org, '198.51.100.1');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ success: false, code: 'rate_limited' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('access-control-allow-origin')).toBe(org.origin);

    const list = await org.call('GET', '/v1/leads');
    expect(list.body.data.items).toHaveLength(2);
  });

  it('limits capture per publishable key across client IPs', async () => {
    const [a, b] = await apps();
    const org = await captureOrg();
    const statuses = [];
    for (const [index, app] of [a, b, a, b].entries()) {
      statuses.push((await submit(app, org, `192.0.2.${index + 1}`)).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    const other = await captureOrg();
    expect((await submit(b, other, '192.0.2.200')).status).toBe(201);
  });

  it('does not charge the publishable key for captures refused by their IP’s own limit', async () => {
    const [a, b] = await apps();
    const org = await captureOrg();
    // One IP sends 5: 2 accepted, 3 refused by its limit of 2. The key (3) is charged only the 2.
    const statuses = [];
    for (const app of [a, b, a, b, a]) statuses.push((await submit(app, org, '203.0.113.7')).status);
    expect(statuses).toEqual([201, 201, 429, 429, 429]);
    const visitor = await submit(b, org, '203.0.113.8');
    expect(visitor.status).toBe(201);
    // The key's third and last point: its limit is now the tightest.
    expect(visitor.headers.get('ratelimit-limit')).toBe('3');
    expect(visitor.headers.get('ratelimit-remaining')).toBe('0');
    expect((await submit(a, org, '203.0.113.9')).status).toBe(429);
  });

  it('limits secret keys per key', async () => {
    const [a, b] = await apps();
    const org = await server.newOrg();
    const call = (app: App) =>
      app.request('/v1/leads', { headers: { authorization: `Bearer ${org.secret_key}` } });
    expect((await call(a)).status).toBe(200);
    expect((await call(b)).headers.get('ratelimit-remaining')).toBe('0');
    const limited = await call(a);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const other = await server.newOrg();
    expect(
      (await b.request('/v1/leads', { headers: { authorization: `Bearer ${other.secret_key}` } })).status,
    ).toBe(200);
  });
});

describe('the Redis store when Redis is down', () => {
  it('falls back to each instance’s memory counters and still limits', async () => {
    const dead = redis('redis://127.0.0.1:1');
    const app = withLimits(redisStore(dead, RUN_PREFIX));
    const org = await captureOrg();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await submit(app, org, '198.51.100.99')).status);
    expect(statuses).toEqual([201, 201, 429]);
  });
});

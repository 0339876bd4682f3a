import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { events, leadSubmissions, leads } from '../src/db/schema.js';
import { asSystem } from '../src/db/tenant.js';
import { callAs, useTestServer } from './harness.js';

/**
 * Racing submissions of one person over the pool's concurrent connections (PostgreSQL only: one
 * PGlite connection serialises everything). A new lead's dedup locks and its insert travel in one
 * round trip as two pipelined statements; this is what shows the insert still reads after the locks.
 */
const server = useTestServer();
const UNLIMITED = { points: 1e9, durationSeconds: 60 };
const unlimitedApp = () =>
  createApp({
    ...server.deps,
    rateLimits: { policies: { publicPerKey: UNLIMITED, publicPerIp: UNLIMITED, secretPerKey: UNLIMITED } },
  });

/**
 * `count` calls, 32 in flight at any time (more than the pool's connections, so they queue on the
 * locks, as behind a busy HTTP server; unbounded, they would time out waiting for a connection).
 */
async function racing<T>(count: number, call: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await call(i);
      }
    }),
  );
  return results;
}

const leadsOf = (organizationId: string) =>
  asSystem(server.handle.db, (tx) =>
    tx.select({ id: leads.id }).from(leads).where(eq(leads.organizationId, organizationId)),
  );

describe('racing duplicates', () => {
  // 120 s: on a loaded machine (a bench on the same cores) this takes several times its usual 10 s.
  it('turns 1,000 racing submissions of one person (email and phone written differently) into one lead', async () => {
    const org = await server.newOrg();
    const call = callAs(unlimitedApp(), org.secret_key);
    const contacts = [
      { email: 'racer@example.com', phone: '+15125550142' },
      { email: 'Racer@Example.com', phone: '512 555 0142' },
      { email: 'RACER@example.com', phone: '(512) 555-0142' },
    ];
    const results = await racing(1000, (i) =>
      call('POST', '/v1/leads', { source: 'race', contact: { name: `Racer ${i}`, ...contacts[i % 3] } }),
    );
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 200)).toHaveLength(999);
    expect(new Set(results.map((result) => result.body.data.id)).size).toBe(1);
    expect(await leadsOf(org.organization_id)).toHaveLength(1);
    const created = await asSystem(server.handle.db, (tx) =>
      tx
        .select({ id: events.id })
        .from(events)
        .where(and(eq(events.organizationId, org.organization_id), eq(events.type, 'lead.created'))),
    );
    expect(created).toHaveLength(1);
  }, 120_000);

  it('turns 200 racing public submissions of one person into one lead and 200 submissions', async () => {
    const origin = 'https://race.example';
    const org = await server.newOrg({ allowedOrigins: [origin] });
    const app = unlimitedApp();
    const results = await racing(200, async (i) =>
      app.request('/v1/public/leads', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${org.publishable_key}`,
          'content-type': 'application/json',
          origin,
        },
        body: JSON.stringify({
          contact: { name: `Racer ${i}`, email: 'public.racer@example.com' },
          website: '',
          elapsed_ms: 5000,
        }),
      }),
    );
    expect(results.map((result) => result.status)).toEqual(Array(200).fill(201));
    const ids = await Promise.all(results.map(async (result) => (await result.json()).data.id));
    expect(new Set(ids).size).toBe(1);
    expect(await leadsOf(org.organization_id)).toHaveLength(1);
    const submissions = await asSystem(server.handle.db, (tx) =>
      tx
        .select({ resubmission: leadSubmissions.resubmission })
        .from(leadSubmissions)
        .where(eq(leadSubmissions.organizationId, org.organization_id)),
    );
    expect(submissions).toHaveLength(200);
    expect(submissions.filter((submission) => !submission.resubmission)).toHaveLength(1);
  });
});

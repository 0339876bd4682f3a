import { asc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activities, events, investors, leads, opportunities } from '../src/db/schema.js';
import { type TestOrg, useTestServer } from './harness.js';

const server = useTestServer();

type Route = { method: string; path: (id: string) => string; body: boolean; query: boolean };

const RESOURCES = ['leads', 'opportunities', 'activities', 'investors'] as const;
const ROUTES: Route[] = [
  ...RESOURCES.flatMap((resource): Route[] => [
    { method: 'POST', path: () => `/v1/${resource}`, body: true, query: false },
    { method: 'GET', path: () => `/v1/${resource}`, body: false, query: true },
    { method: 'GET', path: (id) => `/v1/${resource}/${id}`, body: false, query: false },
    { method: 'PATCH', path: (id) => `/v1/${resource}/${id}`, body: true, query: false },
    { method: 'DELETE', path: (id) => `/v1/${resource}/${id}`, body: false, query: false },
  ]),
  { method: 'POST', path: (id) => `/v1/opportunities/${id}/move`, body: true, query: false },
  { method: 'GET', path: () => '/v1/pipeline', body: false, query: false },
  { method: 'POST', path: () => '/v1/ai/content', body: true, query: false },
  { method: 'POST', path: () => '/v1/ai/analyze-deal', body: true, query: false },
];

/** JSON that is never a plain object: arrays, strings, numbers, null. */
const nonObjectJson = fc
  .jsonValue()
  .filter((value) => typeof value !== 'object' || value === null || Array.isArray(value));
/** An object that always carries a field no input schema knows, so strict schemas must refuse it. */
const objectWithUnknownField = fc
  .tuple(
    fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })),
    fc.string({ maxLength: 8 }),
    fc.jsonValue({ maxDepth: 1 }),
  )
  .map(([object, suffix, value]) => JSON.stringify({ ...object, [`zz_${suffix}`]: value }));
const notJson = fc.string({ maxLength: 200 }).filter((text) => {
  try {
    const parsed = JSON.parse(text);
    return typeof parsed !== 'object' || parsed === null || Array.isArray(parsed);
  } catch {
    return true;
  }
});
const junkBody = fc.oneof(
  nonObjectJson.map((value) => JSON.stringify(value)),
  objectWithUnknownField,
  notJson,
);

/** Query strings that always carry an unknown parameter or an impossible value. */
const junkQuery = fc.oneof(
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 }))
    .map(([key, value]) => `zz_${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
  fc.integer({ min: 101 }).map((limit) => `limit=${limit}`),
  fc.string({ maxLength: 30 }).map((cursor) => `cursor=${encodeURIComponent(`!${cursor}`)}`),
  fc.string({ maxLength: 20 }).map((status) => `status=zz${encodeURIComponent(status)}`),
);

const junkId = (existing: string[]) =>
  fc.oneof(
    fc.constantFrom(...existing),
    fc.uuid(),
    fc.string({ minLength: 1, maxLength: 60 }).map((text) => encodeURIComponent(text).replace(/\./g, '%2E')),
  );

const junkHeaders = (org: TestOrg) =>
  fc.record({
    authorization: fc.oneof(
      fc.constant(`Bearer ${org.secret_key}`),
      fc.constant(`Bearer ${org.secret_key}`),
      fc.constant(`Bearer ${org.publishable_key}`),
      fc.string({ maxLength: 80 }).map((text) => `Bearer sk_${text.replace(/[^\x21-\x7e]/g, '')}`),
    ),
    'content-type': fc.oneof(
      fc.constant('application/json'),
      fc.constant('application/json'),
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
      ),
    ),
    'idempotency-key': fc.option(
      fc.string({ minLength: 1, maxLength: 40 }).map((key) => key.replace(/[^\x21-\x7e]/g, 'k')),
      { nil: undefined },
    ),
  });

async function snapshot(organizationId: string) {
  const { db } = server.deps;
  return {
    leads: await db
      .select()
      .from(leads)
      .where(eq(leads.organizationId, organizationId))
      .orderBy(asc(leads.id)),
    opportunities: await db
      .select()
      .from(opportunities)
      .where(eq(opportunities.organizationId, organizationId))
      .orderBy(asc(opportunities.id)),
    activities: await db
      .select()
      .from(activities)
      .where(eq(activities.organizationId, organizationId))
      .orderBy(asc(activities.id)),
    investors: await db
      .select()
      .from(investors)
      .where(eq(investors.organizationId, organizationId))
      .orderBy(asc(investors.id)),
    events: await db.select({ id: events.id }).from(events).where(eq(events.organizationId, organizationId)),
  };
}

describe('generated junk', () => {
  it('gets a 4xx envelope from every route and changes nothing', async () => {
    const org = await server.newOrg();
    const lead = (await org.call('POST', '/v1/leads', { contact: { name: 'Existing' } })).body.data;
    const deal = (await org.call('POST', '/v1/opportunities', { lead_id: lead.id })).body.data;
    const activity = (await org.call('POST', '/v1/activities', { type: 'note' })).body.data;
    const investor = (await org.call('POST', '/v1/investors', { name: 'Buyer' })).body.data;
    const existing = [lead.id, deal.id, activity.id, investor.id];
    const before = await snapshot(org.organization_id);

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        junkId(existing),
        junkBody,
        junkQuery,
        junkHeaders(org),
        async (route, id, body, query, headers) => {
          const sendHeaders: Record<string, string> = { ...(headers as Record<string, string>) };
          // A route without body or query fails on its id or credential alone: with an existing id
          // (or no id at all) and a valid key it would succeed, so the credential is made junk.
          // Compared, not searched: a short junk id such as "l" is also a substring of `/v1/pipeline`.
          const idInPath = route.path(id) !== route.path(`x${id}`);
          const couldSucceed = !route.body && !route.query && (!idInPath || existing.includes(id));
          if (couldSucceed && headers.authorization === `Bearer ${org.secret_key}`) {
            sendHeaders.authorization = 'Bearer sk_wrong';
          }
          if (sendHeaders['idempotency-key'] === undefined) delete sendHeaders['idempotency-key'];
          const path = `${route.path(id)}${route.query ? `?${query}` : ''}`;
          const response = await server.raw(path, {
            method: route.method,
            headers: sendHeaders,
            body: route.body ? body : undefined,
          });
          expect(response.status, `${route.method} ${path} ${body}`).toBeGreaterThanOrEqual(400);
          expect(response.status, `${route.method} ${path} ${body}`).toBeLessThan(500);
          expect(response.body.success).toBe(false);
          expect(response.headers.get('x-request-id')).toBeTruthy();
        },
      ),
      { numRuns: 300 },
    );

    expect(await snapshot(org.organization_id)).toEqual(before);
  });
});

import { afterAll, describe, expect, inject, it } from 'vitest';
import { createFetchHandler, createNetlifyHandler } from '../src/adapters/fetch-handler.js';
import { openDatabase } from '../src/db/open.js';
import { defaultDeps } from '../src/deps.js';
import { createOrganization } from '../src/services/organizations.js';

const databaseUrl = inject('postgresUrl')!;
const env = { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' };

describe('the app as a fetch handler, invoked the way a serverless platform does', () => {
  const fetchHandler = createFetchHandler({ env });
  afterAll(() => fetchHandler.close());

  it('answers a Request with a Response, reusing one app across invocations', async () => {
    const handle = await openDatabase({ databaseUrl, maxConnections: 1 });
    const { secret_key } = await createOrganization(defaultDeps(handle.db), { name: 'Serverless Org' });
    await handle.close();

    const health = await fetchHandler(new Request('https://hk.example.netlify.app/healthz'));
    expect(health.status).toBe(200);
    const created = await fetchHandler(
      new Request('https://hk.example.netlify.app/v1/leads', {
        method: 'POST',
        headers: { authorization: `Bearer ${secret_key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ contact: { email: 'lambda@example.com' } }),
      }),
    );
    expect(created.status).toBe(201);
    const listed = await fetchHandler(
      new Request('https://hk.example.netlify.app/v1/leads', {
        headers: { authorization: `Bearer ${secret_key}` },
      }),
    );
    expect(
      (await listed.json()).data.items.map((lead: { contact: { email: string } }) => lead.contact.email),
    ).toEqual(['lambda@example.com']);
  });

  it('as a Netlify Functions v2 default export: (Request, Context) => Response', async () => {
    const netlify = createNetlifyHandler({ env });
    const context = { ip: '203.0.113.9', geo: {}, requestId: 'nf-1' };
    const response = await netlify(new Request('https://hk.example.netlify.app/v1/nowhere'), context);
    expect(response.status).toBe(404);
    expect((await response.json()).code).toBe('not_found');
  });

  it('says plainly when it has no database, as 503, and tries again on the next request', async () => {
    const unconfigured = createFetchHandler({ env: {} });
    const response = await unconfigured(new Request('https://hk.example.netlify.app/healthz'));
    expect(response.status).toBe(503);
    expect((await response.json()).error).toMatch(/DATABASE_URL/);
  });
});

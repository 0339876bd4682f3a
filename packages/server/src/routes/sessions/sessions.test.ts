import { Session } from '@hidden-key/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { createApp } from '../../app.js';

const server = useTestServer();

const bearer = (token: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${token}`,
  ...extra,
});
const json = { 'content-type': 'application/json' };

async function mint(secretKey: string, body: object = {}) {
  const res = await server.raw('/v1/sessions', {
    method: 'POST',
    headers: bearer(secretKey, json),
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return Session.parse(res.body.data);
}

/** Flips one character of the payload segment: the signature no longer matches. */
function tamper(token: string) {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  claims.ro = false;
  claims.org = '00000000-0000-4000-8000-000000000000';
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('POST /v1/sessions', () => {
  it('mints a token scoped to the organisation that reads and writes its data', async () => {
    const org = await server.newOrg();
    const before = Date.now();
    const session = await mint(org.secret_key, { ttl_seconds: 600, subject: 'user-42' });
    expect(session.organization_id).toBe(org.organization_id);
    expect(session.read_only).toBe(false);
    const expiresIn = Date.parse(session.expires_at) - before;
    expect(expiresIn).toBeGreaterThan(590_000);
    expect(expiresIn).toBeLessThanOrEqual(601_000);

    const created = await server.raw('/v1/leads', {
      method: 'POST',
      headers: bearer(session.token, json),
      body: JSON.stringify({ contact: { email: 'portal@example.com' } }),
    });
    expect(created.status).toBe(201);
    expect(created.body.data.organization_id).toBe(org.organization_id);
    const listed = await server.raw('/v1/leads', { headers: bearer(session.token) });
    expect(listed.body.data.items.map((lead: { id: string }) => lead.id)).toEqual([created.body.data.id]);
  });

  it('keeps another organisation’s data out of reach', async () => {
    const mine = await server.newOrg();
    const theirs = await server.newOrg();
    const lead = await theirs.call('POST', '/v1/leads', { contact: { email: 'theirs@example.com' } });
    const session = await mint(mine.secret_key);
    const res = await server.raw(`/v1/leads/${lead.body.data.id}`, { headers: bearer(session.token) });
    expect(res.status).toBe(404);
  });

  it('lets a read-only token GET but refuses its writes with 403', async () => {
    const org = await server.newOrg();
    const lead = await org.call('POST', '/v1/leads', { contact: { email: 'ro@example.com' } });
    const session = await mint(org.secret_key, { read_only: true });
    expect(session.read_only).toBe(true);
    expect(
      (await server.raw(`/v1/leads/${lead.body.data.id}`, { headers: bearer(session.token) })).status,
    ).toBe(200);
    const writes = [
      server.raw('/v1/leads', { method: 'POST', headers: bearer(session.token, json), body: '{}' }),
      server.raw(`/v1/leads/${lead.body.data.id}`, {
        method: 'PATCH',
        headers: bearer(session.token, json),
        body: JSON.stringify({ status: 'lost' }),
      }),
      server.raw(`/v1/leads/${lead.body.data.id}`, { method: 'DELETE', headers: bearer(session.token) }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    expect((await org.call('GET', `/v1/leads/${lead.body.data.id}`)).body.data.status).toBe('new');
  });

  it('keeps the organisation’s integrations from a read-only token, reads included', async () => {
    const org = await server.newOrg();
    const hook = await org.call('POST', '/v1/webhook-endpoints', {
      url: 'https://93.184.216.34/catch/123/capability-token',
      events: ['lead.created'],
    });
    expect(hook.status).toBe(201);
    const source = await org.call('POST', '/v1/inbound-sources', { name: 'Zillow feed' });
    expect(source.status).toBe(201);
    const lead = await org.call('POST', '/v1/leads', { contact: { email: 'exported@example.com' } });
    const readOnly = await mint(org.secret_key, { read_only: true });
    const full = await mint(org.secret_key);
    const paths = [
      // A lead's export holds its events' webhook deliveries, and so their endpoints' errors.
      `/v1/leads/${lead.body.data.id}/export`,
      '/v1/webhook-endpoints',
      `/v1/webhook-endpoints/${hook.body.data.id}`,
      `/v1/webhook-endpoints/${hook.body.data.id}/deliveries`,
      '/v1/inbound-sources',
      `/v1/inbound-sources/${source.body.data.id}`,
    ];
    for (const path of paths) {
      const refused = await server.raw(path, { headers: bearer(readOnly.token) });
      expect([path, refused.status, refused.body.code]).toEqual([path, 403, 'forbidden']);
      expect([path, (await server.raw(path, { headers: bearer(full.token) })).status]).toEqual([path, 200]);
    }
    // Leads stay readable: a read-only portal still shows the organisation's data.
    expect((await server.raw('/v1/leads', { headers: bearer(readOnly.token) })).status).toBe(200);
  });

  it('is for secret keys only: sessions and publishable keys cannot mint', async () => {
    const org = await server.newOrg();
    const session = await mint(org.secret_key);
    for (const key of [session.token, org.publishable_key]) {
      const res = await server.raw('/v1/sessions', {
        method: 'POST',
        headers: bearer(key, json),
        body: '{}',
      });
      expect(res.status).toBe(403);
    }
    expect((await server.raw('/v1/sessions', { method: 'POST', headers: json, body: '{}' })).status).toBe(
      401,
    );
  });

  it('validates the request', async () => {
    const org = await server.newOrg();
    for (const body of [
      { ttl_seconds: 5 },
      { ttl_seconds: 90_000 },
      { read_only: 'yes' },
      { scope: 'all' },
    ]) {
      const res = await org.call('POST', '/v1/sessions', body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_error');
    }
  });

  it('answers 401 to a tampered token, a token signed with another secret, and garbage', async () => {
    const org = await server.newOrg();
    const session = await mint(org.secret_key, { read_only: true });
    const otherServer = createApp({
      ...server.deps,
      tokens: { sessionSecret: 'another-server-secret-of-enough-length' },
    });
    const foreign = await otherServer.request('/v1/sessions', {
      method: 'POST',
      headers: bearer(org.secret_key, json),
      body: '{}',
    });
    const foreignToken = ((await foreign.json()) as { data: Session }).data.token;
    for (const token of [
      tamper(session.token),
      foreignToken,
      `${session.token.slice(0, -4)}AAAA`,
      'eyJhbGciOi.e30.x',
    ]) {
      const res = await server.raw('/v1/leads', { headers: bearer(token) });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthorized');
    }
  });

  it('expires: the token stops working at `expires_at`', async () => {
    let now = new Date('2030-01-01T00:00:00.000Z');
    const app = createApp({ ...server.deps, clock: () => now });
    const org = await server.newOrg();
    const minted = await app.request('/v1/sessions', {
      method: 'POST',
      headers: bearer(org.secret_key, json),
      body: JSON.stringify({ ttl_seconds: 60 }),
    });
    const session = Session.parse(((await minted.json()) as { data: unknown }).data);
    expect(session.expires_at).toBe('2030-01-01T00:01:00.000Z');

    now = new Date('2030-01-01T00:00:59.000Z');
    expect((await app.request('/v1/leads', { headers: bearer(session.token) })).status).toBe(200);
    now = new Date('2030-01-01T00:01:00.000Z');
    const expired = await app.request('/v1/leads', { headers: bearer(session.token) });
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: string }).error).toMatch(/expired/);
  });

  it('signs with a secret kept in the database, so every instance on it accepts the tokens', async () => {
    const org = await server.newOrg();
    const one = createApp({ ...server.deps, tokens: {} });
    const two = createApp({ ...server.deps, tokens: {} });
    const minted = await one.request('/v1/sessions', {
      method: 'POST',
      headers: bearer(org.secret_key, json),
      body: '{}',
    });
    const { token } = ((await minted.json()) as { data: Session }).data;
    expect((await two.request('/v1/leads', { headers: bearer(token) })).status).toBe(200);
  });
});

import { ApiKey, ApiKeyWithSecret } from '@hidden-key/sdk/schemas';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';

const server = useTestServer();

const as = (
  token: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  server.raw(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const capture = (key: string, origin: string) =>
  server.raw('/v1/public/leads', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', origin },
    body: JSON.stringify({ contact: { email: `seller-${Math.random()}@example.com` }, elapsed_ms: 5000 }),
  });

describe('/v1/api-keys', () => {
  it('creates a publishable key, shown once, that works from its origins only', async () => {
    const org = await server.newOrg();
    const created = await org.call('POST', '/v1/api-keys', {
      type: 'publishable',
      name: 'www.example.com form',
      allowed_origins: ['https://WWW.example.com/', 'https://example.com'],
    });
    expect(created.status).toBe(201);
    const key = ApiKeyWithSecret.parse(created.body.data);
    expect(key).toMatchObject({
      type: 'publishable',
      name: 'www.example.com form',
      allowed_origins: ['https://www.example.com', 'https://example.com'],
      revoked_at: null,
      last_used_at: null,
    });
    expect(key.key).toMatch(/^pk_/);
    expect(key.key.startsWith(key.prefix)).toBe(true);
    expect((await capture(key.key, 'https://www.example.com')).status).toBe(201);
    expect((await capture(key.key, 'https://evil.example')).status).toBe(403);

    const listed = await org.call('GET', '/v1/api-keys');
    expect(listed.status).toBe(200);
    const items = listed.body.data.items.map((item: unknown) => ApiKey.parse(item));
    expect(items.map((item: ApiKey) => item.id)).toContain(key.id);
    expect(JSON.stringify(listed.body)).not.toContain(key.key);
    expect(items.find((item: ApiKey) => item.id === key.id)!.last_used_at).not.toBeNull();
  });

  it('replays a create retried with the same Idempotency-Key instead of issuing a second key', async () => {
    const org = await server.newOrg();
    const body = { type: 'secret', name: 'retried' };
    const first = await org.call('POST', '/v1/api-keys', body, { 'idempotency-key': 'keys-retry-1' });
    const retry = await org.call('POST', '/v1/api-keys', body, { 'idempotency-key': 'keys-retry-1' });
    expect(first.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.data.id).toBe(first.body.data.id);
    const named = (await org.call('GET', '/v1/api-keys')).body.data.items.filter(
      (item: ApiKey) => item.name === 'retried',
    );
    expect(named).toHaveLength(1);
  });

  it('pages through keys, filters by type and leaves revoked keys out on request', async () => {
    const org = await server.newOrg();
    for (let i = 0; i < 3; i++)
      await org.call('POST', '/v1/api-keys', { type: 'secret', name: `script ${i}` });
    const first = await org.call('GET', '/v1/api-keys?type=secret&limit=2');
    expect(first.body.data.items).toHaveLength(2);
    const second = await org.call(
      'GET',
      `/v1/api-keys?type=secret&limit=2&cursor=${first.body.data.next_cursor}`,
    );
    // Three made here and the organisation's own secret key.
    expect(second.body.data.items).toHaveLength(2);
    expect(second.body.data.next_cursor).toBeNull();
    // The oldest, made with the organisation, says so in its name.
    expect(second.body.data.items[1].name).toBe('First secret key (made with the organisation)');
    const victim = first.body.data.items[0].id;
    await org.call('DELETE', `/v1/api-keys/${victim}`);
    const live = await org.call('GET', '/v1/api-keys?type=secret&include_revoked=false');
    expect(live.body.data.items.map((item: ApiKey) => item.id)).not.toContain(victim);
    expect(live.body.data.items).toHaveLength(3);
  });

  it('refuses keys that break the origin rules, changing nothing', async () => {
    const org = await server.newOrg();
    const cases = [
      { type: 'publishable' },
      { type: 'publishable', allowed_origins: ['https://a.example/form'] },
      { type: 'publishable', allowed_origins: ['*.example.com'] },
      { type: 'secret', allowed_origins: ['https://a.example'] },
      { type: 'root' },
      { type: 'secret', key: 'sk_chosen' },
    ];
    const before = (await org.call('GET', '/v1/api-keys')).body.data.items.length;
    for (const body of cases) {
      const res = await org.call('POST', '/v1/api-keys', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_error');
    }
    expect((await org.call('GET', '/v1/api-keys')).body.data.items).toHaveLength(before);
    const wildcard = await org.call('POST', '/v1/api-keys', {
      type: 'publishable',
      allowed_origins: ['https://*.example.com'],
    });
    expect(wildcard.body.details.allowed_origins).toEqual([
      'List each origin in full; wildcards are not allowed: https://*.example.com',
    ]);
  });

  it('updates the name and a publishable key’s origins, not a secret key’s', async () => {
    const org = await server.newOrg();
    const pk = (
      await org.call('POST', '/v1/api-keys', { type: 'publishable', allowed_origins: ['https://a.example'] })
    ).body.data;
    const updated = await org.call('PATCH', `/v1/api-keys/${pk.id}`, {
      name: 'landing pages',
      allowed_origins: ['https://b.example'],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({
      name: 'landing pages',
      allowed_origins: ['https://b.example'],
    });
    expect((await capture(pk.key, 'https://a.example')).status).toBe(403);
    expect((await capture(pk.key, 'https://b.example')).status).toBe(201);
    expect((await org.call('PATCH', `/v1/api-keys/${pk.id}`, { allowed_origins: [] })).status).toBe(400);
    expect((await org.call('PATCH', `/v1/api-keys/${pk.id}`, { type: 'secret' })).status).toBe(400);

    const sk = (await org.call('POST', '/v1/api-keys', { type: 'secret' })).body.data;
    const refused = await org.call('PATCH', `/v1/api-keys/${sk.id}`, {
      allowed_origins: ['https://a.example'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.details.allowed_origins).toBeDefined();
  });

  it('revokes a key at once, with the sessions minted from it; revoking again changes nothing', async () => {
    const org = await server.newOrg();
    const sk = (await org.call('POST', '/v1/api-keys', { type: 'secret', name: 'portal backend' })).body.data;
    expect((await as(sk.key, 'GET', '/v1/leads')).status).toBe(200);
    const session = (await as(sk.key, 'POST', '/v1/sessions', {})).body.data.token;
    expect((await as(session, 'GET', '/v1/leads')).status).toBe(200);

    const revoked = await org.call('DELETE', `/v1/api-keys/${sk.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.revoked_at).not.toBeNull();
    expect((await as(sk.key, 'GET', '/v1/leads')).status).toBe(401);
    const ended = await as(session, 'GET', '/v1/leads');
    expect(ended.status).toBe(401);
    expect(ended.body.error).toMatch(/revoked/);

    const again = await org.call('DELETE', `/v1/api-keys/${sk.id}`);
    expect(again.body.data.revoked_at).toBe(revoked.body.data.revoked_at);
    expect((await org.call('PATCH', `/v1/api-keys/${sk.id}`, { name: 'x' })).status).toBe(409);
  });

  it('keeps organisations apart and keeps keys from publishable keys and read-only sessions', async () => {
    const org = await server.newOrg();
    const other = await server.newOrg();
    const theirs = (await other.call('POST', '/v1/api-keys', { type: 'secret' })).body.data;
    expect((await org.call('DELETE', `/v1/api-keys/${theirs.id}`)).status).toBe(404);
    expect((await org.call('PATCH', `/v1/api-keys/${theirs.id}`, { name: 'mine' })).status).toBe(404);
    expect((await as(theirs.key, 'GET', '/v1/leads')).status).toBe(200);
    const mine = (await org.call('GET', '/v1/api-keys')).body.data.items.map((item: ApiKey) => item.id);
    expect(mine).not.toContain(theirs.id);

    expect((await as(org.publishable_key, 'GET', '/v1/api-keys')).status).toBe(403);
    const readOnly = (await org.call('POST', '/v1/sessions', { read_only: true })).body.data.token;
    const listed = await as(readOnly, 'GET', '/v1/api-keys');
    expect(listed.status).toBe(403);
    expect(listed.body.error).toMatch(/needs full access/);
    expect((await as(readOnly, 'POST', '/v1/api-keys', { type: 'secret' })).status).toBe(403);
    const full = (await org.call('POST', '/v1/sessions', {})).body.data.token;
    expect((await as(full, 'POST', '/v1/api-keys', { type: 'secret' })).status).toBe(201);
    expect((await server.raw('/v1/api-keys')).status).toBe(401);
  });
});

describe('an Idempotency-Key on a request whose answer holds a secret', () => {
  it('stores the answer sealed, replays it to the same credential only', async () => {
    const org = await server.newOrg();
    const headers = { 'idempotency-key': `new-key-${Math.random()}` };
    const first = await as(org.secret_key, 'POST', '/v1/api-keys', { type: 'secret', name: 'ci' }, headers);
    expect(first.status).toBe(201);
    const { key } = ApiKeyWithSecret.parse(first.body.data);

    const replayed = await as(
      org.secret_key,
      'POST',
      '/v1/api-keys',
      { type: 'secret', name: 'ci' },
      headers,
    );
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body.data.key).toBe(key);

    // Nothing at rest shows the key.
    const { rows } = (await server.deps.db.execute(
      sql`select response_body from idempotency_keys where key = ${`api:${headers['idempotency-key']}`}`,
    )) as unknown as { rows: { response_body: string }[] };
    const body = rows[0]!.response_body;
    expect(body.startsWith('hk1.')).toBe(true);
    expect(body).not.toContain(key);
    expect(body).not.toContain('"key"');

    // Another credential of the organisation (here, the key just made) gets no replay.
    const other = await as(key, 'POST', '/v1/api-keys', { type: 'secret', name: 'ci' }, headers);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ success: false, code: 'idempotency_mismatch' });
    expect(JSON.stringify(other.body)).not.toContain(key);
  });
});

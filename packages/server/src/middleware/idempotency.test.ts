import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { callAs, type TestOrg, useTestServer } from '../../test/harness.js';
import { createApp } from '../app.js';
import { events, idempotencyKeys } from '../db/schema.js';
import type { KeyCheck } from './idempotency.js';
import { IDEMPOTENCY_TTL_MS } from './idempotency.js';

const server = useTestServer();

/**
 * A route of each `KeyCheck`, a body of it naming `name`, and the other route (a key used on one
 * path and then on another is a different request).
 */
const routes: { check: KeyCheck; path: string; body: (name: string) => object; otherPath: string }[] = [
  { check: 'before', path: '/v1/investors', body: (name) => ({ name }), otherPath: '/v1/leads' },
  {
    check: 'at-commit',
    path: '/v1/leads',
    body: (name) => ({ contact: { name } }),
    otherPath: '/v1/investors',
  },
];

/** Makes every event insert of `organizationId` fail until the returned function is called. */
async function failEvents(organizationId: string) {
  const { db } = server.deps;
  await db.execute(
    sql.raw(`create or replace function hk_test_fail_event() returns trigger language plpgsql as $$
      begin if new.organization_id = '${organizationId}' then raise exception 'boom'; end if; return new; end $$`),
  );
  await db.execute(
    sql.raw(
      'create trigger hk_test_fail_event before insert on events for each row execute function hk_test_fail_event()',
    ),
  );
  return () => db.execute(sql.raw('drop trigger hk_test_fail_event on events'));
}

describe.each(routes)('Idempotency-Key checked $check ($path)', ({ path, body, otherPath }) => {
  const count = async (org: TestOrg) => (await org.call('GET', path)).body.data.items.length;

  it('replays the first response with the same status and body, and changes nothing again', async () => {
    const org = await server.newOrg();
    const headers = { 'idempotency-key': 'create-jane-1' };
    const first = await org.call('POST', path, body('Jane'), headers);
    const again = await org.call('POST', path, body('Jane'), headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await count(org)).toBe(1);
    const recorded = await server.deps.db
      .select()
      .from(events)
      .where(eq(events.organizationId, org.organization_id));
    expect(recorded).toHaveLength(1);
  });

  it('answers 422 idempotency_mismatch for the same key with a different body or path', async () => {
    const org = await server.newOrg();
    const headers = { 'idempotency-key': 'k1' };
    await org.call('POST', path, body('Jane'), headers);
    const other = await org.call('POST', path, body('Bob'), headers);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_mismatch');
    const elsewhere = await org.call('POST', otherPath, { name: 'Jane', contact: { name: 'Jane' } }, headers);
    expect(elsewhere.status).toBe(422);
    const invalid = await org.call('POST', path, { nope: true }, headers);
    expect(invalid.status).toBe(422);
    expect(await count(org)).toBe(1);
  });

  it('replays the stored answer even when the handler would now fail', async () => {
    const org = await server.newOrg();
    const headers = { 'idempotency-key': 'then-broken' };
    const first = await org.call('POST', path, body('Jane'), headers);
    const restore = await failEvents(org.organization_id);
    try {
      const again = await org.call('POST', path, body('Jane'), headers);
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body).toEqual(first.body);
    } finally {
      await restore();
    }
  });

  it('stores the answer in the write’s transaction: a write that fails leaves no record, and the key runs again', async () => {
    const org = await server.newOrg();
    const restore = await failEvents(org.organization_id);
    const headers = { 'idempotency-key': 'atomic-1' };
    let failed: Awaited<ReturnType<typeof org.call>>;
    try {
      failed = await org.call('POST', path, body('Atomic'), headers);
    } finally {
      await restore();
    }
    expect(failed.status).toBe(500);
    expect(await count(org)).toBe(0);
    expect(
      await server.deps.db
        .select()
        .from(idempotencyKeys)
        .where(eq(idempotencyKeys.organizationId, org.organization_id)),
    ).toEqual([]);

    const retried = await org.call('POST', path, body('Atomic'), headers);
    expect(retried.status).toBe(201);
    const replayed = await org.call('POST', path, body('Atomic'), headers);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(retried.body);
    expect(await count(org)).toBe(1);
  });

  it('lets a key be used again once its record has expired (48 h)', async () => {
    const org = await server.newOrg();
    const later = new Date(Date.now() + IDEMPOTENCY_TTL_MS + 60_000);
    const callLater = callAs(createApp({ ...server.deps, clock: () => later }), org.secret_key);
    const headers = { 'idempotency-key': 'reused-1' };
    expect((await org.call('POST', path, body('First'), headers)).status).toBe(201);
    expect((await org.call('POST', path, body('Second'), headers)).status).toBe(422);
    const again = await callLater('POST', path, body('Second'), headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    const replayed = await callLater('POST', path, body('Second'), headers);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body.data.id).toBe(again.body.data.id);
    expect(await count(org)).toBe(2);
  });

  it('lets concurrent duplicates create exactly one row', async () => {
    const org = await server.newOrg();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        org.call('POST', path, body('Once'), { 'idempotency-key': 'concurrent' }),
      ),
    );
    for (const result of results) expect([201, 409]).toContain(result.status);
    expect(
      results.filter((result) => result.status === 201 && !result.headers.get('idempotent-replayed')).length,
    ).toBe(1);
    expect(await count(org)).toBe(1);
  });
});

describe('Idempotency-Key', () => {
  it('scopes keys to the organisation', async () => {
    const a = await server.newOrg();
    const b = await server.newOrg();
    const headers = { 'idempotency-key': 'shared' };
    expect((await a.call('POST', '/v1/leads', { contact: { name: 'A' } }, headers)).status).toBe(201);
    const res = await b.call('POST', '/v1/leads', { contact: { name: 'B' } }, headers);
    expect(res.status).toBe(201);
    expect(res.body.data.contact.name).toBe('B');
  });

  it('compares bodies as parsed JSON: key order and spacing do not make a different request', async () => {
    const org = await server.newOrg();
    const headers = { 'idempotency-key': 'parsed-1' };
    const first = await org.call('POST', '/v1/investors', '{"name":"Same","tags":["a"]}', headers);
    const again = await org.call('POST', '/v1/investors', '{ "tags": ["a"],\n  "name": "Same" }', headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('keeps PATCH responses too, and lets a caller fix a rejected request under the same key', async () => {
    const org = await server.newOrg();
    const lead = (await org.call('POST', '/v1/leads', { contact: { name: 'Jane' } })).body.data;
    const headers = { 'idempotency-key': 'patch-1' };
    const invalid = await org.call('PATCH', `/v1/leads/${lead.id}`, { status: 'nope' }, headers);
    expect(invalid.status).toBe(400);
    const fixed = await org.call('PATCH', `/v1/leads/${lead.id}`, { status: 'contacted' }, headers);
    expect(fixed.status).toBe(200);
    await org.call('PATCH', `/v1/leads/${lead.id}`, { status: 'lost' });
    const replay = await org.call('PATCH', `/v1/leads/${lead.id}`, { status: 'contacted' }, headers);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.data.status).toBe('contacted');
    expect((await org.call('GET', `/v1/leads/${lead.id}`)).body.data.status).toBe('lost');
  });

  it('refuses a malformed key', async () => {
    const org = await server.newOrg();
    const res = await org.call(
      'POST',
      '/v1/leads',
      { contact: { name: 'J' } },
      { 'idempotency-key': 'x'.repeat(300) },
    );
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveProperty('Idempotency-Key');
  });
});

import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';

const server = useTestServer();

describe('Idempotency-Key', () => {
  it('replays the first response with the same status and body', async () => {
    const org = await server.newOrg();
    const headers = { 'idempotency-key': 'create-jane-1' };
    const first = await org.call('POST', '/v1/leads', { contact: { name: 'Jane' } }, headers);
    const again = await org.call('POST', '/v1/leads', { contact: { name: 'Jane' } }, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect((await org.call('GET', '/v1/leads')).body.data.items).toHaveLength(1);
  });

  it('answers 422 idempotency_mismatch for the same key with a different body or path', async () => {
    const org = await server.newOrg();
    const headers = { 'idempotency-key': 'k1' };
    await org.call('POST', '/v1/leads', { contact: { name: 'Jane' } }, headers);
    const other = await org.call('POST', '/v1/leads', { contact: { name: 'Bob' } }, headers);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_mismatch');
    const otherPath = await org.call('POST', '/v1/investors', { contact: { name: 'Jane' } }, headers);
    expect(otherPath.status).toBe(422);
  });

  it('scopes keys to the organisation', async () => {
    const a = await server.newOrg();
    const b = await server.newOrg();
    const headers = { 'idempotency-key': 'shared' };
    expect((await a.call('POST', '/v1/leads', { contact: { name: 'A' } }, headers)).status).toBe(201);
    const res = await b.call('POST', '/v1/leads', { contact: { name: 'B' } }, headers);
    expect(res.status).toBe(201);
    expect(res.body.data.contact.name).toBe('B');
  });

  it('stores the answer in the write’s transaction: a write that fails leaves no record, and the key runs again', async () => {
    const org = await server.newOrg();
    const { sql } = await import('drizzle-orm');
    const { db } = server.deps;
    // The event insert fails for this organisation: the lead, its event and the answer roll back together.
    await db.execute(
      sql.raw(`create or replace function hk_test_fail_event() returns trigger language plpgsql as $$
        begin if new.organization_id = '${org.organization_id}' then raise exception 'boom'; end if; return new; end $$`),
    );
    await db.execute(
      sql.raw(
        'create trigger hk_test_fail_event before insert on events for each row execute function hk_test_fail_event()',
      ),
    );
    const headers = { 'idempotency-key': 'atomic-1' };
    const body = { contact: { name: 'Atomic', email: 'atomic@example.com' } };
    const failed = await org.call('POST', '/v1/leads', body, headers);
    await db.execute(sql.raw('drop trigger hk_test_fail_event on events'));
    expect(failed.status).toBe(500);
    const { idempotencyKeys, leads } = await import('../db/schema.js');
    const { eq } = await import('drizzle-orm');
    expect(await db.select().from(leads).where(eq(leads.organizationId, org.organization_id))).toEqual([]);
    expect(
      await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.organizationId, org.organization_id)),
    ).toEqual([]);

    const retried = await org.call('POST', '/v1/leads', body, headers);
    expect(retried.status).toBe(201);
    const replayed = await org.call('POST', '/v1/leads', body, headers);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(retried.body);
    expect((await org.call('GET', '/v1/leads')).body.data.items).toHaveLength(1);
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

  it('lets a key be used again once its record has expired (48 h)', async () => {
    const org = await server.newOrg();
    const { createApp } = await import('../app.js');
    const { callAs } = await import('../../test/harness.js');
    const { IDEMPOTENCY_TTL_MS } = await import('./idempotency.js');
    const later = new Date(Date.now() + IDEMPOTENCY_TTL_MS + 60_000);
    const callLater = callAs(createApp({ ...server.deps, clock: () => later }), org.secret_key);
    const headers = { 'idempotency-key': 'reused-1' };
    expect((await org.call('POST', '/v1/investors', { name: 'First' }, headers)).status).toBe(201);
    expect((await org.call('POST', '/v1/investors', { name: 'Second' }, headers)).status).toBe(422);
    const again = await callLater('POST', '/v1/investors', { name: 'Second' }, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    const replayed = await callLater('POST', '/v1/investors', { name: 'Second' }, headers);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body.data.id).toBe(again.body.data.id);
    const names = (await org.call('GET', '/v1/investors')).body.data.items.map(
      (item: { name: string }) => item.name,
    );
    expect(names.sort()).toEqual(['First', 'Second']);
  });

  it('lets concurrent duplicates create exactly one row', async () => {
    const org = await server.newOrg();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        org.call('POST', '/v1/investors', { name: 'Once' }, { 'idempotency-key': 'concurrent' }),
      ),
    );
    for (const result of results) expect([201, 409]).toContain(result.status);
    expect(
      results.filter((result) => result.status === 201 && !result.headers.get('idempotent-replayed')).length,
    ).toBe(1);
    const list = await org.call('GET', '/v1/investors');
    expect(list.body.data.items).toHaveLength(1);
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

import { randomUUID } from 'node:crypto';
import { CreatedInboundSource, InboundLeadReceipt } from '@hidden-key/sdk/schemas';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';
import { listenForFile } from '../../../test/listen.js';
import { events } from '../../db/schema.js';

const server = useTestServer();
const baseUrl = listenForFile(() => server.app);

async function newSource(org: TestOrg, body: Record<string, unknown> = { name: 'Partner CRM' }) {
  const created = await org.call('POST', '/v1/inbound-sources', body);
  expect(created.status).toBe(201);
  return CreatedInboundSource.parse(created.body.data);
}

/** What a sender does: sign the exact body with the source's secret, then POST it over HTTP. */
async function send(
  path: string,
  secret: string,
  lead: unknown,
  options: { id?: string; at?: Date; body?: string } = {},
) {
  const body = options.body ?? JSON.stringify(lead);
  const id = options.id ?? `msg_${randomUUID()}`;
  const at = options.at ?? new Date();
  const response = await fetch(`${await baseUrl()}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
    },
    body,
  });
  return { status: response.status, body: await response.json(), id };
}

const email = () => `seller-${randomUUID()}@example.com`;
const leadCount = async (org: TestOrg) =>
  (await org.call('GET', '/v1/leads?limit=100')).body.data.items.length as number;

describe('POST /v1/inbound/leads/{source_id}', () => {
  it('creates a lead through the lead store, with the source’s lead_source, and merges a repeat', async () => {
    const org = await server.newOrg();
    const source = await newSource(org, { name: 'Zapier', lead_source: 'zapier' });
    expect(source.url_path).toBe(`/v1/inbound/leads/${source.id}`);
    const address = email();
    const first = await send(source.url_path, source.secret, {
      contact: { name: 'Ana Seller', email: ` ${address.toUpperCase()} ` },
      property: { city: 'Sacramento' },
    });
    expect(first.status).toBe(201);
    const receipt = InboundLeadReceipt.parse(first.body.data);
    expect(receipt).toMatchObject({ merged: false, replayed: false });
    expect(receipt.lead).toMatchObject({ source: 'zapier', contact: { email: address } });

    // The same person again, from a sender that names its own source: merged, not duplicated.
    const again = await send(source.url_path, source.secret, {
      source: 'zillow',
      contact: { email: address, phone: '(916) 555-0142' },
    });
    expect(again.status).toBe(200);
    expect(again.body.data).toMatchObject({ lead_id: receipt.lead_id, merged: true });
    const stored = await org.call('GET', `/v1/leads/${receipt.lead_id}`);
    expect(stored.body.data).toMatchObject({ source: 'zapier', contact: { phone: '+19165550142' } });
    expect(await leadCount(org)).toBe(1);
    const shown = await org.call('GET', `/v1/inbound-sources/${source.id}`);
    expect(shown.body.data.last_received_at).not.toBeNull();
  });

  it('answers a retry with the same webhook-id as before and changes nothing', async () => {
    const org = await server.newOrg();
    const source = await newSource(org);
    const lead = { contact: { name: 'Retry Once', email: email() } };
    const first = await send(source.url_path, source.secret, lead, { id: 'msg_fixed_1' });
    const retries = await Promise.all(
      [1, 2, 3].map(() => send(source.url_path, source.secret, lead, { id: 'msg_fixed_1' })),
    );
    expect(first.status).toBe(201);
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.body.data).toMatchObject({ lead_id: first.body.data.lead_id, replayed: true });
    }
    expect(await leadCount(org)).toBe(1);
    const recorded = await server.deps.db
      .select({ id: events.id })
      .from(events)
      .where(eq(events.organizationId, org.organization_id));
    expect(recorded).toHaveLength(1);
    // The same webhook-id at another source is another message.
    const other = await newSource(org, { name: 'Other' });
    const elsewhere = await send(
      other.url_path,
      other.secret,
      { contact: { name: 'Someone Else' } },
      { id: 'msg_fixed_1' },
    );
    expect(elsewhere.body.data.replayed).toBe(false);
  });

  it('refuses unsigned, wrongly signed, stale and foreign requests with 401, and a disabled source with 403', async () => {
    const org = await server.newOrg();
    const source = await newSource(org);
    const other = await newSource(await server.newOrg());
    const lead = { contact: { name: 'Mallory' } };
    const unsigned = await fetch(`${await baseUrl()}${source.url_path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(lead),
    });
    expect(unsigned.status).toBe(401);
    expect((await send(source.url_path, other.secret, lead)).status).toBe(401);
    expect(
      (await send(source.url_path, source.secret, lead, { at: new Date(Date.now() - 10 * 60_000) })).status,
    ).toBe(401);
    expect((await send(`/v1/inbound/leads/${randomUUID()}`, source.secret, lead)).status).toBe(401);
    expect((await send('/v1/inbound/leads/not-a-uuid', source.secret, lead)).status).toBe(401);
    // A body changed after signing.
    const body = JSON.stringify(lead);
    const id = 'msg_tampered';
    const at = new Date();
    const tampered = await fetch(`${await baseUrl()}${source.url_path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(source.secret).sign(id, at, body),
      },
      body: body.replace('Mallory', 'Mallorie'),
    });
    expect(tampered.status).toBe(401);

    expect((await org.call('PATCH', `/v1/inbound-sources/${source.id}`, { disabled: true })).status).toBe(
      200,
    );
    const disabled = await send(source.url_path, source.secret, lead);
    expect(disabled.status).toBe(403);
    expect(disabled.body).toMatchObject({ success: false, code: 'forbidden' });
    expect(await leadCount(org)).toBe(0);
  });

  it('validates a signed body like POST /v1/leads and stores nothing when it is invalid', async () => {
    const org = await server.newOrg();
    const source = await newSource(org);
    const invalid = await send(source.url_path, source.secret, { contact: {}, status: 'sold' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ success: false, code: 'validation_error' });
    const junk = await send(source.url_path, source.secret, null, { body: '{"contact": ' });
    expect(junk.status).toBe(400);
    expect(await leadCount(org)).toBe(0);
  });
});

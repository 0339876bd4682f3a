import { LeadExport } from '@hidden-key/sdk/schemas';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, useTestServer } from '../../../test/harness.js';
import { testResolve } from '../../../test/ssrf-targets.js';
import { type Receiver, startReceiver } from '../../../test/webhook-receiver.js';
import { type App, createApp } from '../../app.js';
import { startWorker, type Worker } from '../../services/jobs/worker.js';
import { deliverWebhookJob } from '../../services/webhooks/deliver-webhook.js';
import type { WebhookSettings } from '../../services/webhooks/webhook-settings.js';

const server = useTestServer();
const settings: WebhookSettings = {
  allowedHosts: new Set(['127.0.0.1']),
  retryDelaysMs: [30],
  timeoutMs: 10_000,
  maxResponseBytes: 1024,
  resolve: testResolve,
};
let app: App;
let receiver: Receiver;
let worker: Worker;

beforeAll(async () => {
  app = createApp({ ...server.deps, webhooks: settings });
  receiver = await startReceiver();
  worker = startWorker({ db: server.deps.db, definitions: [deliverWebhookJob(settings)], pollMs: 20 });
});
afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
});

const until = async (check: () => Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

async function newOrg() {
  const origin = `https://privacy-${process.pid}-${Math.random().toString(36).slice(2)}.example`;
  const org = await server.newOrg({ allowedOrigins: [origin] });
  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
    key = org.secret_key,
  ): Promise<ApiResponse> => {
    const response = await app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json(), headers: response.headers };
  };
  return { ...org, call };
}

/** Rows of every table in the schema whose text (every column, cast as one row) contains `needle`. */
async function hitsEverywhere(needle: string) {
  const tables = (await server.deps.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  )) as unknown as { rows: { table_name: string }[] };
  const hits: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const result = (await server.deps.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table_name)} t where strpos(t::text, ${needle}) > 0`,
    )) as unknown as { rows: { n: number }[] };
    if (result.rows[0]!.n > 0) hits[table_name] = result.rows[0]!.n;
  }
  return { tables: tables.rows.length, hits };
}

describe('lead privacy', () => {
  it('exports, then erases a person touched through every path, leaving them in no table', async () => {
    const org = await newOrg();
    const unique = `${process.pid}${Date.now()}`.slice(-7);
    const email = `erase-${unique}@privacy.example`;
    // 512-555-xxxx is a valid US number; the last four digits keep this person apart from other files'.
    const phone = `+1512555${2000 + (Number(unique) % 8000)}`;
    const endpoint = await org.call('POST', '/v1/webhook-endpoints', {
      url: `${receiver.url}/hook`,
      events: ['*'],
    });
    expect(endpoint.status).toBe(201);

    const idem = { 'idempotency-key': `create-${unique}` };
    // The person sends the public form again, matching by email; retried with the same key later.
    const resubmit = () =>
      org.call(
        'POST',
        '/v1/public/leads',
        {
          contact: { email: email.toUpperCase() },
          consent: { text: 'Again', version: 'v2' },
          elapsed_ms: 5000,
        },
        { 'idempotency-key': `public-${unique}` },
        org.publishable_key,
      );
    const created = await org.call(
      'POST',
      '/v1/leads',
      { contact: { name: 'Erin Erase', email, phone } },
      idem,
    );
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const replayed = await org.call(
      'POST',
      '/v1/leads',
      { contact: { name: 'Erin Erase', email, phone } },
      idem,
    );
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    const patched = await org.call(
      'PATCH',
      `/v1/leads/${id}`,
      { motivation: `call ${phone}`, consent: { text: 'You may call me', version: 'v1' } },
      { 'idempotency-key': `patch-${unique}` },
    );
    expect(patched.status).toBe(200);
    const resubmitted = await resubmit();
    expect(resubmitted.status).toBe(201);
    const activity = await org.call('POST', '/v1/activities', {
      type: 'note',
      lead_id: id,
      subject: `Spoke to ${email}`,
    });
    expect(activity.status).toBe(201);
    expect((await org.call('POST', '/v1/ai/content', { lead_id: id, kind: 'follow_up_email' })).status).toBe(
      201,
    );
    const enrichKey = { 'idempotency-key': `enrich-${unique}` };
    expect((await org.call('POST', `/v1/leads/${id}/enrich`, undefined, enrichKey)).status).toBeLessThan(300);
    // A deal on the person's home, with an activity of its own: both are about the person.
    const home = `${unique} Erase Lane`;
    const deal = await org.call('POST', '/v1/opportunities', {
      lead_id: id,
      deal_type: 'wholesale',
      property: { address: home, city: 'Austin', state: 'TX' },
    });
    expect(deal.status).toBe(201);
    const dealNote = await org.call('POST', '/v1/activities', {
      type: 'note',
      opportunity_id: deal.body.data.id,
      subject: 'Walked the property',
    });
    expect(dealNote.status).toBe(201);
    const sequence = await org.call('POST', '/v1/sequences', {
      name: 'Erase follow-up',
      steps: [{ channel: 'task', offset_minutes: 1_440, subject: 'Call back' }],
    });
    expect(sequence.status).toBe(201);
    const enrolled = await org.call('POST', `/v1/sequences/${sequence.body.data.id}/enrollments`, {
      lead_id: id,
    });
    expect(enrolled.status).toBe(201);
    await until(async () => receiver.received.some((hook) => hook.body.includes(email)));

    const exported = await org.call('GET', `/v1/leads/${id}/export`);
    expect(exported.status).toBe(200);
    const record = LeadExport.parse(exported.body.data);
    expect(record.lead.contact).toMatchObject({ email, phone });
    expect(record.lead.resubmitted_at).not.toBeNull();
    expect(record.submissions).toHaveLength(1);
    expect(record.consent_history.map((entry) => entry.recorded_with)).toEqual(['submission', 'lead']);
    expect(record.activities.map((entry) => entry.id)).toEqual(
      expect.arrayContaining([activity.body.data.id, dealNote.body.data.id]),
    );
    expect(record.opportunities.map((entry) => entry.property?.address)).toEqual([home]);
    expect(record.sequence_enrollments.map((entry) => entry.id)).toEqual([enrolled.body.data.id]);
    expect(record.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['lead.created', 'lead.updated', 'activity.created', 'opportunity.created']),
    );
    expect(record.events.map((event) => event.resource_id)).toEqual(
      expect.arrayContaining([deal.body.data.id, dealNote.body.data.id]),
    );
    expect(record.deliveries.length).toBeGreaterThanOrEqual(record.events.length);
    const other = await newOrg();
    expect((await other.call('GET', `/v1/leads/${id}/export`)).status).toBe(404);
    expect((await other.call('DELETE', `/v1/leads/${id}?erase=true`)).status).toBe(404);

    const before = await hitsEverywhere(email);
    expect(Object.keys(before.hits)).toEqual(expect.arrayContaining(['leads', 'events', 'idempotency_keys']));

    const erased = await org.call('DELETE', `/v1/leads/${id}?erase=true`);
    expect(erased.status).toBe(200);
    expect(erased.body.data).toEqual({ id, deleted: true });

    for (const needle of [email, phone, phone.slice(1), home]) {
      const after = await hitsEverywhere(needle);
      expect(after.tables).toBeGreaterThan(10);
      expect(after.hits).toEqual({});
    }
    const again = await org.call(
      'POST',
      '/v1/leads',
      { contact: { name: 'Erin Erase', email, phone } },
      idem,
    );
    // A retry of a request that wrote the person does not store them again: its record answers 404.
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('not_found');
    const enrichAgain = await org.call('POST', `/v1/leads/${id}/enrich`, undefined, enrichKey);
    expect([enrichAgain.status, enrichAgain.headers.get('idempotent-replayed')]).toEqual([404, 'true']);
    const formAgain = await resubmit();
    expect(formAgain.status).toBe(404);
    expect((await hitsEverywhere(email)).hits).toEqual({});
    expect((await org.call('GET', `/v1/opportunities/${deal.body.data.id}`)).status).toBe(404);
  });

  it('exports every consent given through the API, even after it was replaced and withdrawn', async () => {
    const org = await newOrg();
    const first = { text: 'You may call me', version: 'v1' };
    const second = { text: 'You may text me', version: 'v2' };
    const created = await org.call('POST', '/v1/leads', {
      contact: { name: 'Con Sent', email: `consent-${process.pid}-${Date.now()}@privacy.example` },
      consent: first,
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await org.call('PATCH', `/v1/leads/${id}`, { consent: second })).status).toBe(200);
    expect((await org.call('PATCH', `/v1/leads/${id}`, { consent: null })).status).toBe(200);

    const exported = await org.call('GET', `/v1/leads/${id}/export`);
    expect(exported.status).toBe(200);
    const record = LeadExport.parse(exported.body.data);
    expect(record.lead.consent).toBeNull();
    expect(record.consent_history).toEqual([
      { consent: expect.objectContaining(first), recorded_with: 'lead', submission_id: null },
      { consent: expect.objectContaining(second), recorded_with: 'lead', submission_id: null },
    ]);
  });

  it('a plain DELETE keeps the logs; an unknown erase value is a validation error', async () => {
    const org = await newOrg();
    const created = await org.call('POST', '/v1/leads', {
      contact: { email: `keep-${Date.now()}@privacy.example` },
    });
    const bad = await org.call('DELETE', `/v1/leads/${created.body.data.id}?erase=yes`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_error');
    // A misspelt parameter is refused, never quietly a plain delete; so is one on a route with no query.
    const misspelt = await org.call('DELETE', `/v1/leads/${created.body.data.id}?erse=true`);
    expect([misspelt.status, misspelt.body.details]).toEqual([400, { erse: ['Unknown field'] }]);
    const pipeline = await org.call('GET', '/v1/pipeline?foo=1');
    expect([pipeline.status, pipeline.body.details]).toEqual([400, { foo: ['Unknown field'] }]);
    expect((await org.call('DELETE', `/v1/leads/${created.body.data.id}`)).status).toBe(200);
    const events = await hitsEverywhere(created.body.data.contact.email);
    expect(events.hits.events).toBeGreaterThan(0);
  });
});

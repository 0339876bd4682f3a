import { Lead, PublicLeadReceipt } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type ApiResponse, type TestOrg, useTestServer } from '../../../test/harness.js';
import { createApp } from '../../app.js';
import { apiKeys, events, idempotencyKeys, leadSubmissions, leads } from '../../db/schema.js';

const server = useTestServer();

let originCount = 0;
/** Each test's own origin: the CORS origin cache never sees one before its key exists. */
const newOrigin = () => `https://partner-${process.pid}-${++originCount}.example`;

const form = {
  contact: { name: 'Ada Seller', email: 'Ada@Example.com', phone: '512 555 0199' },
  property: { address: '4 Elm Court', city: 'Austin', state: 'TX' },
  motivation: 'Relocating for work',
  attribution: {
    utm_source: 'facebook',
    utm_campaign: 'spring',
    landing_page: 'https://partner.example/sell',
  },
  consent: { text: 'You may call or text me about my property.', version: '2026-11-01' },
  custom_fields: { page: 'home' },
  website: '',
  elapsed_ms: 9000,
};

interface SubmitOptions {
  origin?: string | null;
  ip?: string;
  key?: string;
  headers?: Record<string, string>;
  app?: { request: typeof server.app.request };
}

async function submit(org: TestOrg & { origin: string }, body: unknown, options: SubmitOptions = {}) {
  const origin = options.origin === undefined ? org.origin : options.origin;
  const response = await (options.app ?? server.app).request(
    '/v1/public/leads',
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.key ?? org.publishable_key}`,
        'content-type': 'application/json',
        'user-agent': 'Mozilla/5.0 (test)',
        ...(origin ? { origin } : {}),
        ...options.headers,
      },
      body: JSON.stringify(body),
    },
    { incoming: { socket: { remoteAddress: options.ip ?? '203.0.113.7' } } },
  );
  return { status: response.status, headers: response.headers, body: await response.json() } as ApiResponse;
}

async function captureOrg() {
  const origin = newOrigin();
  return { ...(await server.newOrg({ allowedOrigins: [origin] })), origin };
}

async function storedLeads(org: TestOrg): Promise<Lead[]> {
  const list = await org.call('GET', '/v1/leads');
  return list.body.data.items.map((item: unknown) => Lead.parse(item));
}

describe('POST /v1/public/leads', () => {
  it('stores the capture fields with consent and attribution, and answers with a receipt', async () => {
    const org = await captureOrg();
    const before = Date.now();
    const res = await submit(org, form);
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.data)).toEqual(['id']);
    const { id } = PublicLeadReceipt.parse(res.body.data);
    expect(res.headers.get('access-control-allow-origin')).toBe(org.origin);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('access-control-expose-headers')).toMatch(
      /Retry-After.*RateLimit-Remaining.*x-request-id/,
    );

    const lead = Lead.parse((await org.call('GET', `/v1/leads/${id}`)).body.data);
    expect(lead).toMatchObject({
      source: 'web_form',
      status: 'new',
      priority: 'medium',
      score: null,
      organization_id: org.organization_id,
      contact: { name: 'Ada Seller', email: 'ada@example.com', phone: '+15125550199' },
      property: form.property,
      motivation: form.motivation,
      attribution: form.attribution,
      custom_fields: { page: 'home' },
    });
    expect(lead.consent).toMatchObject({
      text: form.consent.text,
      version: '2026-11-01',
      ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0 (test)',
    });
    expect(Date.parse(lead.consent!.granted_at)).toBeGreaterThanOrEqual(before - 1000);

    const [event] = await server.deps.db.select().from(events).where(eq(events.resourceId, id));
    expect(event?.type).toBe('lead.created');
  });

  it('records the consent time itself, not the browser’s', async () => {
    const org = await captureOrg();
    const res = await submit(org, {
      ...form,
      consent: { ...form.consent, granted_at: '2001-01-01T00:00:00.000Z' },
    });
    const lead = (await org.call('GET', `/v1/leads/${res.body.data.id}`)).body.data;
    expect(lead.consent.granted_at).not.toBe('2001-01-01T00:00:00.000Z');
  });

  it('refuses server-owned fields (status, priority, score, source, organisation) and stores nothing', async () => {
    const org = await captureOrg();
    for (const field of ['status', 'priority', 'score', 'source', 'organization_id', 'tags', 'enrichment']) {
      const res = await submit(org, { ...form, [field]: field === 'score' ? 99 : 'urgent' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_error');
      expect(res.body.details[field]).toEqual(['Unknown field']);
    }
    expect(await storedLeads(org)).toHaveLength(0);
  });

  it('replays the first answer for the same Idempotency-Key: one lead', async () => {
    const org = await captureOrg();
    const headers = { 'idempotency-key': `form-${org.organization_id}` };
    const first = await submit(org, form, { headers });
    const second = await submit(org, form, { headers });
    expect(second.status).toBe(201);
    expect(second.body.data.id).toBe(first.body.data.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.headers.get('access-control-allow-origin')).toBe(org.origin);
    // The replay ran the capture (its key is checked at the commit) and rolled it back: no second
    // submission, no resubmission flag.
    const stored = await storedLeads(org);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.resubmitted_at).toBeNull();
    const submissions = await server.deps.db
      .select()
      .from(leadSubmissions)
      .where(eq(leadSubmissions.organizationId, org.organization_id));
    expect(submissions).toHaveLength(1);
  });

  it('keeps publishable and secret callers in separate Idempotency-Key spaces', async () => {
    const org = await captureOrg();
    const headers = { 'idempotency-key': `shared-${org.organization_id}` };
    const captured = await submit(org, form, { headers });
    expect(captured.status).toBe(201);
    const created = await org.call('POST', '/v1/leads', { contact: { name: 'Back office' } }, headers);
    expect(created.status).toBe(201);
    expect(created.headers.get('idempotent-replayed')).toBeNull();
    expect(created.body.data.contact.name).toBe('Back office');
    expect(await storedLeads(org)).toHaveLength(2);
  });

  it('stores a submission matching a known email beside the lead and changes none of its fields', async () => {
    const org = await captureOrg();
    const first = await submit(org, { ...form, consent: undefined });
    const [before] = await storedLeads(org);
    const second = await submit(
      org,
      {
        contact: { name: 'Mallory', email: 'ADA@example.com', phone: '+44 20 7946 0958' },
        property: { address: '1 Attacker Way', zip: '78701', asking_price: 1 },
        motivation: 'I own this lead now',
        attribution: { utm_source: 'attacker' },
        consent: { text: 'Forged consent', version: 'evil' },
        custom_fields: { page: 'attacker', extra: 'x' },
        elapsed_ms: 4000,
      },
      { ip: '198.51.100.66' },
    );
    expect(second.status).toBe(201);
    expect(second.body.data).toEqual({ id: first.body.data.id });

    const [after] = await storedLeads(org);
    const { updated_at: _beforeUpdated, resubmitted_at: beforeFlag, ...beforeFields } = before!;
    const { updated_at: _afterUpdated, resubmitted_at: afterFlag, ...afterFields } = after!;
    expect(afterFields).toEqual(beforeFields);
    expect(afterFields.consent).toBeNull();
    expect(beforeFlag).toBeNull();
    expect(afterFlag).toEqual(expect.any(String));

    const rows = await server.deps.db
      .select()
      .from(leadSubmissions)
      .where(eq(leadSubmissions.organizationId, org.organization_id))
      .orderBy(leadSubmissions.createdAt);
    expect(rows.map((row) => row.resubmission)).toEqual([false, true]);
    expect(rows.every((row) => row.leadId === first.body.data.id)).toBe(true);
    expect(rows[1]).toMatchObject({
      ip: '198.51.100.66',
      origin: org.origin,
      userAgent: 'Mozilla/5.0 (test)',
    });
    expect(rows[1]!.data).toMatchObject({ motivation: 'I own this lead now', custom_fields: { extra: 'x' } });
    expect(rows[1]!.consent).toMatchObject({ text: 'Forged consent', version: 'evil', ip: '198.51.100.66' });
    expect(rows[0]!.consent).toBeNull();
  });

  it('answers spam (honeypot filled, or filled too fast) like a person and stores nothing', async () => {
    const org = await captureOrg();
    const trapped = [
      { ...form, website: 'https://cheap-pills.example' },
      { ...form, elapsed_ms: 300 },
    ];
    for (const [index, body] of trapped.entries()) {
      const res = await submit(org, body, { headers: { 'idempotency-key': `spam-${index}` } });
      expect(res.status).toBe(201);
      expect(Object.keys(res.body.data)).toEqual(['id']);
      PublicLeadReceipt.parse(res.body.data);
    }
    expect(await storedLeads(org)).toHaveLength(0);
    const keys = await server.deps.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.organizationId, org.organization_id));
    expect(keys).toHaveLength(0);
    const orgEvents = await server.deps.db
      .select()
      .from(events)
      .where(eq(events.organizationId, org.organization_id));
    expect(orgEvents).toHaveLength(0);
  });

  it('refuses a submission without elapsed_ms, and honours a configured minimum fill time', async () => {
    const org = await captureOrg();
    const { elapsed_ms: _elapsed, ...withoutTiming } = form;
    const untimed = await submit(org, withoutTiming);
    expect(untimed.status).toBe(400);
    expect(untimed.body).toMatchObject({ success: false, code: 'validation_error' });
    expect(JSON.stringify(untimed.body)).toContain('elapsed_ms');
    expect(await storedLeads(org)).toHaveLength(0);

    const patient = createApp({ ...server.deps, minFillMs: 20_000 });
    await submit(org, { ...form, contact: { email: 'quick@example.com' } }, { app: patient });
    const stored = await server.deps.db
      .select()
      .from(leads)
      .where(and(eq(leads.organizationId, org.organization_id), eq(leads.contactEmail, 'quick@example.com')));
    expect(stored).toHaveLength(0);
  });

  it('refuses oversized custom fields and free text with 400 and stores nothing', async () => {
    const org = await captureOrg();
    const bigIp = '198.51.100.40'; // its own address: the file's shared one is near its rate limit
    const megabyte = Object.fromEntries(
      Array.from({ length: 480 }, (_, i) => [`field_${i}`, 'x'.repeat(2000)]),
    );
    const oversized = [
      { ...form, custom_fields: megabyte },
      { ...form, custom_fields: { note: 'x'.repeat(2001) } },
      { ...form, custom_fields: { ['k'.repeat(101)]: 'v' } },
      { ...form, motivation: 'x'.repeat(10_001) },
    ];
    expect(JSON.stringify(oversized[0]).length).toBeGreaterThan(950_000);
    for (const [index, body] of oversized.entries()) {
      const res = await submit(org, body, { ip: bigIp, headers: { 'idempotency-key': `big-${index}` } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ success: false, code: 'validation_error' });
      expect(Object.keys(res.body.details).join()).toContain(index === 3 ? 'motivation' : 'custom_fields');
    }
    expect(await storedLeads(org)).toHaveLength(0);

    // A key that would set the prototype is refused by name, not dropped: the body is parsed JSON,
    // where `__proto__` is an own key like any other.
    const poisoned = JSON.parse('{"__proto__": "x", "constructor": "y"}');
    const proto = await submit(org, { ...form, custom_fields: poisoned }, { ip: bigIp });
    expect([proto.status, proto.body.details]).toEqual([
      400,
      { 'custom_fields.__proto__': ['A key may not be named __proto__'] },
    ]);
    expect(await storedLeads(org)).toHaveLength(0);

    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`field_${i}`, 'x'.repeat(2000)]));
    expect((await submit(org, { ...form, custom_fields: fifty }, { ip: bigIp })).status).toBe(201);
  });

  it('refuses an origin that is not on the key’s allow-list, or no origin, with 403', async () => {
    const org = await captureOrg();
    const other = await captureOrg();
    for (const origin of ['https://evil.example', other.origin, null]) {
      const res = await submit(org, form, { origin });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ success: false, code: 'forbidden' });
      expect(res.body.request_id).toBeTruthy();
    }
    expect(
      (await submit(org, form, { origin: 'https://evil.example' })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
    expect(await storedLeads(org)).toHaveLength(0);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const org = await captureOrg();
    const preflight = (origin: string) =>
      server.raw('/v1/public/leads', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const allowed = await preflight(org.origin);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(org.origin);
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST');
    expect(allowed.headers.get('access-control-allow-headers')).toBe(
      'Authorization, Content-Type, Idempotency-Key',
    );
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();

    const refused = await preflight('https://not-a-partner.example');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses secret keys, unknown and revoked keys (saying which) and missing keys', async () => {
    const org = await captureOrg();
    expect((await submit(org, form, { key: org.secret_key })).status).toBe(403);
    const unknown = await submit(org, form, { key: 'pk_unknown' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ code: 'unauthorized', details: { key: ['unknown'] } });
    const res = await server.raw('/v1/public/leads', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: org.origin },
      body: JSON.stringify(form),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(org.origin);
    await server.handle.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(eq(apiKeys.hash, server.deps.hashKey(org.publishable_key)));
    const revoked = await submit(org, form, { key: org.publishable_key });
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ code: 'unauthorized', details: { key: ['revoked'] } });
    expect(await storedLeads(org)).toHaveLength(0);
  });

  it('lets a publishable key do nothing else', async () => {
    const org = await captureOrg();
    const asPublishable = { authorization: `Bearer ${org.publishable_key}`, origin: org.origin };
    for (const [method, path] of [
      ['GET', '/v1/leads'],
      ['POST', '/v1/leads'],
      ['GET', '/v1/public/leads'],
    ] as const) {
      const res = await server.raw(path, {
        method,
        headers: { ...asPublishable, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        body: method === 'POST' ? JSON.stringify(form) : undefined,
      });
      // `GET /v1/public/leads` has no route: 405, the path takes POST only.
      expect([403, 405]).toContain(res.status);
    }
    expect(await storedLeads(org)).toHaveLength(0);
  });

  it('records the client IP from the socket, and from X-Forwarded-For only behind a trusted proxy', async () => {
    const org = await captureOrg();
    const forwarded = { 'x-forwarded-for': '198.51.100.23' };
    const direct = await submit(
      org,
      { ...form, contact: { email: 'direct@example.com' } },
      { headers: forwarded, ip: '10.1.2.3' },
    );
    const proxied = await submit(
      org,
      { ...form, contact: { email: 'proxied@example.com' } },
      {
        headers: forwarded,
        ip: '10.1.2.3',
        app: createApp({ ...server.deps, trustedProxies: ['10.0.0.0/8'] }),
      },
    );
    const ipOf = async (res: ApiResponse) =>
      (await org.call('GET', `/v1/leads/${res.body.data.id}`)).body.data.consent.ip;
    expect(await ipOf(direct)).toBe('10.1.2.3');
    expect(await ipOf(proxied)).toBe('198.51.100.23');
  });
});

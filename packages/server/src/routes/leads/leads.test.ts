import { Lead, LeadCreateResult, listPage } from '@hidden-key/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { type ApiResponse, useTestServer } from '../../../test/harness.js';

const server = useTestServer();

const jane = {
  source: 'website',
  contact: { name: 'Jane Seller', email: '  Jane@Example.COM ', phone: '(415) 555-0132' },
  property: { address: '12 Oak Street', city: 'Austin', state: 'TX', bedrooms: 3 },
  attribution: { utm_source: 'google' },
  tags: ['probate'],
  custom_fields: { heard_from: 'radio' },
};

describe('POST /v1/leads', () => {
  it('creates a lead with a normalised email and an E.164 phone', async () => {
    const org = await server.newOrg();
    const res = await org.call('POST', '/v1/leads', jane);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const lead = LeadCreateResult.parse(res.body.data);
    expect(lead.merged).toBe(false);
    expect(lead.organization_id).toBe(org.organization_id);
    expect(lead.contact).toEqual({ name: 'Jane Seller', email: 'jane@example.com', phone: '+14155550132' });
    expect(lead.status).toBe('new');
    expect(lead.priority).toBe('medium');
    expect(lead.property.city).toBe('Austin');
  });

  it('reads a number without a country code in the organisation’s default region', async () => {
    const org = await server.newOrg({ defaultRegion: 'GB' });
    const res = await org.call('POST', '/v1/leads', { contact: { phone: '020 7946 0958' } });
    expect(res.status).toBe(201);
    expect(res.body.data.contact.phone).toBe('+442079460958');
  });

  it('merges a lead with the same email or phone instead of duplicating it', async () => {
    const org = await server.newOrg();
    const first = await org.call('POST', '/v1/leads', jane);
    const second = await org.call('POST', '/v1/leads', {
      contact: { email: 'JANE@example.com', name: 'Someone Else' },
      property: { address: 'ignored', zip: '78701' },
      motivation: 'Inherited the house',
      tags: ['probate', 'vacant'],
      custom_fields: { heard_from: 'tv', budget: 5 },
    });
    expect(second.status).toBe(200);
    expect(second.body.data.merged).toBe(true);
    expect(second.body.data.id).toBe(first.body.data.id);
    expect(second.body.data.contact.name).toBe('Jane Seller');
    expect(second.body.data.property).toMatchObject({ address: '12 Oak Street', zip: '78701' });
    expect(second.body.data.motivation).toBe('Inherited the house');
    expect(second.body.data.tags).toEqual(['probate', 'vacant']);
    expect(second.body.data.custom_fields).toEqual({ heard_from: 'radio', budget: 5 });

    const byPhone = await org.call('POST', '/v1/leads', { contact: { phone: '+1 415-555-0132' } });
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.data.id).toBe(first.body.data.id);

    const list = await org.call('GET', '/v1/leads');
    expect(list.body.data.items).toHaveLength(1);

    // What a merge did not take (another name, a new email) is kept whole, as a submission.
    await org.call('POST', '/v1/leads', {
      contact: { phone: '+1 415-555-0132', email: 'jane.new@example.com' },
    });
    const exported = await org.call('GET', `/v1/leads/${first.body.data.id}/export`);
    expect(exported.body.data.lead.contact.email).toBe('jane@example.com');
    expect(exported.body.data.submissions.map((s: { data: { contact: unknown } }) => s.data.contact)).toEqual(
      [
        { email: 'jane@example.com', name: 'Someone Else' },
        { phone: '+1 415-555-0132' },
        { phone: '+1 415-555-0132', email: 'jane.new@example.com' },
      ],
    );
    expect(exported.body.data.submissions[0]).toMatchObject({
      resubmission: true,
      data: { motivation: 'Inherited the house', tags: ['probate', 'vacant'] },
    });
  });

  it('never merges across organisations', async () => {
    const a = await server.newOrg();
    const b = await server.newOrg();
    await a.call('POST', '/v1/leads', jane);
    const res = await b.call('POST', '/v1/leads', jane);
    expect(res.status).toBe(201);
    expect(res.body.data.merged).toBe(false);
  });

  it('creates one lead from concurrent submissions of the same person', async () => {
    const org = await server.newOrg();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        org.call('POST', '/v1/leads', { contact: { email: 'race@example.com' } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.data.id)).size).toBe(1);
  });

  it('answers 400 validation_error with field details', async () => {
    const org = await server.newOrg();
    const res = await org.call('POST', '/v1/leads', {
      contact: { email: 'not-an-email' },
      status: 'bogus',
      property: { bedrooms: -1 },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, code: 'validation_error' });
    expect(Object.keys(res.body.details)).toEqual(
      expect.arrayContaining(['contact.email', 'status', 'property.bedrooms']),
    );
    expect(res.body.request_id).toBe(res.headers.get('x-request-id'));
  });

  it('rejects an invalid phone number on contact.phone', async () => {
    const org = await server.newOrg();
    const res = await org.call('POST', '/v1/leads', { contact: { phone: '123' } });
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveProperty(['contact.phone']);
    // An extension has no place in E.164: refused, not dropped.
    const extension = await org.call('POST', '/v1/leads', { contact: { phone: '+1 512 555 0100 ext 5' } });
    expect(extension.body.details).toEqual({ 'contact.phone': ['Invalid phone number'] });
  });

  it('rejects unknown fields, including ones that try to set server-owned columns', async () => {
    const org = await server.newOrg();
    const res = await org.call('POST', '/v1/leads', {
      contact: { name: 'X' },
      organization_id: '00000000-0000-4000-8000-000000000000',
      score: 99,
    });
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveProperty('organization_id');
    expect(res.body.details).toHaveProperty('score');
  });

  it('needs a name, an email or a phone', async () => {
    const org = await server.newOrg();
    const res = await org.call('POST', '/v1/leads', { contact: {} });
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveProperty('contact');
  });

  it('answers malformed JSON, a wrong content type and a missing body with clean 4xx', async () => {
    const org = await server.newOrg();
    const malformed = await org.call('POST', '/v1/leads', '{"contact": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid_json');
    const text = await org.call('POST', '/v1/leads', 'name=x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('unsupported_media_type');
    const empty = await org.call('POST', '/v1/leads', '');
    expect(empty.status).toBe(400);
    const array = await org.call('POST', '/v1/leads', [1, 2]);
    expect(array.status).toBe(400);
  });

  it('refuses a body in another charset than UTF-8, which it would misread', async () => {
    const org = await server.newOrg();
    const utf16 = await org.call(
      'POST',
      '/v1/leads',
      { contact: { name: 'Wide Chars' } },
      {
        'content-type': 'application/json; charset=utf-16',
      },
    );
    expect(utf16.status).toBe(415);
    expect(utf16.body.error).toMatch(/UTF-8.*utf-16/);
    const utf8 = await org.call(
      'POST',
      '/v1/leads',
      { contact: { name: 'Narrow Chars' } },
      {
        'content-type': 'application/json; charset="UTF-8"',
      },
    );
    expect(utf8.status).toBe(201);
  });

  it('stores a lone surrogate escape, in a value or a key, as U+FFFD, as every resource does', async () => {
    const org = await server.newOrg();
    const body =
      '{"contact":{"name":"Ann\\ud800e","email":"lone@example.com"},"custom_fields":{"k\\udc00":"\\udfff","pair":"\\ud83d\\ude00"}}';
    const created = await org.call('POST', '/v1/leads', body);
    expect(created.status).toBe(201);
    expect(created.body.data.contact.name).toBe('Ann\uFFFDe');
    expect(created.body.data.custom_fields).toEqual({ 'k\uFFFD': '\uFFFD', pair: '😀' });
    const stored = await org.call('GET', `/v1/leads/${created.body.data.id}`);
    expect(stored.body.data.custom_fields).toEqual({ 'k\uFFFD': '\uFFFD', pair: '😀' });
    // An escaped backslash before `u` is text, not an escape: it is kept as sent.
    const literal = await org.call('POST', '/v1/leads', '{"contact":{"name":"C:\\\\ud800"}}');
    expect(literal.body.data.contact.name).toBe('C:\\ud800');
  });

  it('refuses years before 1000, which the database cannot store or reads back wrong, naming the field', async () => {
    const org = await server.newOrg();
    const filter = await org.call('GET', '/v1/leads?created_after=0000-01-01T00:00:00Z');
    expect(filter.status).toBe(400);
    expect(filter.body.details).toEqual({ created_after: ['Use a year from 1000 to 9999'] });
    // Year 0049 used to come back as 2049, and 0030 as a 500 (an invalid date read back).
    for (const year of ['0049', '0030', '0999']) {
      const res = await org.call('POST', '/v1/leads', {
        contact: { name: 'Old Timer' },
        last_contacted_at: `${year}-06-15T12:00:00Z`,
      });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual({ last_contacted_at: ['Use a year from 1000 to 9999'] });
    }
    const stored = await org.call('POST', '/v1/leads', {
      contact: { name: 'Old Timer' },
      last_contacted_at: '1000-06-15T12:00:00Z',
    });
    expect(stored.body.data.last_contacted_at).toBe('1000-06-15T12:00:00.000Z');
    expect((await org.call('GET', '/v1/leads?limit=0x10')).body.details).toHaveProperty('limit');
  });

  it('refuses a NUL, in a body key or value or a query parameter, by its name, storing nothing', async () => {
    const org = await server.newOrg();
    const body =
      '{"contact":{"name":"Nul\\u0000Name"},"custom_fields":{"k\\u0000":"v"},"tags":["ok","x\\u0000"]}';
    const res = await org.call('POST', '/v1/leads', body);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual({
      'contact.name': ['Must not contain NUL bytes'],
      'custom_fields.k\u0000': ['Must not contain NUL bytes'],
      'tags.1': ['Must not contain NUL bytes'],
    });
    const query = await org.call('GET', '/v1/leads?source=web%00form');
    expect(query.body.details).toEqual({ source: ['Must not contain NUL bytes'] });
    expect((await org.call('GET', '/v1/leads')).body.data.items).toEqual([]);
  });

  it('refuses a compressed body it would misread, and answers 405 with Allow for a method a path lacks', async () => {
    const org = await server.newOrg();
    const gzip = await org.call(
      'POST',
      '/v1/leads',
      { contact: { name: 'Zipped' } },
      { 'content-encoding': 'gzip' },
    );
    expect(gzip.status).toBe(415);
    expect(gzip.body.error).toMatch(/uncompressed, not as gzip/);
    const put = await org.call('PUT', '/v1/leads', { contact: { name: 'Put' } });
    expect(put.status).toBe(405);
    expect(put.body.code).toBe('method_not_allowed');
    expect(put.headers.get('allow')).toBe('GET, POST');
    const lead = await org.call('POST', '/v1/leads', { contact: { name: 'Here' } });
    expect((await org.call('PUT', `/v1/leads/${lead.body.data.id}`, {})).headers.get('allow')).toBe(
      'GET, PATCH, DELETE',
    );
    expect((await org.call('GET', '/v1/nothing-here')).status).toBe(404);
  });

  it('refuses a blank source filter rather than matching leads whose source is empty', async () => {
    const org = await server.newOrg();
    const res = await org.call('GET', '/v1/leads?source=%20');
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveProperty('source');
  });

  it('lets a bodyless action take no body or {}, and refuses malformed JSON or any field in it', async () => {
    const org = await server.newOrg();
    const lead = await org.call('POST', '/v1/leads', { contact: { name: 'Body Less' } });
    const enrich = (body?: unknown) => org.call('POST', `/v1/leads/${lead.body.data.id}/enrich`, body);
    expect((await enrich()).status).toBe(202);
    expect((await enrich({})).status).toBe(202);
    const malformed = await enrich('{"force": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid_json');
    const field = await enrich({ force: true });
    expect(field.status).toBe(400);
    expect(field.body.details).toEqual({ force: ['Unknown field'] });
    const array = await enrich([1]);
    expect(array.status).toBe(400);
    expect(array.body.details).toHaveProperty('_root');
  });

  it('answers 413 for an oversize body', async () => {
    const org = await server.newOrg();
    const res = await org.call('POST', '/v1/leads', {
      contact: { name: 'x' },
      motivation: 'y'.repeat(1_100_000),
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('answers 401 without a key, with an unknown key, and 403 with a publishable key', async () => {
    const org = await server.newOrg();
    const none = await server.raw('/v1/leads', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('unauthorized');
    const wrong = await org.call('GET', '/v1/leads', undefined, { authorization: 'Bearer sk_nope' });
    expect(wrong.status).toBe(401);
    const publishable = await org.call('GET', '/v1/leads', undefined, {
      authorization: `Bearer ${org.publishable_key}`,
    });
    expect(publishable.status).toBe(403);
  });
});

describe('GET, PATCH and DELETE /v1/leads/{id}', () => {
  it('answers an empty PATCH with the lead as it is, writing nothing', async () => {
    const org = await server.newOrg();
    const created = await org.call('POST', '/v1/leads', jane);
    const id = created.body.data.id;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const empty = await org.call('PATCH', `/v1/leads/${id}`, {});
    expect(empty.status).toBe(200);
    expect(empty.body.data).toEqual((await org.call('GET', `/v1/leads/${id}`)).body.data);
    expect(empty.body.data.updated_at).toBe(created.body.data.updated_at);
    // No event was recorded for it: the export lists the lead's events.
    const exported = await org.call('GET', `/v1/leads/${id}/export`);
    expect(exported.body.data.events.map((event: { type: string }) => event.type)).toEqual(['lead.created']);
  });

  it('reads, patches (merging nested objects) and deletes a lead', async () => {
    const org = await server.newOrg();
    const created = await org.call('POST', '/v1/leads', jane);
    const id = created.body.data.id;

    const got = await org.call('GET', `/v1/leads/${id}`);
    expect(got.status).toBe(200);
    expect(Lead.parse(got.body.data).id).toBe(id);

    const patched = await org.call('PATCH', `/v1/leads/${id}`, {
      status: 'contacted',
      contact: { phone: '512-555-0199' },
      property: { city: 'Dallas', bedrooms: null },
      tags: ['hot'],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      status: 'contacted',
      contact: { name: 'Jane Seller', email: 'jane@example.com', phone: '+15125550199' },
      property: { address: '12 Oak Street', city: 'Dallas', state: 'TX' },
      tags: ['hot'],
    });
    expect(patched.body.data.property).not.toHaveProperty('bedrooms');
    expect(Date.parse(patched.body.data.updated_at)).toBeGreaterThanOrEqual(
      Date.parse(created.body.data.updated_at),
    );

    const deleted = await org.call('DELETE', `/v1/leads/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toEqual({ id, deleted: true });
    expect((await org.call('GET', `/v1/leads/${id}`)).status).toBe(404);
    expect((await org.call('DELETE', `/v1/leads/${id}`)).status).toBe(404);
  });

  it('refuses fields a caller may not set', async () => {
    const org = await server.newOrg();
    const { body } = await org.call('POST', '/v1/leads', jane);
    for (const field of ['id', 'organization_id', 'created_at', 'updated_at', 'score']) {
      const res = await org.call('PATCH', `/v1/leads/${body.data.id}`, { [field]: 'x' });
      expect(res.status, field).toBe(400);
      expect(res.body.details, field).toHaveProperty(field);
    }
  });

  it('answers 404 for another organisation’s lead and leaves it untouched', async () => {
    const owner = await server.newOrg();
    const other = await server.newOrg();
    const { body } = await owner.call('POST', '/v1/leads', jane);
    const id = body.data.id;
    expect((await other.call('GET', `/v1/leads/${id}`)).status).toBe(404);
    expect((await other.call('PATCH', `/v1/leads/${id}`, { status: 'lost' })).status).toBe(404);
    expect((await other.call('DELETE', `/v1/leads/${id}`)).status).toBe(404);
    const still = await owner.call('GET', `/v1/leads/${id}`);
    expect(still.body.data.status).toBe('new');
  });

  it('answers 400 for a malformed id', async () => {
    const org = await server.newOrg();
    const res = await org.call('GET', '/v1/leads/not-a-uuid');
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveProperty('id');
  });
});

describe('GET /v1/leads', () => {
  it('filters by status, source, priority, min_score and creation time', async () => {
    const org = await server.newOrg();
    await org.call('POST', '/v1/leads', { contact: { name: 'A' }, status: 'qualified', source: 'mailer' });
    await org.call('POST', '/v1/leads', { contact: { name: 'B' }, priority: 'urgent' });
    await org.call('POST', '/v1/leads', { contact: { name: 'C' } });
    const names = async (query: string) => {
      const res = await org.call('GET', `/v1/leads?${query}`);
      expect(res.status, query).toBe(200);
      return res.body.data.items.map((lead: { contact: { name: string } }) => lead.contact.name).sort();
    };
    expect(await names('status=qualified')).toEqual(['A']);
    expect(await names('source=mailer')).toEqual(['A']);
    expect(await names('priority=urgent')).toEqual(['B']);
    expect(await names('sort=-priority&limit=1')).toEqual(['B']);
    expect(await names('min_score=1')).toEqual([]);
    expect(await names('created_after=2000-01-01T00:00:00Z')).toEqual(['A', 'B', 'C']);
    expect(await names('created_before=2000-01-01T00:00:00Z')).toEqual([]);
  });

  it('finds leads by full-text search over name, email and address', async () => {
    const org = await server.newOrg();
    await org.call('POST', '/v1/leads', jane);
    await org.call('POST', '/v1/leads', {
      contact: { name: 'Bob Buyer', email: 'bob@example.org' },
      property: { address: '9 Elm Road' },
    });
    const search = async (q: string) =>
      (await org.call('GET', `/v1/leads?q=${encodeURIComponent(q)}`)).body.data.items.map(
        (lead: { contact: { name: string } }) => lead.contact.name,
      );
    expect(await search('jane')).toEqual(['Jane Seller']);
    expect(await search('elm')).toEqual(['Bob Buyer']);
    expect(await search('bob@example.org')).toEqual(['Bob Buyer']);
    expect(await search('austin')).toEqual(['Jane Seller']);
    expect(await search('nobody')).toEqual([]);
  });

  it('pages with a keyset cursor that stays stable while leads are inserted', async () => {
    const org = await server.newOrg();
    for (let i = 0; i < 7; i++) await org.call('POST', '/v1/leads', { contact: { name: `Lead ${i}` } });
    const seen: string[] = [];
    let cursor: string | null = null;
    let inserted = 0;
    do {
      const res = await org.call('GET', `/v1/leads?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const page = listPage(Lead).parse(res.body.data);
      seen.push(...page.items.map((lead) => lead.contact.name!));
      cursor = page.next_cursor;
      await org.call('POST', '/v1/leads', { contact: { name: `Late ${inserted++}` } });
    } while (cursor);
    expect(seen).toEqual(['Lead 6', 'Lead 5', 'Lead 4', 'Lead 3', 'Lead 2', 'Lead 1', 'Lead 0']);
  });

  it('pages in every sort order without repeats', async () => {
    const org = await server.newOrg();
    for (const priority of ['low', 'urgent', 'high', 'medium', 'urgent']) {
      await org.call('POST', '/v1/leads', { contact: { name: priority }, priority });
    }
    for (const sort of ['-created_at', 'created_at', '-priority', '-score', '-updated_at']) {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const res: ApiResponse = await org.call(
          'GET',
          `/v1/leads?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status, sort).toBe(200);
        ids.push(...res.body.data.items.map((lead: { id: string }) => lead.id));
        cursor = res.body.data.next_cursor;
      } while (cursor);
      expect(new Set(ids).size, sort).toBe(5);
    }
  });

  it('answers 400 for a huge limit, a bad cursor, an unknown filter or a cursor from another sort', async () => {
    const org = await server.newOrg();
    await org.call('POST', '/v1/leads', { contact: { name: 'A' } });
    await org.call('POST', '/v1/leads', { contact: { name: 'B' } });
    expect((await org.call('GET', '/v1/leads?limit=1000000')).status).toBe(400);
    expect((await org.call('GET', '/v1/leads?limit=0')).status).toBe(400);
    // Text where a number belongs is named as such, not as "NaN".
    expect((await org.call('GET', '/v1/leads?limit=ten')).body.details).toEqual({
      limit: ['Must be a whole number from 1 to 100'],
    });
    expect((await org.call('GET', '/v1/leads?min_score=high')).body.details).toEqual({
      min_score: ['Invalid input: expected number, received string'],
    });
    expect((await org.call('GET', '/v1/leads?cursor=garbage')).body.details).toHaveProperty('cursor');
    // A cursor the server could not have written (year 0000, which the database refuses) is a bad cursor.
    const forged = Buffer.from(
      JSON.stringify(['-created_at', '0000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
    ).toString('base64url');
    expect((await org.call('GET', `/v1/leads?cursor=${forged}`)).body.details).toHaveProperty('cursor');
    expect((await org.call('GET', '/v1/leads?colour=red')).status).toBe(400);
    const first = await org.call('GET', '/v1/leads?limit=1');
    const wrongSort = await org.call(
      'GET',
      `/v1/leads?limit=1&sort=-priority&cursor=${first.body.data.next_cursor}`,
    );
    expect(wrongSort.status).toBe(400);
  });

  it('lists only the caller’s organisation', async () => {
    const a = await server.newOrg();
    const b = await server.newOrg();
    await a.call('POST', '/v1/leads', jane);
    const res = await b.call('GET', '/v1/leads');
    expect(res.body.data).toEqual({ items: [], next_cursor: null });
  });
});

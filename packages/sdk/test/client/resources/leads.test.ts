import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, RequestValidationError } from '../../../src/client/index.js';
import { type Transport, useRealServer } from '../support/real-server.js';

const NAMES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf'];

describe.each<Transport>(['in-process', 'socket'])('leads against the real app (%s)', (transport) => {
  const server = useRealServer(transport);

  it('creates, merges, retrieves, updates and deletes a lead', async () => {
    const { secretKey } = await server.newOrg();
    const hk = server.client(secretKey);

    const created = await hk.leads.create({
      contact: { name: 'Ada Lovelace', email: '  Ada@Example.com ', phone: '(202) 456-1111' },
      property: { address: '1 Main St', city: 'Springfield', bedrooms: 3 },
      tags: ['probate'],
    });
    expect(created).toMatchObject({ merged: false, status: 'new', contact: { email: 'ada@example.com' } });
    expect(created.contact.phone).toMatch(/^\+1/);

    const again = await hk.leads.create({ contact: { email: 'ada@example.com' }, motivation: 'Relocating' });
    expect(again.merged).toBe(true);
    expect(again.id).toBe(created.id);

    expect(await hk.leads.retrieve(created.id)).toMatchObject({
      id: created.id,
      property: { city: 'Springfield' },
    });

    const updated = await hk.leads.update(created.id, { status: 'contacted', property: { zip: '62701' } });
    expect(updated).toMatchObject({ status: 'contacted', property: { city: 'Springfield', zip: '62701' } });

    expect(await hk.leads.delete(created.id)).toEqual({ id: created.id, deleted: true });
    await expect(hk.leads.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a phone the server refuses, before sending, in the error shape of the server', async () => {
    const { secretKey } = await server.newOrg();
    const body = { contact: { name: 'Ada', phone: '(555) 123-4567' } };
    const error = await server
      .client(secretKey)
      .leads.create(body)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestValidationError);
    const answer = await server.app.request('/v1/leads', {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const envelope = (await answer.json()) as { code: string; details: unknown };
    expect(answer.status).toBe(400);
    expect({
      code: (error as RequestValidationError).code,
      details: (error as RequestValidationError).details,
    }).toEqual({
      code: envelope.code,
      details: envelope.details,
    });
    expect(envelope.details).toEqual({ 'contact.phone': ['Invalid phone number'] });
  });

  it('scores a lead through POST /v1/leads/{id}/score (a conflict while there is no model yet)', async () => {
    const { secretKey } = await server.newOrg();
    const hk = server.client(secretKey);
    const lead = await hk.leads.create({ contact: { name: 'Score Me' } });
    const error = await hk.leads.score(lead.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('conflict');
    await expect(hk.leads.score(crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('exports everything held about a person, then erases them', async () => {
    const { secretKey } = await server.newOrg();
    const hk = server.client(secretKey);
    const lead = await hk.leads.create({ contact: { name: 'Grace Hopper', email: 'grace@example.com' } });
    const deal = await hk.opportunities.create({
      lead_id: lead.id,
      deal_type: 'buy_and_hold',
      property_value: 180_000,
    });
    await hk.activities.create({ type: 'note', lead_id: lead.id, subject: 'Called back' });

    const held = await hk.leads.export(lead.id);
    expect(held.lead.contact.email).toBe('grace@example.com');
    expect(held.opportunities.map((opportunity) => opportunity.id)).toEqual([deal.id]);
    expect(held.activities.map((activity) => activity.subject)).toContain('Called back');
    expect(held.events.some((event) => event.type === 'lead.created')).toBe(true);

    expect(await hk.leads.delete(lead.id, { erase: true })).toEqual({ id: lead.id, deleted: true });
    await expect(hk.leads.export(lead.id)).rejects.toBeInstanceOf(NotFoundError);
    // Erasure takes the deal on the person's property with it; a plain delete keeps the deal.
    await expect(hk.opportunities.retrieve(deal.id)).rejects.toBeInstanceOf(NotFoundError);
    const kept = await hk.leads.create({ contact: { name: 'Kept Deal' } });
    const keptDeal = await hk.opportunities.create({
      lead_id: kept.id,
      deal_type: 'buy_and_hold',
      property_value: 1,
    });
    await hk.leads.delete(kept.id);
    expect((await hk.opportunities.retrieve(keptDeal.id)).id).toBe(keptDeal.id);
  });

  it('filters lists and walks every page', async () => {
    const { secretKey } = await server.newOrg();
    const hk = server.client(secretKey);
    for (let index = 0; index < 7; index++) {
      const lead = await hk.leads.create({
        contact: { name: `Seller ${NAMES[index]}`, email: `seller${index}@example.com` },
      });
      if (index % 2 === 0) await hk.leads.update(lead.id, { status: 'qualified' });
    }
    const qualified = await hk.leads.list({ status: 'qualified', limit: 2 }).toArray();
    expect(qualified).toHaveLength(4);
    expect(qualified.every((lead) => lead.status === 'qualified')).toBe(true);

    const first = await hk.leads.list({ limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.hasNextPage()).toBe(true);
    const pages: number[] = [];
    for await (const page of hk.leads.list({ limit: 3 }).pages()) pages.push(page.items.length);
    expect(pages).toEqual([3, 3, 1]);
    expect(await hk.leads.list({ q: 'Charlie' }).toArray()).toHaveLength(1);
  });

  it('pages through more than 1,000 leads, each exactly once, while new ones arrive', async () => {
    const { secretKey, organizationId } = await server.newOrg();
    const hk = server.client(secretKey);
    const total = 1_010;
    await server.seedLeads(organizationId, total);

    const ids: string[] = [];
    for await (const lead of hk.leads.list({ limit: 100 })) {
      // A lead created mid-walk is newer than every cursor, so it neither shifts nor repeats a page.
      if (ids.length === 150) await hk.leads.create({ contact: { name: 'Arrived during the walk' } });
      ids.push(lead.id);
    }
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(await server.countRows('leads', organizationId)).toBe(total + 1);
    expect(await hk.leads.list({ limit: 100 }).toArray({ limit: 250 })).toHaveLength(250);
  });
});

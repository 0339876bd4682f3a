import { Investor } from '@hidden-key/sdk/schemas';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { events } from '../../db/schema.js';

const server = useTestServer();

const buyer = {
  name: 'Cash Buyer LLC',
  company: 'Lone Star Capital',
  contact: { email: 'Deals@LoneStar.example', phone: '512 555 0100' },
  buy_box: {
    markets: ['Austin', 'Dallas'],
    deal_types: ['fix_and_flip'],
    min_price: 100_000,
    max_price: 400_000,
  },
  tags: ['vip'],
};

describe('investors', () => {
  it('creates, finds, patches (merging the buy box) and deletes an investor', async () => {
    const org = await server.newOrg();
    const created = await org.call('POST', '/v1/investors', buyer);
    expect(created.status).toBe(201);
    const investor = Investor.parse(created.body.data);
    expect(investor.contact).toEqual({ email: 'deals@lonestar.example', phone: '+15125550100' });
    await org.call('POST', '/v1/investors', {
      name: 'Rental Fund',
      buy_box: { markets: ['Houston'], deal_types: ['buy_and_hold'] },
    });

    const names = async (query: string) =>
      (await org.call('GET', `/v1/investors?${query}`)).body.data.items.map(
        (item: { name: string }) => item.name,
      );
    expect(await names('market=Austin')).toEqual(['Cash Buyer LLC']);
    // A market matches whatever its case or accents.
    expect(await names('market=AUSTIN')).toEqual(['Cash Buyer LLC']);
    expect(await names('market=houston')).toEqual(['Rental Fund']);
    expect(await names('market=Aust')).toEqual([]);
    expect(await names('deal_type=buy_and_hold')).toEqual(['Rental Fund']);
    expect(await names('q=lone')).toEqual(['Cash Buyer LLC']);
    expect(await names('limit=1')).toEqual(['Rental Fund']);

    const patched = await org.call('PATCH', `/v1/investors/${investor.id}`, {
      buy_box: { max_price: 500_000 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.buy_box).toEqual({
      markets: ['Austin', 'Dallas'],
      deal_types: ['fix_and_flip'],
      min_price: 100_000,
      max_price: 500_000,
    });
    const renamed = await org.call('PATCH', `/v1/investors/${investor.id}`, {
      buy_box: { markets: ['San José', 'Dallas', 'san jose', 'DALLAS'] },
    });
    // Each market once, as first written.
    expect(renamed.body.data.buy_box.markets).toEqual(['San José', 'Dallas']);
    expect(await names('market=san%20jose')).toEqual(['Cash Buyer LLC']);
    expect(await names('market=Austin')).toEqual([]);
    const inverted = await org.call('PATCH', `/v1/investors/${investor.id}`, { buy_box: { max_price: 1 } });
    expect(inverted.status).toBe(400);
    expect(inverted.body.details).toHaveProperty(['buy_box.max_price']);

    expect((await org.call('DELETE', `/v1/investors/${investor.id}`)).status).toBe(200);
    expect((await org.call('GET', `/v1/investors/${investor.id}`)).status).toBe(404);
  });

  it('validates input and hides other organisations’ investors', async () => {
    const owner = await server.newOrg();
    const other = await server.newOrg();
    const bad = await owner.call('POST', '/v1/investors', {
      name: '',
      buy_box: { min_price: 5, max_price: 1, deal_types: ['x'] },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.details)).toEqual(expect.arrayContaining(['name', 'buy_box.deal_types.0']));
    const mine = (await owner.call('POST', '/v1/investors', buyer)).body.data;
    expect((await other.call('GET', `/v1/investors/${mine.id}`)).status).toBe(404);
    expect((await other.call('PATCH', `/v1/investors/${mine.id}`, { name: 'x' })).status).toBe(404);
    expect((await other.call('DELETE', `/v1/investors/${mine.id}`)).status).toBe(404);
    expect((await other.call('GET', '/v1/investors')).body.data.items).toEqual([]);
  });

  it('writes an event with every change, in the same transaction', async () => {
    const org = await server.newOrg();
    const investor = (await org.call('POST', '/v1/investors', { name: 'Event Buyer' })).body.data;
    await org.call('PATCH', `/v1/investors/${investor.id}`, { notes: 'Pays cash' });
    await org.call('PATCH', `/v1/investors/${investor.id}`, { buy_box: { min_price: 9, max_price: 1 } });
    await org.call('DELETE', `/v1/investors/${investor.id}`);
    const rows = await server.deps.db
      .select({ type: events.type, resourceId: events.resourceId, data: events.data })
      .from(events)
      .where(eq(events.organizationId, org.organization_id))
      .orderBy(asc(events.id));
    expect(rows.map(({ type, resourceId }) => ({ type, resourceId }))).toEqual([
      { type: 'investor.created', resourceId: investor.id },
      { type: 'investor.updated', resourceId: investor.id },
      { type: 'investor.deleted', resourceId: investor.id },
    ]);
    expect(rows[1]?.data).toMatchObject({ id: investor.id, notes: 'Pays cash' });
  });
});

import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../src/client/index.js';
import { type Transport, useRealServer } from '../support/real-server.js';

describe.each<Transport>(['in-process', 'socket'])(
  'opportunities and pipeline against the real app (%s)',
  (transport) => {
    const server = useRealServer(transport);

    it('creates, retrieves, updates, lists and deletes deals', async () => {
      const hk = server.client((await server.newOrg()).secretKey);
      const lead = await hk.leads.create({ contact: { name: 'Deal Seller' } });
      const deal = await hk.opportunities.create({
        lead_id: lead.id,
        title: '12 Oak St',
        deal_type: 'fix_and_flip',
        property_value: 240_000,
        close_date: '2027-03-01',
      });
      expect(deal).toMatchObject({ stage: 'prospecting', lead_id: lead.id, property_value: 240_000 });
      expect(await hk.opportunities.retrieve(deal.id)).toMatchObject({ title: '12 Oak St' });

      const updated = await hk.opportunities.update(deal.id, {
        offer_amount: 180_000,
        title: '12 Oak Street',
      });
      expect(updated).toMatchObject({ offer_amount: 180_000, title: '12 Oak Street', stage: 'prospecting' });

      await hk.opportunities.create({ title: 'Wholesale', deal_type: 'wholesale' });
      const flips = await hk.opportunities.list({ deal_type: 'fix_and_flip' }).toArray();
      expect(flips.map((item) => item.id)).toEqual([deal.id]);
      expect(await hk.opportunities.list({ lead_id: lead.id }).toArray()).toHaveLength(1);

      expect(await hk.opportunities.delete(deal.id)).toEqual({ id: deal.id, deleted: true });
      await expect(hk.opportunities.retrieve(deal.id)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('starts a deal from its lead and reopens a won deal only when asked', async () => {
      const hk = server.client((await server.newOrg()).secretKey);
      const lead = await hk.leads.create({
        contact: { name: 'Pipeline Seller' },
        property: { address: '4 Pine Rd', estimated_value: 275_000 },
      });
      const deal = await hk.opportunities.create({ lead_id: lead.id, stage: 'won' });
      expect(deal).toMatchObject({ property: { address: '4 Pine Rd' }, property_value: 275_000 });
      expect((await hk.leads.retrieve(lead.id)).status).toBe('qualified');

      const refused = await hk.opportunities.move(deal.id, { stage: 'closing' }).catch((error) => error);
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused).toMatchObject({ status: 409, code: 'deal_closed' });
      expect((await hk.opportunities.retrieve(deal.id)).stage).toBe('won');
      const reopened = await hk.opportunities.move(deal.id, { stage: 'closing', reopen: true });
      expect(reopened).toMatchObject({ stage: 'closing', closed_at: null });
    });

    it('moves deals between stages and neighbours, and sums the pipeline', async () => {
      const hk = server.client((await server.newOrg()).secretKey);
      const [a, b, c] = await Promise.all(
        [100_000, 200_000, 300_000].map((value, index) =>
          hk.opportunities.create({ title: `Deal ${index}`, property_value: value, stage: 'qualified' }),
        ),
      );
      const moved = await hk.opportunities.move(c!.id, { stage: 'negotiation' });
      expect(moved.stage).toBe('negotiation');

      // Put b above a inside "qualified".
      await hk.opportunities.move(b!.id, { stage: 'qualified', before_id: a!.id });
      const order = await hk.opportunities.list({ stage: 'qualified', sort: 'position' }).toArray();
      expect(order.map((deal) => deal.id)).toEqual([b!.id, a!.id]);

      const pipeline = await hk.pipeline.retrieve();
      const qualified = pipeline.stages.find((stage) => stage.stage === 'qualified');
      const negotiation = pipeline.stages.find((stage) => stage.stage === 'negotiation');
      expect(qualified).toMatchObject({ count: 2, total_value: 300_000 });
      expect(qualified!.weighted_value).toBeCloseTo(300_000 * qualified!.probability);
      expect(negotiation).toMatchObject({ count: 1, total_value: 300_000 });
      expect(pipeline).toMatchObject({ total_count: 3, total_value: 600_000 });
    });
  },
);

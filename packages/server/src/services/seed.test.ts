import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';
import { seedDemoData } from './seed.js';

const server = useTestServer();

describe('seedDemoData', () => {
  it('puts each demo deal on the property of the lead it came from', async () => {
    const org = await server.newOrg();
    await seedDemoData(server.app, org.secret_key);
    const deals = (await org.call('GET', '/v1/opportunities?limit=100')).body.data.items;
    const leads = (await org.call('GET', '/v1/leads?limit=100')).body.data.items;
    const addressOf = new Map(
      leads.map((lead: { id: string; property: { address: string } }) => [lead.id, lead.property.address]),
    );
    expect(deals).toHaveLength(8);
    for (const deal of deals) {
      // "77 Bayou Bend flip" is on 77 Bayou Bend Ct, of the seller who lives there.
      const street = deal.title.split(' ').slice(0, -1).join(' ');
      expect([deal.title, deal.property.address]).toEqual([deal.title, expect.stringContaining(street)]);
      expect([deal.title, addressOf.get(deal.lead_id)]).toEqual([deal.title, deal.property.address]);
    }
  });
});

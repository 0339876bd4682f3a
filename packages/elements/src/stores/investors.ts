import type { HiddenKeyCore } from '@hidden-key/sdk';
import type { Investor, InvestorCreate, InvestorListQuery, InvestorUpdate } from '@hidden-key/sdk/schemas';
import { createCollection } from './collection.js';

export type InvestorStore = ReturnType<typeof createInvestorStore>;

/** Buyers of one client. Investors have no events, so this store changes only through its actions. */
export function createInvestorStore(client: HiddenKeyCore) {
  const collection = createCollection<Investor>();

  return {
    $investors: collection.$rows,

    async fetch(query: Omit<InvestorListQuery, 'cursor'> = {}): Promise<void> {
      for await (const page of client.investors.list({ limit: 100, ...query }).pages())
        collection.confirm(page.items);
    },

    async create(body: InvestorCreate): Promise<Investor> {
      const investor = await client.investors.create(body);
      collection.confirm([investor]);
      return investor;
    },

    async update(id: string, patch: InvestorUpdate): Promise<Investor> {
      const investor = await client.investors.update(id, patch);
      collection.confirm([investor]);
      return investor;
    },

    async delete(id: string): Promise<void> {
      const release = collection.overlay(id, null);
      try {
        await client.investors.delete(id);
        collection.forget(id);
      } finally {
        release();
      }
    },

    clear(): void {
      collection.clear();
    },
  };
}

import type { Investor } from '@hidden-key/sdk/schemas';
import { getTableColumns } from 'drizzle-orm';
import { investors } from '../../db/schema.js';

const { search: _search, ...columns } = getTableColumns(investors);

/** Every investor column except the search vector, which only the database reads. */
export const investorColumns = columns;

export type InvestorRow = Omit<typeof investors.$inferSelect, 'search'>;

/** A stored investor as it travels on the wire. */
export function toInvestor(row: InvestorRow): Investor {
  return {
    id: row.id,
    organization_id: row.organizationId,
    name: row.name,
    company: row.company,
    contact: { email: row.contactEmail, phone: row.contactPhone },
    buy_box: {
      markets: row.markets,
      deal_types: row.dealTypes as Investor['buy_box']['deal_types'],
      min_price: row.minPrice,
      max_price: row.maxPrice,
    },
    notes: row.notes,
    tags: row.tags,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

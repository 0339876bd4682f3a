import type { HiddenKeyCore } from '@hidden-key/sdk';
import type { HkEvent } from '@hidden-key/sdk/schemas';
import { createInvestorStore, type InvestorStore } from './investors.js';
import { createLeadStore, type LeadStore } from './leads.js';
import { createOpportunityStore, type OpportunityStore } from './opportunities.js';
import { RecentLeadsCache } from './recent-leads-cache.js';

export type { Collection, Row } from './collection.js';
export type { InvestorStore } from './investors.js';
export { LEAD_ORDER, PRIORITY_RANK } from './lead-order.js';
export type { LeadStore } from './leads.js';
export type { DealsByStage, OpportunityStore } from './opportunities.js';
export { positionBetween } from './positions.js';
export { RECENT_LEADS_KEPT, RecentLeadsCache } from './recent-leads-cache.js';

/** The shared state of every element under one client. */
export interface Stores {
  leads: LeadStore;
  opportunities: OpportunityStore;
  investors: InvestorStore;
  /** Routes one realtime event to the store it changes. */
  apply(event: HkEvent): void;
  /** Forgets everything, including the locally kept leads (sign-out). */
  clear(): void;
}

export function createStores(client: HiddenKeyCore, options: { baseUrl?: string } = {}): Stores {
  const leads = createLeadStore(client, options.baseUrl ? new RecentLeadsCache(options.baseUrl) : undefined);
  const opportunities = createOpportunityStore(client);
  const investors = createInvestorStore(client);
  return {
    leads,
    opportunities,
    investors,
    apply(event) {
      if (event.type.startsWith('lead.')) leads.apply(event);
      else if (event.type.startsWith('opportunity.')) opportunities.apply(event);
    },
    clear() {
      leads.clear();
      opportunities.clear();
      investors.clear();
    },
  };
}

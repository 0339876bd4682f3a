import type { HiddenKeyCore } from '@hidden-key/sdk';
import type {
  HkEvent,
  Opportunity,
  OpportunityCreate,
  OpportunityListQuery,
  OpportunityMove,
  OpportunityStage,
  OpportunityUpdate,
} from '@hidden-key/sdk/schemas';
import { computed } from 'nanostores';
import { OPPORTUNITY_STAGES } from '../base/contract-lists.js';
import { createCollection } from './collection.js';
import { positionBetween } from './positions.js';

export type OpportunityStore = ReturnType<typeof createOpportunityStore>;
export type DealsByStage = Record<OpportunityStage, Opportunity[]>;

const byPosition = (a: Opportunity, b: Opportunity) => a.position - b.position || (a.id < b.id ? -1 : 1);

/** Deals of one client, grouped by stage in board order, with optimistic moves. */
export function createOpportunityStore(client: HiddenKeyCore) {
  const collection = createCollection<Opportunity>();
  const $opportunities = collection.$rows;

  const $opportunitiesByStage = computed($opportunities, (deals): DealsByStage => {
    const stages = Object.fromEntries(
      OPPORTUNITY_STAGES.map((stage) => [stage, [] as Opportunity[]]),
    ) as DealsByStage;
    for (const deal of deals.values()) stages[deal.stage].push(deal);
    for (const column of Object.values(stages)) column.sort(byPosition);
    return stages;
  });

  /** Where the server will put a moved deal, computed from the neighbours the UI named. */
  const landing = (deal: Opportunity, move: OpportunityMove): number => {
    if (move.position !== undefined) return move.position;
    const deals = $opportunities.get();
    const above = move.after_id ? deals.get(move.after_id)?.position : undefined;
    const below = move.before_id ? deals.get(move.before_id)?.position : undefined;
    if (above === undefined && below === undefined) {
      const column = $opportunitiesByStage.get()[move.stage].filter((other) => other.id !== deal.id);
      return positionBetween(column.at(-1)?.position, undefined);
    }
    return positionBetween(above, below);
  };

  return {
    $opportunities,
    $opportunitiesByStage,

    /** Every deal, all pages, in board order. */
    async fetch(query: Omit<OpportunityListQuery, 'cursor'> = {}): Promise<void> {
      for await (const page of client.opportunities.list({ limit: 100, sort: 'position', ...query }).pages())
        collection.confirm(page.items);
    },

    async create(body: OpportunityCreate): Promise<Opportunity> {
      const deal = await client.opportunities.create(body);
      collection.confirm([deal]);
      return deal;
    },

    async update(id: string, patch: OpportunityUpdate): Promise<Opportunity> {
      const current = $opportunities.get().get(id);
      const release = current
        ? collection.overlay(id, { ...current, ...(patch as Partial<Opportunity>) })
        : () => {};
      try {
        const deal = await client.opportunities.update(id, patch);
        collection.confirm([deal]);
        return deal;
      } finally {
        release();
      }
    },

    /**
     * Moves a deal at once and tells the server, which writes that one row. When the server
     * refuses, the deal goes back to where the server has it and the error is rethrown.
     */
    async move(id: string, move: OpportunityMove): Promise<Opportunity> {
      const current = $opportunities.get().get(id);
      if (!current) throw new Error(`No deal ${id} in the store`);
      const release = collection.overlay(id, {
        ...current,
        stage: move.stage,
        position: landing(current, move),
        stage_changed_at: move.stage === current.stage ? current.stage_changed_at : new Date().toISOString(),
      });
      try {
        const deal = await client.opportunities.move(id, move);
        collection.confirm([deal]);
        return deal;
      } finally {
        release();
      }
    },

    async delete(id: string): Promise<void> {
      const release = collection.overlay(id, null);
      try {
        await client.opportunities.delete(id);
        collection.forget(id);
      } finally {
        release();
      }
    },

    apply(event: HkEvent): void {
      if (event.type === 'opportunity.deleted') collection.forget(event.resource_id);
      else if (event.type.startsWith('opportunity.'))
        collection.confirm([event.data as unknown as Opportunity]);
    },

    /** Puts rows straight into the store (tests, benchmarks, server-rendered data). */
    seed(deals: readonly Opportunity[]): void {
      collection.confirm(deals);
    },

    clear(): void {
      collection.clear();
    },
  };
}

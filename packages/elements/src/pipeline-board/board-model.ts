import type { DealType, Lead, Opportunity, OpportunityStage } from '@hidden-key/sdk/schemas';
import { STAGE_PROBABILITY } from '../base/contract-lists.js';
import type { DealsByStage } from '../stores/index.js';

export interface BoardFilter {
  dealType: DealType | '';
  text: string;
}

/** One column as the board draws it: the deals that pass the filters, and their sums. */
export interface ColumnView {
  stage: OpportunityStage;
  deals: Opportunity[];
  totalValue: number;
  weightedValue: number;
}

const DAY_MS = 86_400_000;

/** A deal's value on the board: the property's value, or the offer when no value is known. */
export const dealValue = (deal: Opportunity) => deal.property_value ?? deal.offer_amount ?? 0;

export const dealTitle = (deal: Opportunity) => deal.property.address || deal.title || '';

function matches(deal: Opportunity, filter: BoardFilter, needle: string): boolean {
  if (filter.dealType && deal.deal_type !== filter.dealType) return false;
  if (!needle) return true;
  return [deal.property.address, deal.property.city, deal.property.zip, deal.title].some((field) =>
    field?.toLowerCase().includes(needle),
  );
}

export function buildColumns(
  byStage: DealsByStage,
  stages: readonly OpportunityStage[],
  filter: BoardFilter,
): ColumnView[] {
  const needle = filter.text.trim().toLowerCase();
  return stages.map((stage) => {
    const deals =
      needle || filter.dealType
        ? byStage[stage].filter((deal) => matches(deal, filter, needle))
        : byStage[stage];
    const totalValue = deals.reduce((sum, deal) => sum + dealValue(deal), 0);
    return { stage, deals, totalValue, weightedValue: totalValue * STAGE_PROBABILITY[stage] };
  });
}

export const daysSince = (timestamp: string, now: number) =>
  Math.max(0, Math.floor((now - Date.parse(timestamp)) / DAY_MS));

/** A deal's score is its lead's (the contract's analysis carries none). */
export function dealScore(deal: Opportunity, leads: ReadonlyMap<string, Lead>): number | null {
  return deal.lead_id ? (leads.get(deal.lead_id)?.score ?? null) : null;
}

/** The neighbours a deal lands between when put at `index` of a column it is not in. */
export function neighboursAt(column: readonly Opportunity[], index: number) {
  return { after_id: column[index - 1]?.id ?? null, before_id: column[index]?.id ?? null };
}

import { type Opportunity, OpportunityAnalysis } from '@hidden-key/sdk/schemas';
import type { opportunities } from '../../db/schema.js';

export type OpportunityRow = typeof opportunities.$inferSelect;

/**
 * A stored analysis in the contract's shape. Writes are checked against `OpportunityAnalysis`, but
 * the column predates that: a value saved before it that is no analysis of a known kind (no
 * `kind`, an input the math refuses) reads as `null`, so every answer parses for every client.
 * The column keeps the old value until the deal's analysis is saved again.
 */
export function readAnalysis(stored: unknown): OpportunityAnalysis | null {
  if (stored === null || stored === undefined) return null;
  return OpportunityAnalysis.safeParse(stored).data ?? null;
}

export function toOpportunity(row: OpportunityRow): Opportunity {
  return {
    id: row.id,
    organization_id: row.organizationId,
    lead_id: row.leadId,
    title: row.title,
    stage: row.stage as Opportunity['stage'],
    deal_type: row.dealType as Opportunity['deal_type'],
    property_value: row.propertyValue,
    offer_amount: row.offerAmount,
    estimated_profit: row.estimatedProfit,
    property: row.property as Opportunity['property'],
    analysis: readAnalysis(row.analysis),
    close_date: row.closeDate,
    position: row.position,
    stage_changed_at: row.stageChangedAt.toISOString(),
    closed_at: row.closedAt ? row.closedAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

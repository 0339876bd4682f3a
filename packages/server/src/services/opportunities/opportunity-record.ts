import type { Opportunity } from '@hidden-key/sdk/schemas';
import type { opportunities } from '../../db/schema.js';

export type OpportunityRow = typeof opportunities.$inferSelect;

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
    analysis: row.analysis ?? null,
    close_date: row.closeDate,
    position: row.position,
    stage_changed_at: row.stageChangedAt.toISOString(),
    closed_at: row.closedAt ? row.closedAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

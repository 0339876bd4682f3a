import type { Lead } from '@hidden-key/sdk/schemas';
import { getTableColumns } from 'drizzle-orm';
import { leads } from '../../db/schema.js';

const { search: _search, ...leadColumnsWithRank } = getTableColumns(leads);

/** Every lead column except the search vector, which only the database reads. */
export const leadColumns = leadColumnsWithRank;

export type LeadRow = Omit<typeof leads.$inferSelect, 'search'>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** A stored lead as it travels on the wire. */
export function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    organization_id: row.organizationId,
    source: row.source,
    status: row.status as Lead['status'],
    priority: row.priority as Lead['priority'],
    contact: { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    property: row.property as Lead['property'],
    motivation: row.motivation,
    attribution: row.attribution as Lead['attribution'],
    consent: (row.consent as Lead['consent']) ?? null,
    enrichment: row.enrichment,
    score: row.score,
    score_details: row.scoreDetails ?? null,
    tags: row.tags,
    custom_fields: row.customFields,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    last_contacted_at: iso(row.lastContactedAt),
    resubmitted_at: iso(row.resubmittedAt),
  };
}

import type { Activity } from '@hidden-key/sdk/schemas';
import type { activities } from '../../db/schema.js';
import { isoOrNull } from '../store.js';

export type ActivityRow = typeof activities.$inferSelect;

/** A stored activity as it travels on the wire. */
export function toActivity(row: ActivityRow): Activity {
  return {
    id: row.id,
    organization_id: row.organizationId,
    type: row.type as Activity['type'],
    status: row.status as Activity['status'],
    subject: row.subject,
    description: row.description,
    metadata: row.metadata,
    scheduled_at: isoOrNull(row.scheduledAt),
    completed_at: isoOrNull(row.completedAt),
    assigned_to: row.assignedTo,
    lead_id: row.leadId,
    opportunity_id: row.opportunityId,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

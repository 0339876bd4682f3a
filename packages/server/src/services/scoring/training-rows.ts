import { FEATURE_NAMES, featuresFromLead } from '@hidden-key/scoring';
import { CLOSED_LEAD_STATUSES } from '@hidden-key/sdk/schemas';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { leads, mlFeatures } from '../../db/schema.js';
import { leadColumns, toLead } from '../leads/lead-record.js';

export interface ClosedLeadRow {
  features: Float64Array;
  label: boolean;
  /** When the lead was closed: its last update (a closed lead's status is its last change that counts). */
  closedAt: Date;
}

export interface ClosedLeadRows {
  /** In the order asked for: by creation, or by closing (the last update of a closed lead). */
  rows: ClosedLeadRow[];
  /** Rows whose features are the ones stored when the lead was first scored (the rest: as at creation). */
  fromScoringTime: number;
}

/**
 * Training rows from an organisation's converted and lost leads. A lead scored when it arrived
 * learns from the features stored then (`ml_features`, its first scoring): what was known at the
 * moment the model had to judge it, before enrichment or edits changed the record. A lead never
 * scored (an import, a history from before scoring) falls back to its features as at creation.
 */
export async function closedLeadRows(
  db: Executor,
  organizationId: string,
  order: 'created' | 'closed',
): Promise<ClosedLeadRows> {
  const closed = await db
    .select(leadColumns)
    .from(leads)
    .where(and(eq(leads.organizationId, organizationId), inArray(leads.status, [...CLOSED_LEAD_STATUSES])))
    .orderBy(order === 'created' ? leads.createdAt : leads.updatedAt, leads.id);
  const firstScorings = await db
    .selectDistinctOn([mlFeatures.leadId], { leadId: mlFeatures.leadId, features: mlFeatures.features })
    .from(mlFeatures)
    .innerJoin(leads, eq(leads.id, mlFeatures.leadId))
    .where(
      and(eq(mlFeatures.organizationId, organizationId), inArray(leads.status, [...CLOSED_LEAD_STATUSES])),
    )
    .orderBy(mlFeatures.leadId, asc(mlFeatures.scoredAt));
  const stored = new Map(firstScorings.map((row) => [row.leadId, row.features]));

  let fromScoringTime = 0;
  const rows = closed.map((row) => {
    const known = stored.get(row.id);
    // A vector of another length was stored under another feature list: recompute instead.
    const usable = known && known.length === FEATURE_NAMES.length;
    if (usable) fromScoringTime++;
    return {
      features: usable
        ? Float64Array.from(known, (x) => x ?? Number.NaN)
        : featuresFromLead(toLead(row), row.createdAt),
      label: row.status === 'converted',
      closedAt: row.updatedAt,
    };
  });
  return { rows, fromScoringTime };
}

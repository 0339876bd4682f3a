import type { ConsentRecord, EventType, LeadExport } from '@hidden-key/sdk/schemas';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { activities, events, jobs, webhookDeliveries } from '../../db/schema.js';
import { toActivity } from '../activities/activity-record.js';
import { leadStore } from '../leads/lead-store.js';
import { listSubmissions } from '../leads/public-capture.js';
import type { Scope } from '../store.js';
import { deliveryJobJoin, deliveryToWire } from '../webhooks/delivery-record.js';

/**
 * `GET /v1/leads/{id}/export`: everything held about the person, for a subject access request:
 * the lead, every form submission with its consent, the consent history, the lead's activities,
 * the events about the lead and its activities, and their webhook deliveries.
 */
export async function exportLead(db: Executor, scope: Scope, id: string): Promise<LeadExport> {
  const organizationId = scope.organizationId;
  const lead = await leadStore.get(db, scope, id);
  const submissions = await listSubmissions(db, scope, id);
  const activityRows = await db
    .select()
    .from(activities)
    .where(and(eq(activities.organizationId, organizationId), eq(activities.leadId, id)))
    .orderBy(asc(activities.createdAt), asc(activities.id));
  const eventRows = await db
    .select()
    .from(events)
    .where(
      and(
        eq(events.organizationId, organizationId),
        inArray(events.resourceId, [id, ...activityRows.map((row) => row.id)]),
      ),
    )
    .orderBy(asc(events.id));
  const deliveries = eventRows.length
    ? await db
        .select({ delivery: webhookDeliveries, jobState: jobs.state, jobRunAt: jobs.runAt })
        .from(webhookDeliveries)
        .leftJoin(jobs, deliveryJobJoin)
        .where(
          and(
            eq(webhookDeliveries.organizationId, organizationId),
            inArray(
              webhookDeliveries.eventId,
              eventRows.map((row) => row.id),
            ),
          ),
        )
        .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id))
    : [];

  const consentHistory: ConsentRecord[] = submissions.flatMap((submission) =>
    submission.consent
      ? [{ consent: submission.consent, recorded_with: 'submission' as const, submission_id: submission.id }]
      : [],
  );
  const fromSubmission = consentHistory.some(
    (record) => JSON.stringify(record.consent) === JSON.stringify(lead.consent),
  );
  if (lead.consent && !fromSubmission)
    consentHistory.push({ consent: lead.consent, recorded_with: 'lead', submission_id: null });

  return {
    lead,
    submissions,
    consent_history: consentHistory,
    activities: activityRows.map(toActivity),
    events: eventRows.map((row) => ({
      id: String(row.id),
      type: row.type as EventType,
      resource_id: row.resourceId,
      data: row.data,
      created_at: row.createdAt.toISOString(),
    })),
    deliveries: deliveries.map(deliveryToWire),
    exported_at: scope.deps.clock().toISOString(),
  };
}

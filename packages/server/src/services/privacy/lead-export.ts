import type {
  Consent,
  ConsentRecord,
  EventType,
  Lead,
  LeadExport,
  LeadSubmission,
} from '@hidden-key/sdk/schemas';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { activities, events, jobs, opportunities, webhookDeliveries } from '../../db/schema.js';
import { toActivity } from '../activities/activity-record.js';
import { leadStore } from '../leads/lead-store.js';
import { listSubmissions } from '../leads/lead-submissions.js';
import { toOpportunity } from '../opportunities/opportunity-record.js';
import { enrollmentStore } from '../sequences/enrollment-store.js';
import type { Scope } from '../store.js';
import { deliveryJobJoin, deliveryToWire } from '../webhooks/delivery-record.js';
import { activitiesOfPerson, dealsOfLead, eventsAboutPerson, personKeys } from './person-records.js';

/**
 * `GET /v1/leads/{id}/export`: everything held about the person, for a subject access request:
 * the lead, every form submission with its consent, the consent history, the deals on their
 * property, the activities of the lead and of those deals, sequence enrolments, the events
 * erasure would delete (person-records.ts) and their webhook deliveries.
 */
export async function exportLead(db: Executor, scope: Scope, id: string): Promise<LeadExport> {
  const organizationId = scope.organizationId;
  const lead = await leadStore.get(db, scope, id);
  const submissions = await listSubmissions(db, scope, id);
  const opportunityRows = await db
    .select()
    .from(opportunities)
    .where(dealsOfLead(organizationId, id))
    .orderBy(asc(opportunities.createdAt), asc(opportunities.id));
  const opportunityIds = opportunityRows.map((row) => row.id);
  const activityRows = await db
    .select()
    .from(activities)
    .where(activitiesOfPerson(organizationId, id, opportunityIds))
    .orderBy(asc(activities.createdAt), asc(activities.id));
  const keys = personKeys(
    { id, email: lead.contact.email ?? null, phone: lead.contact.phone ?? null },
    { activityIds: activityRows.map((row) => row.id), opportunityIds },
  );
  const eventRows = await db
    .select()
    .from(events)
    .where(eventsAboutPerson(organizationId, keys))
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

  return {
    lead,
    submissions,
    consent_history: consentHistory(submissions, lead, eventRows),
    activities: activityRows.map(toActivity),
    opportunities: opportunityRows.map(toOpportunity),
    sequence_enrollments: await enrollmentStore.ofLead(db, scope, id),
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

/**
 * Every consent the person gave, oldest first: each submission's, then each consent the lead
 * carried through the API, read from its own events so one later withdrawn (set to null) or
 * replaced still shows. A consent that arrived with a submission is listed once, with it.
 */
function consentHistory(
  submissions: LeadSubmission[],
  lead: Lead,
  eventRows: (typeof events.$inferSelect)[],
): ConsentRecord[] {
  const seen = new Set<string>();
  const history: ConsentRecord[] = [];
  for (const submission of submissions) {
    if (!submission.consent) continue;
    seen.add(JSON.stringify(submission.consent));
    history.push({ consent: submission.consent, recorded_with: 'submission', submission_id: submission.id });
  }
  const leadConsents = eventRows
    .filter((row) => row.resourceId === lead.id && row.type.startsWith('lead.'))
    .map((row) => (row.data as { consent?: Consent | null }).consent ?? null);
  for (const consent of [...leadConsents, lead.consent]) {
    if (!consent || seen.has(JSON.stringify(consent))) continue;
    seen.add(JSON.stringify(consent));
    history.push({ consent, recorded_with: 'lead', submission_id: null });
  }
  return history;
}

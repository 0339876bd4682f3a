import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '../../db/database.js';
import {
  activities,
  aiRuns,
  events,
  idempotencyKeys,
  jobs,
  leads,
  opportunities,
  webhookDeliveries,
} from '../../db/schema.js';
import { ApiError, notFound } from '../../errors.js';
import { errorBody } from '../../middleware/errors.js';
import { recordChange } from '../events.js';
import type { Scope } from '../store.js';
import {
  activitiesOfPerson,
  dealsOfLead,
  eventsAboutPerson,
  mentionsAny,
  personKeys,
} from './person-records.js';

/**
 * `DELETE /v1/leads/{id}?erase=true`: the lead and every trace of the person the server keeps,
 * in one transaction: the deals on their property and the activities of the lead and of those
 * deals; then the logs, searched for those ids, the email and the phone (person-records.ts):
 * events (so no stream replays them), their webhook deliveries and delivery jobs, other jobs'
 * payloads and results, AI runs (the prompt cache), and idempotency records (their answers
 * replaced by a 404, so no retry stores the person again). Submissions, sequence enrolments and
 * scoring features go with the lead (cascade). Only the `lead.deleted` and `opportunity.deleted`
 * events, which carry ids alone, are left.
 */
export async function eraseLead(tx: Transaction, scope: Scope, id: string) {
  const organizationId = scope.organizationId;
  const [lead] = await tx
    .select({ id: leads.id, email: leads.contactEmail, phone: leads.contactPhone })
    .from(leads)
    .where(and(eq(leads.id, id), eq(leads.organizationId, organizationId)))
    .for('update');
  if (!lead) throw notFound('Lead');

  // The deals on the person's property go with them. Their activities are deleted first: deleting
  // a deal would only unlink them (on delete set null).
  const opportunityIds = (
    await tx.select({ id: opportunities.id }).from(opportunities).where(dealsOfLead(organizationId, id))
  ).map((row) => row.id);
  const activityIds = (
    await tx
      .delete(activities)
      .where(activitiesOfPerson(organizationId, id, opportunityIds))
      .returning({ id: activities.id })
  ).map((row) => row.id);
  if (opportunityIds.length) await tx.delete(opportunities).where(inArray(opportunities.id, opportunityIds));
  const keys = personKeys(lead, { activityIds, opportunityIds });
  const { needles } = keys;

  const erasedEvents = await tx
    .delete(events)
    .where(eventsAboutPerson(organizationId, keys))
    .returning({ id: events.id });
  const eventIds = erasedEvents.map((row) => row.id);
  const erasedDeliveries = await tx
    .delete(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.organizationId, organizationId),
        sql`(${eventIds.length ? inArray(webhookDeliveries.eventId, eventIds) : sql`false`} or ${mentionsAny(webhookDeliveries.lastError, needles)})`,
      ),
    )
    .returning({ id: webhookDeliveries.id });
  const deliveryKeys = erasedDeliveries.map((row) => `delivery:${row.id}`);
  const erasedJobs = await tx
    .delete(jobs)
    .where(
      and(
        eq(jobs.organizationId, organizationId),
        sql`(${deliveryKeys.length ? inArray(jobs.key, deliveryKeys) : sql`false`}
             or ${mentionsAny(jobs.payload, needles)} or ${mentionsAny(jobs.result, needles)}
             or ${mentionsAny(jobs.lastError, needles)})`,
      ),
    )
    .returning({ id: jobs.id });
  // Kept as tombstones, not deleted: a client's retry of a request that wrote the person (the
  // form's, the SDK's) would otherwise run again and store them anew. An answer that names only a
  // job of theirs (enrichment's 202) names one of the jobs just deleted.
  await tx
    .update(idempotencyKeys)
    .set({ responseStatus: 404, responseBody: erasedAnswer(scope.deps.clock()) })
    .where(
      and(
        eq(idempotencyKeys.organizationId, organizationId),
        mentionsAny(idempotencyKeys.responseBody, [...needles, ...erasedJobs.map((job) => job.id)]),
      ),
    );
  await tx
    .delete(aiRuns)
    .where(
      and(
        eq(aiRuns.organizationId, organizationId),
        sql`(${eq(aiRuns.leadId, id)} or ${mentionsAny(aiRuns.input, needles)} or ${mentionsAny(aiRuns.output, needles)})`,
      ),
    );
  await tx.delete(leads).where(eq(leads.id, id));
  await recordChange(tx, scope, 'lead.deleted', { id });
  for (const opportunityId of opportunityIds)
    await recordChange(tx, scope, 'opportunity.deleted', { id: opportunityId });
  return { id, deleted: true as const };
}

/** What a replay of a request whose answer named the erased person answers instead. */
const erasedAnswer = (now: Date) =>
  JSON.stringify(
    errorBody(
      new ApiError(
        'not_found',
        'What this request wrote was erased (DELETE /v1/leads/{id}?erase=true); it is not run again',
      ),
      '',
      now,
    ),
  );

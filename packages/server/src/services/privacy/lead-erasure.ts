import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Transaction } from '../../db/database.js';
import {
  activities,
  aiRuns,
  events,
  idempotencyKeys,
  jobs,
  leads,
  webhookDeliveries,
} from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { recordChange } from '../events.js';
import type { Scope } from '../store.js';

/** True when the column, as text, contains any of the needles (exact, case-sensitive). */
const mentionsAny = (column: SQL | unknown, needles: string[]) =>
  sql`exists (select 1 from unnest(${sql`array[${sql.join(
    needles.map((needle) => sql`${needle}`),
    sql`, `,
  )}]::text[]`}) as needle where strpos(${column}::text, needle) > 0)`;

/**
 * `DELETE /v1/leads/{id}?erase=true`: the lead and every trace of the person the server keeps,
 * in one transaction. Logs are searched for the lead's id, its activities' ids, its email and its
 * phone: events (so no stream replays them), their webhook deliveries and delivery jobs, other
 * jobs' payloads and results, idempotency records (so no replay answers with the lead), AI runs
 * (the prompt cache) and activities. Submissions and scoring features go with the lead (cascade).
 * Only the `lead.deleted` event, which carries the id alone, is left.
 */
export async function eraseLead(tx: Transaction, scope: Scope, id: string) {
  const organizationId = scope.organizationId;
  const [lead] = await tx
    .select({ id: leads.id, email: leads.contactEmail, phone: leads.contactPhone })
    .from(leads)
    .where(and(eq(leads.id, id), eq(leads.organizationId, organizationId)))
    .for('update');
  if (!lead) throw notFound('Lead');

  const activityIds = (
    await tx
      .delete(activities)
      .where(and(eq(activities.organizationId, organizationId), eq(activities.leadId, id)))
      .returning({ id: activities.id })
  ).map((row) => row.id);
  const needles = [id, ...activityIds, lead.email, lead.phone].filter((value): value is string => !!value);

  const erasedEvents = await tx
    .delete(events)
    .where(
      and(
        eq(events.organizationId, organizationId),
        sql`(${inArray(events.resourceId, [id, ...activityIds])} or ${mentionsAny(events.data, needles)})`,
      ),
    )
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
  await tx.delete(jobs).where(
    and(
      eq(jobs.organizationId, organizationId),
      sql`(${deliveryKeys.length ? inArray(jobs.key, deliveryKeys) : sql`false`}
             or ${mentionsAny(jobs.payload, needles)} or ${mentionsAny(jobs.result, needles)}
             or ${mentionsAny(jobs.lastError, needles)})`,
    ),
  );
  await tx
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.organizationId, organizationId),
        mentionsAny(idempotencyKeys.responseBody, needles),
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
  return { id, deleted: true as const };
}

import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { activities, events, opportunities } from '../../db/schema.js';

/**
 * What export and erasure agree a person's records are, so one never lists what the other
 * leaves, or deletes what the other never showed.
 */
export interface PersonKeys {
  /** The lead, its activities and its deals: rows about the person by id. */
  resourceIds: string[];
  /** Those ids, the email and the phone: what a log row naming the person contains. */
  needles: string[];
}

export function personKeys(
  lead: { id: string; email: string | null; phone: string | null },
  related: { activityIds: string[]; opportunityIds: string[] },
): PersonKeys {
  const resourceIds = [lead.id, ...related.activityIds, ...related.opportunityIds];
  return {
    resourceIds,
    needles: [...resourceIds, lead.email, lead.phone].filter((value): value is string => !!value),
  };
}

/** True when the column, as text, contains any of the needles (exact, case-sensitive). */
export const mentionsAny = (column: SQL | unknown, needles: string[]) =>
  sql`exists (select 1 from unnest(${sql`array[${sql.join(
    needles.map((needle) => sql`${needle}`),
    sql`, `,
  )}]::text[]`}) as needle where strpos(${column}::text, needle) > 0)`;

/** The organisation's events about one of the resources, or whose data names the person. */
export const eventsAboutPerson = (organizationId: string, keys: PersonKeys) =>
  and(
    eq(events.organizationId, organizationId),
    sql`(${inArray(events.resourceId, keys.resourceIds)} or ${mentionsAny(events.data, keys.needles)})`,
  );

/** The deals on the person's property: the organisation's opportunities linked to the lead. */
export const dealsOfLead = (organizationId: string, leadId: string) =>
  and(eq(opportunities.organizationId, organizationId), eq(opportunities.leadId, leadId));

/** The activities of the lead and of its deals. */
export const activitiesOfPerson = (organizationId: string, leadId: string, opportunityIds: string[]) =>
  and(
    eq(activities.organizationId, organizationId),
    or(
      eq(activities.leadId, leadId),
      opportunityIds.length ? inArray(activities.opportunityId, opportunityIds) : undefined,
    ),
  );

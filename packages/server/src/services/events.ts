import type { EventType } from '@hidden-key/sdk/schemas';
import { type SQL, sql } from 'drizzle-orm';
import { notifyAfterCommit } from '../db/batch.js';
import type { Executor } from '../db/database.js';
import { events } from '../db/schema.js';
import type { Scope } from './store.js';

/**
 * The NOTIFY channel every server instance listens on. The payload is `{ "organization_id" }`: a
 * wake-up for that organisation's streams, which read what is new from the events table.
 */
export const EVENTS_CHANNEL = 'hk_events';

export interface RecordedChange {
  organizationId: string;
  type: EventType;
  resourceId: string;
  /** The resource after the change, as on the wire; `{ id }` for a delete. */
  data: Record<string, unknown>;
  createdAt: Date;
}

/** The notification that wakes an organisation's streams. */
export const eventsWakeup = (organizationId: string) => JSON.stringify({ organization_id: organizationId });

/**
 * Asks for the organisation's streams to be woken after `tx` commits (`notifyAfterCommit`), and
 * answers whether they will be; when not (PGlite, a savepoint), the statement that inserts the
 * event must NOTIFY them itself. Either way listeners hear of it when the event is there to read.
 */
export const wakeStreamsAfterCommit = (tx: Executor, organizationId: string): boolean =>
  notifyAfterCommit(tx, EVENTS_CHANNEL, eventsWakeup(organizationId));

/** What the event's statement selects to wake the streams: nothing when the commit will. */
const wakeInStatement = (tx: Executor, organizationId: string): SQL =>
  wakeStreamsAfterCommit(tx, organizationId)
    ? sql`null`
    : sql`pg_notify(${EVENTS_CHANNEL}, ${eventsWakeup(organizationId)})`;

/**
 * Records a change as an event row and wakes its listeners. Call it with the transaction that made
 * the change: the event exists exactly when the change does, and listeners hear of it on commit.
 */
export async function recordEvent(tx: Executor, change: RecordedChange): Promise<number> {
  const wake = wakeInStatement(tx, change.organizationId);
  // One round trip: the insert and any NOTIFY travel in one statement.
  const result = (await tx.execute(sql`
    with inserted as (
      insert into ${events} (organization_id, type, resource_id, data, created_at)
      values (${change.organizationId}, ${change.type}, ${change.resourceId}, ${JSON.stringify(change.data)}::jsonb,
              ${change.createdAt.toISOString()}::timestamptz)
      returning id
    )
    select id::text as id, ${wake} as notified from inserted`)) as unknown as { rows: { id: string }[] };
  return Number(result.rows[0]!.id);
}

/**
 * What stores call: records `type` for a resource in the scope's organisation, with the resource
 * as it now is as `data` (`{ id }` for a delete).
 */
export const recordChange = (
  tx: Executor,
  scope: Scope,
  type: EventType,
  resource: { id: string } & Record<string, unknown>,
  at: Date = scope.deps.clock(),
) =>
  recordEvent(tx, {
    organizationId: scope.organizationId,
    type,
    resourceId: resource.id,
    data: resource,
    createdAt: at,
  });

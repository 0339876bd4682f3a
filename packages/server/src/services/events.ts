import type { EventType } from '@hidden-key/sdk/schemas';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { events } from '../db/schema.js';
import type { Scope } from './store.js';

/** The NOTIFY channel every server instance listens on; the payload is `{ organization_id, id }`. */
export const EVENTS_CHANNEL = 'hk_events';

export interface RecordedChange {
  organizationId: string;
  type: EventType;
  resourceId: string;
  /** The resource after the change, as on the wire; `{ id }` for a delete. */
  data: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Records a change as an event row and notifies listeners. Call it with the transaction that made
 * the change: the event exists exactly when the change does, and NOTIFY is delivered on commit.
 */
export async function recordEvent(tx: Executor, change: RecordedChange): Promise<number> {
  // One round trip: the insert and its NOTIFY travel in one statement.
  const result = (await tx.execute(sql`
    with inserted as (
      insert into ${events} (organization_id, type, resource_id, data, created_at)
      values (${change.organizationId}, ${change.type}, ${change.resourceId}, ${JSON.stringify(change.data)}::jsonb,
              ${change.createdAt.toISOString()}::timestamptz)
      returning id
    )
    select id::text as id,
           pg_notify(${EVENTS_CHANNEL}, json_build_object('organization_id', ${change.organizationId}::text,
                                                         'id', id::text, 'type', ${change.type}::text)::text)
    from inserted`)) as unknown as { rows: { id: string }[] };
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

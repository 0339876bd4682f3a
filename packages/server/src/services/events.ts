import type { EventType } from '@hidden-key/sdk/schemas';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { events } from '../db/schema.js';

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
  const [row] = await tx
    .insert(events)
    .values({
      organizationId: change.organizationId,
      type: change.type,
      resourceId: change.resourceId,
      data: change.data,
      createdAt: change.createdAt,
    })
    .returning({ id: events.id });
  const id = row!.id;
  const payload = JSON.stringify({
    organization_id: change.organizationId,
    id: String(id),
    type: change.type,
  });
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${payload})`);
  return id;
}

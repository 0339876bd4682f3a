import type { EventType, HkEventRecord } from '@hidden-key/sdk/schemas';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.js';
import { events } from '../../db/schema.js';

/**
 * Where a stream stands: after the event `id` written by transaction `txId`.
 *
 * Why not simply "events with id > last id"? Ids come from a sequence when the row is inserted,
 * but transactions commit in any order: id 11 can commit while id 10 is still running, and a
 * reader that delivered 11 would skip 10 when it lands. So streams read in (tx_id, id) order and
 * only events whose transaction is older than the oldest transaction still running
 * (`pg_snapshot_xmin(pg_current_snapshot())`, the "horizon"). Every transaction below the horizon
 * has finished, so that prefix of the order is final, and anything that commits later sorts after
 * it. The cost: a long-running writing transaction anywhere on the database holds delivery back
 * until it ends. A per-organisation re-scan window was the alternative; it bounds the delay but
 * can reorder or, past the window, lose events, and a resume by `Last-Event-ID` could not tell.
 * See also https://event-driven.io/en/ordering_in_postgres_outbox/.
 */
export interface StreamPosition {
  txId: string;
  id: number;
}

/**
 * Orders two positions as the stream does: by transaction id, then event id. Transaction ids are
 * decimal `xid8` text without leading zeros, so a longer one is larger; no BigInt per comparison.
 */
export function comparePositions(a: StreamPosition, b: StreamPosition): number {
  if (a.txId !== b.txId) {
    if (a.txId.length !== b.txId.length) return a.txId.length - b.txId.length;
    return a.txId < b.txId ? -1 : 1;
  }
  return a.id - b.id;
}

export interface StreamStart {
  position: StreamPosition;
  /** Events at or after `position` that were already committed when the stream opened. */
  alreadyCommitted: ReadonlySet<number>;
}

export interface StoredEvent {
  position: StreamPosition;
  event: HkEventRecord;
}

export interface EventBatch {
  /** Released events in stream order. */
  events: StoredEvent[];
  /** Committed events wait behind an older running transaction: read again shortly. */
  heldBack: boolean;
}

const horizon = sql`pg_snapshot_xmin(pg_current_snapshot())`;

/**
 * The position "now": just before the horizon, so a transaction that was running when the stream
 * opened is still delivered when it commits. Events of finished transactions past the horizon are
 * listed (from the same snapshot) so the stream can skip them.
 */
export async function currentPosition(db: Executor, organizationId: string): Promise<StreamStart> {
  // Both drivers answer raw queries with `{ rows }`; the horizon and the list share one snapshot.
  const result = (await db.execute(sql`
    select ${horizon}::text as horizon,
      array(select ${events.id} from ${events}
            where ${events.organizationId} = ${organizationId} and ${events.txId} >= ${horizon}) as committed`)) as unknown as {
    rows: { horizon: string; committed: (string | number)[] }[];
  };
  const row = result.rows[0]!;
  return {
    position: { txId: row.horizon, id: 0 },
    alreadyCommitted: new Set(row.committed.map(Number)),
  };
}

/** Just before the horizon: a reader starting here misses no transaction still running. */
export async function horizonPosition(db: Executor): Promise<StreamPosition> {
  const result = (await db.execute(sql`select ${horizon}::text as horizon`)) as unknown as {
    rows: { horizon: string }[];
  };
  return { txId: result.rows[0]!.horizon, id: 0 };
}

/** The position just after an event of the organisation, or null if it has no such event. */
export async function positionAfter(
  db: Executor,
  organizationId: string,
  eventId: number,
): Promise<StreamPosition | null> {
  const [row] = await db
    .select({ txId: sql<string>`${events.txId}::text` })
    .from(events)
    .where(and(eq(events.organizationId, organizationId), eq(events.id, eventId)))
    .limit(1);
  return row ? { txId: row.txId, id: eventId } : null;
}

/** The next events after `after`, up to the horizon, optionally of some types only. */
export async function readEvents(
  db: Executor,
  organizationId: string,
  after: StreamPosition,
  options: { types?: readonly EventType[]; limit: number },
): Promise<EventBatch> {
  const rows = await db
    .select({
      id: events.id,
      txId: sql<string>`${events.txId}::text`,
      type: events.type,
      resourceId: events.resourceId,
      data: events.data,
      createdAt: events.createdAt,
      released: sql<boolean>`${events.txId} < ${horizon}`,
    })
    .from(events)
    .where(
      and(
        eq(events.organizationId, organizationId),
        sql`(${events.txId}, ${events.id}) > (${after.txId}::xid8, ${after.id}::bigint)`,
        options.types?.length ? inArray(events.type, [...options.types]) : undefined,
      ),
    )
    .orderBy(events.txId, events.id)
    .limit(options.limit);

  const released = rows.filter((row) => row.released);
  return {
    heldBack: released.length < rows.length,
    events: released.map((row) => ({
      position: { txId: row.txId, id: row.id },
      event: {
        id: String(row.id),
        type: row.type as EventType,
        resource_id: row.resourceId,
        data: row.data,
        created_at: row.createdAt.toISOString(),
      },
    })),
  };
}

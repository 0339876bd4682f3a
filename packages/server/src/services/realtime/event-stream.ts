import type { EventType } from '@hidden-key/sdk/schemas';
import type { Database } from '../../db/database.js';
import { withOrganization } from '../../db/tenant.js';
import { comparePositions, readEvents, type StreamPosition, type StreamStart } from './event-cursor.js';
import {
  FEED_BATCH_SIZE,
  type FeedEvent,
  type FeedSubscription,
  joinMessages,
  toFeedEvent,
} from './event-feed.js';
import type { EventSink } from './sse-body.js';

export interface PipeOptions {
  db: Database;
  organizationId: string;
  types?: readonly EventType[];
  start: StreamStart;
  /** The stream's place on its organisation's shared feed (joined before `start` was read). */
  feed: FeedSubscription;
  /** A comment line goes out after this long without a write, so proxies keep the stream. */
  heartbeatMs: number;
  /** Ends the stream with a `retry:` hint (the server is shutting down). */
  stop?: AbortSignal;
}

/** What a stream ended by the server tells EventSource: reconnect (to another instance) after 1 s. */
export const RECONNECT_HINT = 'retry: 1000\n\n';

/**
 * Writes the organisation's events to the SSE stream until the client goes away, or until `stop`
 * (server shutdown), when it ends with a `retry:` hint so the client reconnects elsewhere.
 */
export async function pipeEvents(stream: EventSink, options: PipeOptions) {
  const { stop, feed } = options;
  const wake = () => feed.wakeup.notify();
  stop?.addEventListener('abort', wake, { once: true });
  try {
    await pump(stream, options, () => stream.aborted || stop?.aborted === true);
  } finally {
    stop?.removeEventListener('abort', wake);
  }
  if (stop?.aborted && !stream.aborted) await stream.write(RECONNECT_HINT);
}

async function pump(stream: EventSink, options: PipeOptions, ended: () => boolean) {
  const { db, organizationId, types, feed, heartbeatMs } = options;
  const { alreadyCommitted } = options.start;
  const wanted = types?.length ? new Set<string>(types) : null;
  let position: StreamPosition = options.start.position;
  let lastWrite = performance.now();
  let heartbeatDue = false;

  // One lazy timer per stream: it fires once per heartbeat period at most and is not touched per
  // event, so a busy stream pays nothing for it.
  let timer: NodeJS.Timeout | undefined;
  const beat = () => {
    const idle = performance.now() - lastWrite;
    if (idle >= heartbeatMs) {
      heartbeatDue = true;
      feed.wakeup.notify();
      timer = setTimeout(beat, heartbeatMs);
    } else {
      timer = setTimeout(beat, heartbeatMs - idle);
    }
  };
  timer = setTimeout(beat, heartbeatMs);

  // Waits only while the client is not keeping up: most writes just queue their bytes.
  const send = async (chunk: Uint8Array | string) => {
    const room = stream.write(chunk);
    lastWrite = performance.now();
    heartbeatDue = false;
    if (room) await room;
  };
  /** The events this stream sends: after its position, of its types, not already committed at its start. */
  const select = (events: readonly FeedEvent[]) => {
    const selected: FeedEvent[] = [];
    for (const event of events) {
      if (comparePositions(event.position, position) <= 0) continue;
      position = event.position;
      if (alreadyCommitted.has(event.id) || (wanted && !wanted.has(event.type))) continue;
      selected.push(event);
    }
    return selected;
  };

  try {
    await send(': connected\n\n');
    while (!ended()) {
      if (feed.failure) throw feed.failure;
      const gap = feed.gapUntil;
      if (gap && comparePositions(position, gap) < 0) {
        // Events the feed read before this stream could queue them (a resume, or a client that
        // fell behind): read them from the table, in the same order, until the queue takes over.
        // A transaction of its own, limited to the organisation: a stream has no request transaction.
        const batch = await withOrganization(db, organizationId, (tx) =>
          readEvents(tx, organizationId, position, { types, limit: FEED_BATCH_SIZE }),
        );
        if (stream.aborted) return;
        const events = select(batch.events.map(toFeedEvent));
        if (events.length > 0) await send(joinMessages(events));
        const caughtUp = batch.events.length < FEED_BATCH_SIZE || comparePositions(position, gap) >= 0;
        if (caughtUp && feed.gapUntil === gap) feed.gapUntil = null;
        continue;
      }
      feed.gapUntil = null;
      // Everything queued since the last wake-up goes out in one write. The common case (every
      // event of a batch is for this stream) uses the batch's shared bytes.
      const chunks: Uint8Array[] = [];
      for (const batch of feed.take()) {
        const events = select(batch.events);
        if (events.length > 0)
          chunks.push(events.length === batch.events.length ? batch.messages : joinMessages(events));
      }
      if (chunks.length > 0) {
        if (stream.aborted) return;
        await send(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
        continue;
      }
      if (ended()) continue;
      if (heartbeatDue) {
        await send(': heartbeat\n\n');
        continue;
      }
      await feed.wakeup.wait();
    }
  } finally {
    clearTimeout(timer);
  }
}

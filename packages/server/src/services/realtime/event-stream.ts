import type { EventType } from '@hidden-key/sdk/schemas';
import type { SSEStreamingApi } from 'hono/streaming';
import type { Database } from '../../db/database.js';
import { readEvents, type StreamStart } from './event-cursor.js';
import type { Wakeup } from './wakeup.js';

export interface PipeOptions {
  db: Database;
  organizationId: string;
  types?: readonly EventType[];
  start: StreamStart;
  /** Notified by the event bus (and on abort); the loop reads the table when woken. */
  wakeup: Wakeup;
  /** A comment line goes out after this long without a write, so proxies keep the stream. */
  heartbeatMs: number;
  /** Ends the stream with a `retry:` hint (the server is shutting down). */
  stop?: AbortSignal;
  /** Called with each event's `created_at` as it goes out (the event bus lag metric). */
  onDelivered?: (createdAt: string) => void;
}

/** What a stream ended by the server tells EventSource: reconnect (to another instance) after 1 s. */
export const RECONNECT_HINT = 'retry: 1000\n\n';

const BATCH_SIZE = 200;
/** Re-reads while committed events wait behind an older transaction: no NOTIFY will say when it ends. */
const HELD_BACK_FIRST_MS = 20;
const HELD_BACK_MAX_MS = 250;

/**
 * Writes the organisation's events to the SSE stream until the client goes away, or until `stop`
 * (server shutdown), when it ends with a `retry:` hint so the client reconnects elsewhere.
 */
export async function pipeEvents(stream: SSEStreamingApi, options: PipeOptions) {
  const { stop, wakeup } = options;
  const wake = () => wakeup.notify();
  stop?.addEventListener('abort', wake, { once: true });
  try {
    await pump(stream, options, () => stream.aborted || stop?.aborted === true);
  } finally {
    stop?.removeEventListener('abort', wake);
  }
  if (stop?.aborted && !stream.aborted) await stream.write(RECONNECT_HINT);
}

async function pump(stream: SSEStreamingApi, options: PipeOptions, ended: () => boolean) {
  const { db, organizationId, types, wakeup, heartbeatMs, onDelivered } = options;
  const { alreadyCommitted } = options.start;
  let position = options.start.position;
  let lastWrite = performance.now();
  let heldBackDelay = HELD_BACK_FIRST_MS;

  await stream.write(': connected\n\n');
  while (!ended()) {
    const batch = await readEvents(db, organizationId, position, { types, limit: BATCH_SIZE });
    for (const { position: next, event } of batch.events) {
      if (stream.aborted) return;
      position = next;
      if (alreadyCommitted.has(next.id)) continue;
      await stream.writeSSE({ id: event.id, event: event.type, data: JSON.stringify(event) });
      onDelivered?.(event.created_at);
      lastWrite = performance.now();
    }
    if (batch.events.length === BATCH_SIZE) continue;

    let timeout = Math.max(0, heartbeatMs - (performance.now() - lastWrite));
    if (batch.heldBack) {
      timeout = Math.min(timeout, heldBackDelay);
      heldBackDelay = Math.min(heldBackDelay * 2, HELD_BACK_MAX_MS);
    } else {
      heldBackDelay = HELD_BACK_FIRST_MS;
    }
    if (ended()) return;
    const woken = await wakeup.wait(timeout);
    if (!woken && !ended() && performance.now() - lastWrite >= heartbeatMs) {
      await stream.write(': heartbeat\n\n');
      lastWrite = performance.now();
    }
  }
}

import { streamSSE } from 'hono/streaming';
import { ApiError } from '../../errors.js';
import { currentPosition, positionAfter, type StreamStart } from '../../services/realtime/event-cursor.js';
import { pipeEvents } from '../../services/realtime/event-stream.js';
import { Wakeup } from '../../services/realtime/wakeup.js';
import type { Router } from '../openapi.js';
import { streamEventsRoute } from './events.routes.js';

export function registerEventRoutes(router: Router) {
  router.openapi(streamEventsRoute, async (c) => {
    const query = c.req.valid('query');
    const lastEventId = c.req.valid('header')['last-event-id'] ?? query.last_event_id;
    const { organizationId } = c.var.auth;
    const { db } = c.var.deps;
    const { eventBus, heartbeatMs } = c.var.realtime;

    // Listen before reading the start position, so nothing committed in between is missed.
    const wakeup = new Wakeup();
    const unsubscribe = await eventBus.subscribe(organizationId, () => wakeup.notify());
    let start: StreamStart;
    try {
      if (lastEventId === undefined) {
        start = await currentPosition(db, organizationId);
      } else {
        const position = await positionAfter(db, organizationId, Number(lastEventId));
        if (!position) {
          throw new ApiError('validation_error', 'Unknown Last-Event-ID', {
            'Last-Event-ID': ['No event with this id in the organisation'],
          });
        }
        start = { position, alreadyCommitted: new Set() };
      }
    } catch (error) {
      unsubscribe();
      throw error;
    }

    c.header('cache-control', 'no-cache, no-transform');
    // Tells nginx-style proxies not to buffer the stream.
    c.header('x-accel-buffering', 'no');
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => wakeup.notify());
      try {
        await pipeEvents(stream, { db, organizationId, types: query.types, start, wakeup, heartbeatMs });
      } catch (error) {
        // A dropped client or database ends this stream only; the client resumes with Last-Event-ID.
        if (!stream.aborted) console.error(`[${c.var.requestId}] event stream ended:`, error);
      } finally {
        unsubscribe();
      }
    });
  });
}

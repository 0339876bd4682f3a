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
    const { organizationId, keyId } = c.var.auth;
    const { db } = c.var.deps;
    const { eventBus, heartbeatMs, streams } = c.var.realtime;
    const { metrics, logger } = c.var.observability;

    const ticket = streams.admit(keyId, organizationId);
    // Listen before reading the start position, so nothing committed in between is missed.
    const wakeup = new Wakeup();
    let unsubscribe = () => {};
    let start: StreamStart;
    try {
      unsubscribe = await eventBus.subscribe(organizationId, () => wakeup.notify());
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
      ticket.release();
      throw error;
    }

    c.header('cache-control', 'no-cache, no-transform');
    // Tells nginx-style proxies not to buffer the stream.
    c.header('x-accel-buffering', 'no');
    metrics.streamsOpen.inc();
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => wakeup.notify());
      try {
        await pipeEvents(stream, {
          db,
          organizationId,
          types: query.types,
          start,
          wakeup,
          heartbeatMs,
          stop: ticket.shutdown,
          onDelivered: (createdAt) =>
            metrics.eventBusLag.observe((Date.now() - Date.parse(createdAt)) / 1000),
        });
      } catch (error) {
        // A dropped client or database ends this stream only; the client resumes with Last-Event-ID.
        if (!stream.aborted) {
          logger.warn(
            { request_id: c.var.requestId, err: { message: (error as Error).message } },
            'event stream ended',
          );
        }
      } finally {
        unsubscribe();
        ticket.release();
        metrics.streamsOpen.dec();
      }
    });
  });
}

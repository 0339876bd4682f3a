import { withOrganization } from '../../db/tenant.js';
import { ApiError } from '../../errors.js';
import { watchCredential } from '../../services/realtime/credential-watch.js';
import { currentPosition, positionAfter, type StreamStart } from '../../services/realtime/event-cursor.js';
import { pipeEvents } from '../../services/realtime/event-stream.js';
import { createSseBody } from '../../services/realtime/sse-body.js';
import type { Router } from '../openapi.js';
import { streamEventsRoute } from './events.routes.js';

export function registerEventRoutes(router: Router) {
  router.openapi(streamEventsRoute, async (c) => {
    const query = c.req.valid('query');
    const lastEventId = c.req.valid('header')['last-event-id'] ?? query.last_event_id;
    const { organizationId, keyId } = c.var.auth;
    const { db } = c.var.deps;
    const { feeds, heartbeatMs, streams } = c.var.realtime;
    const { metrics, logger } = c.var.observability;

    const ticket = streams.admit(keyId, organizationId);
    // Join the organisation's feed (it listens) before reading the start position, so nothing
    // committed in between is missed.
    const feed = await feeds.join(organizationId).catch((error: unknown) => {
      ticket.release();
      throw error;
    });
    let start: StreamStart;
    try {
      if (lastEventId === undefined) {
        start = await withOrganization(db, organizationId, (tx) => currentPosition(tx, organizationId));
      } else {
        const position = await withOrganization(db, organizationId, (tx) =>
          positionAfter(tx, organizationId, Number(lastEventId)),
        );
        if (!position) {
          // Where an expired or erased event stood in the stream is gone with it: no resume is gap-free.
          throw new ApiError('validation_error', 'Unknown Last-Event-ID', {
            'Last-Event-ID': [
              'No event with this id in the organisation (expired after HK_EVENT_RETENTION_DAYS, or erased): reconnect without Last-Event-ID to start from now',
            ],
          });
        }
        start = { position, alreadyCommitted: new Set() };
      }
    } catch (error) {
      feed.close();
      ticket.release();
      throw error;
    }

    metrics.streamsOpen.inc();
    // Revoking the key ends its open streams too (the client reconnects and is refused).
    const credential = watchCredential(c.var.lookups, keyId);
    const { body, sink } = createSseBody(() => feed.wakeup.notify());
    void (async () => {
      try {
        await pipeEvents(sink, {
          db,
          organizationId,
          types: query.types,
          start,
          feed,
          heartbeatMs,
          stop: AbortSignal.any([ticket.shutdown, credential.signal]),
        });
      } catch (error) {
        // A dropped client or database ends this stream only; the client resumes with Last-Event-ID.
        if (!sink.aborted) {
          logger.warn(
            { request_id: c.var.requestId, err: { message: (error as Error).message } },
            'event stream ended',
          );
        }
      } finally {
        credential.stop();
        sink.close();
        feed.close();
        ticket.release();
        metrics.streamsOpen.dec();
      }
    })();
    return c.body(body, 200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache, no-transform',
      // Tells nginx-style proxies not to buffer the stream.
      'x-accel-buffering': 'no',
      // Chunked from the first byte: the HTTP layer then sends the headers at once instead of
      // waiting to see whether the body ends (to give it a length).
      'transfer-encoding': 'chunked',
    });
  });
}

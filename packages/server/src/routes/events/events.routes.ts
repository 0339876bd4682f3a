import { EventType } from '@hidden-key/sdk/schemas';
import * as z from 'zod';
import { guard } from '../../middleware/guards.js';
import { createApiRoute, errorResponses, security } from '../openapi.js';

/** An event id as sent in the SSE `id:` field. */
export const EventId = z.string().regex(/^[1-9]\d{0,17}$/, 'An event id is a positive integer');

const EventTypeList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean),
  )
  .pipe(z.array(EventType).min(1))
  .openapi({ description: 'Only these event types, comma-separated (e.g. `lead.created,lead.updated`).' });

export const EventStreamQuery = z.strictObject({
  types: EventTypeList.optional(),
  last_event_id: EventId.optional().openapi({
    description: 'Resume after this event, for clients that cannot send the `Last-Event-ID` header.',
  }),
});

export const EventStreamHeaders = z.object({
  'last-event-id': EventId.optional().openapi({
    description: 'Resume after this event (sent by EventSource when it reconnects).',
  }),
});

export const streamEventsRoute = createApiRoute({
  method: 'get',
  path: '/v1/events',
  operationId: 'streamEvents',
  middleware: guard.stream(),
  tags: ['Events'],
  security,
  summary: 'Stream the organisation’s changes as server-sent events',
  description:
    'Each message has `id:` (the event id), `event:` (its type) and `data:` (the event as JSON). Without ' +
    '`Last-Event-ID` the stream starts now; with it, it resumes right after that event with no gap and no ' +
    'duplicate. Comment lines are sent as heartbeats every 15 s.',
  request: { query: EventStreamQuery, headers: EventStreamHeaders },
  responses: {
    200: {
      description: 'The event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses,
  },
});

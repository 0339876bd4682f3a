import * as z from 'zod';
import { Id, Timestamp } from './common.js';

export const EventType = z.enum([
  'lead.created',
  'lead.updated',
  'lead.deleted',
  'opportunity.created',
  'opportunity.updated',
  'opportunity.moved',
  'opportunity.deleted',
  'activity.created',
  'activity.updated',
  'activity.deleted',
  'investor.created',
  'investor.updated',
  'investor.deleted',
  /** An outbound webhook endpoint was disabled after a delivery's last try failed. */
  'webhook_endpoint.disabled',
]);
export type EventType = z.infer<typeof EventType>;

/**
 * One change, as streamed by `GET /v1/events` (the SSE `id` is `id`) and delivered to webhooks.
 * `data` is the resource after the change (for a delete: `{ id }`).
 */
export const HkEvent = z.object({
  id: z.string(),
  type: EventType,
  resource_id: Id,
  data: z.record(z.string(), z.unknown()),
  created_at: Timestamp,
});
export type HkEvent = z.infer<typeof HkEvent>;

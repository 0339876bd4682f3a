import * as z from 'zod';
import type { Activity } from './activities.js';
import { Id, Timestamp } from './common.js';
import type { Investor } from './investors.js';
import type { Lead } from './leads.js';
import type { Opportunity } from './opportunities.js';
import type { WebhookEndpoint } from './webhooks.js';

export const EventType = z
  .enum([
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
  ])
  .meta({ id: 'EventType' });
export type EventType = z.infer<typeof EventType>;

/**
 * One change, as streamed by `GET /v1/events` (the SSE `id` is `id`) and delivered to webhooks.
 * `data` is the resource after the change (for a delete: `{ id }`).
 */
export const HkEvent = z
  .object({
    id: z.string(),
    type: EventType,
    resource_id: Id,
    data: z.record(z.string(), z.unknown()),
    created_at: Timestamp,
  })
  .meta({ id: 'HkEvent' });

/** What `data` holds for each event type: the resource after the change, or `{ id }` for a delete. */
export interface EventDataByType {
  'lead.created': Lead;
  'lead.updated': Lead;
  'lead.deleted': { id: string };
  'opportunity.created': Opportunity;
  'opportunity.updated': Opportunity;
  'opportunity.moved': Opportunity;
  'opportunity.deleted': { id: string };
  'activity.created': Activity;
  'activity.updated': Activity;
  'activity.deleted': { id: string };
  'investor.created': Investor;
  'investor.updated': Investor;
  'investor.deleted': { id: string };
  'webhook_endpoint.disabled': WebhookEndpoint;
}

/** An event as stored and sent, `data` unchecked: what a server holds before it knows the type. */
export type HkEventRecord = z.infer<typeof HkEvent>;

type EventOf<Type extends EventType> = Omit<HkEventRecord, 'type' | 'data'> & {
  type: Type;
  data: EventDataByType[Type];
};

/**
 * One change, typed by its `type`: narrow on `event.type` and `event.data` is a `Lead`, an
 * `Opportunity` or an `Activity` without a cast. (The wire check above stays loose on `data`, so a
 * newer server's extra fields never break an older mirror.)
 */
export type HkEvent = { [Type in EventType]: EventOf<Type> }[EventType];

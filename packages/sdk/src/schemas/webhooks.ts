import * as z from 'zod';
import { Id, PageQuery, ShortText, Timestamp } from './common.js';
import { EventType } from './events.js';

/**
 * The event types an endpoint receives: a list, or `["*"]` for all of them. One array schema (not
 * a union of the two forms), so a wrong entry is named by its index and the valid types are listed.
 */
export const WebhookEventFilter = z
  .array(
    z.union([z.literal('*'), EventType], { error: `Expected * or one of: ${EventType.options.join(', ')}` }),
  )
  .min(1)
  .max(50)
  .refine((events) => !events.includes('*') || events.length === 1, '"*" (every event type) stands alone');

/** An `http(s)` URL; private, loopback, link-local and metadata targets are refused by the server. */
export const WebhookUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'Expected an http(s) URL')
  // Port 0 names no port: nothing could ever be delivered there.
  .refine((value) => !URL.canParse(value) || new URL(value).port !== '0', 'Use a port from 1 to 65535');

export const WebhookEndpointCreate = z
  .strictObject({
    url: WebhookUrl,
    events: WebhookEventFilter,
    description: ShortText.nullish(),
  })
  .meta({ id: 'WebhookEndpointCreate' });
export type WebhookEndpointCreate = z.infer<typeof WebhookEndpointCreate>;

export const WebhookEndpointUpdate = z
  .strictObject({
    url: WebhookUrl.optional(),
    events: WebhookEventFilter.optional(),
    description: ShortText.nullish(),
    /** `true` stops deliveries; `false` re-enables an endpoint (also one disabled after failures). */
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'WebhookEndpointUpdate' });
export type WebhookEndpointUpdate = z.infer<typeof WebhookEndpointUpdate>;

export const WebhookEndpoint = z
  .object({
    id: Id,
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    disabled: z.boolean(),
    disabled_at: Timestamp.nullable(),
    /** Until then deliveries carry a second signature, made with the secret the last rotation replaced. */
    previous_secret_expires_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({
    id: 'WebhookEndpoint',
    description:
      'An outbound webhook endpoint; its signing secret is shown only when it is created or rotated.',
  });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** The answer to a create or a secret rotation: the only times the signing secret (`whsec_…`) is shown. */
export const CreatedWebhookEndpoint = WebhookEndpoint.extend({
  secret: z.string().startsWith('whsec_'),
}).meta({
  id: 'CreatedWebhookEndpoint',
  description:
    'The answer to a create or a secret rotation: the only times the signing secret (`whsec_…`) is shown.',
});
export type CreatedWebhookEndpoint = z.infer<typeof CreatedWebhookEndpoint>;

export const WebhookDeliveryStatus = z
  .enum(['pending', 'delivered', 'failed'])
  .meta({ id: 'WebhookDeliveryStatus' });

/** One event on its way to one endpoint; `event_id` is the `webhook-id` header of every try. */
export const WebhookDelivery = z
  .object({
    id: Id,
    endpoint_id: Id,
    event_id: z.string(),
    event_type: z.string(),
    status: WebhookDeliveryStatus,
    attempts: z.number().int().min(0),
    /** HTTP status of the last try; null when it got no answer (refused, timed out). */
    last_status: z.number().int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: Timestamp.nullable(),
    delivered_at: Timestamp.nullable(),
    created_at: Timestamp,
  })
  .meta({
    id: 'WebhookDelivery',
    description: 'One event on its way to one endpoint; `event_id` is the `webhook-id` header of every try.',
  });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryListQuery = PageQuery;
export type WebhookDeliveryListQuery = z.input<typeof WebhookDeliveryListQuery>;

/** What a receiver gets as the body of a delivery. */
export const WebhookPayload = z
  .object({
    type: EventType,
    timestamp: Timestamp,
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'WebhookPayload', description: 'What a receiver gets as the body of a delivery.' });
export type WebhookPayload = z.infer<typeof WebhookPayload>;

import * as z from 'zod';
import { Id, ShortText, Timestamp } from './common.js';
import { Lead } from './leads.js';

/** The `source` stamped on leads a sender sends without one. */
const LeadSourceName = z.string().trim().min(1).max(100);

/** `POST /v1/inbound-sources`: a system that will send the organisation leads. */
export const InboundSourceCreate = z
  .strictObject({
    name: ShortText.min(1),
    lead_source: LeadSourceName.optional(),
  })
  .meta({ id: 'InboundSourceCreate' });
export type InboundSourceCreate = z.input<typeof InboundSourceCreate>;

export const InboundSourceUpdate = z
  .strictObject({
    name: ShortText.min(1).optional(),
    lead_source: LeadSourceName.optional(),
    /** `true` refuses its deliveries (403) until re-enabled. */
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'InboundSourceUpdate' });
export type InboundSourceUpdate = z.input<typeof InboundSourceUpdate>;

export const InboundSource = z
  .object({
    id: Id,
    name: z.string(),
    lead_source: z.string(),
    disabled: z.boolean(),
    /** Where the sender POSTs its leads: `/v1/inbound/leads/{id}`. */
    url_path: z.string(),
    last_received_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'InboundSource' });
export type InboundSource = z.infer<typeof InboundSource>;

/** The answer to a create: the only time the signing secret (`whsec_…`) is shown. */
export const CreatedInboundSource = InboundSource.extend({ secret: z.string().startsWith('whsec_') }).meta({
  id: 'CreatedInboundSource',
});
export type CreatedInboundSource = z.infer<typeof CreatedInboundSource>;

/** What Hidden Key answers a Stripe event with: handled, or acknowledged and ignored. */
export const StripeEventReceipt = z
  .object({
    received: z.literal(true),
    event_id: z.string(),
    handled: z.boolean(),
    /** True when this event id had been received before (Stripe retried): nothing changed again. */
    replayed: z.boolean(),
  })
  .meta({ id: 'StripeEventReceipt' });
export type StripeEventReceipt = z.infer<typeof StripeEventReceipt>;

/**
 * The answer to `POST /v1/inbound/leads/{source_id}`: the lead it created (201) or merged into
 * (200). A retry with the same `webhook-id` answers the same, `replayed: true`, and changes
 * nothing; `lead` is then the lead as it is now (null if it was deleted since).
 */
export const InboundLeadReceipt = z
  .object({
    lead_id: Id,
    merged: z.boolean(),
    replayed: z.boolean(),
    lead: Lead.nullable(),
  })
  .meta({ id: 'InboundLeadReceipt' });
export type InboundLeadReceipt = z.infer<typeof InboundLeadReceipt>;

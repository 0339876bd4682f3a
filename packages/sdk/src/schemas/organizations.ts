import * as z from 'zod';
import { Id, Timestamp } from './common.js';

/**
 * The caller's organisation, as `GET /v1/organization` shows it: its billing `plan` and
 * `plan_status` are kept by Stripe's events (`POST /v1/inbound/stripe`).
 */
export const Organization = z
  .object({
    id: Id,
    name: z.string(),
    /** The region a phone number without a country code is read in (ISO 3166 alpha-2). */
    default_region: z.string(),
    /** `free` until a subscription says otherwise: the price's lookup key (`pro`, `team`). */
    plan: z.string(),
    /** Stripe's subscription status (`active`, `trialing`, `past_due`, `canceled`, …). */
    plan_status: z.string(),
    created_at: Timestamp,
  })
  .meta({ id: 'Organization' });
export interface Organization extends z.infer<typeof Organization> {}

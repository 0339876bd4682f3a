import * as z from 'zod';
import { Activity } from './activities.js';
import { Id, JsonObject, Timestamp } from './common.js';
import { HkEvent } from './events.js';
import { Consent, Lead } from './leads.js';
import { Opportunity } from './opportunities.js';
import { SequenceEnrollment } from './sequences.js';
import { WebhookDelivery } from './webhooks.js';

/**
 * One public form submission, as it arrived. A submission whose email or phone matched an
 * existing lead (`resubmission: true`) was linked to it and changed nothing in it.
 */
export const LeadSubmission = z
  .object({
    id: Id,
    lead_id: Id,
    resubmission: z.boolean(),
    /** The capture fields as sent: contact, property, motivation, attribution, custom_fields. */
    data: JsonObject,
    consent: Consent.nullable(),
    ip: z.string().nullable(),
    origin: z.string().nullable(),
    user_agent: z.string().nullable(),
    received_at: Timestamp,
  })
  .meta({ id: 'LeadSubmission' });
export interface LeadSubmission extends z.infer<typeof LeadSubmission> {}

/** A consent the person gave, oldest first: with a submission, or set on the lead through the API. */
export const ConsentRecord = z
  .object({
    consent: Consent,
    /** `submission` (with `submission_id`) or `lead` (set through the API, the current one or an earlier one). */
    recorded_with: z.enum(['submission', 'lead']),
    submission_id: Id.nullable(),
  })
  .meta({ id: 'ConsentRecord' });
export interface ConsentRecord extends z.infer<typeof ConsentRecord> {}

/**
 * `GET /v1/leads/{id}/export`: everything the organisation holds about the person, for a data
 * subject access request.
 */
export const LeadExport = z
  .object({
    lead: Lead,
    submissions: z.array(LeadSubmission),
    consent_history: z.array(ConsentRecord),
    activities: z.array(Activity),
    /** The deals on the person's property (linked to the lead); erasure deletes them too. */
    opportunities: z.array(Opportunity),
    sequence_enrollments: z.array(SequenceEnrollment),
    /** Every event erasure would delete: about the lead, its activities and deals, or naming the person. */
    events: z.array(HkEvent),
    deliveries: z.array(WebhookDelivery),
    exported_at: Timestamp,
  })
  .meta({ id: 'LeadExport' });
export interface LeadExport extends z.infer<typeof LeadExport> {}

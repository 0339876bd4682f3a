import * as z from 'zod';
import {
  Email,
  Id,
  JsonObject,
  LongText,
  PageQuery,
  Phone,
  Property,
  QueryNumber,
  SearchQuery,
  ShortText,
  Tags,
  Timestamp,
  Url,
} from './common.js';
import { LEAD_PRIORITIES, LEAD_STATUSES } from './lists.js';

export const LeadStatus = z.enum(LEAD_STATUSES).meta({ id: 'LeadStatus' });
export type LeadStatus = z.infer<typeof LeadStatus>;

export const LeadPriority = z.enum(LEAD_PRIORITIES).meta({ id: 'LeadPriority' });
export type LeadPriority = z.infer<typeof LeadPriority>;

export const Contact = z
  .strictObject({
    name: ShortText.nullish(),
    email: Email.nullish(),
    phone: Phone.nullish(),
  })
  .meta({ id: 'Contact' });
export interface Contact extends z.infer<typeof Contact> {}

/** Where a lead came from: UTM parameters, referrer and the page the form was on. */
export const Attribution = z
  .strictObject({
    utm_source: ShortText.nullish(),
    utm_medium: ShortText.nullish(),
    utm_campaign: ShortText.nullish(),
    utm_term: ShortText.nullish(),
    utm_content: ShortText.nullish(),
    referrer: Url.nullish(),
    landing_page: Url.nullish(),
  })
  .meta({ id: 'Attribution' });
export interface Attribution extends z.infer<typeof Attribution> {}

/** What the person agreed to, as stored: the exact text and version, when, from where. */
export const Consent = z
  .object({
    text: z.string().max(5000),
    version: z.string().max(100).nullable(),
    granted_at: Timestamp,
    ip: z.string().max(100).nullable(),
    user_agent: z.string().max(1000).nullable(),
  })
  .meta({ id: 'Consent' });
export interface Consent extends z.infer<typeof Consent> {}

/** Consent as a caller sends it; the server records time, IP and user agent itself. */
export const ConsentInput = z.strictObject({
  text: z.string().trim().min(1).max(5000),
  version: z.string().trim().max(100).nullish(),
  granted_at: Timestamp.optional(),
});
export type ConsentInput = z.infer<typeof ConsentInput>;

/** One of the features that moved a lead's score most, in plain words. */
export const ScoreReason = z
  .object({
    feature: z.string(),
    /** Log-odds the feature added (positive) or took away (negative). */
    contribution: z.number(),
    text: z.string(),
  })
  .meta({ id: 'ScoreReason' });
export interface ScoreReason extends z.infer<typeof ScoreReason> {}

/**
 * Why a lead has its `score`, as `POST /v1/leads/{id}/score` (or the automation chain) wrote it with
 * the organisation's model: the probability, the model version, and each feature's part.
 */
export const ScoreDetails = z
  .object({
    /** Probability of converting; `score` is this × 100. */
    probability: z.number().min(0).max(1),
    model_id: Id,
    model_version: z.number().int().min(1),
    scored_at: Timestamp,
    /** The features that moved the score most, strongest first. */
    reasons: z.array(ScoreReason),
    /** Every feature that moved the score, in log-odds, strongest first; `value` null when missing. */
    contributions: z.array(
      z.object({ feature: z.string(), value: z.number().nullable(), contribution: z.number() }),
    ),
    /** Log-odds before any feature is looked at (the training base rate). */
    bias: z.number(),
  })
  .meta({
    id: 'ScoreDetails',
    description: 'Why a lead has its score: probability, model version and reasons.',
  });
export interface ScoreDetails extends z.infer<typeof ScoreDetails> {}

export const Lead = z
  .object({
    id: Id,
    organization_id: Id,
    source: z.string(),
    status: LeadStatus,
    priority: LeadPriority,
    contact: z.object({
      name: z.string().nullable(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    property: Property,
    motivation: z.string().nullable(),
    attribution: Attribution,
    consent: Consent.nullable(),
    enrichment: JsonObject,
    score: z.number().nullable(),
    score_details: ScoreDetails.nullable(),
    tags: z.array(z.string()),
    custom_fields: JsonObject,
    created_at: Timestamp,
    updated_at: Timestamp,
    last_contacted_at: Timestamp.nullable(),
    /**
     * When a public form last sent this person again. The lead itself is left as it was; what
     * was sent is kept as a submission of its own (`GET /v1/leads/{id}/export`).
     */
    resubmitted_at: Timestamp.nullable(),
  })
  .meta({ id: 'Lead' });
// An interface, not an alias, so editors show `Lead` in hovers instead of its fields.
export interface Lead extends z.infer<typeof Lead> {}

/** The answer to a create: the lead, and whether it was merged into an existing one. */
export const LeadCreateResult = Lead.extend({ merged: z.boolean() }).meta({ id: 'LeadCreateResult' });
export interface LeadCreateResult extends z.infer<typeof LeadCreateResult> {}

const leadWritable = {
  source: z.string().trim().min(1).max(100),
  status: LeadStatus,
  priority: LeadPriority,
  contact: Contact,
  property: Property,
  motivation: LongText.nullish(),
  attribution: Attribution,
  consent: ConsentInput.nullish(),
  enrichment: JsonObject,
  tags: Tags,
  custom_fields: JsonObject,
  last_contacted_at: Timestamp.nullish(),
};

/** `POST /v1/leads`: a lead needs at least a name, an email or a phone. */
export const LeadCreate = z
  .strictObject({
    ...leadWritable,
    source: leadWritable.source.default('api'),
    status: LeadStatus.default('new'),
    priority: LeadPriority.default('medium'),
    contact: Contact,
    property: Property.optional(),
    attribution: Attribution.optional(),
    enrichment: JsonObject.optional(),
    tags: Tags.optional(),
    custom_fields: JsonObject.optional(),
  })
  .refine((lead) => Boolean(lead.contact.name || lead.contact.email || lead.contact.phone), {
    message: 'A lead needs a name, an email or a phone',
    path: ['contact'],
  })
  .meta({ id: 'LeadCreate' });
export interface LeadCreate extends z.input<typeof LeadCreate> {}

/** `PATCH /v1/leads/{id}`: only the fields a caller may set; nested objects are merged. */
export const LeadUpdate = z
  .strictObject({
    source: leadWritable.source.optional(),
    status: LeadStatus.optional(),
    priority: LeadPriority.optional(),
    contact: Contact.optional(),
    property: Property.optional(),
    motivation: leadWritable.motivation,
    attribution: Attribution.optional(),
    consent: leadWritable.consent,
    enrichment: JsonObject.optional(),
    tags: Tags.optional(),
    custom_fields: JsonObject.optional(),
    last_contacted_at: leadWritable.last_contacted_at,
  })
  .meta({ id: 'LeadUpdate' });
export interface LeadUpdate extends z.input<typeof LeadUpdate> {}

/**
 * What anyone on the internet may send through a public form, sized for a real form: a few dozen
 * extra fields of a line or a paragraph each, not a megabyte of anything.
 */
export const PUBLIC_LEAD_LIMITS = {
  customFieldCount: 50,
  customFieldKeyLength: 100,
  customFieldValueLength: 2000,
} as const;

const PublicCustomFields = z
  .record(
    z.string().max(PUBLIC_LEAD_LIMITS.customFieldKeyLength),
    z.union([z.string().max(PUBLIC_LEAD_LIMITS.customFieldValueLength), z.number(), z.boolean()]),
  )
  .refine((fields) => Object.keys(fields).length <= PUBLIC_LEAD_LIMITS.customFieldCount, {
    message: `At most ${PUBLIC_LEAD_LIMITS.customFieldCount} custom fields`,
  });

/** `POST /v1/public/leads` (publishable key): only what a capture form collects. */
export const PublicLeadCreate = z
  .strictObject({
    contact: Contact,
    property: Property.optional(),
    motivation: LongText.nullish(),
    attribution: Attribution.optional(),
    consent: ConsentInput.nullish(),
    custom_fields: PublicCustomFields.optional(),
    /** Honeypot: a hidden field people never fill; bots do. */
    website: z.string().max(2000).optional(),
    /**
     * Milliseconds between the form being shown and submitted, for the minimum fill time. Required:
     * a submission that leaves it out would skip the check.
     */
    elapsed_ms: z.number().int().min(0),
  })
  .refine((lead) => Boolean(lead.contact.name || lead.contact.email || lead.contact.phone), {
    message: 'A lead needs a name, an email or a phone',
    path: ['contact'],
  })
  .meta({ id: 'PublicLeadCreate' });
export type PublicLeadCreate = z.input<typeof PublicLeadCreate>;

/**
 * The answer to `POST /v1/public/leads`: a receipt, never the lead (anyone can call a public form,
 * so it must not read back what an organisation knows about an email or phone).
 */
export const PublicLeadReceipt = z
  .object({ id: Id })
  .meta({ id: 'PublicLeadReceipt', description: 'A receipt for a public form submission, never the lead.' });
export interface PublicLeadReceipt extends z.infer<typeof PublicLeadReceipt> {}

export const LeadSort = z
  .enum(['-created_at', 'created_at', '-priority', '-score', '-updated_at'])
  .meta({ id: 'LeadSort' });
export type LeadSort = z.infer<typeof LeadSort>;

/** `DELETE /v1/leads/{id}`: `erase=true` also removes the person from every log the server keeps. */
export const LeadDeleteQuery = z.strictObject({
  erase: z
    .enum(['true', 'false'])
    .optional()
    .meta({
      description: '`true` also removes the person from events, deliveries and every log the server keeps.',
    })
    .transform((value) => value === 'true'),
});
export type LeadDeleteQuery = z.input<typeof LeadDeleteQuery>;

/** `GET /v1/leads` filters. */
export const LeadListQuery = PageQuery.extend({
  status: LeadStatus.optional().meta({ description: 'Only leads in this status.' }),
  source: leadWritable.source.optional().meta({ description: 'Only leads from this source.' }),
  priority: LeadPriority.optional().meta({ description: 'Only leads of this priority.' }),
  min_score: QueryNumber(z.number().min(0).max(100))
    .optional()
    .meta({ description: 'Only leads scored at least this (0 to 100).' }),
  q: SearchQuery.optional().meta({ description: 'Search over name, email, phone and address.' }),
  created_after: Timestamp.optional().meta({ description: 'Only leads created at or after this time.' }),
  created_before: Timestamp.optional().meta({ description: 'Only leads created before this time.' }),
  sort: LeadSort.default('-created_at').meta({
    description: 'Order: newest first by default; `-score` and `-priority` put the best first.',
  }),
});
export interface LeadListQuery extends z.input<typeof LeadListQuery> {}

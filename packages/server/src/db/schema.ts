import {
  ActivityStatus,
  ActivityType,
  DEAL_TYPES,
  EnrollmentState,
  type EnrollmentStepRun,
  EnrollmentStopReason,
  EventType,
  JobState,
  LEAD_PRIORITIES,
  LEAD_STATUSES,
  OPPORTUNITY_STAGES,
  type QuietHours,
  type ScoreDetails,
  type SequenceStep,
} from '@hidden-key/sdk/schemas';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { foldAccentsSql } from './accent-folding.js';

/**
 * The Postgres schema. Every tenant table carries `organization_id`; every list is read in keyset
 * order `(organization_id, created_at desc, id desc)`. Timestamps keep millisecond precision so a
 * cursor built from a JavaScript Date matches the stored value exactly.
 */

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** A 64-bit transaction id (never wraps), read and written as its decimal text. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const createdAt = () => timestamptz('created_at').notNull().defaultNow();
const updatedAt = () => timestamptz('updated_at').notNull().defaultNow();
const jsonObject = (name: string) =>
  jsonb(name).$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`);
const textArray = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);

/**
 * `sort=-priority`'s key, generated from the contract's `LEAD_PRIORITIES` (lowest first): each
 * priority above the lowest by its place in the list, highest first, as the migrations wrote it
 * (`case priority when 'urgent' then 4 … else 1 end`), so drizzle-kit sees no change.
 */
const priorityRankSql = () => {
  const whens = LEAD_PRIORITIES.map((priority, index) => `when '${priority}' then ${index + 1}`)
    .slice(1)
    .reverse();
  return `case priority ${whens.join(' ')} else 1 end`;
};

// The CHECK constraints list the contract's own enums, so the database cannot drift from the API.
const ACTIVITY_TYPES = ActivityType.options;
const ACTIVITY_STATUSES = ActivityStatus.options;
const EVENT_TYPES = EventType.options;
const JOB_STATES = JobState.options;

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  defaultRegion: text('default_region').notNull().default('US'),
  settings: jsonObject('settings'),
  /** The billing plan and its status, kept by Stripe's events (`POST /v1/inbound/stripe`). */
  plan: text('plan').notNull().default('free'),
  planStatus: text('plan_status').notNull().default('active'),
  stripeCustomerId: text('stripe_customer_id'),
  stripeSubscriptionId: text('stripe_subscription_id'),
  /** When the Stripe event last applied was created: an older one arriving late changes nothing. */
  billingEventAt: timestamptz('billing_event_at'),
  createdAt: createdAt(),
});

const organizationId = () =>
  uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    type: text('type').$type<'secret' | 'publishable'>().notNull(),
    prefix: text('prefix').notNull(),
    /** What the key is for, as its owner named it ("www.example.com form"). */
    name: text('name'),
    hash: text('hash').notNull().unique(),
    allowedOrigins: textArray('allowed_origins'),
    createdAt: createdAt(),
    revokedAt: timestamptz('revoked_at'),
    lastUsedAt: timestamptz('last_used_at'),
  },
  (table) => [
    check('api_keys_type_check', inList('type', ['secret', 'publishable'])),
    index('api_keys_organization_idx').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
  ],
);

/**
 * A search vector's words for an email: the address whole and its parts (`linda`, `example`,
 * `com`), so a fragment of either side finds it as a prefix.
 */
const emailWords = (column: string) =>
  `coalesce(${column}, '') || ' ' || regexp_replace(coalesce(${column}, ''), '[^[:alnum:]]+', ' ', 'g')`;

/**
 * A search vector's words for an E.164 phone: its digits, and the same without the first one, two
 * and three (a country code is 1 to 3 digits), so a number typed with or without its country code
 * finds it as a prefix; and its last seven digits, so the local number alone (`555-0100`, typed
 * without the area code) finds it too.
 */
const phoneWords = (column: string) => {
  const digits = `regexp_replace(coalesce(${column}, ''), '[^0-9]+', '', 'g')`;
  return [
    digits,
    `substr(${digits}, 2)`,
    `substr(${digits}, 3)`,
    `substr(${digits}, 4)`,
    `right(${digits}, 7)`,
  ].join(` || ' ' || `);
};

export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    source: text('source').notNull().default('api'),
    status: text('status').notNull().default('new'),
    priority: text('priority').notNull().default('medium'),
    /** Sort key for `sort=-priority`: urgent > high > medium > low. */
    priorityRank: smallint('priority_rank').generatedAlwaysAs(sql.raw(priorityRankSql())),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    property: jsonObject('property'),
    motivation: text('motivation'),
    attribution: jsonObject('attribution'),
    consent: jsonb('consent').$type<Record<string, unknown>>(),
    enrichment: jsonObject('enrichment'),
    score: doublePrecision('score'),
    scoreDetails: jsonb('score_details').$type<ScoreDetails>(),
    tags: textArray('tags'),
    customFields: jsonObject('custom_fields'),
    /** What `q` searches (see services/search.ts): name, email and its parts, phone digits, address. */
    search: tsvector('search').generatedAlwaysAs(
      sql.raw(
        `to_tsvector('simple', ${foldAccentsSql(`coalesce(contact_name, '') || ' ' || ${emailWords('contact_email')} || ' ' || ${phoneWords('contact_phone')} || ' ' || coalesce(property->>'address', '') || ' ' || coalesce(property->>'city', '') || ' ' || coalesce(property->>'state', '') || ' ' || coalesce(property->>'zip', '')`)})`,
      ),
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastContactedAt: timestamptz('last_contacted_at'),
    /** When a public form last sent this person again; the submission is kept, the lead unchanged. */
    resubmittedAt: timestamptz('resubmitted_at'),
  },
  (table) => [
    check('leads_status_check', inList('status', LEAD_STATUSES)),
    check('leads_priority_check', inList('priority', LEAD_PRIORITIES)),
    check('leads_score_check', sql`score is null or (score >= 0 and score <= 100)`),
    index('leads_keyset_idx').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
    index('leads_updated_idx').on(table.organizationId, table.updatedAt.desc(), table.id.desc()),
    index('leads_status_idx').on(table.organizationId, table.status, table.createdAt.desc(), table.id.desc()),
    index('leads_source_idx').on(table.organizationId, table.source, table.createdAt.desc(), table.id.desc()),
    index('leads_priority_idx').on(table.organizationId, table.priorityRank.desc(), table.id.desc()),
    // `sort=-score` orders by coalesce(score, -1), so unscored leads come last with a numeric cursor.
    index('leads_score_idx').on(
      table.organizationId,
      sql`coalesce(${table.score}, -1) desc nulls last`,
      table.id.desc(),
    ),
    index('leads_email_idx').on(table.organizationId, table.contactEmail),
    index('leads_phone_idx').on(table.organizationId, table.contactPhone),
    index('leads_search_idx').using('gin', table.search),
  ],
);

/**
 * Every public form submission, as it arrived: what was sent, when, from where, and the consent it
 * carried. A submission that matches an existing lead is stored here and linked to it instead of
 * changing it (anyone holding a publishable key could otherwise rewrite a known person's lead), so
 * the consent history is one row per submission. Erasing the lead removes them.
 */
export const leadSubmissions = pgTable(
  'lead_submissions',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    /** True when the person was already a lead: the lead was flagged, not changed. */
    resubmission: boolean('resubmission').notNull(),
    /** The capture fields as sent (contact, property, motivation, attribution, custom_fields). */
    data: jsonObject('data'),
    /** The consent as recorded with this submission (text, version, time, IP, user agent). */
    consent: jsonb('consent').$type<Record<string, unknown>>(),
    ip: text('ip'),
    origin: text('origin'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (table) => [index('lead_submissions_lead_idx').on(table.organizationId, table.leadId, table.createdAt)],
);

export const opportunities = pgTable(
  'opportunities',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    title: text('title'),
    stage: text('stage').notNull().default('prospecting'),
    dealType: text('deal_type').notNull().default('wholesale'),
    propertyValue: doublePrecision('property_value'),
    offerAmount: doublePrecision('offer_amount'),
    estimatedProfit: doublePrecision('estimated_profit'),
    property: jsonObject('property'),
    analysis: jsonb('analysis').$type<Record<string, unknown>>(),
    closeDate: date('close_date', { mode: 'string' }),
    position: doublePrecision('position').notNull(),
    stageChangedAt: timestamptz('stage_changed_at').notNull().defaultNow(),
    closedAt: timestamptz('closed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('opportunities_stage_check', inList('stage', OPPORTUNITY_STAGES)),
    check('opportunities_deal_type_check', inList('deal_type', DEAL_TYPES)),
    index('opportunities_keyset_idx').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
    // The board's order; the values after `id` (unique, so they change no order) let the pipeline's
    // per-stage sums read this index alone, without the deals' pages, once vacuum has marked them.
    index('opportunities_stage_position_idx').on(
      table.organizationId,
      table.stage,
      table.position,
      table.id,
      table.propertyValue,
      table.offerAmount,
    ),
    index('opportunities_position_idx').on(table.organizationId, table.position, table.id),
    index('opportunities_deal_type_idx').on(table.organizationId, table.dealType),
    index('opportunities_lead_idx').on(table.organizationId, table.leadId),
  ],
);

export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    type: text('type').notNull(),
    status: text('status').notNull().default('pending'),
    subject: text('subject'),
    description: text('description'),
    metadata: jsonObject('metadata'),
    scheduledAt: timestamptz('scheduled_at'),
    completedAt: timestamptz('completed_at'),
    assignedTo: text('assigned_to'),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    opportunityId: uuid('opportunity_id').references(() => opportunities.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('activities_type_check', inList('type', ACTIVITY_TYPES)),
    check('activities_status_check', inList('status', ACTIVITY_STATUSES)),
    index('activities_keyset_idx').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
    index('activities_type_idx').on(table.organizationId, table.type),
    index('activities_status_idx').on(table.organizationId, table.status),
    index('activities_lead_idx').on(table.organizationId, table.leadId),
    index('activities_opportunity_idx').on(table.organizationId, table.opportunityId),
  ],
);

export const investors = pgTable(
  'investors',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    company: text('company'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    markets: textArray('markets'),
    /** The markets folded (accents, case) as the `market` filter compares them: `San José` is `san jose`. */
    marketsFolded: textArray('markets_folded'),
    dealTypes: textArray('deal_types'),
    minPrice: doublePrecision('min_price'),
    maxPrice: doublePrecision('max_price'),
    notes: text('notes'),
    tags: textArray('tags'),
    search: tsvector('search').generatedAlwaysAs(
      sql.raw(
        `to_tsvector('simple', ${foldAccentsSql(`coalesce(name, '') || ' ' || coalesce(company, '') || ' ' || ${emailWords('contact_email')} || ' ' || ${phoneWords('contact_phone')}`)})`,
      ),
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check(
      'investors_deal_types_check',
      sql.raw(`deal_types <@ array[${DEAL_TYPES.map((type) => `'${type}'`).join(', ')}]::text[]`),
    ),
    check(
      'investors_price_range_check',
      sql`min_price is null or max_price is null or min_price <= max_price`,
    ),
    index('investors_keyset_idx').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
    index('investors_markets_folded_idx').using('gin', table.marketsFolded),
    index('investors_deal_types_idx').using('gin', table.dealTypes),
    index('investors_search_idx').using('gin', table.search),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    organizationId: organizationId(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: text('status').$type<'in_progress' | 'completed'>().notNull().default('in_progress'),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    createdAt: createdAt(),
    completedAt: timestamptz('completed_at'),
  },
  (table) => [
    primaryKey({ columns: [table.organizationId, table.key] }),
    check('idempotency_keys_status_check', inList('status', ['in_progress', 'completed'])),
    index('idempotency_keys_created_idx').on(table.createdAt),
  ],
);

export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: organizationId(),
    type: text('type').notNull(),
    resourceId: uuid('resource_id').notNull(),
    data: jsonObject('data'),
    createdAt: createdAt(),
    /**
     * The writing transaction. Streams read events in (tx_id, id) order and only below the oldest
     * running transaction, so an event never appears behind one already delivered (see
     * services/realtime/event-cursor.ts).
     */
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
  },
  (table) => [
    check('events_type_check', inList('type', EVENT_TYPES)),
    index('events_organization_idx').on(table.organizationId, table.id),
    index('events_stream_idx').on(table.organizationId, table.txId, table.id),
  ],
);

/**
 * Scoring models trained on an organisation's own history. Versions count up per organisation and
 * the highest one scores ("latest wins"); older rows stay for comparing runs.
 */
export const models = pgTable(
  'models',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    version: integer('version').notNull(),
    /** The model's serialisation, e.g. `hidden-key.trees.v1` (a TreeModel as JSON). */
    format: text('format').notNull(),
    model: jsonb('model').$type<Record<string, unknown>>().notNull(),
    /** The training run record: parameters, metrics, data hash, model hash, library version. */
    run: jsonb('run').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('models_organization_version_idx').on(table.organizationId, table.version.desc())],
);

/**
 * The features a lead was scored on, as known then, one row per scoring (the original design's
 * `ml_features`): drift is measured on them, live AUC joins them with outcomes that arrive later,
 * and a retrained model can learn from what was known at scoring time. Erasing a lead removes them.
 */
export const mlFeatures = pgTable(
  'ml_features',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    modelId: uuid('model_id')
      .notNull()
      .references(() => models.id, { onDelete: 'cascade' }),
    /** In FEATURE_NAMES order; null where the value was missing. */
    features: jsonb('features').$type<(number | null)[]>().notNull(),
    probability: doublePrecision('probability').notNull(),
    scoredAt: timestamptz('scored_at').notNull(),
  },
  (table) => [
    index('ml_features_model_idx').on(table.organizationId, table.modelId, table.scoredAt),
    index('ml_features_lead_idx').on(table.leadId),
  ],
);

/** Server-wide values every instance must share, e.g. the generated session-signing secret. */
export const serverSettings = pgTable('server_settings', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

/**
 * Durable background work (see services/jobs/). Workers claim due rows with
 * `FOR UPDATE SKIP LOCKED`, so any number of worker processes share the table and each try runs
 * once; a claim is a lease (`locked_until`) that another worker takes over when its holder dies.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    /** The organisation the job works for, when it has one: `GET /v1/jobs/{id}` shows only its own. */
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    payload: jsonb('payload').$type<unknown>().notNull(),
    /** The idempotency key: a second enqueue with the same name and key returns the first job. */
    key: text('key'),
    state: text('state').$type<JobState>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    runAt: timestamptz('run_at').notNull().defaultNow(),
    lockedBy: text('locked_by'),
    lockedUntil: timestamptz('locked_until'),
    lastError: text('last_error'),
    result: jsonb('result').$type<unknown>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: timestamptz('finished_at'),
  },
  (table) => [
    check('jobs_state_check', inList('state', JOB_STATES)),
    uniqueIndex('jobs_name_key_idx').on(table.name, table.key),
    index('jobs_due_idx').on(table.state, table.runAt),
    index('jobs_organization_idx').on(table.organizationId),
  ],
);

/** Outbound webhook receivers of an organisation (Standard Webhooks; see services/webhooks/). */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    url: text('url').notNull(),
    /** Event types delivered, or `{*}` for all. */
    events: textArray('events'),
    description: text('description'),
    /** The signing secret (`whsec_…`); it must be readable to sign, so it is stored as issued. */
    secret: text('secret').notNull(),
    /** The secret a rotation replaced: deliveries are signed with it too until it expires. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamptz('previous_secret_expires_at'),
    disabled: boolean('disabled').notNull().default(false),
    disabledAt: timestamptz('disabled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('webhook_endpoints_organization_idx').on(
      table.organizationId,
      table.createdAt.desc(),
      table.id.desc(),
    ),
  ],
);

/**
 * One event on its way to one endpoint. Rows are written by a trigger on `events` in the event's
 * own transaction (migration 0008), together with the job that sends them: a committed event is
 * a delivery that will be tried, whatever happens to the process afterwards.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    eventType: text('event_type').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: timestamptz('delivered_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('webhook_deliveries_endpoint_event_idx').on(table.endpointId, table.eventId),
    index('webhook_deliveries_list_idx').on(table.endpointId, table.createdAt.desc(), table.id.desc()),
  ],
);

/**
 * Every AI answer an organisation got, with what it was asked and what it said, so a person can
 * see why an agent said what it said. Runs from the model double as the prompt cache (looked up by
 * `prompt_hash`) and their tokens count against the monthly budget. A lead's runs go with it.
 */
export const aiRuns = pgTable(
  'ai_runs',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    /** What the agent did, e.g. `content.follow_up_email` or `deal.narrative`. */
    task: text('task').notNull(),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'cascade' }),
    opportunityId: uuid('opportunity_id').references(() => opportunities.id, { onDelete: 'cascade' }),
    source: text('source').$type<'openai' | 'template'>().notNull(),
    model: text('model'),
    /** sha256 of the model, the schema name and the messages: identical prompts share it. */
    promptHash: text('prompt_hash').notNull(),
    /** True when the answer was replayed from an earlier run with the same prompt. */
    cached: boolean('cached').notNull().default(false),
    input: jsonObject('input'),
    output: jsonObject('output'),
    fallbackReason: text('fallback_reason'),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [
    check('ai_runs_source_check', inList('source', ['openai', 'template'])),
    index('ai_runs_organization_month_idx').on(table.organizationId, table.createdAt),
    index('ai_runs_prompt_idx').on(table.organizationId, table.promptHash),
    index('ai_runs_lead_idx').on(table.leadId),
    index('ai_runs_opportunity_idx').on(table.opportunityId),
  ],
);

/**
 * Systems that send an organisation leads (`POST /v1/inbound/leads/{source_id}`), each with the
 * secret it signs with (Standard Webhooks).
 */
export const inboundSources = pgTable(
  'inbound_sources',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    /** The `source` of leads it sends that name none. */
    leadSource: text('lead_source').notNull().default('inbound'),
    /** The signing secret (`whsec_…`); it must be readable to verify, so it is stored as issued. */
    secret: text('secret').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    lastReceivedAt: timestamptz('last_received_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('inbound_sources_organization_idx').on(table.organizationId, table.createdAt.desc())],
);

/**
 * Inbound messages already handled, by channel (`source:<id>`, `twilio`, `stripe`) and the
 * sender's message id (`webhook-id`, `MessageSid`, the Stripe event id): a sender's retry is
 * answered from here and changes nothing. `result` holds ids and outcomes, never personal data.
 */
export const inboundReceipts = pgTable(
  'inbound_receipts',
  {
    channel: text('channel').notNull(),
    messageId: text('message_id').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    result: jsonObject('result'),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.channel, table.messageId] }),
    index('inbound_receipts_created_idx').on(table.createdAt),
  ],
);

/** Nova's follow-up sequences: steps of email, SMS or task at offsets from enrolment. */
export const sequences = pgTable(
  'sequences',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    name: text('name').notNull(),
    steps: jsonb('steps').$type<SequenceStep[]>().notNull(),
    /** `{ start, end }` as local HH:MM in the lead's time zone, or null for none. */
    quietHours: jsonb('quiet_hours').$type<QuietHours | null>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('sequences_keyset_idx').on(table.organizationId, table.createdAt.desc(), table.id.desc()),
  ],
);

/**
 * A lead going through a sequence. Its next step is a `sequence.step` job; triggers (migration
 * 0015) stop it in the same transaction as a reply, an opt-out or a converted/lost status, and
 * erasing the lead deletes it (cascade), so a step that comes due afterwards finds nothing to do.
 */
export const sequenceEnrollments = pgTable(
  'sequence_enrollments',
  {
    id: uuid('id').primaryKey(),
    organizationId: organizationId(),
    sequenceId: uuid('sequence_id')
      .notNull()
      .references(() => sequences.id, { onDelete: 'cascade' }),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => leads.id, { onDelete: 'cascade' }),
    state: text('state').$type<EnrollmentState>().notNull().default('active'),
    stopReason: text('stop_reason').$type<EnrollmentStopReason>(),
    nextStep: integer('next_step'),
    nextRunAt: timestamptz('next_run_at'),
    timeZone: text('time_zone').notNull(),
    history: jsonb('history').$type<EnrollmentStepRun[]>().notNull().default(sql`'[]'::jsonb`),
    enrolledAt: timestamptz('enrolled_at').notNull().defaultNow(),
    stoppedAt: timestamptz('stopped_at'),
    completedAt: timestamptz('completed_at'),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('sequence_enrollments_state_check', inList('state', EnrollmentState.options)),
    check(
      'sequence_enrollments_stop_reason_check',
      sql`stop_reason is null or ${inList('stop_reason', EnrollmentStopReason.options)}`,
    ),
    uniqueIndex('sequence_enrollments_sequence_lead_idx').on(table.sequenceId, table.leadId),
    index('sequence_enrollments_list_idx').on(table.sequenceId, table.enrolledAt.desc(), table.id.desc()),
    index('sequence_enrollments_lead_idx').on(table.leadId, table.state),
  ],
);

import type { Lead, LeadCreate, LeadCreateResult } from '@hidden-key/sdk/schemas';
import { eq, or, sql } from 'drizzle-orm';
import type * as z from 'zod';
import type { AppDeps } from '../../context.js';
import { inOneRoundTrip, type StatementResult } from '../../db/batch.js';
import type { Transaction } from '../../db/database.js';
import { events, leads, models, organizations } from '../../db/schema.js';
import { type BoundStatement, compileStatement } from '../../db/statements.js';
import { type AutomationSettings, automationFrom } from '../automation/automation-settings.js';
import { startLeadAutomation } from '../automation/lead-automation.job.js';
import { EVENTS_CHANNEL, eventsWakeup, recordEvent, wakeStreamsAfterCommit } from '../events.js';
import { compact, fillEmpty } from '../json-objects.js';
import { scoreNewLead } from '../scoring/score-lead.js';
import { type RequestOrigin, recordConsent } from './consent.js';
import { type LeadRow, leadColumns, toLead } from './lead-record.js';
import { normalizeEmail, normalizePhone } from './normalize.js';

export type LeadCreateInput = z.output<typeof LeadCreate>;

export interface LeadCreateContext {
  /** With `scorers`, a new or merged lead is scored when its organisation has a model. */
  deps: Pick<AppDeps, 'clock' | 'newId'> & Partial<Pick<AppDeps, 'scorers'>>;
  organizationId: string;
  defaultRegion: string;
  origin: RequestOrigin;
  /**
   * What a match does: `merge` fills the existing lead's empty fields (a secret-key caller),
   * `flag` leaves it as it was and only marks it resubmitted (a public form: anyone may call it).
   */
  onMatch?: 'merge' | 'flag';
}

/**
 * Creates a lead, or merges it into the organisation's existing lead with the same normalised
 * email or phone. Advisory locks on those keys serialise concurrent submissions of the same
 * person, so two racing requests still end as one lead. When the organisation has a scoring model,
 * the lead is scored before its event is recorded, so the event carries the score.
 */
export async function createOrMergeLead(
  tx: Transaction,
  context: LeadCreateContext,
  input: LeadCreateInput,
): Promise<{ lead: LeadCreateResult; merged: boolean }> {
  const { organizationId, deps } = context;
  const email = input.contact.email ? normalizeEmail(input.contact.email) : null;
  const phone = input.contact.phone ? normalizePhone(input.contact.phone, context.defaultRegion) : null;
  const now = deps.clock();
  const consent = input.consent ? recordConsent(input.consent, now, context.origin) : null;
  const dedupKeys = [email && `email:${email}`, phone && `phone:${phone}`].filter(Boolean).sort() as string[];

  const row = newLeadRow(input, { id: deps.newId(), organizationId, email, phone, consent, now });
  const lead = toLead(row);
  // The locks, then the insert unless a duplicate exists, in one round trip: two statements, so the
  // second reads after the first has its locks and sees whatever their last holder committed.
  // With scorers, an organisation that has a model gets no insert here: its lead is scored first.
  const [locked, attempt] = await inOneRoundTrip(tx, [
    lockAndReadOrganization({
      organizationId,
      lockKeys: dedupKeys.map((key) => `${organizationId}:${key}`),
    }),
    insertUnlessDuplicate(row, lead, {
      unlessModel: deps.scorers !== undefined,
      // Should it insert, its event wakes the streams after the commit, or in the statement.
      notifyInStatement: !wakeStreamsAfterCommit(tx, organizationId),
    }),
  ]);
  const automation = automationOf(locked!);
  const { existing_id: existingId, inserted } = attempt!.rows[0] as {
    existing_id: string | null;
    inserted: boolean;
  };
  const scored = (row: LeadRow) =>
    deps.scorers ? scoreNewLead(tx, { organizationId, scorers: deps.scorers, now }, row) : row;
  const merge = async (existing: LeadRow) => {
    if (context.onMatch === 'flag') {
      const flagged = toLead(await flagResubmitted(tx, existing, now));
      await recordEvent(tx, {
        organizationId,
        type: 'lead.updated',
        resourceId: flagged.id,
        data: flagged,
        createdAt: now,
      });
      return { lead: { ...flagged, merged: true }, merged: true };
    }
    const merged = await scored(await mergeInto(tx, existing, input, { email, phone, consent, now }));
    await recordEvent(tx, {
      organizationId,
      type: 'lead.updated',
      resourceId: merged.id,
      data: toLead(merged),
      createdAt: now,
    });
    return { lead: { ...toLead(merged), merged: true }, merged: true };
  };

  if (existingId) return merge(await lockedLead(tx, existingId));
  if (inserted) {
    await startLeadAutomation(tx, organizationId, lead.id, automation);
    return { lead: { ...lead, merged: false }, merged: false };
  }

  // Not inserted and no duplicate: the organisation has a model, so the lead is scored first.
  const { priorityRank: _generated, ...values } = row;
  const [stored] = await tx.insert(leads).values(values).returning(leadColumns);
  const scoredLead = toLead(await scored(stored!));
  await recordEvent(tx, {
    organizationId,
    type: 'lead.created',
    resourceId: scoredLead.id,
    data: scoredLead,
    createdAt: now,
  });
  await startLeadAutomation(tx, organizationId, scoredLead.id, automation);
  return { lead: { ...scoredLead, merged: false }, merged: false };
}

/**
 * The advisory locks on the person's dedup keys (taken in sorted order, so two submissions cannot
 * deadlock; they serialise racing submissions of one person) and the organisation's automation
 * settings, which a new lead starts.
 */
const lockAndReadOrganization = compileStatement<'organizationId' | 'lockKeys'>(
  (value) => sql`
    select (select count(*) from (select pg_advisory_xact_lock(hashtextextended(key, 0))
                                  from unnest(${value('lockKeys')}::text[]) as key) as locks) as locks,
           (select ${organizations.settings} from ${organizations} where ${organizations.id} = ${value('organizationId')}) as settings`,
);

function automationOf(result: StatementResult): AutomationSettings {
  return automationFrom(
    (result.rows[0] as { settings: Record<string, unknown> | null } | undefined)?.settings,
  );
}

type InsertValue =
  | 'id'
  | 'organizationId'
  | 'source'
  | 'status'
  | 'priority'
  | 'contactName'
  | 'contactEmail'
  | 'contactPhone'
  | 'property'
  | 'motivation'
  | 'attribution'
  | 'consent'
  | 'enrichment'
  | 'tags'
  | 'customFields'
  | 'lastContactedAt'
  | 'createdAt'
  | 'updatedAt'
  | 'event'
  | 'wakeup';

/**
 * Inserts the lead with its `lead.created` event (and, with `notifyInStatement`, the NOTIFY that
 * wakes the streams) unless the organisation already has a lead with the same email or phone
 * (answered as `existing_id`, locked for update) or, with `unlessModel`, has a scoring model;
 * `inserted` says whether it did. One compiled text per shape (which of email and phone are
 * matched on, whether a model stops the insert, where the NOTIFY goes).
 */
function compileInsertUnlessDuplicate(shape: {
  email: boolean;
  phone: boolean;
  unlessModel: boolean;
  notifyInStatement: boolean;
}) {
  return compileStatement<InsertValue>((value) => {
    const organizationId = value('organizationId');
    const matches = or(
      shape.email ? eq(leads.contactEmail, value('contactEmail')) : undefined,
      shape.phone ? eq(leads.contactPhone, value('contactPhone')) : undefined,
    );
    const existing = matches
      ? sql`select ${leads.id} from ${leads} where ${leads.organizationId} = ${organizationId} and ${matches}
            order by ${leads.createdAt}, ${leads.id} limit 1 for update`
      : sql`select null::uuid as id where false`;
    const noModel = shape.unlessModel
      ? sql`and not exists (select 1 from ${models} where ${models.organizationId} = ${organizationId})`
      : sql``;
    const notified = shape.notifyInStatement
      ? sql`(select pg_notify(${EVENTS_CHANNEL}, ${value('wakeup')}) from event)`
      : sql`null`;
    return sql`
    with existing as (${existing}),
    inserted as (
      insert into ${leads} (id, organization_id, source, status, priority, contact_name, contact_email,
                            contact_phone, property, motivation, attribution, consent, enrichment, tags,
                            custom_fields, last_contacted_at, created_at, updated_at)
      select ${value('id')}::uuid, ${organizationId}::uuid, ${value('source')}, ${value('status')}, ${value('priority')},
             ${value('contactName')}, ${value('contactEmail')}, ${value('contactPhone')}, ${value('property')}::jsonb,
             ${value('motivation')}, ${value('attribution')}::jsonb, ${value('consent')}::jsonb, ${value('enrichment')}::jsonb,
             ${value('tags')}::text[], ${value('customFields')}::jsonb,
             ${value('lastContactedAt')}::timestamptz, ${value('createdAt')}::timestamptz,
             ${value('updatedAt')}::timestamptz
      where not exists (select 1 from existing) ${noModel}
      returning id
    ),
    event as (
      insert into ${events} (organization_id, type, resource_id, data, created_at)
      select ${organizationId}::uuid, 'lead.created', id, ${value('event')}::jsonb, ${value('createdAt')}::timestamptz
      from inserted
      returning id
    )
    select (select id::text from existing) as existing_id,
           exists (select 1 from inserted) as inserted,
           ${notified} as notified`;
  });
}

const insertShapes = new Map<string, ReturnType<typeof compileInsertUnlessDuplicate>>();

function insertUnlessDuplicate(
  row: LeadRow,
  lead: Lead,
  options: { unlessModel: boolean; notifyInStatement: boolean },
): BoundStatement {
  const shape = { email: row.contactEmail !== null, phone: row.contactPhone !== null, ...options };
  const name = `${shape.email}:${shape.phone}:${shape.unlessModel}:${shape.notifyInStatement}`;
  let compiled = insertShapes.get(name);
  if (!compiled) {
    compiled = compileInsertUnlessDuplicate(shape);
    insertShapes.set(name, compiled);
  }
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  return compiled({
    id: row.id,
    organizationId: row.organizationId,
    source: row.source,
    status: row.status,
    priority: row.priority,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    property: json(row.property),
    motivation: row.motivation,
    attribution: json(row.attribution),
    consent: json(row.consent),
    enrichment: json(row.enrichment),
    tags: row.tags,
    customFields: json(row.customFields),
    lastContactedAt: row.lastContactedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    event: json(lead),
    wakeup: eventsWakeup(row.organizationId),
  });
}

const lockedLead = async (tx: Transaction, id: string): Promise<LeadRow> => {
  const [row] = await tx.select(leadColumns).from(leads).where(eq(leads.id, id)).limit(1).for('update');
  return row!;
};

/** The row a new lead is stored as, and (before any scoring) the lead it is on the wire. */
function newLeadRow(
  input: LeadCreateInput,
  values: {
    id: string;
    organizationId: string;
    email: string | null;
    phone: string | null;
    consent: LeadRow['consent'];
    now: Date;
  },
): LeadRow {
  return {
    id: values.id,
    organizationId: values.organizationId,
    source: input.source,
    status: input.status,
    priority: input.priority,
    priorityRank: null, // generated by the database; not on the wire
    contactName: input.contact.name ?? null,
    contactEmail: values.email,
    contactPhone: values.phone,
    property: compact(input.property),
    motivation: input.motivation ?? null,
    attribution: compact(input.attribution),
    consent: values.consent,
    enrichment: input.enrichment ?? {},
    score: null,
    scoreDetails: null,
    tags: dedupe(input.tags ?? []),
    customFields: input.custom_fields ?? {},
    lastContactedAt: input.last_contacted_at ? new Date(input.last_contacted_at) : null,
    resubmittedAt: null,
    createdAt: values.now,
    updatedAt: values.now,
  };
}

const dedupe = (values: string[]) => [...new Set(values)];

/** Marks a lead as sent again by a public form; nothing else changes but `updated_at`. */
async function flagResubmitted(tx: Transaction, existing: LeadRow, now: Date): Promise<LeadRow> {
  const [row] = await tx
    .update(leads)
    .set({ resubmittedAt: now, updatedAt: now })
    .where(eq(leads.id, existing.id))
    .returning(leadColumns);
  return row!;
}

/** Fills the existing lead's empty fields from the new submission; tags are united. */
async function mergeInto(
  tx: Transaction,
  existing: LeadRow,
  input: LeadCreateInput,
  incoming: { email: string | null; phone: string | null; consent: object | null; now: Date },
): Promise<LeadRow> {
  const [row] = await tx
    .update(leads)
    .set({
      contactName: existing.contactName || input.contact.name || null,
      contactEmail: existing.contactEmail ?? incoming.email,
      contactPhone: existing.contactPhone ?? incoming.phone,
      property: fillEmpty(existing.property, compact(input.property)),
      motivation: existing.motivation || input.motivation || null,
      attribution: fillEmpty(existing.attribution, compact(input.attribution)),
      consent: existing.consent ?? (incoming.consent as Record<string, unknown> | null),
      enrichment: { ...(input.enrichment ?? {}), ...existing.enrichment },
      tags: dedupe([...existing.tags, ...(input.tags ?? [])]),
      customFields: { ...(input.custom_fields ?? {}), ...existing.customFields },
      updatedAt: incoming.now,
    })
    .where(eq(leads.id, existing.id))
    .returning(leadColumns);
  return row!;
}

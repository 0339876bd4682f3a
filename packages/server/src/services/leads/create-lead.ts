import type { LeadCreate, LeadCreateResult } from '@hidden-key/sdk/schemas';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type * as z from 'zod';
import type { AppDeps } from '../../context.js';
import type { Transaction } from '../../db/database.js';
import { leads } from '../../db/schema.js';
import { startLeadAutomation } from '../automation/lead-automation.job.js';
import { recordEvent } from '../events.js';
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

  const dedupKeys = [email && `email:${email}`, phone && `phone:${phone}`].filter(Boolean).sort();
  if (dedupKeys.length) {
    const lockKeys = sql.join(
      dedupKeys.map((key) => sql`${`${organizationId}:${key}`}`),
      sql`, `,
    );
    // One round trip for both locks, taken in sorted order so two submissions cannot deadlock.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(key, 0)) from unnest(array[${lockKeys}]::text[]) as key`,
    );
  }

  const matches = [
    email ? eq(leads.contactEmail, email) : undefined,
    phone ? eq(leads.contactPhone, phone) : undefined,
  ];
  const [existing] = dedupKeys.length
    ? await tx
        .select(leadColumns)
        .from(leads)
        .where(and(eq(leads.organizationId, organizationId), or(...matches)))
        .orderBy(asc(leads.createdAt), asc(leads.id))
        .limit(1)
        .for('update')
    : [];

  const consent = input.consent ? recordConsent(input.consent, now, context.origin) : null;
  const scored = (row: LeadRow) =>
    deps.scorers ? scoreNewLead(tx, { organizationId, scorers: deps.scorers, now }, row) : row;
  if (existing && context.onMatch === 'flag') {
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
  if (existing) {
    const merged = await scored(await mergeInto(tx, existing, input, { email, phone, consent, now }));
    await recordEvent(tx, {
      organizationId,
      type: 'lead.updated',
      resourceId: merged.id,
      data: toLead(merged),
      createdAt: now,
    });
    return { lead: { ...toLead(merged), merged: true }, merged: true };
  }

  const [inserted] = await tx
    .insert(leads)
    .values({
      id: deps.newId(),
      organizationId,
      source: input.source,
      status: input.status,
      priority: input.priority,
      contactName: input.contact.name ?? null,
      contactEmail: email,
      contactPhone: phone,
      property: compact(input.property),
      motivation: input.motivation ?? null,
      attribution: compact(input.attribution),
      consent,
      enrichment: input.enrichment ?? {},
      tags: dedupe(input.tags ?? []),
      customFields: input.custom_fields ?? {},
      lastContactedAt: input.last_contacted_at ? new Date(input.last_contacted_at) : null,
      createdAt: now,
      updatedAt: now,
    })
    .returning(leadColumns);
  const lead = toLead(await scored(inserted!));
  await recordEvent(tx, {
    organizationId,
    type: 'lead.created',
    resourceId: lead.id,
    data: lead,
    createdAt: now,
  });
  await startLeadAutomation(tx, organizationId, lead.id);
  return { lead: { ...lead, merged: false }, merged: false };
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

import type { LeadSubmission, PublicLeadCreate, PublicLeadReceipt } from '@hidden-key/sdk/schemas';
import { and, asc, eq, sql } from 'drizzle-orm';
import type * as z from 'zod';
import { runAtCommit } from '../../db/batch.js';
import type { Executor, Transaction } from '../../db/database.js';
import { leadSubmissions } from '../../db/schema.js';
import { compileStatement } from '../../db/statements.js';
import { compact } from '../json-objects.js';
import { regionOf, type Scope } from '../store.js';
import { recordConsent } from './consent.js';
import { createOrMergeLead, type LeadCreateInput } from './create-lead.js';

/** The source of every lead captured through a publishable key. */
export const CAPTURE_SOURCE = 'web_form';

type Capture = z.output<typeof PublicLeadCreate>;

/**
 * A form submission as a lead: only the capture fields are carried over; status, priority and
 * source are the server's, and the consent's time comes from the server, not the browser.
 */
export function captureToLeadInput(capture: Capture): LeadCreateInput {
  return {
    source: CAPTURE_SOURCE,
    status: 'new',
    priority: 'medium',
    contact: capture.contact,
    property: capture.property,
    motivation: capture.motivation,
    attribution: capture.attribution,
    consent: capture.consent ? { text: capture.consent.text, version: capture.consent.version } : null,
    custom_fields: capture.custom_fields,
  };
}

const insertSubmission = compileStatement<
  | 'id'
  | 'organizationId'
  | 'leadId'
  | 'resubmission'
  | 'data'
  | 'consent'
  | 'ip'
  | 'origin'
  | 'userAgent'
  | 'createdAt'
>(
  (value) => sql`
    insert into ${leadSubmissions} (id, organization_id, lead_id, resubmission, data, consent, ip, origin,
                                    user_agent, created_at)
    values (${value('id')}::uuid, ${value('organizationId')}::uuid, ${value('leadId')}::uuid, ${value('resubmission')},
            ${value('data')}::jsonb, ${value('consent')}::jsonb, ${value('ip')}, ${value('origin')},
            ${value('userAgent')}, ${value('createdAt')}::timestamptz)`,
);

/**
 * Takes a public form submission: a new person becomes a lead; a known one (same email or phone)
 * keeps their lead exactly as it was, flagged `resubmitted_at`. Either way the submission itself
 * (what was sent, when, from where, with its consent) is stored and linked to the lead.
 */
export async function capturePublicLead(
  tx: Transaction,
  scope: Scope,
  capture: Capture,
): Promise<PublicLeadReceipt> {
  const input = captureToLeadInput(capture);
  const { lead, merged } = await createOrMergeLead(
    tx,
    {
      deps: scope.deps,
      organizationId: scope.organizationId,
      defaultRegion: await regionOf(tx, scope),
      origin: scope.origin,
      onMatch: 'flag',
    },
    input,
  );
  const now = scope.deps.clock();
  const consent = input.consent ? { ...recordConsent(input.consent, now, scope.origin) } : null;
  const data = compact({
    contact: compact(input.contact),
    property: input.property && compact(input.property),
    motivation: input.motivation ?? undefined,
    attribution: input.attribution && compact(input.attribution),
    custom_fields: input.custom_fields,
  });
  // Nothing reads the row back: it travels with the COMMIT instead of in a round trip of its own.
  await runAtCommit(
    tx,
    insertSubmission({
      id: scope.deps.newId(),
      organizationId: scope.organizationId,
      leadId: lead.id,
      resubmission: merged,
      data: JSON.stringify(data),
      consent: consent && JSON.stringify(consent),
      ip: scope.origin.ip,
      origin: scope.origin.origin ?? null,
      userAgent: scope.origin.userAgent,
      createdAt: now.toISOString(),
    }),
  );
  return { id: lead.id };
}

type SubmissionRow = typeof leadSubmissions.$inferSelect;

export function toSubmission(row: SubmissionRow): LeadSubmission {
  return {
    id: row.id,
    lead_id: row.leadId,
    resubmission: row.resubmission,
    data: row.data,
    consent: (row.consent as LeadSubmission['consent']) ?? null,
    ip: row.ip,
    origin: row.origin,
    user_agent: row.userAgent,
    received_at: row.createdAt.toISOString(),
  };
}

/** A lead's submissions, oldest first. */
export async function listSubmissions(db: Executor, scope: Scope, leadId: string) {
  const rows = await db
    .select()
    .from(leadSubmissions)
    .where(and(eq(leadSubmissions.organizationId, scope.organizationId), eq(leadSubmissions.leadId, leadId)))
    .orderBy(asc(leadSubmissions.createdAt), asc(leadSubmissions.id));
  return rows.map(toSubmission);
}

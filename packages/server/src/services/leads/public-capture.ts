import type { PublicLeadCreate, PublicLeadReceipt } from '@hidden-key/sdk/schemas';
import type * as z from 'zod';
import type { Transaction } from '../../db/database.js';
import { compact } from '../json-objects.js';
import { regionOf, type Scope } from '../store.js';
import { createOrMergeLead, type LeadCreateInput } from './create-lead.js';
import { recordSubmission } from './lead-submissions.js';

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
  const data = compact({
    contact: compact(input.contact),
    property: input.property && compact(input.property),
    motivation: input.motivation ?? undefined,
    attribution: input.attribution && compact(input.attribution),
    custom_fields: input.custom_fields,
  });
  await recordSubmission(tx, scope, { leadId: lead.id, resubmission: merged, data, consent: input.consent });
  return { id: lead.id };
}

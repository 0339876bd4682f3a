import type { Lead, LeadUpdate } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import type * as z from 'zod';
import type { Transaction } from '../../db/database.js';
import { leads } from '../../db/schema.js';
import { recordEvent } from '../events.js';
import { patchObject } from '../json-objects.js';
import { recordConsent } from './consent.js';
import type { LeadCreateContext } from './create-lead.js';
import { leadColumns, toLead } from './lead-record.js';
import { normalizeEmail, normalizePhone } from './normalize.js';

export type LeadUpdateInput = z.output<typeof LeadUpdate>;

/** Applies a PATCH to a lead of the organisation; null when there is no such lead. */
export async function updateLead(
  tx: Transaction,
  context: LeadCreateContext,
  id: string,
  patch: LeadUpdateInput,
): Promise<Lead | null> {
  const scope = and(eq(leads.id, id), eq(leads.organizationId, context.organizationId));
  const [existing] = await tx.select(leadColumns).from(leads).where(scope).limit(1).for('update');
  if (!existing) return null;
  const now = context.deps.clock();
  const contact = patch.contact;
  const email =
    contact?.email === undefined ? existing.contactEmail : contact.email && normalizeEmail(contact.email);
  const phone =
    contact?.phone === undefined
      ? existing.contactPhone
      : contact.phone && normalizePhone(contact.phone, context.defaultRegion);

  const [row] = await tx
    .update(leads)
    .set({
      source: patch.source,
      status: patch.status,
      priority: patch.priority,
      contactName: contact?.name === undefined ? undefined : contact.name,
      contactEmail: email ?? null,
      contactPhone: phone ?? null,
      property: patch.property && patchObject(existing.property, patch.property),
      motivation: patch.motivation,
      attribution: patch.attribution && patchObject(existing.attribution, patch.attribution),
      consent:
        patch.consent === undefined
          ? undefined
          : patch.consent && recordConsent(patch.consent, now, context.origin),
      enrichment: patch.enrichment && patchObject(existing.enrichment, patch.enrichment),
      tags: patch.tags && [...new Set(patch.tags)],
      customFields: patch.custom_fields && patchObject(existing.customFields, patch.custom_fields),
      lastContactedAt:
        patch.last_contacted_at === undefined
          ? undefined
          : patch.last_contacted_at
            ? new Date(patch.last_contacted_at)
            : null,
      updatedAt: now,
    })
    .where(scope)
    .returning(leadColumns);
  const lead = toLead(row!);
  await recordEvent(tx, {
    organizationId: context.organizationId,
    type: 'lead.updated',
    resourceId: id,
    data: lead,
    createdAt: now,
  });
  return lead;
}

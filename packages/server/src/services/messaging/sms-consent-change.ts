import type { Lead } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../context.js';
import type { Transaction } from '../../db/database.js';
import { leads } from '../../db/schema.js';
import { updateLead } from '../leads/update-lead.js';
import { organizationRegion } from '../organizations.js';
import { SMS_OPT_OUT_TAG } from './sms-consent.js';

export type SmsConsentChange =
  | { kind: 'opt_out' }
  /** Texting START is itself a consent: recorded when the lead had none. */
  | { kind: 'opt_in'; consentText: string };

/**
 * Applies STOP or START to a lead through the lead store's update path (so `lead.updated` is
 * recorded and reaches streams and webhooks). Null when the lead does not exist; the lead
 * unchanged when it already was in that state.
 */
export async function changeSmsConsent(
  tx: Transaction,
  deps: Pick<AppDeps, 'clock' | 'newId'>,
  organizationId: string,
  leadId: string,
  change: SmsConsentChange,
): Promise<Lead | null> {
  const [lead] = await tx
    .select({ tags: leads.tags, consent: leads.consent })
    .from(leads)
    .where(and(eq(leads.id, leadId), eq(leads.organizationId, organizationId)))
    .for('update');
  if (!lead) return null;
  const optedOut = lead.tags.includes(SMS_OPT_OUT_TAG);
  const tags =
    change.kind === 'opt_out'
      ? optedOut
        ? undefined
        : [...lead.tags, SMS_OPT_OUT_TAG]
      : optedOut
        ? lead.tags.filter((tag) => tag !== SMS_OPT_OUT_TAG)
        : undefined;
  const consent =
    change.kind === 'opt_in' && lead.consent === null
      ? { text: change.consentText, version: 'sms-start' }
      : undefined;
  if (tags === undefined && consent === undefined) return null;
  return updateLead(
    tx,
    {
      deps,
      organizationId,
      defaultRegion: await organizationRegion(tx, organizationId),
      origin: { ip: null, userAgent: 'twilio' },
    },
    leadId,
    { tags, consent },
  );
}

import type { LeadRow } from '../leads/lead-record.js';

/** The tag a lead carries once it answered STOP (or asked a person not to be texted). */
export const SMS_OPT_OUT_TAG = 'sms_opt_out';

/** Why a lead may not be texted, or null when it may. */
export type SmsRefusalReason = 'no_phone' | 'no_consent' | 'opted_out';

/**
 * TCPA: a lead may be texted only with a phone number, a recorded consent, and no opt-out since.
 * The rule lives here, in code, so nothing a model or a lead writes can change it; drafts and
 * sends both read it.
 */
export function smsRefusal(
  lead: Pick<LeadRow, 'contactPhone' | 'consent' | 'tags'>,
): SmsRefusalReason | null {
  if (!lead.contactPhone) return 'no_phone';
  if (lead.tags.includes(SMS_OPT_OUT_TAG)) return 'opted_out';
  if (lead.consent === null) return 'no_consent';
  return null;
}

export const hasSmsConsent = (lead: Pick<LeadRow, 'contactPhone' | 'consent' | 'tags'>) =>
  smsRefusal(lead) === null;

import type { LeadRow } from '../../leads/lead-record.js';

/** The tag a lead carries once it answered STOP (or asked a person not to be texted). */
export const SMS_OPT_OUT_TAG = 'sms_opt_out';

/**
 * A lead may get an SMS draft only with a phone number, a recorded consent, and no opt-out since.
 * The rule lives here, in code, so nothing a model or a lead writes can change it.
 */
export const hasSmsConsent = (lead: LeadRow) =>
  Boolean(lead.contactPhone) && lead.consent !== null && !lead.tags.includes(SMS_OPT_OUT_TAG);

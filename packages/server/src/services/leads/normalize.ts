import { INVALID_PHONE, toE164 } from '@hidden-key/sdk/schemas';
import { validationError } from '../../errors.js';

/** Emails compare trimmed and lower-cased. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * A phone number as E.164. A number without a country code is read in the organisation's
 * default region; one that is not valid there is a validation error on `field`. The rule is the
 * contract's (`toE164`), so the SDK's validating client and the CLI's dry run refuse the same.
 */
export function normalizePhone(phone: string, defaultRegion: string, field = 'contact.phone'): string {
  const e164 = toE164(phone, defaultRegion);
  if (e164 === null) throw validationError({ [field]: [INVALID_PHONE] });
  return e164;
}

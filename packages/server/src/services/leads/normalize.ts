import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { validationError } from '../../errors.js';

/** Emails compare trimmed and lower-cased. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * A phone number as E.164. A number without a country code is read in the organisation's
 * default region; one that is not a possible number there is a validation error on `field`.
 */
export function normalizePhone(phone: string, defaultRegion: string, field = 'contact.phone'): string {
  const parsed = parsePhoneNumberFromString(phone, defaultRegion.toUpperCase() as CountryCode);
  if (!parsed?.isValid()) throw validationError({ [field]: ['Invalid phone number'] });
  return parsed.number;
}

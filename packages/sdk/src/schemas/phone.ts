import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type * as z from 'zod';
import { InvestorCreate, InvestorUpdate } from './investors.js';
import { LeadCreate, LeadUpdate, PublicLeadCreate } from './leads.js';

/*
 * The one phone rule of the API. The server stores a phone as E.164 and refuses one that
 * libphonenumber does not find valid, reading a number typed without a country code in the
 * organisation's region. That needs the region, which the shared schemas cannot know, and 29 KB of
 * phone metadata, which the browser bundles of the schemas should not carry: so the plain schemas
 * check only the length, and `withPhoneRule(region)` adds the real rule for the validating client,
 * the CLI's dry run and the server, which all call `toE164` below.
 */

/** The region of an organisation created without one, and of the clients' checks by default. */
export const DEFAULT_PHONE_REGION = 'US';

/** The message of a refused phone, the same from the client and the server. */
export const INVALID_PHONE = 'Invalid phone number';

/** The number in E.164 (`+12024561111`), or `null` when it is not a valid number in `region`. */
export function toE164(phone: string, region: string = DEFAULT_PHONE_REGION): string | null {
  const parsed = parsePhoneNumberFromString(phone, region.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

const checkContactPhone =
  (region: string) =>
  (value: { contact?: { phone?: string | null } | undefined }, context: z.RefinementCtx) => {
    const phone = value.contact?.phone;
    if (phone && toE164(phone, region) === null) {
      context.addIssue({ code: 'custom', path: ['contact', 'phone'], message: INVALID_PHONE });
    }
  };

/**
 * The write schemas that carry a phone, with the server's phone rule for an organisation in
 * `region` (ISO 3166 alpha-2). `new HiddenKey({ phoneRegion })` validates with these.
 */
export function withPhoneRule(region: string = DEFAULT_PHONE_REGION) {
  const check = checkContactPhone(region);
  return {
    LeadCreate: LeadCreate.superRefine(check),
    LeadUpdate: LeadUpdate.superRefine(check),
    PublicLeadCreate: PublicLeadCreate.superRefine(check),
    InvestorCreate: InvestorCreate.superRefine(check),
    InvestorUpdate: InvestorUpdate.superRefine(check),
  };
}

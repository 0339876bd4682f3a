import type * as z from 'zod';
import { InvestorCreate, InvestorUpdate } from './investors.js';
import { LeadCreate, LeadUpdate, PublicLeadCreate } from './leads.js';

/*
 * The one phone rule of the API, without the checker itself: the server, the CLI and the
 * validating client all refuse a phone that `toE164` (phone.ts, libphonenumber) cannot read in the
 * organisation's region. This module does not import libphonenumber, so the validating client can
 * load its 29 KB of metadata the first time a phone is checked rather than with the client.
 */

/** The region of an organisation created without one, and of the clients' checks by default. */
export const DEFAULT_PHONE_REGION = 'US';

/** The message of a refused phone, the same from the client and the server. */
export const INVALID_PHONE = 'Invalid phone number';

/** Reads a phone in a region: E.164, or `null` when it is not a valid number there. */
export type PhoneReader = (phone: string, region: string) => string | null;

type WithContact = { contact?: { phone?: string | null } | undefined };

/** The write schemas that carry a phone, each refined with `check`. */
function refinePhones(check: (value: WithContact, context: z.RefinementCtx) => void | Promise<void>) {
  return {
    LeadCreate: LeadCreate.superRefine(check),
    LeadUpdate: LeadUpdate.superRefine(check),
    PublicLeadCreate: PublicLeadCreate.superRefine(check),
    InvestorCreate: InvestorCreate.superRefine(check),
    InvestorUpdate: InvestorUpdate.superRefine(check),
  };
}

const refuse = (context: z.RefinementCtx) =>
  context.addIssue({ code: 'custom', path: ['contact', 'phone'], message: INVALID_PHONE });

/** The phone rule with a reader at hand: the schemas parse synchronously. */
export function phoneRuleWith(read: PhoneReader, region: string = DEFAULT_PHONE_REGION) {
  return refinePhones((value, context) => {
    const phone = value.contact?.phone;
    if (phone && read(phone, region) === null) refuse(context);
  });
}

/**
 * The phone rule with a reader that is still loading: `load()` starts at once, in the background,
 * and a check waits for it only while it has not arrived (then it checks synchronously, so calls
 * made in order are checked, and sent, in order). The schemas must be parsed with `safeParseAsync`.
 */
export function lazyPhoneRule(load: () => Promise<PhoneReader>, region: string = DEFAULT_PHONE_REGION) {
  let reader: PhoneReader | undefined;
  const loading = load().then((loaded) => {
    reader = loaded;
    return loaded;
  });
  // A failed load is reported by the first check that needs the reader, not as an unhandled rejection.
  loading.catch(() => {});
  const check = (read: PhoneReader, phone: string, context: z.RefinementCtx) => {
    if (read(phone, region) === null) refuse(context);
  };
  return refinePhones((value, context) => {
    const phone = value.contact?.phone;
    if (!phone) return;
    if (reader) return check(reader, phone, context);
    return loading.then((read) => check(read, phone, context));
  });
}

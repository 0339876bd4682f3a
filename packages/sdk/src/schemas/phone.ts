import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { DEFAULT_PHONE_REGION, phoneRuleWith } from './phone-rule.js';

/*
 * The phone checker: libphonenumber and its metadata (29 KB min+gz). The server stores a phone as
 * E.164 and refuses one this does not find valid, reading a number typed without a country code
 * in the organisation's region. The plain schemas check only the length (they cannot know the
 * region, and browser bundles of them should not carry the metadata); `withPhoneRule(region)`
 * adds the real rule (phone-rule.ts) for the CLI's dry run, and the validating client loads this
 * module the first time it checks a phone.
 */

/**
 * The number in E.164 (`+12024561111`), or `null` when it is not a valid number in `region`. A
 * number with an extension (`ext 5`) is refused too: E.164 has no room for one, and dropping it
 * would store a number that does not reach the person.
 */
export function toE164(phone: string, region: string = DEFAULT_PHONE_REGION): string | null {
  const parsed = parsePhoneNumberFromString(phone, region.toUpperCase() as CountryCode);
  return parsed?.isValid() && !parsed.ext ? parsed.number : null;
}

/**
 * The write schemas that carry a phone, with the server's phone rule for an organisation in
 * `region` (ISO 3166 alpha-2), checked synchronously.
 */
export function withPhoneRule(region: string = DEFAULT_PHONE_REGION) {
  return phoneRuleWith(toE164, region);
}

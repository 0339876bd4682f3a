import type { LeadRow } from '../leads/lead-record.js';

/** Each US state's (and DC's) most populous time zone: a lead's address says where it is. */
const US_STATE_ZONES: Record<string, string> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DE: 'America/New_York',
  DC: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  HI: 'Pacific/Honolulu',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  IA: 'America/Chicago',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  ME: 'America/New_York',
  MD: 'America/New_York',
  MA: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MS: 'America/Chicago',
  MO: 'America/Chicago',
  MT: 'America/Denver',
  NE: 'America/Chicago',
  NV: 'America/Los_Angeles',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NY: 'America/New_York',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VT: 'America/New_York',
  VA: 'America/New_York',
  WA: 'America/Los_Angeles',
  WV: 'America/New_York',
  WI: 'America/Chicago',
  WY: 'America/Denver',
  PR: 'America/Puerto_Rico',
};

/** Where nothing says otherwise: the zone of the most people in the default (US) region. */
export const FALLBACK_TIME_ZONE = 'America/New_York';

export const isTimeZone = (value: unknown): value is string => {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

/**
 * The zone a lead's quiet hours are read in: `custom_fields.time_zone` (an IANA name) when set,
 * else its property's US state, else the organisation's `settings.time_zone`, else New York.
 */
export function leadTimeZone(
  lead: Pick<LeadRow, 'customFields' | 'property'>,
  organizationSettings: Record<string, unknown>,
): string {
  const own = lead.customFields.time_zone;
  if (isTimeZone(own)) return own;
  const state = typeof lead.property.state === 'string' ? lead.property.state.trim().toUpperCase() : '';
  const byState = US_STATE_ZONES[state];
  if (byState) return byState;
  const organization = organizationSettings.time_zone;
  return isTimeZone(organization) ? organization : FALLBACK_TIME_ZONE;
}

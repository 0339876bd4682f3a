/*
 * The server's rules for each field a capture form collects, mirrored from `PublicLeadCreate`
 * (packages/sdk/src/schemas/leads.ts and common.ts). A zod/mini mirror costs ~7 KB gz, more than
 * the whole form, so these few limits are written out; lead-rules.test.ts checks every rule
 * against the SDK's schema so the two cannot drift apart.
 */

export type FieldRule =
  | { type: 'text'; max: number; min?: number; email?: true; untrimmed?: true }
  | { type: 'number'; min: number; max: number; integer?: true };

/** A rule a value broke, and the limit it broke, for the message shown next to the field. */
export type FieldIssue =
  | { code: 'too_long' | 'too_short' | 'too_small' | 'too_large'; limit: number }
  | { code: 'email' | 'number' | 'integer' };

const text = (max: number): FieldRule => ({ type: 'text', max });
const number = (min: number, max: number): FieldRule => ({ type: 'number', min, max });
const integer = (min: number, max: number): FieldRule => ({ type: 'number', min, max, integer: true });
const money = number(-1e12, 1e12);

export const fieldRules = {
  name: text(200),
  email: { type: 'text', max: 254, email: true },
  phone: { type: 'text', min: 3, max: 40 },
  address: text(200),
  city: text(100),
  state: text(50),
  zip: text(20),
  property_type: text(50),
  bedrooms: integer(0, 1000),
  bathrooms: number(0, 1000),
  sqft: number(0, 10_000_000),
  year_built: integer(1600, 2200),
  estimated_value: money,
  condition: text(50),
  asking_price: money,
  motivation: { type: 'text', max: 10_000, untrimmed: true },
} satisfies Record<string, FieldRule>;

export type FieldName = keyof typeof fieldRules;

/** zod's `regexes.email`, which the server's `Email` schema uses. */
export const emailPattern =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export type FieldResult = { value: string | number | undefined; issue?: undefined } | { issue: FieldIssue };

/**
 * Reads what a person typed the way the server will: trimmed (and lower-cased for email), limits
 * checked; numbers may be typed with `$`, commas or spaces. An empty field has no value.
 */
export function parseField(rule: FieldRule, typed: string): FieldResult {
  if (rule.type === 'number') {
    const digits = typed.replace(/[\s,$]/g, '');
    if (!digits) return { value: undefined };
    const value = Number(digits);
    if (!Number.isFinite(value)) return { issue: { code: 'number' } };
    if (rule.integer && !Number.isInteger(value)) return { issue: { code: 'integer' } };
    if (value < rule.min) return { issue: { code: 'too_small', limit: rule.min } };
    if (value > rule.max) return { issue: { code: 'too_large', limit: rule.max } };
    return { value };
  }
  let value = rule.untrimmed ? typed : typed.trim();
  if (!value.trim()) return { value: undefined };
  if (rule.email) value = value.toLowerCase();
  if (value.length > rule.max) return { issue: { code: 'too_long', limit: rule.max } };
  if (rule.min && value.length < rule.min) return { issue: { code: 'too_short', limit: rule.min } };
  if (rule.email && !emailPattern.test(value)) return { issue: { code: 'email' } };
  return { value };
}

export type CustomFields = Record<string, string | number | boolean>;

/** Keeps the custom fields the server accepts (keys ≤ 100 characters; text ≤ 2,000, finite numbers, booleans). */
export function acceptedCustomFields(fields: Record<string, unknown>): CustomFields {
  const accepted: CustomFields = {};
  for (const [key, value] of Object.entries(fields)) {
    const fits =
      (typeof value === 'string' && value.length <= 2000) ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      typeof value === 'boolean';
    if (key.length <= 100 && fits) accepted[key] = value as string | number | boolean;
    else console.warn(`hk-lead-form: custom field "${key}" is not accepted by the server and is left out.`);
  }
  return accepted;
}

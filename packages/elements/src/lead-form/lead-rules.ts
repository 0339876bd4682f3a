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

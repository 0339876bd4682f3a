// Reading typed values the way the server will, by the rules in lead-rules.ts. A file of its own:
// the form's sending code (lead-form-flow.ts) uses it, the embed itself only the rules.
import type { FieldIssue, FieldRule } from './lead-rules.js';

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

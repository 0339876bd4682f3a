/**
 * The rules of the analysis inputs, as plain data. The functions of `@hidden-key/sdk/analysis`
 * check their input against them by hand (so importing `irr` or `analyzeRental` pulls in no
 * validation library), and `@hidden-key/sdk/schemas` builds the zod schemas of the API contract
 * from the very same rules, so the two can never disagree.
 */

/** A number field: its range, whether it is whole, and its value when omitted (none: stays absent). */
export interface NumberRule<Fallback extends number | undefined = number | undefined> {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly fallback: Fallback;
  readonly description?: string;
}

/** A problem found in an input: where, and what is wrong, as zod reports it. */
export interface InputIssue {
  path: (string | number)[];
  message: string;
}

/** A rule across fields ("amount or ltv, not both"), run once every field is valid. */
export type CrossFieldCheck = (value: Record<string, unknown>) => InputIssue | undefined;

export type FieldRules = { readonly [field: string]: NumberRule | ObjectRule };

/**
 * A nested object: `required`, `optional` (absent stays absent) or `defaulted` (absent means `{}`,
 * so every field takes its fallback). Unknown fields are refused.
 */
export interface ObjectRule<
  Fields extends FieldRules = FieldRules,
  Presence extends 'required' | 'optional' | 'defaulted' = 'required' | 'optional' | 'defaulted',
> {
  readonly kind: 'object';
  readonly fields: Fields;
  readonly presence: Presence;
  readonly checks: readonly CrossFieldCheck[];
  readonly description?: string;
}

function numberRule<Fallback extends number | undefined>(
  min: number,
  max: number,
  integer: boolean,
  fallback: Fallback,
): NumberRule<Fallback> {
  return { kind: 'number', min, max, integer, fallback };
}

/** The same rule with a description for the API reference. */
export const described = <Rule extends NumberRule | ObjectRule>(rule: Rule, description: string): Rule => ({
  ...rule,
  description,
});

export function objectRule<Fields extends FieldRules>(
  fields: Fields,
  checks: readonly CrossFieldCheck[] = [],
): ObjectRule<Fields, 'required'> {
  return { kind: 'object', fields, presence: 'required', checks };
}

export const optionalObject = <Fields extends FieldRules>(
  rule: ObjectRule<Fields>,
): ObjectRule<Fields, 'optional'> => ({
  ...rule,
  presence: 'optional',
});

export const defaultedObject = <Fields extends FieldRules>(
  rule: ObjectRule<Fields>,
): ObjectRule<Fields, 'defaulted'> => ({ ...rule, presence: 'defaulted' });

/** A non-negative amount of money in dollars, 0 when omitted. */
export const money = numberRule(0, 1e12, false, 0);
/** The same, absent when omitted (it competes with another way of giving the value). */
export const optionalMoney = numberRule(0, 1e12, false, undefined);
/** A rate between 0 and 1 (`0.065` for 6.5 %), 0 when omitted. */
export const rate = numberRule(0, 1, false, 0);
/** The same with another value when omitted. */
export const rateOr = <Fallback extends number>(fallback: Fallback) => numberRule(0, 1, false, fallback);
/** The same, absent when omitted. */
export const optionalRate = numberRule(0, 1, false, undefined);
/** A yearly growth rate between -100 % and +100 %, 0 when omitted. */
export const growthRate = numberRule(-1, 1, false, 0);
/** A whole number of months, up to 100 years, 0 when omitted. */
export const months = numberRule(0, 1200, true, 0);
/** A loan term: 1 to 1200 months, 30 years when omitted. */
export const termMonths = numberRule(1, 1200, true, 360);
/** A whole number of years, up to 100, 0 when omitted. */
export const years = numberRule(0, 100, true, 0);

/** `interest_only_months` must leave some months to amortise. */
export const interestOnlyShorterThanTerm: CrossFieldCheck = (value) =>
  (value.interest_only_months as number) >= (value.term_months as number)
    ? { path: ['interest_only_months'], message: 'interest_only_months must be shorter than term_months' }
    : undefined;

/** Two fields that give the same value two ways: at most one of them. */
export const notBoth =
  (first: string, second: string): CrossFieldCheck =>
  (value) =>
    value[first] !== undefined && value[second] !== undefined
      ? { path: [second], message: `Give either ${first} or ${second}, not both` }
      : undefined;

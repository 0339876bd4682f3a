import * as z from 'zod';

/**
 * Field schemas shared by the analysis inputs and outputs. Inputs follow the API contract: money
 * in dollars, rates as fractions, and an omitted number means 0.
 */

/** A non-negative amount of money in dollars. */
export const Dollars = z.number().min(0).max(1e12);
/** The same, 0 when omitted. */
export const MoneyInput = Dollars.default(0);

/** A rate between 0 and 1 (`0.065` for 6.5 %). */
export const Fraction = z.number().min(0).max(1);
/** The same, 0 when omitted. */
export const RateInput = Fraction.default(0);

/** A yearly growth rate between -100 % and +100 %; omitted means 0. */
export const GrowthRateInput = z.number().min(-1).max(1).default(0);

/** A whole number of months, up to 100 years; omitted means 0. */
export const MonthsInput = z.number().int().min(0).max(1200).default(0);

/** A loan term: 1 to 1200 months, 30 years when omitted. */
export const TermMonthsInput = z.number().int().min(1).max(1200).default(360);

/** A finite number of dollars or a ratio that always has a meaning. */
export const Amount = z.number();

/** A ratio that is `null` when it has no meaning (zero or negative denominator). */
export const Metric = z.number().nullable();

/** Something the caller should know about the numbers, with a stable code for translations. */
export const AnalysisWarning = z.strictObject({
  code: z.enum([
    'irr_multiple_sign_changes',
    'no_cash_invested',
    'refinance_short_of_payoff',
    'negative_max_allowable_offer',
  ]),
  message: z.string(),
});
export type AnalysisWarning = z.infer<typeof AnalysisWarning>;

import type * as z from 'zod';
import type { PurchaseLoanInput as PurchaseLoanInputSchema } from '../schemas/analysis/inputs.js';
import { loanChecks, loanFields, resolveLoan } from './loan.js';
import { described, money, months, objectRule, optionalObject, rate } from './rules.js';

/**
 * The short-term loan of a flip or of a BRRRR's purchase: `amount` or `ltv` (of the purchase
 * price) plus `rehab_ltv` (the fraction of the rehab it also funds), `points` (a fraction of the
 * loan, paid in cash). It is interest-only while the property is held and repaid in full at the
 * sale or refinance, so `term_months` and `interest_only_months` do not change the numbers.
 */
export const purchaseLoanInputRule = objectRule({ ...loanFields, rehab_ltv: rate }, loanChecks);
export type PurchaseLoanInput = z.input<typeof PurchaseLoanInputSchema>;

/** What a flip and a BRRRR share: buying, fixing and holding the property. */
export const purchaseFields = {
  purchase_price: money,
  closing_costs: money,
  rehab_cost: money,
  months_held: described(months, 'Months from purchase to the sale (flip) or the refinance (BRRRR).'),
  loan: optionalObject(purchaseLoanInputRule),
  after_repair_value: money,
};

interface PurchaseFields {
  purchase_price: number;
  rehab_cost: number;
  months_held: number;
  loan?: z.output<typeof PurchaseLoanInputSchema> | undefined;
}

/**
 * The purchase loan and what it costs: amount = (amount, or ltv × price) + rehab_ltv × rehab;
 * points = amount × points; interest = amount × annual_rate / 12 × months held (drawn in full at
 * purchase, interest-only).
 */
export function purchaseFinancing(input: PurchaseFields) {
  const loan = resolveLoan(input.loan, input.purchase_price);
  const loan_amount = loan.amount + (input.loan?.rehab_ltv ?? 0) * input.rehab_cost;
  return {
    loan_amount,
    points_cost: loan_amount * loan.points,
    interest_cost: ((loan_amount * loan.annual_rate) / 12) * input.months_held,
  };
}

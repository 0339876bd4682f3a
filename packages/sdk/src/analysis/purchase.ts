import * as z from 'zod';
import { MoneyInput, MonthsInput, RateInput } from './fields.js';
import { checkLoan, loanShape, resolveLoan } from './loan.js';

/**
 * The short-term loan of a flip or of a BRRRR's purchase: `amount` or `ltv` (of the purchase
 * price) plus `rehab_ltv` (the fraction of the rehab it also funds), `points` (a fraction of the
 * loan, paid in cash). It is interest-only while the property is held and repaid in full at the
 * sale or refinance, so `term_months` and `interest_only_months` do not change the numbers.
 */
export const PurchaseLoanInput = z
  .strictObject({ ...loanShape, rehab_ltv: RateInput })
  .superRefine(checkLoan);
export type PurchaseLoanInput = z.input<typeof PurchaseLoanInput>;

/** What a flip and a BRRRR share: buying, fixing and holding the property. */
export const purchaseShape = {
  purchase_price: MoneyInput,
  closing_costs: MoneyInput,
  rehab_cost: MoneyInput,
  /** Months from purchase to the sale (flip) or the refinance (BRRRR). */
  months_held: MonthsInput,
  loan: PurchaseLoanInput.optional(),
  after_repair_value: MoneyInput,
};

interface PurchaseFields {
  purchase_price: number;
  rehab_cost: number;
  months_held: number;
  loan?: z.output<typeof PurchaseLoanInput> | undefined;
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

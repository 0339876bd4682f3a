import type * as z from 'zod';
import type {
  BrrrrInput as BrrrrInputSchema,
  RefinanceInput as RefinanceInputSchema,
} from '../schemas/analysis/inputs.js';
import type { AnalysisWarning, BrrrrAnalysis } from '../schemas/analysis/outputs.js';
import { purchaseFields, purchaseFinancing } from './purchase.js';
import { readInput } from './read-input.js';
import { rentalAnalysis, rentalOperationsFields } from './rental.js';
import {
  defaultedObject,
  described,
  interestOnlyShorterThanTerm,
  money,
  months,
  notBoth,
  objectRule,
  optionalMoney,
  optionalRate,
  rate,
  termMonths,
} from './rules.js';

export type { BrrrrAnalysis };

/**
 * The cash-out refinance: `ltv` of the after-repair value, closing costs in dollars or as a
 * fraction of the new loan (not both).
 */
export const refinanceInputRule = objectRule(
  {
    ltv: rate,
    annual_rate: rate,
    term_months: termMonths,
    closing_costs: optionalMoney,
    closing_cost_rate: optionalRate,
    interest_only_months: months,
  },
  [notBoth('closing_costs', 'closing_cost_rate'), interestOnlyShorterThanTerm],
);
export type RefinanceInput = z.input<typeof RefinanceInputSchema>;

export const brrrrInputRule = objectRule({
  ...purchaseFields,
  holding_costs: described(
    money,
    'All holding costs until the refinance (taxes, insurance, utilities...), in dollars.',
  ),
  refinance: defaultedObject(refinanceInputRule),
  ...rentalOperationsFields,
});
export type BrrrrInput = z.input<typeof BrrrrInputSchema>;

/**
 * Analyses buy, rehab, rent, refinance, repeat:
 * - purchase as in a flip (interest-only loan over `months_held`, points in cash);
 *   all-in cost = price + closing + rehab + holding costs + purchase points and interest.
 * - refinance loan = ltv × ARV; it pays its closing costs and the purchase loan, and the rest
 *   comes out as cash: cash out = refinance loan − refinance closing costs − purchase payoff.
 * - cash left in the deal = (all-in cost − purchase loan) − cash out, negative when the refinance
 *   returns more than was put in.
 * - `rental`: the rental analysis on the refinance loan, with cash invested = cash left in the
 *   deal (cash-on-cash is `null` once no cash is left), the value starting at ARV, and the hold
 *   period starting at the refinance. Cap rate stays NOI / purchase price.
 */
export function analyzeBrrrr(input: BrrrrInput): BrrrrAnalysis {
  const parsed = readInput<z.output<typeof BrrrrInputSchema>>(brrrrInputRule, input);
  const purchase = purchaseFinancing(parsed);
  const { refinance } = parsed;
  const all_in_cost =
    parsed.purchase_price +
    parsed.closing_costs +
    parsed.rehab_cost +
    parsed.holding_costs +
    purchase.points_cost +
    purchase.interest_cost;
  const cash_invested_before_refinance = all_in_cost - purchase.loan_amount;
  const refinance_loan = refinance.ltv * parsed.after_repair_value;
  const refinance_closing_costs =
    refinance.closing_costs ?? (refinance.closing_cost_rate ?? 0) * refinance_loan;
  const cash_out = refinance_loan - refinance_closing_costs - purchase.loan_amount;
  const cash_left_in_deal = cash_invested_before_refinance - cash_out;
  const rental = rentalAnalysis(parsed, {
    loan: {
      amount: refinance_loan,
      annual_rate: refinance.annual_rate,
      term_months: refinance.term_months,
      interest_only_months: refinance.interest_only_months,
      points: 0,
    },
    points_cost: 0,
    total_cash_invested: cash_left_in_deal,
    initial_value: parsed.after_repair_value,
    purchase_price: parsed.purchase_price,
    rehab_cost: parsed.rehab_cost,
  });
  const warnings: AnalysisWarning[] = [];
  if (cash_out < 0) {
    warnings.push({
      code: 'refinance_short_of_payoff',
      message: 'The refinance loan does not cover the purchase loan and its own closing costs.',
    });
  }
  return {
    purchase_loan: purchase.loan_amount,
    purchase_points_cost: purchase.points_cost,
    purchase_interest: purchase.interest_cost,
    holding_costs: parsed.holding_costs,
    all_in_cost,
    cash_invested_before_refinance,
    refinance_loan,
    refinance_closing_costs,
    purchase_loan_payoff: purchase.loan_amount,
    cash_out,
    cash_left_in_deal,
    equity_after_refinance: parsed.after_repair_value - refinance_loan,
    rental,
    warnings: [...warnings, ...rental.warnings],
  };
}

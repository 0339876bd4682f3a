import type * as z from 'zod';
import type { FlipInput as FlipInputSchema } from '../schemas/analysis/inputs.js';
import type { AnalysisWarning, FlipAnalysis } from '../schemas/analysis/outputs.js';
import { finiteOrNull, ratio } from './numeric.js';
import { purchaseFields, purchaseFinancing } from './purchase.js';
import { readInput } from './read-input.js';
import { described, money, objectRule, rate, rateOr } from './rules.js';

export type { FlipAnalysis };

export const flipInputRule = objectRule({
  ...purchaseFields,
  holding_costs_monthly: money,
  selling_cost_rate: rate,
  mao_rate: described(rateOr(0.7), 'The fraction of ARV the 70 % rule allows, minus rehab.'),
});
export type FlipInput = z.input<typeof FlipInputSchema>;

/**
 * Analyses a fix-and-flip:
 * - holding costs = monthly holding costs × months held; financing costs = points + interest on
 *   the interest-only purchase loan over the months held; selling costs = ARV × selling_cost_rate.
 * - total cost = price + closing + rehab + holding + financing + selling; profit = ARV − total cost.
 * - cash invested = everything paid before the sale that the loan did not fund: price + closing +
 *   rehab + holding + financing − loan.
 * - ROI = profit / cash invested. Annualised ROI compounds it: (1 + ROI)^(12 / months) − 1 (some
 *   calculators quote the simple ROI × 12 / months instead); `null` with no months held or when
 *   more than the cash invested was lost.
 * - 70 % rule: maximum allowable offer = ARV × mao_rate − rehab; the deal meets it when the price
 *   is at most that.
 */
export function analyzeFlip(input: FlipInput): FlipAnalysis {
  const parsed = readInput<z.output<typeof FlipInputSchema>>(flipInputRule, input);
  const { loan_amount, points_cost, interest_cost } = purchaseFinancing(parsed);
  const financing_costs = points_cost + interest_cost;
  const holding_costs = parsed.holding_costs_monthly * parsed.months_held;
  const selling_costs = parsed.after_repair_value * parsed.selling_cost_rate;
  const paidBeforeSale =
    parsed.purchase_price + parsed.closing_costs + parsed.rehab_cost + holding_costs + financing_costs;
  const total_cost = paidBeforeSale + selling_costs;
  const total_cash_invested = paidBeforeSale - loan_amount;
  const profit = parsed.after_repair_value - total_cost;
  const roi = ratio(profit, total_cash_invested);
  const max_allowable_offer = parsed.after_repair_value * parsed.mao_rate - parsed.rehab_cost;
  const warnings: AnalysisWarning[] = [];
  if (!(total_cash_invested > 0)) {
    warnings.push({ code: 'no_cash_invested', message: 'No cash is invested, so ROI has no meaning.' });
  }
  return {
    loan_amount,
    points_cost,
    interest_cost,
    financing_costs,
    holding_costs,
    selling_costs,
    total_cost,
    total_cash_invested,
    profit,
    roi,
    annualized_roi:
      roi === null || parsed.months_held === 0
        ? null
        : finiteOrNull(Math.expm1((12 / parsed.months_held) * Math.log1p(roi))),
    profit_margin: ratio(profit, parsed.after_repair_value),
    max_allowable_offer,
    meets_seventy_percent_rule: parsed.purchase_price <= max_allowable_offer,
    warnings,
  };
}

import type * as z from 'zod';
import type { WholesaleInput as WholesaleInputSchema } from '../schemas/analysis/inputs.js';
import type { AnalysisWarning, WholesaleAnalysis } from '../schemas/analysis/outputs.js';
import { readInput } from './read-input.js';
import { described, money, objectRule, rateOr } from './rules.js';

export type { WholesaleAnalysis };

export const wholesaleInputRule = objectRule({
  after_repair_value: money,
  rehab_cost: money,
  assignment_fee: money,
  mao_rate: described(
    rateOr(0.7),
    'The fraction of ARV an end buyer pays before repairs: the 70 % rule by default.',
  ),
});
export type WholesaleInput = z.input<typeof WholesaleInputSchema>;

/**
 * Analyses a wholesale assignment with the 70 % rule:
 * - end buyer's price = ARV × mao_rate − rehab (the most a flipper pays);
 * - maximum allowable offer to the seller = end buyer's price − assignment fee.
 * A negative offer is kept (it says by how much the deal misses) and warned about.
 */
export function analyzeWholesale(input: WholesaleInput): WholesaleAnalysis {
  const parsed = readInput<z.output<typeof WholesaleInputSchema>>(wholesaleInputRule, input);
  const end_buyer_price = parsed.after_repair_value * parsed.mao_rate - parsed.rehab_cost;
  const max_allowable_offer = end_buyer_price - parsed.assignment_fee;
  const warnings: AnalysisWarning[] = [];
  if (max_allowable_offer < 0) {
    warnings.push({
      code: 'negative_max_allowable_offer',
      message: 'Repairs and the assignment fee exceed what an end buyer would pay: no offer works.',
    });
  }
  return { end_buyer_price, max_allowable_offer, assignment_fee: parsed.assignment_fee, warnings };
}

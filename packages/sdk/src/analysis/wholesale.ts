import * as z from 'zod';
import { Amount, AnalysisWarning, Fraction, MoneyInput } from './fields.js';

export const WholesaleInput = z.strictObject({
  after_repair_value: MoneyInput,
  rehab_cost: MoneyInput,
  assignment_fee: MoneyInput,
  /** The fraction of ARV an end buyer pays before repairs: the 70 % rule by default. */
  mao_rate: Fraction.default(0.7),
});
export type WholesaleInput = z.input<typeof WholesaleInput>;

export const WholesaleAnalysis = z.strictObject({
  end_buyer_price: Amount,
  max_allowable_offer: Amount,
  assignment_fee: Amount,
  warnings: z.array(AnalysisWarning),
});
export type WholesaleAnalysis = z.infer<typeof WholesaleAnalysis>;

/**
 * Analyses a wholesale assignment with the 70 % rule:
 * - end buyer's price = ARV × mao_rate − rehab (the most a flipper pays);
 * - maximum allowable offer to the seller = end buyer's price − assignment fee.
 * A negative offer is kept (it says by how much the deal misses) and warned about.
 */
export function analyzeWholesale(input: WholesaleInput): WholesaleAnalysis {
  const parsed = WholesaleInput.parse(input);
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

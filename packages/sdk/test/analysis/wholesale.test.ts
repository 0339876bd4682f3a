import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeWholesale } from '../../src/analysis/index.js';
import { WholesaleAnalysis, WholesaleInput as WholesaleInputSchema } from '../../src/schemas/index.js';
import { nonFiniteNumbers, wholesaleInput } from './arbitraries.js';

describe('analyzeWholesale', () => {
  it('computes the maximum allowable offer with the 70 % rule, checked by hand', () => {
    const result = analyzeWholesale({
      after_repair_value: 200_000,
      rehab_cost: 30_000,
      assignment_fee: 10_000,
    });
    expect(result.end_buyer_price).toBeCloseTo(110_000, 9); // 70 % × 200,000 − 30,000
    expect(result.max_allowable_offer).toBeCloseTo(100_000, 9); // less the 10,000 fee
    expect(result.warnings).toEqual([]);
  });

  it('takes another percentage', () => {
    const result = analyzeWholesale({ after_repair_value: 200_000, rehab_cost: 30_000, mao_rate: 0.65 });
    expect(result.max_allowable_offer).toBeCloseTo(100_000, 9);
    expect(WholesaleInputSchema.parse({}).mao_rate).toBe(0.7);
  });

  it('keeps a negative offer and warns', () => {
    const result = analyzeWholesale({ after_repair_value: 50_000, rehab_cost: 40_000, assignment_fee: 5000 });
    expect(result.max_allowable_offer).toBeCloseTo(-10_000, 9);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['negative_max_allowable_offer']);
  });

  it('never returns NaN or Infinity over generated inputs', () => {
    fc.assert(
      fc.property(wholesaleInput, (input) => {
        const result = analyzeWholesale(input);
        expect(nonFiniteNumbers(result)).toEqual([]);
        expect(WholesaleAnalysis.safeParse(result).success).toBe(true);
        expect(result.end_buyer_price - result.max_allowable_offer).toBeCloseTo(input.assignment_fee ?? 0, 2);
      }),
      { numRuns: 3000 },
    );
  });
});

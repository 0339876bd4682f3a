import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeFlip, type FlipInput } from '../../src/analysis/index.js';
import { FlipAnalysis } from '../../src/schemas/index.js';
import { flipInput, nonFiniteNumbers } from './arbitraries.js';

/** A six-month flip on hard money: 90 % of the price and all of the rehab at 12 % and 2 points. */
const flip = {
  purchase_price: 150_000,
  closing_costs: 3000,
  rehab_cost: 40_000,
  holding_costs_monthly: 1000,
  months_held: 6,
  loan: { ltv: 0.9, rehab_ltv: 1, annual_rate: 0.12, points: 0.02 },
  after_repair_value: 260_000,
  selling_cost_rate: 0.08,
} satisfies FlipInput;

describe('analyzeFlip: a worked example, checked by hand', () => {
  const result = analyzeFlip(flip);

  it('computes financing, holding and selling costs', () => {
    expect(result.loan_amount).toBeCloseTo(175_000, 9); // 135,000 + 40,000
    expect(result.points_cost).toBeCloseTo(3500, 9);
    expect(result.interest_cost).toBeCloseTo(10_500, 9); // 175,000 × 1 % × 6
    expect(result.financing_costs).toBeCloseTo(14_000, 9);
    expect(result.holding_costs).toBe(6000);
    expect(result.selling_costs).toBeCloseTo(20_800, 9);
  });

  it('computes cost, cash, profit and returns', () => {
    expect(result.total_cost).toBeCloseTo(233_800, 9);
    expect(result.total_cash_invested).toBeCloseTo(38_000, 9);
    expect(result.profit).toBeCloseTo(26_200, 9);
    expect(result.roi).toBeCloseTo(26_200 / 38_000, 12);
    expect(result.annualized_roi).toBeCloseTo((64_200 / 38_000) ** 2 - 1, 12);
    expect(result.profit_margin).toBeCloseTo(26_200 / 260_000, 12);
  });

  it('checks the 70 % rule', () => {
    expect(result.max_allowable_offer).toBeCloseTo(142_000, 9); // 70 % × 260,000 − 40,000
    expect(result.meets_seventy_percent_rule).toBe(false);
    expect(analyzeFlip({ ...flip, purchase_price: 140_000 }).meets_seventy_percent_rule).toBe(true);
    expect(analyzeFlip({ ...flip, mao_rate: 0.75 }).max_allowable_offer).toBeCloseTo(155_000, 9);
  });
});

describe('analyzeFlip edge cases', () => {
  it('has no annualised ROI without months held, and no ROI without cash invested', () => {
    expect(analyzeFlip({ ...flip, months_held: 0 }).annualized_roi).toBeNull();
    const allFinanced = analyzeFlip({
      purchase_price: 100_000,
      loan: { ltv: 1 },
      after_repair_value: 150_000,
    });
    expect(allFinanced.total_cash_invested).toBe(0);
    expect(allFinanced.roi).toBeNull();
    expect(allFinanced.warnings.map((warning) => warning.code)).toEqual(['no_cash_invested']);
  });

  it('reports a loss, and no annualised ROI when more than the cash was lost', () => {
    const loss = analyzeFlip({ ...flip, after_repair_value: 150_000 });
    expect(loss.profit).toBeLessThan(0);
    expect(loss.roi).toBeLessThan(-1);
    expect(loss.annualized_roi).toBeNull();
  });

  it('pays cash when there is no loan', () => {
    const cash = analyzeFlip({ ...flip, loan: undefined });
    expect(cash.total_cash_invested).toBeCloseTo(150_000 + 3000 + 40_000 + 6000, 9);
    expect(cash.financing_costs).toBe(0);
  });

  it('rejects unknown fields', () => {
    expect(() => analyzeFlip({ ...flip, arv: 1 } as FlipInput)).toThrow();
  });

  it('never returns NaN or Infinity over generated inputs', () => {
    fc.assert(
      fc.property(flipInput, (input) => {
        const result = analyzeFlip(input);
        expect(nonFiniteNumbers(result)).toEqual([]);
        expect(FlipAnalysis.safeParse(result).success).toBe(true);
        expect(result.profit).toBeCloseTo((input.after_repair_value ?? 0) - result.total_cost, 0);
      }),
      { numRuns: 3000 },
    );
  });
});

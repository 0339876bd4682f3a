import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeBrrrr, type BrrrrInput } from '../../src/analysis/index.js';
import { BrrrrAnalysis } from '../../src/schemas/index.js';
import { brrrrInput, nonFiniteNumbers } from './arbitraries.js';

/** Hard money for the purchase and rehab, then a 75 % cash-out refinance that returns more than was put in. */
const brrrr = {
  purchase_price: 100_000,
  closing_costs: 3000,
  rehab_cost: 30_000,
  loan: { ltv: 0.9, rehab_ltv: 1, annual_rate: 0.12, points: 0.02 },
  months_held: 4,
  holding_costs: 2000,
  after_repair_value: 200_000,
  refinance: { ltv: 0.75, annual_rate: 0.07, term_months: 360, closing_cost_rate: 0.03 },
  monthly_rent: 1800,
  vacancy_rate: 0.05,
  expenses: { property_tax: 2400, insurance: 1200 },
} satisfies BrrrrInput;

describe('analyzeBrrrr: a refinance that pulls all the cash out, checked by hand', () => {
  const result = analyzeBrrrr(brrrr);

  it('computes the purchase phase', () => {
    expect(result.purchase_loan).toBeCloseTo(120_000, 9); // 90,000 + 30,000
    expect(result.purchase_points_cost).toBeCloseTo(2400, 9);
    expect(result.purchase_interest).toBeCloseTo(4800, 9); // 120,000 × 1 % × 4
    expect(result.all_in_cost).toBeCloseTo(142_200, 9);
    expect(result.cash_invested_before_refinance).toBeCloseTo(22_200, 9);
  });

  it('computes the refinance and the cash left in the deal', () => {
    expect(result.refinance_loan).toBeCloseTo(150_000, 9);
    expect(result.refinance_closing_costs).toBeCloseTo(4500, 9);
    expect(result.purchase_loan_payoff).toBeCloseTo(120_000, 9);
    expect(result.cash_out).toBeCloseTo(25_500, 9);
    expect(result.cash_left_in_deal).toBeCloseTo(-3300, 9);
    expect(result.equity_after_refinance).toBeCloseTo(50_000, 9);
  });

  it('analyses the rental on the new loan', () => {
    expect(result.rental.loan_amount).toBeCloseTo(150_000, 9);
    expect(result.rental.monthly_payment).toBeCloseTo(997.95, 2); // 150,000 at 7 % over 30 years
    expect(result.rental.noi).toBeCloseTo(21_600 - 1080 - 3600, 9);
    expect(result.rental.cash_flow_annual).toBeCloseTo(16_920 - 12 * 997.954, 2);
    expect(result.rental.cap_rate).toBeCloseTo(0.1692, 12);
    expect(result.rental.total_cash_invested).toBeCloseTo(-3300, 9);
    expect(result.rental.cash_on_cash).toBeNull();
    expect(result.warnings.map((warning) => warning.code)).toEqual(['no_cash_invested']);
  });
});

describe('analyzeBrrrr edge cases', () => {
  it('leaves cash in the deal with a smaller refinance and includes holding costs', () => {
    const result = analyzeBrrrr({ ...brrrr, refinance: { ...brrrr.refinance, ltv: 0.7 } });
    expect(result.cash_left_in_deal).toBeCloseTo(22_200 - (140_000 - 4200 - 120_000), 9);
    expect(result.rental.cash_on_cash).toBeCloseTo(
      result.rental.cash_flow_annual / result.cash_left_in_deal,
      12,
    );
    const moreHolding = analyzeBrrrr({ ...brrrr, holding_costs: 5000 });
    expect(moreHolding.cash_left_in_deal - analyzeBrrrr(brrrr).cash_left_in_deal).toBeCloseTo(3000, 9);
  });

  it('warns when the refinance cannot pay off the purchase loan', () => {
    const result = analyzeBrrrr({ ...brrrr, refinance: { ...brrrr.refinance, ltv: 0.5 } });
    expect(result.cash_out).toBeLessThan(0);
    expect(result.warnings.map((warning) => warning.code)).toContain('refinance_short_of_payoff');
  });

  it('values the projection from the after-repair value', () => {
    const result = analyzeBrrrr({ ...brrrr, hold_years: 2, appreciation_rate: 0.05 });
    expect(result.rental.projection[1]!.property_value).toBeCloseTo(200_000 * 1.05 ** 2, 9);
  });

  it('rejects closing costs given twice', () => {
    expect(() =>
      analyzeBrrrr({ ...brrrr, refinance: { ...brrrr.refinance, closing_costs: 1000 } }),
    ).toThrow();
  });

  it('never returns NaN or Infinity over generated inputs', () => {
    fc.assert(
      fc.property(brrrrInput, (input) => {
        const result = analyzeBrrrr(input);
        expect(nonFiniteNumbers(result)).toEqual([]);
        expect(BrrrrAnalysis.safeParse(result).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

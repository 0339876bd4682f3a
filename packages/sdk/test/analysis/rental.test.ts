import * as formula from '@formulajs/formulajs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeRental, irr, npv, type RentalInput, remainingBalance } from '../../src/analysis/index.js';
import { RentalAnalysis, RentalInput as RentalInputSchema } from '../../src/schemas/index.js';
import { nonFiniteNumbers, rentalInput } from './arbitraries.js';
import { excelNumber } from './excel.js';

/** A textbook single-family rental: 20 % down at 6.5 % for 30 years. */
const textbook = {
  purchase_price: 200_000,
  closing_costs: 5000,
  loan: { ltv: 0.8, annual_rate: 0.065 },
  monthly_rent: 2000,
  vacancy_rate: 0.05,
  expenses: {
    property_tax: 2400,
    insurance: 1200,
    management_rate: 0.08,
    maintenance_rate: 0.05,
    capex_rate: 0.05,
  },
} satisfies RentalInput;

describe('analyzeRental: a textbook rental, checked by hand', () => {
  const result = analyzeRental(textbook);

  it('computes income, expenses and NOI', () => {
    expect(result.gross_scheduled_income).toBe(24_000); // 2,000 × 12
    expect(result.vacancy_loss).toBeCloseTo(1200, 9); // 5 % of 24,000
    expect(result.effective_gross_income).toBeCloseTo(22_800, 9);
    expect(result.operating_expenses).toBeCloseTo(7920, 9); // 2,400 + 1,200 + 18 % of 24,000
    expect(result.noi).toBeCloseTo(14_880, 9);
  });

  it('computes the loan, debt service and cash flow', () => {
    expect(result.loan_amount).toBeCloseTo(160_000, 9);
    expect(result.monthly_payment).toBeCloseTo(1011.31, 2); // the mortgage-table payment for 160,000 at 6.5 %
    expect(result.debt_service).toBeCloseTo(12 * 1011.3088, 2);
    expect(result.cash_flow_annual).toBeCloseTo(14_880 - 12 * 1011.3088, 2);
    expect(result.cash_flow_monthly).toBeCloseTo(1240 - 1011.3088, 3);
    expect(result.total_cash_invested).toBeCloseTo(45_000, 9); // 40,000 down + 5,000 closing
  });

  it('computes the ratios', () => {
    expect(result.cap_rate).toBeCloseTo(0.0744, 12); // 14,880 / 200,000
    expect(result.cash_on_cash).toBeCloseTo(2744.294 / 45_000, 6);
    expect(result.dscr).toBeCloseTo(14_880 / 12_135.706, 6);
    expect(result.grm).toBeCloseTo(200_000 / 24_000, 12);
    expect(result.break_even_ratio).toBeCloseTo((7920 + 12_135.706) / 24_000, 6);
    expect(result.rent_to_price).toBeCloseTo(0.01, 12);
    expect(result.one_percent_rule).toBe(true);
  });

  it('has no projection, sale or IRR without a hold period', () => {
    expect(result.projection).toEqual([]);
    expect(result.sale).toBeNull();
    expect(result.irr).toBeNull();
    expect(result.warnings).toEqual([]);
  });
});

describe('analyzeRental with a 30-year hold', () => {
  const held = analyzeRental({
    ...textbook,
    hold_years: 30,
    appreciation_rate: 0.03,
    rent_growth_rate: 0.02,
    expense_growth_rate: 0.025,
    selling_cost_rate: 0.06,
  });

  it('grows rent, expenses and value year by year', () => {
    const [first, second] = held.projection;
    expect(second!.gross_scheduled_income).toBeCloseTo(24_000 * 1.02, 9);
    expect(second!.operating_expenses).toBeCloseTo(3600 * 1.025 + 0.18 * 24_000 * 1.02, 9);
    expect(first!.property_value).toBeCloseTo(206_000, 9);
    expect(held.projection[29]!.property_value).toBeCloseTo(200_000 * 1.03 ** 30, 6);
  });

  it('amortises the loan month by month like Excel, and repays it by year 30', () => {
    for (const year of [1, 5, 10, 29]) {
      const excel = -excelNumber(
        formula.FV(0.065 / 12, 12 * year, excelNumber(formula.PMT(0.065 / 12, 360, 160_000)), 160_000),
      );
      expect(Math.abs(held.projection[year - 1]!.loan_balance - excel)).toBeLessThan(0.005);
    }
    expect(held.projection[29]!.loan_balance).toBe(0);
    const principal = held.projection.reduce((total, year) => total + year.principal_paid, 0);
    expect(principal).toBeCloseTo(160_000, 6);
  });

  it('pays no interest at all on a 0 % loan: every payment is principal', () => {
    const free = analyzeRental({ ...textbook, loan: { amount: 50_000, annual_rate: 0 }, hold_years: 3 });
    for (const year of free.projection) {
      expect(year.interest_paid).toBe(0);
      expect(year.principal_paid).toBe(year.debt_service);
    }
    expect(free.projection[2]!.loan_balance).toBeCloseTo(50_000 - 36 * (50_000 / 360), 6);
  });

  it('sells at the end and computes profit and an IRR that Excel agrees with', () => {
    const sale = held.sale!;
    expect(sale.sale_price).toBeCloseTo(200_000 * 1.03 ** 30, 6);
    expect(sale.selling_costs).toBeCloseTo(0.06 * sale.sale_price, 9);
    expect(sale.net_proceeds).toBeCloseTo(0.94 * sale.sale_price, 6);
    const flows = [-45_000, ...held.projection.map((year) => year.cash_flow)];
    flows[30]! += sale.net_proceeds;
    expect(held.irr).toBeCloseTo(excelNumber(formula.IRR(flows)), 7);
    expect(npv(held.irr!, flows)).toBeCloseTo(0, 6);
    const cashFlows = held.projection.reduce((total, year) => total + year.cash_flow, 0);
    expect(held.total_profit).toBeCloseTo(cashFlows + sale.net_proceeds - 45_000, 6);
    expect(held.equity_multiple).toBeCloseTo((cashFlows + sale.net_proceeds) / 45_000, 9);
  });
});

describe('analyzeRental edge cases', () => {
  it('reports a balloon when the hold ends before the loan does', () => {
    const result = analyzeRental({ ...textbook, hold_years: 7 });
    expect(result.sale!.loan_payoff).toBeCloseTo(remainingBalance(160_000, 0.065, 360, 84), 9);
    expect(result.sale!.loan_payoff).toBeGreaterThan(140_000);
  });

  it('gives null metrics, not Infinity, with no cash, no debt, no price and no rent', () => {
    const noCash = analyzeRental({
      purchase_price: 100_000,
      loan: { ltv: 1, annual_rate: 0.05 },
      monthly_rent: 1000,
    });
    expect(noCash.total_cash_invested).toBe(0);
    expect(noCash.cash_on_cash).toBeNull();
    expect(noCash.warnings.map((warning) => warning.code)).toEqual(['no_cash_invested']);
    const noDebt = analyzeRental({ purchase_price: 100_000, monthly_rent: 1000 });
    expect(noDebt.dscr).toBeNull();
    expect(noDebt.debt_service).toBe(0);
    const nothing = analyzeRental({});
    expect(nothing).toMatchObject({ cap_rate: null, grm: null, break_even_ratio: null, rent_to_price: null });
    expect(nothing.one_percent_rule).toBe(false);
  });

  it('keeps negative cash flow negative', () => {
    const result = analyzeRental({ ...textbook, monthly_rent: 1200 });
    expect(result.cash_flow_annual).toBeLessThan(0);
    expect(result.cash_on_cash).toBeLessThan(0);
  });

  it('warns when the yearly flows change sign more than once', () => {
    // Interest-only for two years, then the loan amortises over one: year 3 is deeply negative.
    const result = analyzeRental({
      purchase_price: 100_000,
      loan: { amount: 90_000, annual_rate: 0.05, term_months: 36, interest_only_months: 24 },
      monthly_rent: 1500,
      hold_years: 4,
    });
    expect(result.projection.map((year) => Math.sign(year.cash_flow))).toEqual([1, 1, -1, 1]);
    expect(result.warnings.map((warning) => warning.code)).toContain('irr_multiple_sign_changes');
    expect(result.monthly_payment).toBeCloseTo(375, 9); // 90,000 × 5 % / 12, interest only
  });

  it('validates its input: defaults, fractions, strict objects', () => {
    expect(() => analyzeRental({ monthly_rent: 1000, rent: 1000 } as RentalInput)).toThrow();
    expect(() => analyzeRental({ expenses: { taxes: 1 } } as RentalInput)).toThrow();
    expect(() => analyzeRental({ vacancy_rate: 5 })).toThrow();
    expect(() => analyzeRental({ loan: { amount: 1, ltv: 0.5 } })).toThrow();
    expect(() => analyzeRental({ hold_years: 1.5 })).toThrow();
    expect(RentalInputSchema.parse({}).expenses.capex_rate).toBe(0);
  });
});

describe('analyzeRental over generated inputs', () => {
  it('never returns NaN or Infinity and always matches its output schema', () => {
    fc.assert(
      fc.property(rentalInput, (input) => {
        const result = analyzeRental(input);
        expect(nonFiniteNumbers(result)).toEqual([]);
        expect(RentalAnalysis.safeParse(result).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the projection consistent: year one, falling balances, the sale and the IRR', () => {
    fc.assert(
      fc.property(rentalInput, (input) => {
        const result = analyzeRental(input);
        const first = result.projection[0];
        if (first) {
          expect(first.noi).toBe(result.noi);
          expect(first.debt_service).toBe(result.debt_service);
        }
        let previous = result.loan_amount;
        for (const year of result.projection) {
          expect(year.loan_balance).toBeLessThanOrEqual(previous);
          previous = year.loan_balance;
        }
        expect(result.sale === null).toBe(result.projection.length === 0);
        if (result.sale) {
          expect(result.sale.loan_payoff).toBe(result.projection.at(-1)!.loan_balance);
          const flows = [-result.total_cash_invested, ...result.projection.map((year) => year.cash_flow)];
          flows[flows.length - 1]! += result.sale.net_proceeds;
          expect(result.irr).toBe(irr(flows));
        } else {
          expect(result.irr).toBeNull();
        }
        const cashOnCash = result.cash_flow_annual / result.total_cash_invested;
        const meaningful = result.total_cash_invested > 0 && Number.isFinite(cashOnCash);
        expect(result.cash_on_cash).toBe(meaningful ? cashOnCash : null);
      }),
      { numRuns: 1000 },
    );
  });
});

import * as formula from '@formulajs/formulajs';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amortizationSchedule,
  interestOnlyPayment,
  monthlyPayment,
  remainingBalance,
} from '../../src/analysis/index.js';
import { AmortizationRow, LoanInput } from '../../src/schemas/index.js';
import { nonFiniteNumbers } from './arbitraries.js';
import { excelNumber } from './excel.js';

const CENT = 0.005;
const RUNS = { numRuns: 3000 };

/** Loans where Excel's formulas are themselves accurate: the domain of the oracle comparison. */
const excelLoan = fc.record({
  principal: fc.double({ min: 1, max: 5e7, noNaN: true }),
  annual_rate: fc.double({ min: 0.0005, max: 0.3, noNaN: true }),
  term_months: fc.integer({ min: 1, max: 480 }),
});

/** Any loan the schemas accept, cents to a billion, 0 % and 1e-15 % to 100 %, up to 100 years. */
const anyLoan = fc.record({
  principal: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1e9, noNaN: true })),
  annual_rate: fc.oneof(fc.double({ min: 1e-15, max: 1, noNaN: true }), fc.constantFrom(0, 1e-15, 1e-9, 1)),
  term_months: fc.oneof(fc.integer({ min: 1, max: 1200 }), fc.constantFrom(1, 1200)),
});

describe('monthlyPayment, against Excel (formulajs PMT)', () => {
  it('agrees to the cent', () => {
    fc.assert(
      fc.property(excelLoan, ({ principal, annual_rate, term_months }) => {
        const excel = -excelNumber(formula.PMT(annual_rate / 12, term_months, principal));
        expect(Math.abs(monthlyPayment(principal, annual_rate, term_months) - excel)).toBeLessThan(CENT);
      }),
      RUNS,
    );
  });

  it('is principal / term at 0 %', () => {
    expect(monthlyPayment(120_000, 0, 360)).toBe(120_000 / 360);
  });

  it('keeps every digit at tiny rates and on very long terms (50-digit decimal reference)', () => {
    Decimal.set({ precision: 50 });
    fc.assert(
      fc.property(anyLoan, ({ principal, annual_rate, term_months }) => {
        const r = new Decimal(annual_rate).div(12);
        const exact = r.isZero()
          ? new Decimal(principal).div(term_months)
          : new Decimal(principal).mul(r).div(new Decimal(1).minus(r.plus(1).pow(-term_months)));
        const ours = monthlyPayment(principal, annual_rate, term_months);
        expect(Math.abs(ours - exact.toNumber())).toBeLessThanOrEqual(1e-12 * exact.toNumber() + 1e-300);
      }),
      RUNS,
    );
  });

  it('rejects a term that is not a whole number of months and a negative rate', () => {
    expect(() => monthlyPayment(1000, 0.05, 0)).toThrow(RangeError);
    expect(() => monthlyPayment(1000, 0.05, 12.5)).toThrow(RangeError);
    expect(() => monthlyPayment(1000, -0.01, 12)).toThrow(RangeError);
    expect(() => monthlyPayment(Number.NaN, 0.05, 12)).toThrow(RangeError);
  });

  it('names what it refuses: a string is not mistaken for a number, a negative loan is refused', () => {
    expect(() => monthlyPayment('100000' as unknown as number, 0.05, 12)).toThrow(
      'principal must be a finite number, got the string "100000"',
    );
    expect(() => monthlyPayment(-100_000, 0.05, 12)).toThrow('principal must be >= 0, got -100000');
    expect(() => amortizationSchedule(-100_000, 0.05, 12)).toThrow('principal must be >= 0');
    // The term is what is wrong, so the term is what the message names.
    expect(() => amortizationSchedule(100_000, 0.05, 0)).toThrow(
      'term_months must be a whole number of months >= 1, got 0',
    );
  });
});

describe('remainingBalance', () => {
  it('agrees with Excel (-FV of the payments) to the cent', () => {
    fc.assert(
      fc.property(
        excelLoan.chain((loan) =>
          fc.record({ loan: fc.constant(loan), paid: fc.integer({ min: 0, max: loan.term_months }) }),
        ),
        ({ loan: { principal, annual_rate, term_months }, paid }) => {
          const r = annual_rate / 12;
          const excel = -excelNumber(
            formula.FV(r, paid, excelNumber(formula.PMT(r, term_months, principal)), principal),
          );
          expect(Math.abs(remainingBalance(principal, annual_rate, term_months, paid) - excel)).toBeLessThan(
            CENT,
          );
        },
      ),
      RUNS,
    );
  });

  it('matches a 50-digit decimal reference at any rate and term', () => {
    fc.assert(
      fc.property(
        anyLoan.chain((loan) =>
          fc.record({ loan: fc.constant(loan), paid: fc.integer({ min: 0, max: loan.term_months }) }),
        ),
        ({ loan: { principal, annual_rate, term_months }, paid }) => {
          const growth = new Decimal(annual_rate).div(12).plus(1);
          const exact =
            annual_rate === 0
              ? new Decimal(principal).mul(term_months - paid).div(term_months)
              : new Decimal(principal)
                  .mul(growth.pow(term_months).minus(growth.pow(paid)))
                  .div(growth.pow(term_months).minus(1));
          const ours = remainingBalance(principal, annual_rate, term_months, paid);
          expect(Math.abs(ours - exact.toNumber())).toBeLessThanOrEqual(1e-11 * principal + 1e-9);
        },
      ),
      RUNS,
    );
  });

  it('stays at the principal through the interest-only months, then amortises over the rest', () => {
    const principal = 300_000;
    expect(remainingBalance(principal, 0.06, 360, 120, 120)).toBe(principal);
    expect(remainingBalance(principal, 0.06, 360, 180, 120)).toBeCloseTo(
      remainingBalance(principal, 0.06, 240, 60),
      6,
    );
    expect(remainingBalance(principal, 0.06, 360, 360, 120)).toBe(0);
  });

  it('is 0 once the term is over', () => {
    expect(remainingBalance(100_000, 0.05, 120, 200)).toBe(0);
  });
});

describe('amortizationSchedule', () => {
  it('gives Excel IPMT and PPMT for every month, to the cent', () => {
    fc.assert(
      fc.property(
        excelLoan.filter((loan) => loan.term_months <= 120),
        ({ principal, annual_rate, term_months }) => {
          const r = annual_rate / 12;
          for (const row of amortizationSchedule(principal, annual_rate, term_months)) {
            expect(
              Math.abs(row.interest + excelNumber(formula.IPMT(r, row.month, term_months, principal))),
            ).toBeLessThan(CENT);
            expect(
              Math.abs(row.principal + excelNumber(formula.PPMT(r, row.month, term_months, principal))),
            ).toBeLessThan(CENT);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sums principal between two months like Excel CUMPRINC', () => {
    fc.assert(
      fc.property(
        excelLoan.chain((loan) =>
          fc.record({
            loan: fc.constant(loan),
            range: fc
              .tuple(
                fc.integer({ min: 1, max: loan.term_months }),
                fc.integer({ min: 1, max: loan.term_months }),
              )
              .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
          }),
        ),
        ({ loan: { principal, annual_rate, term_months }, range: [start, end] }) => {
          const rows = amortizationSchedule(principal, annual_rate, term_months).slice(start - 1, end);
          const paid = rows.reduce((total, row) => total + row.principal, 0);
          const excel = -excelNumber(
            formula.CUMPRINC(annual_rate / 12, term_months, principal, start, end, 0),
          );
          expect(Math.abs(paid - excel)).toBeLessThan(CENT);
        },
      ),
      RUNS,
    );
  });

  it('repays exactly the loan, never increases the balance and never shows NaN', () => {
    fc.assert(
      fc.property(
        anyLoan.chain((loan) =>
          fc.record({ loan: fc.constant(loan), io: fc.integer({ min: 0, max: loan.term_months - 1 }) }),
        ),
        ({ loan: { principal, annual_rate, term_months }, io }) => {
          const rows = amortizationSchedule(principal, annual_rate, term_months, io);
          expect(rows).toHaveLength(term_months);
          expect(nonFiniteNumbers(rows)).toEqual([]);
          let previous = principal;
          let principalPaid = 0;
          const increases: number[] = [];
          const negativeInterest: number[] = [];
          for (const row of rows) {
            if (row.balance > previous) increases.push(row.month);
            if (row.interest < 0) negativeInterest.push(row.month);
            principalPaid += row.principal;
            previous = row.balance;
          }
          expect(increases).toEqual([]);
          expect(negativeInterest).toEqual([]);
          expect(rows.at(-1)?.balance).toBe(0);
          expect(Math.abs(principalPaid - principal)).toBeLessThanOrEqual(1e-9 * principal);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('charges interest only during the interest-only months', () => {
    const rows = amortizationSchedule(200_000, 0.06, 360, 12);
    expect(rows[11]).toEqual({ month: 12, payment: 1000, interest: 1000, principal: 0, balance: 200_000 });
    expect(interestOnlyPayment(200_000, 0.06)).toBe(1000);
    expect(rows[12]?.payment).toBeCloseTo(monthlyPayment(200_000, 0.06, 348), 8);
  });

  it('gives rows that match the AmortizationRow schema', () => {
    for (const row of amortizationSchedule(250_000, 0.07, 360, 24))
      expect(AmortizationRow.parse(row)).toEqual(row);
  });

  it('has zero interest and level principal at 0 %', () => {
    for (const row of amortizationSchedule(1200, 0, 12)) {
      expect(row.interest).toBe(0);
      expect(row.principal).toBeCloseTo(100, 9);
    }
  });
});

describe('LoanInput', () => {
  it('fills defaults and rejects unknown fields, amount with ltv, and interest-only past the term', () => {
    expect(LoanInput.parse({ ltv: 0.8, annual_rate: 0.065 })).toEqual({
      ltv: 0.8,
      annual_rate: 0.065,
      term_months: 360,
      points: 0,
      interest_only_months: 0,
    });
    expect(LoanInput.safeParse({ annual_rate: 0.05, rate: 0.05 }).success).toBe(false);
    expect(LoanInput.safeParse({ amount: 1000, ltv: 0.8 }).success).toBe(false);
    expect(LoanInput.safeParse({ interest_only_months: 360 }).success).toBe(false);
    expect(LoanInput.safeParse({ annual_rate: 6.5 }).success).toBe(false);
  });
});

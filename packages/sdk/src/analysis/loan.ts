import type * as z from 'zod';
import type { LoanInput as LoanInputSchema } from '../schemas/analysis/inputs.js';
import type { AmortizationRow } from '../schemas/analysis/outputs.js';
import { assertFinite, assertWholeMonths } from './numeric.js';
import {
  interestOnlyShorterThanTerm,
  months,
  notBoth,
  objectRule,
  optionalMoney,
  optionalRate,
  rate,
  termMonths,
} from './rules.js';

export type { AmortizationRow };

/*
 * Fixed-rate loans with monthly compounding: the monthly rate is annual_rate / 12 and payments are
 * made at the end of each month (Excel's PMT with type 0).
 *
 * Every formula is written around expm1 and log1p, so (1 + r)^n - 1 keeps all its digits when r
 * is tiny (a 0.0001 % loan agrees with the 0 % limit) and nothing overflows on very long terms.
 */

/** A loan's principal: a finite amount of at least 0 (a negative loan is a typo, not a deposit). */
function assertPrincipal(value: number): void {
  if (typeof value === 'string') {
    throw new RangeError(`principal must be a finite number, got the string ${JSON.stringify(value)}`);
  }
  assertFinite('principal', value);
  if (value < 0) throw new RangeError(`principal must be >= 0, got ${value}`);
}

function monthlyRate(annual_rate: number): number {
  assertFinite('annual_rate', annual_rate);
  if (annual_rate < 0) throw new RangeError(`annual_rate must be >= 0, got ${annual_rate}`);
  return annual_rate / 12;
}

/**
 * The level monthly payment that repays `principal` over `term_months`:
 * `P · r / (1 − (1 + r)^−n)` with `r = annual_rate / 12`, and `P / n` at 0 %.
 * Equals Excel's `-PMT(annual_rate / 12, term_months, principal)`.
 */
export function monthlyPayment(principal: number, annual_rate: number, term_months: number): number {
  assertPrincipal(principal);
  assertWholeMonths('term_months', term_months, 1);
  const r = monthlyRate(annual_rate);
  if (r === 0) return principal / term_months;
  return (principal * r) / -Math.expm1(-term_months * Math.log1p(r));
}

/** The payment of an interest-only month: `P · annual_rate / 12`. */
export function interestOnlyPayment(principal: number, annual_rate: number): number {
  assertPrincipal(principal);
  return principal * monthlyRate(annual_rate);
}

/**
 * The balance still owed after `months_paid` payments (the balloon if the loan is repaid then).
 * With `interest_only_months = k`, the first k payments cover interest only and the loan then
 * amortises over the remaining `term_months − k` months (the usual "10 years interest-only on a
 * 30-year loan"). Closed form: `P · (1 − (1 + r)^(j − n)) / (1 − (1 + r)^−n)` with n the
 * amortising months and j of them paid; `P · (n − j) / n` at 0 %. Equals Excel's
 * `-FV(r, j, PMT(r, n, P), P)`. Zero once the term is over.
 */
export function remainingBalance(
  principal: number,
  annual_rate: number,
  term_months: number,
  months_paid: number,
  interest_only_months = 0,
): number {
  assertPrincipal(principal);
  assertWholeMonths('term_months', term_months, 1);
  assertWholeMonths('months_paid', months_paid, 0);
  assertInterestOnly(interest_only_months, term_months);
  const r = monthlyRate(annual_rate);
  if (months_paid <= interest_only_months) return principal;
  if (months_paid >= term_months) return 0;
  const n = term_months - interest_only_months;
  const j = months_paid - interest_only_months;
  if (r === 0) return (principal * (n - j)) / n;
  const logGrowth = Math.log1p(r);
  return principal * (Math.expm1((j - n) * logGrowth) / Math.expm1(-n * logGrowth));
}

function assertInterestOnly(interest_only_months: number, term_months: number): void {
  assertWholeMonths('interest_only_months', interest_only_months, 0);
  if (interest_only_months >= term_months) {
    throw new RangeError('interest_only_months must be shorter than term_months');
  }
}

/**
 * Month-by-month schedule: interest is the previous balance × r, the balance comes from the
 * closed form of `remainingBalance` (so row 120 of a 40-year loan carries no accumulated
 * rounding), and principal is the drop in balance. Principal therefore sums to the loan and the
 * last balance is exactly 0; payment = interest + principal matches `monthlyPayment` to within
 * floating-point noise. Nothing is rounded: rounding to cents is for display.
 */
export function amortizationSchedule(
  principal: number,
  annual_rate: number,
  term_months: number,
  interest_only_months = 0,
): AmortizationRow[] {
  assertPrincipal(principal);
  assertWholeMonths('term_months', term_months, 1);
  assertInterestOnly(interest_only_months, term_months);
  const r = monthlyRate(annual_rate);
  const rows: AmortizationRow[] = [];
  let previous = principal;
  for (let month = 1; month <= term_months; month++) {
    const balance = remainingBalance(principal, annual_rate, term_months, month, interest_only_months);
    const interest = previous * r;
    const paid = previous - balance;
    rows.push({ month, payment: interest + paid, interest, principal: paid, balance });
    previous = balance;
  }
  return rows;
}

/**
 * A loan as the analyses take it. `amount` is in dollars; `ltv` is instead a fraction of the
 * purchase price (of the after-repair value for a refinance). `points` is a fraction of the loan
 * paid in cash at closing. Omitted numbers are 0 and the term is 30 years.
 */
export const loanFields = {
  amount: optionalMoney,
  ltv: optionalRate,
  annual_rate: rate,
  term_months: termMonths,
  points: rate,
  interest_only_months: months,
};

export const loanChecks = [notBoth('amount', 'ltv'), interestOnlyShorterThanTerm];

export const loanInputRule = objectRule(loanFields, loanChecks);
export type LoanInput = z.input<typeof LoanInputSchema>;

/** A loan with its amount known, as the analyses use it. */
export interface ResolvedLoan {
  amount: number;
  annual_rate: number;
  term_months: number;
  interest_only_months: number;
  points: number;
}

export const NO_LOAN: ResolvedLoan = {
  amount: 0,
  annual_rate: 0,
  term_months: 360,
  interest_only_months: 0,
  points: 0,
};

/** The loan's amount from `amount`, or from `ltv` × the value it is based on. */
export function resolveLoan(
  loan: z.output<typeof LoanInputSchema> | undefined,
  base_value: number,
): ResolvedLoan {
  if (!loan) return NO_LOAN;
  const { amount, ltv, ...terms } = loan;
  return { ...terms, amount: amount ?? (ltv ?? 0) * base_value };
}

/** The payment due in a given month (1-based): interest only, then amortising, then nothing. */
export function paymentInMonth(loan: ResolvedLoan, month: number): number {
  if (month < 1 || month > loan.term_months || loan.amount === 0) return 0;
  if (month <= loan.interest_only_months) return interestOnlyPayment(loan.amount, loan.annual_rate);
  return monthlyPayment(loan.amount, loan.annual_rate, loan.term_months - loan.interest_only_months);
}

/** The total of the payments due in months `first..last` (inclusive, 1-based). */
export function paymentsBetween(loan: ResolvedLoan, first: number, last: number): number {
  if (loan.amount === 0) return 0;
  const interestOnlyMonths = overlap(first, last, 1, loan.interest_only_months);
  const amortizingMonths = overlap(first, last, loan.interest_only_months + 1, loan.term_months);
  return (
    interestOnlyMonths * interestOnlyPayment(loan.amount, loan.annual_rate) +
    amortizingMonths *
      monthlyPayment(loan.amount, loan.annual_rate, loan.term_months - loan.interest_only_months)
  );
}

function overlap(first: number, last: number, from: number, to: number): number {
  return Math.max(0, Math.min(last, to) - Math.max(first, from) + 1);
}

/** The balance owed on a resolved loan after `months_paid` payments. */
export function balanceAfter(loan: ResolvedLoan, months_paid: number): number {
  return remainingBalance(
    loan.amount,
    loan.annual_rate,
    loan.term_months,
    months_paid,
    loan.interest_only_months,
  );
}

import { assertFinite, finiteOrNull } from './numeric.js';
import { findRoot } from './root.js';

/**
 * Net present value of periodic cash flows: `Σ cf_t / (1 + rate)^t`, with `cash_flows[0]` at
 * t = 0 and therefore undiscounted. Excel's NPV discounts its first value by one period, so
 * `npv(r, [c0, ...rest])` equals Excel's `c0 + NPV(r, rest)`. `null` when `rate <= -1` (the
 * discount factor has no meaning) or the value is too large for a double.
 */
export function npv(rate: number, cash_flows: readonly number[]): number | null {
  assertFinite('rate', rate);
  if (rate <= -1) return null;
  const growth = 1 + rate;
  let discount = 1;
  let total = 0;
  for (const amount of cash_flows) {
    assertFinite('cash flow', amount);
    total += amount / discount;
    discount *= growth;
  }
  return finiteOrNull(total);
}

/** How many times the sign flips along the flows, zeros ignored: 1 for a conventional investment. */
export function countSignChanges(amounts: readonly number[]): number {
  let changes = 0;
  let previous = 0;
  for (const amount of amounts) {
    if (amount === 0) continue;
    if (previous !== 0 && Math.sign(amount) !== previous) changes++;
    previous = Math.sign(amount);
  }
  return changes;
}

/**
 * Internal rate of return of periodic cash flows: the rate > -1 at which `npv` is 0.
 * `null` when the flows never change sign (no rate makes them break even) or no root lies between
 * -100 % and 10^12. With several sign changes there can be several roots: this returns the one
 * nearest `guess` (10 % by default, as in Excel) and the analyses add a warning.
 *
 * Unlike Excel's Newton iteration, the root is bracketed on a fixed grid of rates and refined by
 * Brent's method, so it always converges; agreement with Excel is to its 1e-7 tolerance or better.
 */
export function irr(cash_flows: readonly number[], guess = 0.1): number | null {
  for (const amount of cash_flows) assertFinite('cash flow', amount);
  let first = 0;
  let last = cash_flows.length - 1;
  while (first <= last && cash_flows[first] === 0) first++;
  while (last >= first && cash_flows[last] === 0) last--;
  const amounts = cash_flows.slice(first, last + 1);
  if (countSignChanges(amounts) === 0) return null;
  return solveRate(periodicValueSign(amounts), guess);
}

/**
 * A function with the sign and roots of the NPV of `amounts` at t = 0, 1, ..., T that never
 * overflows: for rate >= 0 the NPV itself by Horner's rule in 1 / (1 + rate); below 0 the NPV
 * times (1 + rate)^T, a polynomial in (1 + rate) whose powers all shrink.
 */
function periodicValueSign(amounts: readonly number[]): (rate: number) => number {
  const count = amounts.length;
  return (rate) => {
    let total = 0;
    if (rate >= 0) {
      const discount = 1 / (1 + rate);
      for (let t = count - 1; t >= 0; t--) total = total * discount + amounts[t]!;
    } else {
      const growth = 1 + rate;
      for (let t = 0; t < count; t++) total = total * growth + amounts[t]!;
    }
    return total;
  };
}

/** A dated cash flow for `xirr`: `date` as `YYYY-MM-DD` (or an ISO time or a Date; the UTC day counts). */
export interface DatedCashFlow {
  date: string | Date;
  amount: number;
}

const DAY_MS = 86_400_000;

function dayNumber(date: string | Date): number {
  const time = typeof date === 'string' ? Date.parse(date) : date.getTime();
  if (!Number.isFinite(time)) throw new RangeError(`invalid date: ${String(date)}`);
  return Math.floor(time / DAY_MS);
}

/**
 * Net present value of dated cash flows, Excel's XNPV convention: each flow is discounted by
 * `(1 + rate)^(days since the first flow / 365)`. `null` when `rate <= -1` or on overflow.
 */
export function xnpv(rate: number, flows: readonly DatedCashFlow[]): number | null {
  assertFinite('rate', rate);
  if (rate <= -1 || flows.length === 0) return rate <= -1 ? null : 0;
  const start = dayNumber(flows[0]!.date);
  const logGrowth = Math.log1p(rate);
  let total = 0;
  for (const flow of flows) {
    assertFinite('amount', flow.amount);
    total += flow.amount * Math.exp(-((dayNumber(flow.date) - start) / 365) * logGrowth);
  }
  return finiteOrNull(total);
}

/**
 * Annual internal rate of return of dated cash flows, Excel's XIRR convention: the rate at which
 * `xnpv` is 0 (actual days / 365 from the first flow). `null` when the amounts never change sign
 * or no root lies between -100 % and 10^12; the root nearest `guess` when there are several.
 * Flows may come in any order; unlike Excel, a date before the first flow's is allowed.
 */
export function xirr(flows: readonly DatedCashFlow[], guess = 0.1): number | null {
  const dated = flows
    .map((flow) => {
      assertFinite('amount', flow.amount);
      return { day: dayNumber(flow.date), amount: flow.amount };
    })
    .filter((flow) => flow.amount !== 0)
    .sort((a, b) => a.day - b.day);
  if (countSignChanges(dated.map((flow) => flow.amount)) === 0) return null;
  const years = dated.map((flow) => (flow.day - dated[0]!.day) / 365);
  const amounts = dated.map((flow) => flow.amount);
  return solveRate(datedValueSign(amounts, years), guess);
}

/** As `periodicValueSign`, for flows at `years` (sorted, the first at 0). */
function datedValueSign(amounts: readonly number[], years: readonly number[]): (rate: number) => number {
  const lastYear = years[years.length - 1]!;
  return (rate) => {
    let total = 0;
    if (rate === -1) {
      // Only the latest flows survive the limit of NPV × (1 + rate)^lastYear.
      for (let i = 0; i < amounts.length; i++) if (years[i] === lastYear) total += amounts[i]!;
      return total;
    }
    const logGrowth = Math.log1p(rate);
    for (let i = 0; i < amounts.length; i++) {
      const exponent = rate >= 0 ? -years[i]! : lastYear - years[i]!;
      total += amounts[i]! * Math.exp(exponent * logGrowth);
    }
    return total;
  };
}

/**
 * Rates where the NPV's sign is sampled to bracket a root: dense where returns usually are, sparse
 * out to 10^12 and down to -100 %.
 */
const RATE_GRID = [
  -1, -0.999999, -0.9999, -0.999, -0.99, -0.95, -0.9, -0.8, -0.7, -0.6, -0.5, -0.4, -0.3, -0.2, -0.15, -0.1,
  -0.05, 0, 0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 20, 50,
  100, 1e3, 1e4, 1e6, 1e9, 1e12,
];

/** The grid with the guess in its place, so a root next to the guess is bracketed tightly. */
function withGuess(guess: number): number[] {
  const rates: number[] = [];
  let placed = false;
  for (const rate of RATE_GRID) {
    if (!placed && guess <= rate) {
      if (guess < rate) rates.push(guess);
      placed = true;
    }
    rates.push(rate);
  }
  if (!placed) rates.push(guess);
  return rates;
}

function solveRate(valueSign: (rate: number) => number, guess: number): number | null {
  assertFinite('guess', guess);
  if (guess <= -1) throw new RangeError(`guess must be > -1, got ${guess}`);
  const rates = withGuess(guess);
  const values = rates.map(valueSign);
  let best: { low: number; high: number; lowValue: number; highValue: number } | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0; i < rates.length; i++) {
    const rate = rates[i]!;
    const value = values[i]!;
    if (value === 0) {
      const distance = Math.abs(rate - guess);
      if (distance < bestDistance)
        [best, bestDistance] = [{ low: rate, high: rate, lowValue: 0, highValue: 0 }, distance];
      continue;
    }
    const next = rates[i + 1];
    const nextValue = values[i + 1];
    if (
      next === undefined ||
      nextValue === undefined ||
      nextValue === 0 ||
      Math.sign(nextValue) === Math.sign(value)
    ) {
      continue;
    }
    const distance = guess < rate ? rate - guess : guess > next ? guess - next : 0;
    if (distance < bestDistance) {
      [best, bestDistance] = [{ low: rate, high: next, lowValue: value, highValue: nextValue }, distance];
    }
  }
  if (!best) return null;
  if (best.low === best.high) return best.low;
  return findRoot(valueSign, best.low, best.high, best.lowValue, best.highValue);
}

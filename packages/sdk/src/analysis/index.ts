/**
 * Deal math: pure functions, no I/O, the same code in the browser, the SDK and the server's
 * `POST /v1/analysis/{kind}`. Conventions: monthly compounding (rate = annual_rate / 12,
 * payments at the end of the month); money in dollars, never rounded; rates as fractions;
 * a metric whose denominator is zero or negative is `null`, never `NaN` or `Infinity`.
 *
 * No function here imports a validation library: each checks its input against the rules of
 * `rules.ts` by hand, so a bundle that imports only `irr` stays a few hundred bytes. The zod
 * schemas of the same inputs and outputs are exported beside them (`schemas.ts`), and a bundle
 * carries them, and zod, only if it uses one.
 */
export { analyzeBrrrr } from './brrrr.js';
export { analyzeFlip } from './flip.js';
export { amortizationSchedule, interestOnlyPayment, monthlyPayment, remainingBalance } from './loan.js';
export { AnalysisInputError } from './read-input.js';
export { analyzeRental } from './rental.js';
export { countSignChanges, type DatedCashFlow, irr, npv, xirr, xnpv } from './returns.js';
export type { CrossFieldCheck, FieldRules, InputIssue, NumberRule, ObjectRule } from './rules.js';
export * from './schemas.js';
export { sensitivityGrid, sensitivityRange } from './sensitivity.js';
export { analyzeWholesale } from './wholesale.js';

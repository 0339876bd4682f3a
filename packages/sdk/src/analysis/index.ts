/**
 * Deal math: pure functions, no I/O, the same code in the browser, the SDK and the server's
 * `POST /v1/analysis/{kind}`. Conventions: monthly compounding (rate = annual_rate / 12,
 * payments at the end of the month); money in dollars, never rounded; rates as fractions;
 * a metric whose denominator is zero or negative is `null`, never `NaN` or `Infinity`.
 *
 * Nothing here imports a validation library: each function checks its input against the rules of
 * `rules.ts` by hand, and the zod schemas of the same inputs and outputs live in
 * `@hidden-key/sdk/schemas`, so a bundle that imports only `irr` stays a few hundred bytes.
 */
export type { AnalysisWarning } from '../schemas/analysis/outputs.js';
export { analyzeBrrrr, type BrrrrAnalysis, type BrrrrInput, type RefinanceInput } from './brrrr.js';
export { analyzeFlip, type FlipAnalysis, type FlipInput } from './flip.js';
export {
  type AmortizationRow,
  amortizationSchedule,
  interestOnlyPayment,
  type LoanInput,
  monthlyPayment,
  remainingBalance,
} from './loan.js';
export type { PurchaseLoanInput } from './purchase.js';
export { AnalysisInputError } from './read-input.js';
export {
  analyzeRental,
  type RentalAnalysis,
  type RentalInput,
  type RentalSale,
  type RentalYear,
} from './rental.js';
export { countSignChanges, type DatedCashFlow, irr, npv, xirr, xnpv } from './returns.js';
export type { CrossFieldCheck, FieldRules, InputIssue, NumberRule, ObjectRule } from './rules.js';
export { type SensitivityGrid, sensitivityGrid, sensitivityRange } from './sensitivity.js';
export { analyzeWholesale, type WholesaleAnalysis, type WholesaleInput } from './wholesale.js';

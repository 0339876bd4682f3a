/**
 * Deal math: pure functions, no I/O, the same code in the browser, the SDK and the server's
 * `POST /v1/analysis/{kind}`. Conventions: monthly compounding (rate = annual_rate / 12,
 * payments at the end of the month); money in dollars, never rounded; rates as fractions;
 * a metric whose denominator is zero or negative is `null`, never `NaN` or `Infinity`.
 */
export {
  analyzeBrrrr,
  BrrrrAnalysis,
  BrrrrInput,
  RefinanceInput,
} from './brrrr.js';
export { AnalysisWarning } from './fields.js';
export { analyzeFlip, FlipAnalysis, FlipInput } from './flip.js';
export {
  AmortizationRow,
  amortizationSchedule,
  interestOnlyPayment,
  LoanInput,
  monthlyPayment,
  remainingBalance,
} from './loan.js';
export { PurchaseLoanInput } from './purchase.js';
export {
  analyzeRental,
  RentalAnalysis,
  RentalExpenses,
  RentalInput,
  RentalSale,
  RentalYear,
} from './rental.js';
export { countSignChanges, DatedCashFlow, irr, npv, xirr, xnpv } from './returns.js';
export { SensitivityGrid, sensitivityGrid, sensitivityRange } from './sensitivity.js';
export {
  analyzeWholesale,
  WholesaleAnalysis,
  WholesaleInput,
} from './wholesale.js';

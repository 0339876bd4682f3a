/**
 * The zod schemas of the analyses' inputs and outputs, beside the functions that take and return
 * them: `RentalInput.parse(body)`, `RentalAnalysis.parse(answer)`. They are the objects
 * `@hidden-key/sdk/schemas` exports. The functions themselves import no zod (each checks its input
 * by hand against `rules.ts`), so this module is the only way zod reaches `/analysis`, and a
 * bundler leaves it out, zod with it, unless one of these is used (`sideEffects: false`, one output
 * file per module). Each name is its type too: an input's is what its function accepts (`z.input`,
 * omitted numbers allowed), an output's what it returns.
 */
import {
  BrrrrInput as BrrrrInputSchema,
  FlipInput as FlipInputSchema,
  LoanInput as LoanInputSchema,
  PurchaseLoanInput as PurchaseLoanInputSchema,
  RefinanceInput as RefinanceInputSchema,
  RentalInput as RentalInputSchema,
  WholesaleInput as WholesaleInputSchema,
} from '../schemas/analysis/inputs.js';
import type { BrrrrInput as BrrrrInputType, RefinanceInput as RefinanceInputType } from './brrrr.js';
import type { FlipInput as FlipInputType } from './flip.js';
import type { LoanInput as LoanInputType } from './loan.js';
import type { PurchaseLoanInput as PurchaseLoanInputType } from './purchase.js';
import type { RentalInput as RentalInputType } from './rental.js';
import type { WholesaleInput as WholesaleInputType } from './wholesale.js';

export {
  AmortizationRow,
  AnalysisWarning,
  BrrrrAnalysis,
  FlipAnalysis,
  RentalAnalysis,
  RentalSale,
  RentalYear,
  SensitivityGrid,
  WholesaleAnalysis,
} from '../schemas/analysis/outputs.js';

export const RentalInput = RentalInputSchema;
export type RentalInput = RentalInputType;
export const FlipInput = FlipInputSchema;
export type FlipInput = FlipInputType;
export const BrrrrInput = BrrrrInputSchema;
export type BrrrrInput = BrrrrInputType;
export const RefinanceInput = RefinanceInputSchema;
export type RefinanceInput = RefinanceInputType;
export const WholesaleInput = WholesaleInputSchema;
export type WholesaleInput = WholesaleInputType;
export const LoanInput = LoanInputSchema;
export type LoanInput = LoanInputType;
export const PurchaseLoanInput = PurchaseLoanInputSchema;
export type PurchaseLoanInput = PurchaseLoanInputType;

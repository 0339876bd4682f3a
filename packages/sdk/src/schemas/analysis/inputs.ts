import * as z from 'zod';
import { brrrrInputRule, refinanceInputRule } from '../../analysis/brrrr.js';
import { flipInputRule } from '../../analysis/flip.js';
import { loanInputRule } from '../../analysis/loan.js';
import { purchaseLoanInputRule } from '../../analysis/purchase.js';
import { rentalExpensesRule, rentalInputRule } from '../../analysis/rental.js';
import { wholesaleInputRule } from '../../analysis/wholesale.js';
import { schemaFromRule } from './from-rules.js';

/*
 * The inputs of the deal analyses (`POST /v1/analysis/{kind}`), built from the rules the analysis
 * functions check by hand. Money in dollars, rates as fractions; an omitted number means 0.
 */

export const LoanInput = schemaFromRule(loanInputRule).meta({ id: 'LoanInput' });
export const PurchaseLoanInput = schemaFromRule(purchaseLoanInputRule).meta({ id: 'PurchaseLoanInput' });
export const RefinanceInput = schemaFromRule(refinanceInputRule).meta({ id: 'RefinanceInput' });
export const RentalExpenses = schemaFromRule(rentalExpensesRule).meta({ id: 'RentalExpenses' });
export const RentalInput = schemaFromRule(rentalInputRule).meta({ id: 'RentalInput' });
export const FlipInput = schemaFromRule(flipInputRule).meta({ id: 'FlipInput' });
export const BrrrrInput = schemaFromRule(brrrrInputRule).meta({ id: 'BrrrrInput' });
export const WholesaleInput = schemaFromRule(wholesaleInputRule).meta({ id: 'WholesaleInput' });

/** A dated cash flow for `xirr`: `date` as `YYYY-MM-DD` (or an ISO time or a Date; the UTC day counts). */
export const DatedCashFlow = z.strictObject({
  date: z.union([z.iso.date(), z.iso.datetime({ offset: true }), z.date()]),
  amount: z.number(),
});

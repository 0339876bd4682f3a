import {
  analyzeBrrrr,
  analyzeFlip,
  analyzeRental,
  analyzeWholesale,
  type BrrrrAnalysis,
  type BrrrrInput,
  type FlipAnalysis,
  type FlipInput,
  type RentalAnalysis,
  type RentalInput,
  type WholesaleAnalysis,
  type WholesaleInput,
} from '@hidden-key/sdk/analysis';
import { type Strategy, toInput, type Values } from './calculator-fields.js';

/** One strategy's SDK input and output, tagged with the strategy. */
export type AnalysisResult =
  | { strategy: 'rental'; input: RentalInput; output: RentalAnalysis }
  | { strategy: 'flip'; input: FlipInput; output: FlipAnalysis }
  | { strategy: 'brrrr'; input: BrrrrInput; output: BrrrrAnalysis }
  | { strategy: 'wholesale'; input: WholesaleInput; output: WholesaleAnalysis };

export function runAnalysis(strategy: Strategy, values: Values): AnalysisResult {
  switch (strategy) {
    case 'rental': {
      const input = toInput.rental(values);
      return { strategy, input, output: analyzeRental(input) };
    }
    case 'flip': {
      const input = toInput.flip(values);
      return { strategy, input, output: analyzeFlip(input) };
    }
    case 'brrrr': {
      const input = toInput.brrrr(values);
      return { strategy, input, output: analyzeBrrrr(input) };
    }
    case 'wholesale': {
      const input = toInput.wholesale(values);
      return { strategy, input, output: analyzeWholesale(input) };
    }
  }
}

/** The rental side of a result: the rental itself, or a BRRRR's rent phase. */
export function rentalOf(result: AnalysisResult): RentalAnalysis | null {
  if (result.strategy === 'rental') return result.output;
  if (result.strategy === 'brrrr') return result.output.rental;
  return null;
}

/** The amortising loan of a result, for its schedule: the rental's mortgage or the BRRRR's refinance. */
export function amortizingLoan(result: AnalysisResult, values: Values) {
  if (result.strategy === 'rental') {
    return {
      principal: result.output.loan_amount,
      annual_rate: values.annual_rate ?? 0,
      term_months: 12 * (values.term_years ?? 30),
    };
  }
  if (result.strategy === 'brrrr') {
    return {
      principal: result.output.refinance_loan,
      annual_rate: values.refinance_rate ?? 0,
      term_months: 12 * (values.refinance_term_years ?? 30),
    };
  }
  return null;
}

export type MetricFormat = 'money' | 'percent' | 'ratio';

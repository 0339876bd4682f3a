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
  sensitivityGrid,
  sensitivityRange,
  type WholesaleAnalysis,
  type WholesaleInput,
} from '@hidden-key/sdk/analysis';
import { type FieldKey, type Strategy, toInput, type Values } from './calculator-fields.js';

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

export interface SensitivitySpec {
  row: FieldKey;
  column: FieldKey;
  metric: 'cash_on_cash' | 'roi' | 'max_allowable_offer';
  format: MetricFormat;
}

/** What each strategy's grid varies and shows. */
export const sensitivitySpecs: Record<Strategy, SensitivitySpec> = {
  rental: { row: 'purchase_price', column: 'monthly_rent', metric: 'cash_on_cash', format: 'percent' },
  brrrr: { row: 'purchase_price', column: 'monthly_rent', metric: 'cash_on_cash', format: 'percent' },
  flip: { row: 'purchase_price', column: 'after_repair_value', metric: 'roi', format: 'percent' },
  wholesale: {
    row: 'after_repair_value',
    column: 'rehab_cost',
    metric: 'max_allowable_offer',
    format: 'money',
  },
};

function metricOf(result: AnalysisResult): number | null {
  switch (result.strategy) {
    case 'rental':
      return result.output.cash_on_cash;
    case 'brrrr':
      return result.output.rental.cash_on_cash;
    case 'flip':
      return result.output.roi;
    case 'wholesale':
      return result.output.max_allowable_offer;
  }
}

/** An 11 × 11 grid, ±20 % around the scenario's own values, without the projection (not needed). */
export function sensitivityFor(strategy: Strategy, values: Values) {
  const spec = sensitivitySpecs[strategy];
  const base = { ...values, hold_years: 0 };
  const grid = sensitivityGrid(
    sensitivityRange(values[spec.row] ?? 0),
    sensitivityRange(values[spec.column] ?? 0),
    (row, column) => metricOf(runAnalysis(strategy, { ...base, [spec.row]: row, [spec.column]: column })),
  );
  return { spec, grid };
}

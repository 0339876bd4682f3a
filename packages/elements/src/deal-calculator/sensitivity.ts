import { sensitivityGrid, sensitivityRange } from '@hidden-key/sdk/analysis';
import type { AnalysisResult, MetricFormat, runAnalysis } from './calculator-analysis.js';
import type { FieldKey, Strategy, Values } from './calculator-fields.js';

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

/**
 * An 11 × 11 grid, ±20 % around the scenario's own values, without the projection (not needed).
 * `analyse` is the calculator's own `runAnalysis`, passed in so this module (loaded on demand)
 * does not carry a second copy of the deal math.
 */
export function sensitivityFor(strategy: Strategy, values: Values, analyse: typeof runAnalysis) {
  const spec = sensitivitySpecs[strategy];
  const base = { ...values, hold_years: 0 };
  const grid = sensitivityGrid(
    sensitivityRange(values[spec.row] ?? 0),
    sensitivityRange(values[spec.column] ?? 0),
    (row, column) => metricOf(analyse(strategy, { ...base, [spec.row]: row, [spec.column]: column })),
  );
  return { spec, grid };
}

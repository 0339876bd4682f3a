import type { Catalogue } from '../base/localize.js';

/**
 * The texts of the schedule, projection and sensitivity grid, which load with them
 * (`deal-calculator-extras.lazy.ts`); they are overridable through the calculator's `strings` too.
 */
const en = {
  schedule: 'Amortisation schedule (by year)',
  year: 'Year',
  payment: 'Payments',
  interest: 'Interest',
  principal: 'Principal',
  balance: 'Balance',
  projection: 'Projection',
  projectionChart: 'Equity, loan balance and cumulative cash flow by year',
  noi: 'NOI',
  cashFlow: 'Cash flow',
  cumulativeCashFlow: 'Cumulative cash flow',
  value: 'Value',
  loanBalance: 'Loan balance',
  equity: 'Equity',
  sensitivity: 'Sensitivity',
  sensitivityCaption: (metric: string, row: string, column: string) =>
    `${metric} by ${row} (rows) and ${column} (columns)`,
  currentScenario: '(current)',
};

export type DealCalculatorExtrasMessages = typeof en;

/** English is built in; other languages load when an element first needs them. */
export const dealCalculatorExtrasMessages: Catalogue<DealCalculatorExtrasMessages> = {
  en,
  es: () => import('./deal-calculator-extras.messages.es.js'),
};

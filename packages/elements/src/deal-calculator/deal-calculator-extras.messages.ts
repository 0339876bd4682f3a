import type { Catalogue } from '../base/localize.js';

/**
 * The texts of the schedule, projection, sensitivity grid and analysis warnings, which load with them
 * (`deal-calculator-extras.lazy.ts`); they are overridable through the calculator's `strings` too.
 */
const en = {
  warning_irr_multiple_sign_changes:
    'The yearly cash flows change sign more than once, so the IRR may not be unique.',
  warning_no_cash_invested: 'No cash stays in the deal, so returns on cash have no meaning.',
  warning_refinance_short_of_payoff:
    'The refinance does not pay off the purchase loan: bring cash to closing.',
  warning_negative_max_allowable_offer: 'The maximum offer is negative.',
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

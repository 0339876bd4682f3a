import * as z from 'zod';

/*
 * What the deal analyses return, as schemas: the client checks the server's answers with them and
 * the OpenAPI document names them. The functions of `@hidden-key/sdk/analysis` use only their types.
 */

/** A finite number of dollars or a ratio that always has a meaning. */
const Amount = z.number();

/** A ratio that is `null` when it has no meaning (zero or negative denominator). */
const Metric = z.number().nullable();

/** Something the caller should know about the numbers, with a stable code for translations. */
export const AnalysisWarning = z
  .strictObject({
    code: z.enum([
      'irr_multiple_sign_changes',
      'no_cash_invested',
      'refinance_short_of_payoff',
      'negative_max_allowable_offer',
    ]),
    message: z.string(),
  })
  .meta({
    id: 'AnalysisWarning',
    description: 'Something the caller should know about the numbers, with a stable code for translations.',
  });
export type AnalysisWarning = z.infer<typeof AnalysisWarning>;

/** One month of an amortisation schedule. */
export const AmortizationRow = z
  .strictObject({
    month: z.number().int().min(1),
    payment: Amount,
    interest: Amount,
    principal: Amount,
    balance: Amount,
  })
  .meta({
    id: 'AmortizationRow',
    description: 'One month of an amortisation schedule.',
  });
export type AmortizationRow = z.infer<typeof AmortizationRow>;

/** One year of the projection; money flows are the year's totals, balances and values at its end. */
export const RentalYear = z
  .strictObject({
    year: z.number().int().min(1),
    gross_scheduled_income: Amount,
    vacancy_loss: Amount,
    effective_gross_income: Amount,
    operating_expenses: Amount,
    noi: Amount,
    debt_service: Amount,
    interest_paid: Amount,
    principal_paid: Amount,
    cash_flow: Amount,
    cumulative_cash_flow: Amount,
    property_value: Amount,
    loan_balance: Amount,
    equity: Amount,
  })
  .meta({
    id: 'RentalYear',
    description:
      "One year of a rental's projection: flows are the year's totals, balances and values at its end.",
  });
export type RentalYear = z.infer<typeof RentalYear>;

/** The sale at the end of the hold period. */
export const RentalSale = z
  .strictObject({
    year: z.number().int().min(1),
    sale_price: Amount,
    selling_costs: Amount,
    loan_payoff: Amount,
    net_proceeds: Amount,
  })
  .meta({
    id: 'RentalSale',
    description: 'The sale at the end of the hold period.',
  });
export type RentalSale = z.infer<typeof RentalSale>;

export const RentalAnalysis = z
  .strictObject({
    loan_amount: Amount,
    points_cost: Amount,
    total_cash_invested: Amount,
    gross_scheduled_rent: Amount,
    gross_scheduled_income: Amount,
    vacancy_loss: Amount,
    effective_gross_income: Amount,
    operating_expenses: Amount,
    noi: Amount,
    monthly_payment: Amount,
    debt_service: Amount,
    cash_flow_annual: Amount,
    cash_flow_monthly: Amount,
    cap_rate: Metric,
    cash_on_cash: Metric,
    dscr: Metric,
    grm: Metric,
    break_even_ratio: Metric,
    rent_to_price: Metric,
    one_percent_rule: z.boolean(),
    projection: z.array(RentalYear),
    sale: RentalSale.nullable(),
    total_profit: Metric,
    equity_multiple: Metric,
    irr: Metric,
    warnings: z.array(AnalysisWarning),
  })
  .meta({
    id: 'RentalAnalysis',
    description:
      'A buy-and-hold rental: income, expenses, NOI, debt service, returns and, with `hold_years`, the projection and sale.',
  });
export type RentalAnalysis = z.infer<typeof RentalAnalysis>;

export const FlipAnalysis = z
  .strictObject({
    loan_amount: Amount,
    points_cost: Amount,
    interest_cost: Amount,
    financing_costs: Amount,
    holding_costs: Amount,
    selling_costs: Amount,
    total_cost: Amount,
    total_cash_invested: Amount,
    profit: Amount,
    roi: Metric,
    annualized_roi: Metric,
    profit_margin: Metric,
    max_allowable_offer: Amount,
    meets_seventy_percent_rule: z.boolean(),
    warnings: z.array(AnalysisWarning),
  })
  .meta({
    id: 'FlipAnalysis',
    description: 'A fix-and-flip: costs, profit, ROI and the 70 % rule.',
  });
export type FlipAnalysis = z.infer<typeof FlipAnalysis>;

export const BrrrrAnalysis = z
  .strictObject({
    purchase_loan: Amount,
    purchase_points_cost: Amount,
    purchase_interest: Amount,
    holding_costs: Amount,
    all_in_cost: Amount,
    cash_invested_before_refinance: Amount,
    refinance_loan: Amount,
    refinance_closing_costs: Amount,
    purchase_loan_payoff: Amount,
    cash_out: Amount,
    cash_left_in_deal: Amount,
    equity_after_refinance: Amount,
    rental: RentalAnalysis,
    warnings: z.array(AnalysisWarning),
  })
  .meta({
    id: 'BrrrrAnalysis',
    description: 'Buy, rehab, rent, refinance, repeat: the purchase, the refinance and the rental after it.',
  });
export type BrrrrAnalysis = z.infer<typeof BrrrrAnalysis>;

export const WholesaleAnalysis = z
  .strictObject({
    end_buyer_price: Amount,
    max_allowable_offer: Amount,
    assignment_fee: Amount,
    warnings: z.array(AnalysisWarning),
  })
  .meta({
    id: 'WholesaleAnalysis',
    description:
      "A wholesale assignment: the end buyer's price and the maximum allowable offer to the seller.",
  });
export type WholesaleAnalysis = z.infer<typeof WholesaleAnalysis>;

export const SensitivityGrid = z
  .strictObject({
    row_values: z.array(z.number()),
    column_values: z.array(z.number()),
    /** `cells[i][j]` is the metric at `row_values[i]` and `column_values[j]`. */
    cells: z.array(z.array(Metric)),
    /** The smallest and largest non-null cells, for a colour scale; `null` when every cell is. */
    min: Metric,
    max: Metric,
  })
  .meta({
    id: 'SensitivityGrid',
    description: 'A metric over a grid of two inputs.',
  });
export type SensitivityGrid = z.infer<typeof SensitivityGrid>;

import type * as z from 'zod';
import type { RentalInput as RentalInputSchema } from '../schemas/analysis/inputs.js';
import type { AnalysisWarning, RentalAnalysis, RentalSale, RentalYear } from '../schemas/analysis/outputs.js';
import {
  balanceAfter,
  loanInputRule,
  paymentInMonth,
  paymentsBetween,
  type ResolvedLoan,
  resolveLoan,
} from './loan.js';
import { ratio } from './numeric.js';
import { readInput } from './read-input.js';
import { countSignChanges, irr } from './returns.js';
import {
  defaultedObject,
  described,
  growthRate,
  money,
  objectRule,
  optionalObject,
  rate,
  years,
} from './rules.js';

export type { RentalAnalysis, RentalSale, RentalYear };

/** Yearly operating expenses: fixed amounts in dollars, and rates as fractions of gross scheduled rent. */
export const rentalExpensesRule = objectRule({
  property_tax: money,
  insurance: money,
  hoa: money,
  utilities: money,
  maintenance: money,
  other: money,
  management_rate: rate,
  maintenance_rate: rate,
  capex_rate: rate,
});

/** The operating side of a rental (income, expenses, hold period), shared with BRRRR. */
export const rentalOperationsFields = {
  monthly_rent: money,
  other_monthly_income: money,
  vacancy_rate: rate,
  expenses: defaultedObject(rentalExpensesRule),
  hold_years: described(years, 'Years until the sale; 0 means no projection, no sale and no IRR.'),
  appreciation_rate: growthRate,
  rent_growth_rate: growthRate,
  expense_growth_rate: growthRate,
  selling_cost_rate: rate,
};

export const rentalInputRule = objectRule({
  purchase_price: money,
  closing_costs: money,
  rehab_cost: money,
  loan: optionalObject(loanInputRule),
  ...rentalOperationsFields,
});
export type RentalInput = z.input<typeof RentalInputSchema>;
type ParsedRentalInput = z.output<typeof RentalInputSchema>;

/** The operating fields of a parsed rental or BRRRR input. */
type RentalOperations = Pick<ParsedRentalInput, keyof typeof rentalOperationsFields>;

/** How the property was bought: what the rental metrics are measured against. */
export interface RentalFinancing {
  loan: ResolvedLoan;
  points_cost: number;
  total_cash_invested: number;
  /** Market value at the start of the hold, grown by `appreciation_rate`. */
  initial_value: number;
  purchase_price: number;
  rehab_cost: number;
}

/**
 * Analyses a buy-and-hold rental. Year-one figures:
 * - gross scheduled income = 12 × (rent + other income); vacancy applies to all of it;
 *   effective gross income (EGI) = GSI − vacancy.
 * - operating expenses = the fixed annual amounts + (management + maintenance + capex rates) ×
 *   gross scheduled *rent* (12 × rent, other income excluded); NOI = EGI − expenses.
 * - debt service = the 12 payments of year one (interest-only ones included); cash flow = NOI −
 *   debt service, monthly = annual / 12; `monthly_payment` is the first month's payment.
 * - cash invested = price − loan + closing costs + rehab + points (the loan's `ltv` is of the price).
 * - cap rate = NOI / price; cash-on-cash = cash flow / cash invested; DSCR = NOI / debt service;
 *   GRM = price / GSI; break-even ratio = (expenses + debt service) / GSI; 1 % rule: rent ≥ 1 % of
 *   price + rehab. Each is `null` when its denominator is zero or negative.
 * With `hold_years`, a yearly projection (rent and other income grow by `rent_growth_rate`, fixed
 * expenses by `expense_growth_rate`, the value from the price by `appreciation_rate`, the loan
 * balance by true monthly amortisation), a sale at the end of the last year (selling costs as a
 * fraction of the price, the balance paid off, balloon included), total profit, equity multiple
 * and the IRR of [−cash invested, cash flows..., last cash flow + net sale proceeds].
 */
export function analyzeRental(input: RentalInput): RentalAnalysis {
  const parsed = readInput<ParsedRentalInput>(rentalInputRule, input);
  const loan = resolveLoan(parsed.loan, parsed.purchase_price);
  const points_cost = loan.amount * loan.points;
  return rentalAnalysis(parsed, {
    loan,
    points_cost,
    total_cash_invested:
      parsed.purchase_price - loan.amount + parsed.closing_costs + parsed.rehab_cost + points_cost,
    initial_value: parsed.purchase_price,
    purchase_price: parsed.purchase_price,
    rehab_cost: parsed.rehab_cost,
  });
}

/** The rental metrics of `operations` financed by `financing`; also the rent phase of a BRRRR. */
export function rentalAnalysis(operations: RentalOperations, financing: RentalFinancing): RentalAnalysis {
  const { loan, total_cash_invested, purchase_price } = financing;
  const first = operatingYear(operations, 1);
  const debt_service = paymentsBetween(loan, 1, 12);
  const cash_flow_annual = first.noi - debt_service;
  const warnings: AnalysisWarning[] = [];
  if (!(total_cash_invested > 0)) {
    warnings.push({
      code: 'no_cash_invested',
      message: 'No cash is invested, so cash-on-cash return and equity multiple have no meaning.',
    });
  }
  const projection = project(operations, financing);
  const sale = saleAtEnd(operations, projection);
  const returns = sale ? holdReturns(projection, sale, total_cash_invested, warnings) : null;
  const rentToPrice = ratio(operations.monthly_rent, purchase_price + financing.rehab_cost);
  return {
    loan_amount: loan.amount,
    points_cost: financing.points_cost,
    total_cash_invested,
    gross_scheduled_rent: first.gross_scheduled_rent,
    gross_scheduled_income: first.gross_scheduled_income,
    vacancy_loss: first.vacancy_loss,
    effective_gross_income: first.effective_gross_income,
    operating_expenses: first.operating_expenses,
    noi: first.noi,
    monthly_payment: paymentInMonth(loan, 1),
    debt_service,
    cash_flow_annual,
    cash_flow_monthly: cash_flow_annual / 12,
    cap_rate: ratio(first.noi, purchase_price),
    cash_on_cash: ratio(cash_flow_annual, total_cash_invested),
    dscr: ratio(first.noi, debt_service),
    grm: ratio(purchase_price, first.gross_scheduled_income),
    break_even_ratio: ratio(first.operating_expenses + debt_service, first.gross_scheduled_income),
    rent_to_price: rentToPrice,
    one_percent_rule: rentToPrice !== null && rentToPrice >= 0.01,
    projection,
    sale,
    total_profit: returns?.total_profit ?? null,
    equity_multiple: returns?.equity_multiple ?? null,
    irr: returns?.irr ?? null,
    warnings,
  };
}

function operatingYear(operations: RentalOperations, year: number) {
  const rentGrowth = (1 + operations.rent_growth_rate) ** (year - 1);
  const expenseGrowth = (1 + operations.expense_growth_rate) ** (year - 1);
  const { expenses } = operations;
  const gross_scheduled_rent = 12 * operations.monthly_rent * rentGrowth;
  const gross_scheduled_income =
    12 * (operations.monthly_rent + operations.other_monthly_income) * rentGrowth;
  const vacancy_loss = gross_scheduled_income * operations.vacancy_rate;
  const effective_gross_income = gross_scheduled_income - vacancy_loss;
  const fixedExpenses =
    (expenses.property_tax +
      expenses.insurance +
      expenses.hoa +
      expenses.utilities +
      expenses.maintenance +
      expenses.other) *
    expenseGrowth;
  const rentBasedExpenses =
    gross_scheduled_rent * (expenses.management_rate + expenses.maintenance_rate + expenses.capex_rate);
  const operating_expenses = fixedExpenses + rentBasedExpenses;
  return {
    gross_scheduled_rent,
    gross_scheduled_income,
    vacancy_loss,
    effective_gross_income,
    operating_expenses,
    noi: effective_gross_income - operating_expenses,
  };
}

function project(operations: RentalOperations, financing: RentalFinancing): RentalYear[] {
  const { loan } = financing;
  const years: RentalYear[] = [];
  let cumulative_cash_flow = 0;
  let balanceAtStart = loan.amount;
  for (let year = 1; year <= operations.hold_years; year++) {
    const operating = operatingYear(operations, year);
    const debt_service = paymentsBetween(loan, 12 * year - 11, 12 * year);
    const loan_balance = balanceAfter(loan, 12 * year);
    // At 0 % every payment is principal; the difference of balances would leave float dust
    // (-5e-12 of "interest") where the answer is exactly 0.
    const principal_paid = loan.annual_rate === 0 ? debt_service : balanceAtStart - loan_balance;
    const cash_flow = operating.noi - debt_service;
    cumulative_cash_flow += cash_flow;
    const property_value = financing.initial_value * (1 + operations.appreciation_rate) ** year;
    // Fields spelled out rather than spread: this loop is the hot path of the sensitivity grid.
    years.push({
      year,
      gross_scheduled_income: operating.gross_scheduled_income,
      vacancy_loss: operating.vacancy_loss,
      effective_gross_income: operating.effective_gross_income,
      operating_expenses: operating.operating_expenses,
      noi: operating.noi,
      debt_service,
      interest_paid: debt_service - principal_paid,
      principal_paid,
      cash_flow,
      cumulative_cash_flow,
      property_value,
      loan_balance,
      equity: property_value - loan_balance,
    });
    balanceAtStart = loan_balance;
  }
  return years;
}

function saleAtEnd(operations: RentalOperations, projection: readonly RentalYear[]): RentalSale | null {
  const last = projection[projection.length - 1];
  if (!last) return null;
  const selling_costs = last.property_value * operations.selling_cost_rate;
  return {
    year: last.year,
    sale_price: last.property_value,
    selling_costs,
    loan_payoff: last.loan_balance,
    net_proceeds: last.property_value - selling_costs - last.loan_balance,
  };
}

function holdReturns(
  projection: readonly RentalYear[],
  sale: RentalSale,
  total_cash_invested: number,
  warnings: AnalysisWarning[],
) {
  const flows = [-total_cash_invested, ...projection.map((year) => year.cash_flow)];
  flows[flows.length - 1]! += sale.net_proceeds;
  if (countSignChanges(flows) > 1) {
    warnings.push({
      code: 'irr_multiple_sign_changes',
      message: 'The yearly cash flows change sign more than once, so more than one IRR may exist.',
    });
  }
  const returned = projection[projection.length - 1]!.cumulative_cash_flow + sale.net_proceeds;
  return {
    total_profit: returned - total_cash_invested,
    equity_multiple: ratio(returned, total_cash_invested),
    irr: irr(flows),
  };
}

/**
 * Deal-math speed: one full rental analysis with a 30-year projection and IRR (budget 0.2 ms) and
 * an 11 × 11 sensitivity grid of cash-on-cash over purchase price × rent (budget 16 ms, one
 * frame), each beside a baseline measured in the same run: the same work done the spreadsheet way
 * with formulajs, and formulajs PMT alone for every cell of the grid.
 */
import * as formula from '@formulajs/formulajs';
import { Bench } from 'tinybench';
import {
  analyzeRental,
  monthlyPayment,
  type RentalInput,
  sensitivityGrid,
  sensitivityRange,
} from '../src/analysis/index.js';
import { printReport } from './report.js';

const rental = {
  purchase_price: 250_000,
  closing_costs: 6000,
  rehab_cost: 10_000,
  loan: { ltv: 0.8, annual_rate: 0.065, points: 0.01 },
  monthly_rent: 2400,
  other_monthly_income: 50,
  vacancy_rate: 0.05,
  expenses: {
    property_tax: 3000,
    insurance: 1400,
    management_rate: 0.08,
    maintenance_rate: 0.05,
    capex_rate: 0.05,
  },
  hold_years: 30,
  appreciation_rate: 0.03,
  rent_growth_rate: 0.02,
  expense_growth_rate: 0.025,
  selling_cost_rate: 0.06,
} satisfies RentalInput;

/** The same 30-year projection as a spreadsheet would compute it: PMT, FV per year, IRR. */
function spreadsheetRental(): number {
  const rate = 0.065 / 12;
  const loan = 200_000;
  const payment = -(formula.PMT(rate, 360, loan) as number);
  const flows = [-(50_000 + 6000 + 10_000 + 2000)];
  let balance = loan;
  for (let year = 1; year <= 30; year++) {
    const income = 12 * 2450 * 1.02 ** (year - 1);
    const expenses = 4400 * 1.025 ** (year - 1) + 0.18 * 12 * 2400 * 1.02 ** (year - 1);
    flows.push(income * 0.95 - expenses - 12 * payment);
    balance = -(formula.FV(rate, 12 * year, -payment, loan) as number);
  }
  flows[30]! += 250_000 * 1.03 ** 30 * 0.94 - balance;
  return formula.IRR(flows) as number;
}

const prices = sensitivityRange(rental.purchase_price);
const rents = sensitivityRange(rental.monthly_rent);
const gridInput = { ...rental, hold_years: 0 };

let sink = 0;
const bench = new Bench({ time: 500, warmupTime: 100 });
bench
  .add('rental analysis, 30-year projection + IRR', () => {
    sink += analyzeRental(rental).irr ?? 0;
  })
  .add('baseline: same projection with formulajs PMT, FV, IRR', () => {
    sink += spreadsheetRental();
  })
  .add('11x11 sensitivity grid, price x rent -> cash-on-cash', () => {
    const grid = sensitivityGrid(
      prices,
      rents,
      (purchase_price, monthly_rent) =>
        analyzeRental({ ...gridInput, purchase_price, monthly_rent }).cash_on_cash,
    );
    sink += grid.max ?? 0;
  })
  .add('baseline: 121 x formulajs PMT', () => {
    for (const price of prices)
      for (const _ of rents) sink += formula.PMT(0.065 / 12, 360, price * 0.8) as number;
  })
  .add('monthlyPayment x 121', () => {
    for (const price of prices) for (const _ of rents) sink += monthlyPayment(price * 0.8, 0.065, 360);
  });

await bench.run();
printReport(bench, [
  {
    task: 'rental analysis, 30-year projection + IRR',
    budget_ms: 0.2,
    baseline: 'baseline: same projection with formulajs PMT, FV, IRR',
  },
  {
    task: '11x11 sensitivity grid, price x rent -> cash-on-cash',
    budget_ms: 16,
    baseline: 'baseline: 121 x formulajs PMT',
  },
  { task: 'monthlyPayment x 121', baseline: 'baseline: 121 x formulajs PMT' },
]);
if (!Number.isFinite(sink)) throw new Error('bench results were not finite');

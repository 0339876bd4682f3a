import type {
  AnalysisWarning,
  amortizationSchedule,
  RentalYear,
  SensitivityGrid,
} from '@hidden-key/sdk/analysis';
import type { LitTags } from '../base/lit-tags.js';
import type { LocalizeController } from '../base/localize.js';
import type { MetricFormat } from './calculator-analysis.js';
import type { DealCalculatorExtrasMessages } from './deal-calculator-extras.messages.js';
import { projectionChart } from './projection-chart.js';
import type { SensitivitySpec } from './sensitivity.js';

export interface Formatters {
  money: (value: number) => string;
  /** Short amounts for axes and grid headings: `$250K`. */
  compactMoney: (value: number) => string;
  metric: (value: number | null, format: MetricFormat) => string;
}

/**
 * What the tables render with, from the calculator: Lit's tags (these tables load on demand, in
 * `deal-calculator-extras.js`), their texts and its number formats.
 */
export interface TableKit extends LitTags {
  t: LocalizeController<DealCalculatorExtrasMessages>;
  format: Formatters;
}

/**
 * Yearly totals of the monthly schedule: a 30-year loan reads as 30 rows, not 360. `schedule` is
 * the SDK's `amortizationSchedule`, passed in by the calculator, which holds the loan math already.
 */
export function scheduleTable(
  { html, nothing, t, format }: TableKit,
  loan: { principal: number; annual_rate: number; term_months: number },
  schedule: typeof amortizationSchedule,
) {
  if (!(loan.principal > 0)) return nothing;
  const rows = schedule(loan.principal, loan.annual_rate, loan.term_months);
  const years: { year: number; payment: number; interest: number; principal: number; balance: number }[] = [];
  for (const row of rows) {
    const year = Math.ceil(row.month / 12);
    const current = years[year - 1] ?? { year, payment: 0, interest: 0, principal: 0, balance: 0 };
    current.payment += row.payment;
    current.interest += row.interest;
    current.principal += row.principal;
    current.balance = row.balance;
    years[year - 1] = current;
  }
  return html`<details part="schedule">
    <summary>${t.term('schedule')}</summary>
    <div class="scroll" tabindex="0" role="region" aria-label=${t.term('schedule')}>
      <table>
        <thead>
          <tr>
            <th scope="col">${t.term('year')}</th>
            <th scope="col">${t.term('payment')}</th>
            <th scope="col">${t.term('interest')}</th>
            <th scope="col">${t.term('principal')}</th>
            <th scope="col">${t.term('balance')}</th>
          </tr>
        </thead>
        <tbody>
          ${years.map(
            (year) => html`<tr>
              <th scope="row">${year.year}</th>
              <td>${format.money(year.payment)}</td>
              <td>${format.money(year.interest)}</td>
              <td>${format.money(year.principal)}</td>
              <td>${format.money(year.balance)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}

/** The year-by-year projection as a chart and as the table that carries its numbers. */
export function projectionSection(kit: TableKit, projection: readonly RentalYear[], chartWidth: number) {
  const { html, nothing, t, format } = kit;
  if (!projection.length) return nothing;
  const chart = projectionChart(
    kit,
    [
      { name: 'equity', label: t.term('equity'), values: projection.map((year) => year.equity) },
      {
        name: 'loan-balance',
        label: t.term('loanBalance'),
        values: projection.map((year) => year.loan_balance),
      },
      {
        name: 'cash-flow',
        label: t.term('cumulativeCashFlow'),
        values: projection.map((year) => year.cumulative_cash_flow),
      },
    ],
    { title: t.term('projectionChart'), year: t.term('year') },
    format.compactMoney,
    chartWidth,
  );
  return html`<div part="projection">
    <h4>${t.term('projection')}</h4>
    ${chart}
    <div class="scroll" tabindex="0" role="region" aria-label=${t.term('projection')}>
      <table>
        <thead>
          <tr>
            <th scope="col">${t.term('year')}</th>
            <th scope="col">${t.term('noi')}</th>
            <th scope="col">${t.term('cashFlow')}</th>
            <th scope="col">${t.term('cumulativeCashFlow')}</th>
            <th scope="col">${t.term('value')}</th>
            <th scope="col">${t.term('loanBalance')}</th>
            <th scope="col">${t.term('equity')}</th>
          </tr>
        </thead>
        <tbody>
          ${projection.map(
            (year) => html`<tr>
              <th scope="row">${year.year}</th>
              <td>${format.money(year.noi)}</td>
              <td>${format.money(year.cash_flow)}</td>
              <td>${format.money(year.cumulative_cash_flow)}</td>
              <td>${format.money(year.property_value)}</td>
              <td>${format.money(year.loan_balance)}</td>
              <td>${format.money(year.equity)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </div>`;
}

/**
 * The grid as a table: a cell's tint grows with its value, green above zero and red below. Every
 * other column around the centre is `minor`: a narrow container hides those, so the grid fits a
 * phone as 5 columns instead of scrolling through 11. The tint is set through the `style` property,
 * as `styleMap` would (a page whose CSP forbids inline style attributes still allows it), without
 * that directive's 0.3 KB in the calculator embed.
 */
export function sensitivityTable(
  { html, nothing, t, format }: TableKit,
  { spec, grid }: { spec: SensitivitySpec; grid: SensitivityGrid },
  labels: { row: string; column: string; metric: string },
) {
  const scale = Math.max(Math.abs(grid.min ?? 0), Math.abs(grid.max ?? 0)) || 1;
  const middle = (count: number) => (count - 1) / 2;
  const minor = (j: number) => (Math.abs(j - middle(grid.column_values.length)) % 2 === 1 ? 'minor' : '');
  return html`<div part="sensitivity">
    <h4>${t.term('sensitivity')}</h4>
    <div class="scroll" tabindex="0" role="region" aria-label=${t.term('sensitivity')}>
      <table class="grid" part="sensitivity-grid">
        <caption>${t.term('sensitivityCaption', labels.metric, labels.row, labels.column)}</caption>
        <thead>
          <tr>
            <td></td>
            ${grid.column_values.map((value, j) => html`<th scope="col" class=${minor(j)}>${format.compactMoney(value)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${grid.cells.map(
            (cells, i) => html`<tr>
              <th scope="row">${format.compactMoney(grid.row_values[i]!)}</th>
              ${cells.map((value, j) => {
                const current =
                  i === middle(grid.row_values.length) && j === middle(grid.column_values.length);
                const tint = value === null ? 0 : Math.round((Math.abs(value) / scale) * 45);
                return html`<td
                  class="${value === null ? '' : value >= 0 ? 'up' : 'down'} ${minor(j)}"
                  .style=${`--mix: ${tint}%`}
                  aria-current=${current ? 'true' : nothing}
                >
                  ${spec.format === 'money' && value !== null ? format.compactMoney(value) : format.metric(value, spec.format)}${
                    current
                      ? html`<span class="visually-hidden"> ${t.term('currentScenario')}</span>`
                      : nothing
                  }
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </div>`;
}

/** Two scenarios' key figures side by side, once "Compare two scenarios" is on. */
export function comparisonTable(
  { html }: TableKit,
  headings: readonly [string, string, string],
  rows: readonly (readonly [string, string, string])[],
) {
  return html`<div class="scroll">
    <table part="metrics">
      <thead>
        <tr>
          ${headings.map((heading) => html`<th scope="col">${heading}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ([label, a, b]) => html`<tr>
            <th scope="row">${label}</th>
            <td>${a}</td>
            <td>${b}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Opens the browser's print dialog with every collapsed section (the schedule) open, then closes them again. */
export function printReport(root: ParentNode) {
  const closed = [...root.querySelectorAll('details')].filter((details) => !details.open);
  for (const details of closed) details.open = true;
  window.print();
  for (const details of closed) details.open = false;
}

/** The analysis warnings (rare: most deals have none), each in plain words. */
export function warningList({ html, nothing, t }: TableKit, codes: readonly AnalysisWarning['code'][]) {
  if (!codes.length) return nothing;
  return html`<ul part="warnings" class="bad">
    ${codes.map((code) => html`<li>${t.term(`warning_${code}`)}</li>`)}
  </ul>`;
}

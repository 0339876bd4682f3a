import type { AnalysisWarning } from '@hidden-key/sdk/analysis';
import { type AnalysisResult, type MetricFormat, rentalOf } from './calculator-analysis.js';

export type MetricKey =
  | 'cash_flow_monthly'
  | 'cash_on_cash'
  | 'cap_rate'
  | 'noi'
  | 'monthly_payment'
  | 'dscr'
  | 'total_cash_invested'
  | 'break_even_ratio'
  | 'grm'
  | 'irr'
  | 'total_profit'
  | 'profit'
  | 'roi'
  | 'annualized_roi'
  | 'total_cost'
  | 'profit_margin'
  | 'max_allowable_offer'
  | 'all_in_cost'
  | 'refinance_loan'
  | 'cash_out'
  | 'cash_left_in_deal'
  | 'end_buyer_price'
  | 'assignment_fee';

export interface Metric {
  key: MetricKey;
  format: MetricFormat;
  value: number | null;
}

/** The key figures of a result, in the order they are shown. */
export function keyMetrics(result: AnalysisResult): Metric[] {
  const m = (key: MetricKey, format: MetricFormat, value: number | null): Metric => ({ key, format, value });
  const rental = rentalOf(result);
  const rentalMetrics = rental
    ? [
        m('cash_flow_monthly', 'money', rental.cash_flow_monthly),
        m('cash_on_cash', 'percent', rental.cash_on_cash),
        m('cap_rate', 'percent', rental.cap_rate),
        m('noi', 'money', rental.noi),
        m('monthly_payment', 'money', rental.monthly_payment),
        m('dscr', 'ratio', rental.dscr),
        m('break_even_ratio', 'percent', rental.break_even_ratio),
        m('grm', 'ratio', rental.grm),
        m('irr', 'percent', rental.irr),
        m('total_profit', 'money', rental.total_profit),
      ]
    : [];
  switch (result.strategy) {
    case 'rental':
      return [
        ...rentalMetrics.slice(0, 2),
        m('total_cash_invested', 'money', result.output.total_cash_invested),
        ...rentalMetrics.slice(2),
      ];
    case 'brrrr':
      return [
        m('cash_left_in_deal', 'money', result.output.cash_left_in_deal),
        m('cash_out', 'money', result.output.cash_out),
        m('refinance_loan', 'money', result.output.refinance_loan),
        m('all_in_cost', 'money', result.output.all_in_cost),
        ...rentalMetrics,
      ];
    case 'flip':
      return [
        m('profit', 'money', result.output.profit),
        m('roi', 'percent', result.output.roi),
        m('annualized_roi', 'percent', result.output.annualized_roi),
        m('total_cost', 'money', result.output.total_cost),
        m('total_cash_invested', 'money', result.output.total_cash_invested),
        m('profit_margin', 'percent', result.output.profit_margin),
        m('max_allowable_offer', 'money', result.output.max_allowable_offer),
      ];
    case 'wholesale':
      return [
        m('max_allowable_offer', 'money', result.output.max_allowable_offer),
        m('end_buyer_price', 'money', result.output.end_buyer_price),
        m('assignment_fee', 'money', result.output.assignment_fee),
      ];
  }
}

export type VerdictKey =
  | 'cashFlowPositive'
  | 'cashFlowNegative'
  | 'onePercentPass'
  | 'onePercentFail'
  | 'dscrStrong'
  | 'dscrThin'
  | 'dscrShort'
  | 'noDebt'
  | 'cocTarget'
  | 'cocBelow'
  | 'allCashOut'
  | 'cashLeft'
  | 'profit'
  | 'loss'
  | 'seventyPass'
  | 'seventyFail'
  | 'offer'
  | 'noOffer';

/** A plain-language line about the deal: its tone, its message and the amount it mentions. */
export interface Verdict {
  tone: 'good' | 'bad' | 'neutral';
  key: VerdictKey;
  amount?: number;
}

/** Lenders commonly ask for a DSCR of 1.25; 8 % cash-on-cash is a common rental target. */
const LENDER_DSCR = 1.25;
const TARGET_CASH_ON_CASH = 0.08;

export function verdicts(result: AnalysisResult): Verdict[] {
  const lines: Verdict[] = [];
  if (result.strategy === 'brrrr') {
    const left = result.output.cash_left_in_deal;
    lines.push(
      left <= 0
        ? { tone: 'good', key: 'allCashOut', amount: -left }
        : { tone: 'neutral', key: 'cashLeft', amount: left },
    );
  }
  const rental = rentalOf(result);
  if (rental) {
    lines.push(
      rental.cash_flow_monthly > 0
        ? { tone: 'good', key: 'cashFlowPositive', amount: rental.cash_flow_monthly }
        : { tone: 'bad', key: 'cashFlowNegative', amount: rental.cash_flow_monthly },
      rental.one_percent_rule
        ? { tone: 'good', key: 'onePercentPass' }
        : { tone: 'bad', key: 'onePercentFail' },
    );
    if (rental.dscr === null) lines.push({ tone: 'neutral', key: 'noDebt' });
    else if (rental.dscr >= LENDER_DSCR) lines.push({ tone: 'good', key: 'dscrStrong', amount: rental.dscr });
    else if (rental.dscr >= 1) lines.push({ tone: 'neutral', key: 'dscrThin', amount: rental.dscr });
    else lines.push({ tone: 'bad', key: 'dscrShort', amount: rental.dscr });
    if (rental.cash_on_cash !== null) {
      lines.push(
        rental.cash_on_cash >= TARGET_CASH_ON_CASH
          ? { tone: 'good', key: 'cocTarget', amount: rental.cash_on_cash }
          : { tone: 'neutral', key: 'cocBelow', amount: rental.cash_on_cash },
      );
    }
  }
  if (result.strategy === 'flip') {
    const { profit, meets_seventy_percent_rule, max_allowable_offer } = result.output;
    lines.push(
      profit > 0
        ? { tone: 'good', key: 'profit', amount: profit }
        : { tone: 'bad', key: 'loss', amount: -profit },
      meets_seventy_percent_rule
        ? { tone: 'good', key: 'seventyPass', amount: max_allowable_offer }
        : { tone: 'bad', key: 'seventyFail', amount: max_allowable_offer },
    );
  }
  if (result.strategy === 'wholesale') {
    const offer = result.output.max_allowable_offer;
    lines.push(offer > 0 ? { tone: 'good', key: 'offer', amount: offer } : { tone: 'bad', key: 'noOffer' });
  }
  return lines;
}

/** The analysis warnings, without repeats (a BRRRR lists its rental's too). */
export function warningsOf(result: AnalysisResult): AnalysisWarning['code'][] {
  return [...new Set(result.output.warnings.map((warning) => warning.code))];
}

import type {
  BrrrrAnalysis,
  FlipAnalysis,
  RentalAnalysis,
  WholesaleAnalysis,
} from '@hidden-key/sdk/analysis';
import type { AnalysisKind } from '@hidden-key/sdk/schemas';
import { dollars, percent, times } from './number-format.js';

const sentences = (...parts: (string | null | false)[]) => parts.filter(Boolean).join(' ');

function rental(a: RentalAnalysis) {
  return sentences(
    `The property brings ${dollars(a.gross_scheduled_rent)} of scheduled rent a year and a net operating income of ${dollars(a.noi)} after ${dollars(a.operating_expenses)} of operating expenses.`,
    a.cap_rate !== null && `That is a cap rate of ${percent(a.cap_rate)}.`,
    `After ${dollars(a.debt_service)} of debt service the cash flow is ${dollars(a.cash_flow_monthly)} a month (${dollars(a.cash_flow_annual)} a year) on ${dollars(a.total_cash_invested)} invested${a.cash_on_cash !== null ? `, a cash-on-cash return of ${percent(a.cash_on_cash)}` : ''}.`,
    a.dscr !== null && `Debt service coverage is ${times(a.dscr)}.`,
    a.sale !== null &&
      `Sold after year ${a.sale.year} at ${dollars(a.sale.sale_price)}, the deal nets ${dollars(a.sale.net_proceeds)}${a.irr !== null ? `, an IRR of ${percent(a.irr)}` : ''}${a.total_profit !== null ? ` and a total profit of ${dollars(a.total_profit)}` : ''}.`,
  );
}

function flip(a: FlipAnalysis) {
  return sentences(
    `Bought, repaired and sold, the flip costs ${dollars(a.total_cost)} in all and makes a profit of ${dollars(a.profit)} on ${dollars(a.total_cash_invested)} of cash invested.`,
    a.roi !== null &&
      `The return on cash is ${percent(a.roi)}${a.annualized_roi !== null ? ` (${percent(a.annualized_roi)} annualised)` : ''}.`,
    `The maximum allowable offer is ${dollars(a.max_allowable_offer)}, so the price ${a.meets_seventy_percent_rule ? 'meets' : 'misses'} the rule.`,
  );
}

function wholesale(a: WholesaleAnalysis) {
  return sentences(
    `At the after-repair value less the repairs, an end buyer would pay up to ${dollars(a.end_buyer_price)}.`,
    `Keeping an assignment fee of ${dollars(a.assignment_fee)}, the maximum allowable offer to the seller is ${dollars(a.max_allowable_offer)}.`,
  );
}

function brrrr(a: BrrrrAnalysis) {
  return sentences(
    `All in, the purchase and rehab cost ${dollars(a.all_in_cost)}. The refinance loan of ${dollars(a.refinance_loan)} returns ${dollars(a.cash_out)} in cash, leaving ${dollars(a.cash_left_in_deal)} in the deal and ${dollars(a.equity_after_refinance)} of equity.`,
    rental(a.rental).replace(/^The property brings/, 'Rented, the property brings'),
  );
}

/** The narrative written from the analysis alone: its numbers are the analysis, formatted. */
export function templateNarrative(kind: AnalysisKind, analysis: unknown): string {
  const text =
    kind === 'rental'
      ? rental(analysis as RentalAnalysis)
      : kind === 'flip'
        ? flip(analysis as FlipAnalysis)
        : kind === 'wholesale'
          ? wholesale(analysis as WholesaleAnalysis)
          : brrrr(analysis as BrrrrAnalysis);
  const warnings = (analysis as { warnings: { message: string }[] }).warnings.map(
    (warning) => warning.message,
  );
  return sentences(text, ...warnings);
}

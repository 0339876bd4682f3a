import type { AnalysisResult } from './calculator-analysis.js';
import type { DealCalculatorClient } from './deal-calculator.js';

/**
 * Writes the analysis to the deal and returns what was saved. The deal keeps its type (the
 * analysis records the strategy it was run for); its estimated profit follows only an analysis of
 * its own type (`ownType`), so trying a rental view of a wholesale deal never rewrites the fee.
 */
export async function saveAnalysis(
  client: DealCalculatorClient,
  opportunityId: string,
  result: AnalysisResult,
  ownType: boolean,
) {
  const analysis = {
    kind: result.strategy,
    input: result.input,
    output: result.output,
    saved_at: new Date().toISOString(),
  };
  await client.opportunities.update(opportunityId, {
    ...(ownType ? { estimated_profit: estimatedProfit(result) } : {}),
    analysis,
  });
  return analysis;
}

/** The profit a deal card shows: the flip's profit, the hold's total profit, the wholesaler's fee. */
function estimatedProfit(result: AnalysisResult): number | null {
  const profit =
    result.strategy === 'flip'
      ? result.output.profit
      : result.strategy === 'wholesale'
        ? result.output.assignment_fee
        : ((result.strategy === 'rental' ? result.output : result.output.rental).total_profit ?? null);
  return profit !== null && Math.abs(profit) <= 1e12 ? profit : null;
}

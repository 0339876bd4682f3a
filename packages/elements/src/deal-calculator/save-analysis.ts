import type { OpportunityUpdate } from '@hidden-key/sdk/schemas';
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
  // The contract's OpportunityAnalysis, one member per strategy: TypeScript cannot pair `kind`
  // with its input and output when they come out of the result's union separately.
  const analysis = {
    kind: result.strategy,
    input: result.input,
    output: result.output,
    saved_at: new Date().toISOString(),
  } as NonNullable<OpportunityUpdate['analysis']>;
  const saved = await client.opportunities.update(opportunityId, {
    ...(ownType ? { estimated_profit: estimatedProfit(result) } : {}),
    analysis,
  });
  // As the server stored it (omitted numbers filled in), so the deal reads as it will next time.
  return saved.analysis;
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

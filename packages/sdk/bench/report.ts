import type { Bench } from 'tinybench';

/** One line of a bench report: a measured task, its budget, and the baseline it is read against. */
export interface BudgetLine {
  task: string;
  budget_ms?: number;
  baseline?: string;
}

/** Prints mean and p99 per task, with the budget verdict and the baseline's time beside it. */
export function printReport(bench: Bench, lines: readonly BudgetLine[]): void {
  const meanOf = (name: string) => {
    const result = bench.getTask(name)?.result;
    if (!result || !('latency' in result)) throw new Error(`bench task "${name}" did not complete`);
    return result.latency;
  };
  const rows = lines.map((line) => {
    const latency = meanOf(line.task);
    const baseline = line.baseline ? meanOf(line.baseline) : null;
    return {
      task: line.task,
      'mean (ms)': latency.mean.toPrecision(3),
      'p99 (ms)': latency.p99.toPrecision(3),
      'budget (ms)': line.budget_ms ?? '',
      verdict:
        line.budget_ms === undefined ? '' : latency.mean <= line.budget_ms ? 'within budget' : 'OVER BUDGET',
      baseline: line.baseline ?? '',
      'baseline mean (ms)': baseline ? baseline.mean.toPrecision(3) : '',
    };
  });
  console.table(rows);
}

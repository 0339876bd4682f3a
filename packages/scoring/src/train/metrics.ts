/** Binary-classifier metrics for run records and the benchmark. Labels are 0/1, scores are probabilities. */
export interface CalibrationBin {
  /** Predicted-probability interval [from, to). */
  from: number;
  to: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export interface Metrics {
  rows: number;
  auc: number;
  logLoss: number;
  accuracy: number;
  calibration: CalibrationBin[];
}

export function evaluate(labels: ArrayLike<number>, probabilities: ArrayLike<number>): Metrics {
  return {
    rows: labels.length,
    auc: auc(labels, probabilities),
    logLoss: logLoss(labels, probabilities),
    accuracy: accuracy(labels, probabilities),
    calibration: calibration(labels, probabilities),
  };
}

/** Area under the ROC curve by the rank-sum (Mann–Whitney) formula; ties get their average rank. */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]!]) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function logLoss(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  const epsilon = 1e-15;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - epsilon, Math.max(epsilon, probabilities[i]!));
    total -= labels[i] ? Math.log(p) : Math.log(1 - p);
  }
  return total / labels.length;
}

export function accuracy(labels: ArrayLike<number>, probabilities: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++)
    if ((probabilities[i]! >= 0.5 ? 1 : 0) === (labels[i] ? 1 : 0)) correct++;
  return correct / labels.length;
}

/** Ten equal-width bins of predicted probability, each with the rate actually observed. */
export function calibration(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  binCount = 10,
): CalibrationBin[] {
  const bins = Array.from({ length: binCount }, (_, k) => ({
    from: k / binCount,
    to: (k + 1) / binCount,
    count: 0,
    predicted: 0,
    observed: 0,
  }));
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i]!;
    const bin = bins[Math.min(binCount - 1, Math.floor(p * binCount))]!;
    bin.count++;
    bin.predicted += p;
    bin.observed += labels[i] ? 1 : 0;
  }
  return bins
    .filter((bin) => bin.count > 0)
    .map(({ from, to, count, predicted, observed }) => ({
      from,
      to,
      count,
      meanPredicted: predicted / count,
      observedRate: observed / count,
    }));
}

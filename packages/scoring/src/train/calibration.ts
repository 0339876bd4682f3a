import type { Folds } from './cross-validation.js';
import { type CalibrationBin, calibration, logLoss } from './metrics.js';

/**
 * Platt scaling: `p = sigmoid(a × margin + b)`, fitted on out-of-fold margins so a score of 0.7
 * means about a 70 % rate on rows the model never saw. Chosen over isotonic regression because it
 * is an affine map of the margin, which folds into the model itself (the ONNX graph, both
 * evaluators and the explanations stay exact), and two parameters cannot overfit a small history.
 */
export interface Platt {
  scale: number;
  shift: number;
}

export interface CalibrationReport {
  method: 'platt';
  /** False when calibrating did not lower the cross-fitted log loss, so the margins were left as they were. */
  applied: boolean;
  scale: number;
  shift: number;
  /** Out-of-fold predictions before calibration. */
  before: { ece: number; logLoss: number; table: CalibrationBin[] };
  /** The same rows, each calibrated by a Platt fit on the other folds (cross-fitted, so honest). */
  after: { ece: number; logLoss: number; table: CalibrationBin[] };
}

export function fitPlatt(
  margins: ArrayLike<number>,
  labels: ArrayLike<number>,
  rows?: ArrayLike<number>,
): Platt {
  const indices = rows ?? Array.from({ length: labels.length }, (_, i) => i);
  let scale = 1;
  let shift = 0;
  // Newton on the two-parameter log loss, with a tiny ridge so separable data stays finite.
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 1e-6 * (scale - 1);
    let gb = 0;
    let haa = 1e-6;
    let hab = 0;
    let hbb = 1e-9;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      const m = margins[i]!;
      const p = 1 / (1 + Math.exp(-(scale * m + shift)));
      const r = p - labels[i]!;
      const w = Math.max(p * (1 - p), 1e-12);
      ga += r * m;
      gb += r;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    scale -= da;
    shift -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { scale, shift };
}

/** Expected calibration error: the count-weighted gap between predicted and observed rate over ten bins. */
export function expectedCalibrationError(table: readonly CalibrationBin[]): number {
  const total = table.reduce((sum, bin) => sum + bin.count, 0);
  return table.reduce(
    (sum, bin) => sum + (bin.count / total) * Math.abs(bin.meanPredicted - bin.observedRate),
    0,
  );
}

export function calibrateOutOfFold(
  margins: Float64Array,
  labels: Uint8Array,
  folds: Folds,
): { platt: Platt; report: CalibrationReport } {
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const before = Array.from(margins, sigmoid);
  const after = new Float64Array(margins.length);
  for (let fold = 0; fold < folds.count; fold++) {
    const others: number[] = [];
    for (let i = 0; i < labels.length; i++) if (folds.of[i] !== fold) others.push(i);
    const { scale, shift } = fitPlatt(margins, labels, others);
    for (let i = 0; i < labels.length; i++)
      if (folds.of[i] === fold) after[i] = sigmoid(scale * margins[i]! + shift);
  }
  const platt = fitPlatt(margins, labels);
  const summary = (probabilities: ArrayLike<number>) => {
    const table = calibration(labels, probabilities);
    return { ece: expectedCalibrationError(table), logLoss: logLoss(labels, probabilities), table };
  };
  const report = { method: 'platt' as const, ...platt, before: summary(before), after: summary(after) };
  const applied = report.after.logLoss < report.before.logLoss;
  return { platt, report: { ...report, applied, scale: platt.scale, shift: platt.shift } };
}

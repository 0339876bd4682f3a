import { orderByPositiveRate } from '../data/category-rate.js';
import { type BinnedMatrix, binIndex, fitBinEdges } from './binning.js';
import { type ForestParams, trainForest } from './forest.js';
import { createBooster, type GbdtParams } from './gbdt.js';
import { predictLogisticMargin, trainLogisticPath } from './logistic.js';
import { auc, logLoss } from './metrics.js';
import { createRandom, type Random, shuffle } from './random.js';

/**
 * k-fold cross-validation on the training rows: every row is scored once by a model that never saw
 * it (its out-of-fold margin), which is what candidates are compared on, what the blend weight and
 * the calibration are fitted on, and what the run record reports.
 */
export interface Folds {
  count: number;
  /** Fold of each row. */
  of: Uint8Array;
}

/** Stratified folds: each label's rows are shuffled and dealt round-robin. */
export function stratifiedFolds(labels: Uint8Array, count: number, random: Random): Folds {
  const of = new Uint8Array(labels.length);
  for (const label of [0, 1]) {
    const group: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === label) group.push(i);
    shuffle(group, random);
    group.forEach((row, k) => {
      of[row] = k % count;
    });
  }
  return { count, of };
}

export function rowsOf(folds: Folds, fold: number, inFold: boolean): Uint32Array {
  const rows: number[] = [];
  for (let i = 0; i < folds.of.length; i++) if ((folds.of[i] === fold) === inFold) rows.push(i);
  return Uint32Array.from(rows);
}

export interface CrossValidated {
  /** Mean over folds of each fold's AUC. */
  auc: number;
  /** Log loss of the out-of-fold predictions. */
  logLoss: number;
  foldAuc: number[];
  /** Out-of-fold margin of every row. */
  margins: Float64Array;
}

export function scoreOutOfFold(labels: Uint8Array, folds: Folds, margins: Float64Array): CrossValidated {
  const foldAuc: number[] = [];
  for (let fold = 0; fold < folds.count; fold++) {
    const rows = rowsOf(folds, fold, true);
    foldAuc.push(
      auc(
        Array.from(rows, (row) => labels[row]!),
        Array.from(rows, (row) => margins[row]!),
      ),
    );
  }
  const probabilities = Array.from(margins, (margin) => 1 / (1 + Math.exp(-margin)));
  return {
    auc: foldAuc.reduce((sum, x) => sum + x, 0) / foldAuc.length,
    logLoss: logLoss(labels, probabilities),
    foldAuc,
    margins,
  };
}

/**
 * The matrix one fold's model learns from. A categorical column's codes are ordered by each
 * category's positive rate over all the training rows (table-encoding.ts), so a fold model reading
 * them as they are would learn something of its held-out rows' labels from the order (and from the
 * bins, which group neighbouring codes when there are more categories than bins): its score would
 * flatter trees on tables with many small categories. Here those columns are coded again from the
 * fold's fitting rows alone, as the encoding would code them had it seen only those rows, and
 * binned again; a category those rows never saw becomes missing, as an unseen category is when
 * scoring.
 */
export function foldMatrix(
  data: Float32Array,
  matrix: BinnedMatrix,
  labels: Uint8Array,
  fitRows: Uint32Array,
  options: { categorical: readonly boolean[] | undefined; maxBins: number },
): BinnedMatrix {
  const { categorical } = options;
  if (!categorical?.some(Boolean)) return matrix;
  const { rows, features } = matrix;
  const codes = Uint8Array.from(matrix.codes);
  const edges = [...matrix.edges];
  for (let feature = 0; feature < features; feature++) {
    if (!categorical[feature]) continue;
    const order = orderByPositiveRate(
      fitRows.length,
      (k) => {
        const code = data[fitRows[k]! * features + feature]!;
        return Number.isNaN(code) ? null : code;
      },
      (k) => labels[fitRows[k]!]!,
      (a, b) => a - b,
    );
    const rank = new Map(order.map((code, k) => [code, k]));
    const recoded = Float32Array.from(
      { length: rows },
      (_, row) => rank.get(data[row * features + feature]!) ?? Number.NaN,
    );
    edges[feature] = fitBinEdges(recoded, 1, fitRows, options.maxBins)[0]!;
    for (let row = 0; row < rows; row++)
      codes[feature * rows + row] = binIndex(edges[feature]!, recoded[row]!);
  }
  return { rows, features, codes, edges };
}

/**
 * Boosts one model per fold in lockstep and stops when the out-of-fold log loss has not improved
 * for `earlyStoppingRounds` rounds (as xgboost's `cv` does): the best round is the number of
 * rounds the refit uses, and the margins at that round are the candidate's out-of-fold scores.
 */
export function crossValidateGbdt(
  foldMatrices: readonly BinnedMatrix[],
  labels: Uint8Array,
  folds: Folds,
  featureNames: readonly string[],
  params: GbdtParams,
): CrossValidated & { rounds: number } {
  const boosters = foldMatrices.map((matrix, fold) =>
    createBooster(
      matrix,
      labels,
      rowsOf(folds, fold, false),
      featureNames,
      params,
      createRandom(params.seed + fold * 7919),
    ),
  );
  const held = Array.from({ length: folds.count }, (_, fold) => rowsOf(folds, fold, true));
  const current = new Float64Array(labels.length);
  const best = new Float64Array(labels.length);
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestRound = 0;
  for (let round = 1; round <= params.rounds; round++) {
    let loss = 0;
    boosters.forEach((booster, fold) => {
      booster.step();
      for (const row of held[fold]!) {
        const margin = booster.margins[row]!;
        current[row] = margin;
        const p = Math.min(1 - 1e-15, Math.max(1e-15, 1 / (1 + Math.exp(-margin))));
        loss -= labels[row] ? Math.log(p) : Math.log(1 - p);
      }
    });
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      bestRound = round;
      best.set(current);
    } else if (round - bestRound >= params.earlyStoppingRounds) break;
  }
  return { ...scoreOutOfFold(labels, folds, best), rounds: bestRound };
}

/** One forest per fold, each scoring the rows it was not grown on. */
export function crossValidateForest(
  foldMatrices: readonly BinnedMatrix[],
  labels: Uint8Array,
  folds: Folds,
  featureNames: readonly string[],
  params: ForestParams,
  seed: number,
): CrossValidated {
  const margins = new Float64Array(labels.length);
  foldMatrices.forEach((matrix, fold) => {
    const held = rowsOf(folds, fold, true);
    const forest = trainForest(
      matrix,
      labels,
      rowsOf(folds, fold, false),
      featureNames,
      params,
      createRandom(seed + fold * 7919),
      held,
    );
    for (const row of held) margins[row] = forest.margins[row]!;
  });
  return scoreOutOfFold(labels, folds, margins);
}

/** Out-of-fold margins for each L2 strength (one regularisation path per fold). */
export function crossValidateLogistic(
  data: Float32Array,
  labels: Uint8Array,
  folds: Folds,
  width: number,
  l2: readonly number[],
  categorical: readonly boolean[] | undefined,
): CrossValidated[] {
  const margins = l2.map(() => new Float64Array(labels.length));
  for (let fold = 0; fold < folds.count; fold++) {
    const fit = rowsOf(folds, fold, false);
    const fitData = new Float32Array(fit.length * width);
    fit.forEach((row, k) => {
      fitData.set(data.subarray(row * width, (row + 1) * width), k * width);
    });
    const path = trainLogisticPath(
      fitData,
      Uint8Array.from(fit, (row) => labels[row]!),
      width,
      { l2, ...(categorical ? { categorical } : {}) },
    );
    for (const row of rowsOf(folds, fold, true)) {
      const features = data.subarray(row * width, (row + 1) * width);
      path.forEach((model, k) => {
        margins[k]![row] = predictLogisticMargin(model, features);
      });
    }
  }
  return margins.map((oof) => scoreOutOfFold(labels, folds, oof));
}

import { MODEL_FORMAT, type TreeModel } from '../model.js';
import { type BinnedMatrix, binMatrix, fitBinEdges, MAX_BINS } from './binning.js';
import { logLoss } from './metrics.js';
import { createRandom, type Random, shuffle, stratifiedSplit } from './random.js';
import { growTree, leafOfBinned } from './tree-builder.js';

/** Gradient-boosted trees on log-loss. Defaults are tuned on the stand-in tables (see README). */
export interface GbdtParams {
  /** Upper bound on boosting rounds; early stopping usually ends sooner. */
  rounds: number;
  learningRate: number;
  maxDepth: number;
  minSamplesLeaf: number;
  /** Minimum hessian sum in a leaf. */
  minChildWeight: number;
  /** L2 penalty on leaf values (lambda). */
  l2: number;
  minSplitGain: number;
  /** Fraction of training rows each tree sees. */
  subsample: number;
  /** Fraction of features each tree may use. */
  colsample: number;
  /** Fraction of the tree's features each split draws from (1 = all; below 1 decorrelates trees). */
  colsampleByNode: number;
  maxBins: number;
  /** Fraction of the rows held out (stratified) to decide when to stop. */
  validationFraction: number;
  /** Stop after this many rounds without a better validation log loss. */
  earlyStoppingRounds: number;
  /** After early stopping picks the number of rounds, refit on every row (held-out ones included). */
  refit: boolean;
  seed: number;
}

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  rounds: 500,
  learningRate: 0.05,
  maxDepth: 4,
  minSamplesLeaf: 20,
  minChildWeight: 1e-3,
  l2: 1,
  minSplitGain: 0,
  subsample: 0.8,
  colsample: 0.8,
  colsampleByNode: 1,
  maxBins: MAX_BINS,
  validationFraction: 0.15,
  earlyStoppingRounds: 30,
  refit: true,
  seed: 42,
};

export interface GbdtResult {
  model: TreeModel;
  /** Rows the trees were fitted on and rows held out for early stopping. */
  trainRows: Uint32Array;
  validationRows: Uint32Array;
  /** Validation log loss after each round of the early-stopping pass. */
  validationLoss: number[];
  /**
   * Probabilities for `validationRows` from the early-stopping pass at its best round: an honest
   * held-out estimate even when the final model was refitted on those rows.
   */
  validationPredictions: Float64Array;
  bestRound: number;
  gainByFeature: Float64Array;
}

type NumberRule = { integer?: boolean; min: number; max: number; open?: boolean };

/** What each parameter may be: a bad one is named here, not met later as NaN scores or a TypeError. */
const PARAM_RULES: Record<keyof GbdtParams, NumberRule | 'boolean'> = {
  rounds: { integer: true, min: 1, max: 100_000 },
  learningRate: { min: 0, max: 1, open: true },
  maxDepth: { integer: true, min: 1, max: 30 },
  minSamplesLeaf: { integer: true, min: 1, max: Number.MAX_SAFE_INTEGER },
  minChildWeight: { min: 0, max: Number.MAX_VALUE },
  l2: { min: 0, max: Number.MAX_VALUE },
  minSplitGain: { min: 0, max: Number.MAX_VALUE },
  subsample: { min: 0, max: 1, open: true },
  colsample: { min: 0, max: 1, open: true },
  colsampleByNode: { min: 0, max: 1, open: true },
  maxBins: { integer: true, min: 2, max: MAX_BINS },
  validationFraction: { min: 0, max: 0.9 },
  earlyStoppingRounds: { integer: true, min: 1, max: 100_000 },
  refit: 'boolean',
  seed: { integer: true, min: 0, max: 2 ** 32 - 1 },
};

/** Throws a RangeError naming the first parameter outside its range (`open`: above `min`, not at it). */
export function checkGbdtParams(params: Partial<GbdtParams>): void {
  for (const [name, value] of Object.entries(params) as [keyof GbdtParams, unknown][]) {
    const rule = PARAM_RULES[name];
    if (!rule) throw new RangeError(`unknown GBDT parameter ${name}`);
    if (rule === 'boolean') {
      if (typeof value !== 'boolean')
        throw new RangeError(`${name} must be true or false, not ${String(value)}`);
      continue;
    }
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (rule.open ? value > rule.min : value >= rule.min) &&
      value <= rule.max &&
      (!rule.integer || Number.isInteger(value));
    if (!ok)
      throw new RangeError(
        `${name} must be ${rule.integer ? 'an integer' : 'a number'} ${rule.open ? 'above' : 'at least'} ${rule.min} and at most ${rule.max}, not ${String(value)}`,
      );
  }
}

/**
 * Trains on a row-major float32 matrix (`rows × featureNames.length`, NaN = missing) and 0/1 labels.
 */
export function trainGbdt(
  data: Float32Array,
  labels: Uint8Array,
  featureNames: string[],
  overrides: Partial<GbdtParams> = {},
): GbdtResult {
  checkGbdtParams(overrides);
  const params = { ...DEFAULT_GBDT_PARAMS, ...overrides };
  const first = boost(data, labels, featureNames, params);
  if (!params.refit || first.validationRows.length === 0) return first;
  // The held-out rows have chosen the number of rounds; scale it to the larger training set.
  const rounds = Math.max(1, Math.round(first.bestRound / (1 - params.validationFraction)));
  const refitted = boost(data, labels, featureNames, { ...params, rounds, validationFraction: 0 });
  return {
    ...refitted,
    validationRows: first.validationRows,
    validationLoss: first.validationLoss,
    validationPredictions: first.validationPredictions,
    bestRound: first.bestRound,
  };
}

function boost(
  data: Float32Array,
  labels: Uint8Array,
  featureNames: string[],
  params: GbdtParams,
): GbdtResult {
  const rowCount = labels.length;
  const featureCount = featureNames.length;
  if (data.length !== rowCount * featureCount) throw new Error('data length must be rows × features');
  const random = createRandom(params.seed);
  const [trainRows, validationRows] =
    params.validationFraction > 0
      ? stratifiedSplit(labels, params.validationFraction, random)
      : allRows(rowCount);
  if (trainRows.length === 0) throw new Error('no training rows');
  const matrix = binMatrix(data, rowCount, fitBinEdges(data, featureCount, trainRows, params.maxBins));
  const booster = createBooster(matrix, labels, trainRows, featureNames, params, random);

  const validationLoss: number[] = [];
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestRound = 0;
  const validationPredictions = new Float64Array(validationRows.length);
  for (let round = 0; round < params.rounds; round++) {
    booster.step();
    if (validationRows.length === 0) {
      bestRound = round + 1;
      continue;
    }
    const loss = monitoredLoss(booster.margins, labels, validationRows);
    validationLoss.push(loss);
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      bestRound = round + 1;
      validationRows.forEach((row, k) => {
        validationPredictions[k] = 1 / (1 + Math.exp(-booster.margins[row]!));
      });
    } else if (round + 1 - bestRound >= params.earlyStoppingRounds) break;
  }
  const { model, gainByFeature } = booster;
  model.trees.length = Math.max(bestRound, 1);
  return {
    model,
    trainRows,
    validationRows,
    validationLoss,
    validationPredictions,
    bestRound,
    gainByFeature,
  };
}

/**
 * Boosting one round at a time on an already binned matrix: `margins` covers every row of the
 * matrix (trained-on or not), so cross-validation can watch its held-out rows after each round.
 */
export interface Booster {
  model: TreeModel;
  margins: Float64Array;
  gainByFeature: Float64Array;
  step(): void;
}

export function createBooster(
  matrix: BinnedMatrix,
  labels: Uint8Array,
  trainRows: Uint32Array,
  featureNames: readonly string[],
  params: GbdtParams,
  random: Random = createRandom(params.seed),
): Booster {
  const rowCount = matrix.rows;
  const featureCount = matrix.features;
  let positives = 0;
  for (const row of trainRows) positives += labels[row]!;
  const baseRate = clamp((positives + 0.5) / (trainRows.length + 1), 1e-6, 1 - 1e-6);
  const baseScore = Math.fround(Math.log(baseRate / (1 - baseRate)));

  const margins = new Float64Array(rowCount).fill(baseScore);
  const grad = new Float64Array(rowCount);
  const hess = new Float64Array(rowCount);
  const gainByFeature = new Float64Array(featureCount);
  const model: TreeModel = { format: MODEL_FORMAT, featureNames: [...featureNames], baseScore, trees: [] };
  return {
    model,
    margins,
    gainByFeature,
    step() {
      for (const row of trainRows) {
        const p = 1 / (1 + Math.exp(-margins[row]!));
        grad[row] = p - labels[row]!;
        hess[row] = Math.max(p * (1 - p), 1e-16);
      }
      const allowedFeatures = sampleFeatures(featureCount, params.colsample, random);
      const perNode = Math.max(1, Math.round(allowedFeatures.length * params.colsampleByNode));
      const grown = growTree(matrix, grad, hess, sampleRows(trainRows, params.subsample, random), {
        maxDepth: params.maxDepth,
        minSamplesLeaf: params.minSamplesLeaf,
        minChildWeight: params.minChildWeight,
        l2: params.l2,
        minSplitGain: params.minSplitGain,
        leafScale: params.learningRate,
        allowedFeatures,
        ...(perNode < allowedFeatures.length ? { featuresPerNode: perNode } : {}),
        random,
      });
      model.trees.push(grown.tree);
      for (let k = 0; k < featureCount; k++) gainByFeature[k]! += grown.gainByFeature[k]!;
      for (let row = 0; row < rowCount; row++)
        margins[row]! += grown.tree.value[leafOfBinned(grown, matrix, row)]!;
    },
  };
}

function allRows(count: number): [Uint32Array, Uint32Array] {
  return [Uint32Array.from({ length: count }, (_, i) => i), new Uint32Array(0)];
}

function sampleRows(rows: Uint32Array, fraction: number, random: Random): Uint32Array {
  if (fraction >= 1) return rows;
  const drawn = Uint32Array.from(rows);
  shuffle(drawn, random);
  return drawn.subarray(0, Math.max(1, Math.round(rows.length * fraction))).sort();
}

function sampleFeatures(count: number, fraction: number, random: Random): Uint32Array {
  const all = Uint32Array.from({ length: count }, (_, i) => i);
  if (fraction >= 1) return all;
  shuffle(all, random);
  return all.subarray(0, Math.max(1, Math.round(count * fraction))).sort();
}

function monitoredLoss(margins: Float64Array, labels: Uint8Array, rows: Uint32Array): number {
  const probabilities = new Float64Array(rows.length);
  const truth = new Uint8Array(rows.length);
  rows.forEach((row, k) => {
    probabilities[k] = 1 / (1 + Math.exp(-margins[row]!));
    truth[k] = labels[row]!;
  });
  return logLoss(truth, probabilities);
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}

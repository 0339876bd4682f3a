import type { TreeModel } from '../model.js';
import { binMatrix, fitBinEdges } from './binning.js';
import { fitPlatt } from './calibration.js';
import { affineModel, blendModels } from './combine.js';
import {
  type CrossValidated,
  crossValidateForest,
  crossValidateGbdt,
  crossValidateLogistic,
  type Folds,
  foldMatrix,
  rowsOf,
  scoreOutOfFold,
  stratifiedFolds,
} from './cross-validation.js';
import { FOREST_PARAMS, trainForest } from './forest.js';
import { createBooster, DEFAULT_GBDT_PARAMS, type GbdtParams } from './gbdt.js';
import { logisticAsModel, trainLogistic } from './logistic.js';
import { createRandom } from './random.js';

/**
 * Which learner fits this table: every candidate is scored by k-fold cross-validation on the
 * training rows only, the best mean fold AUC wins (ties go to the lower log loss), and it is
 * refitted on all of them. Candidates: a small GBDT grid (depth, learning rate, leaf size, L2;
 * rounds by early stopping on the folds), logistic regression over an L2 path, blends of the best
 * of each, and, when asked for, a random forest.
 */
export const MODEL_KINDS = ['gbdt', 'logistic', 'blend', 'forest'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/**
 * The kinds tried unless a caller names others. A random forest (forest.ts) is opt-in: from a few
 * thousand rows its 100 deep trees score 10,000 leads in 14–52 ms (the goal is 5) and take 4–31 ms
 * to explain one lead, for gains in test AUC of 0.0005 or less on the bench (README).
 */
export const DEFAULT_KINDS: readonly ModelKind[] = ['gbdt', 'logistic', 'blend'];

export interface CandidateScore {
  name: string;
  kind: ModelKind;
  /** GBDT: the grid point and the rounds chosen; logistic: l2; blend: the GBDT weight. */
  params: Record<string, number>;
  /** Mean over folds of the fold AUC. */
  cvAuc: number;
  cvLogLoss: number;
  foldAuc: number[];
}

/**
 * Whether `candidate` beats `best`: a higher mean fold AUC, or the same AUC and a lower log loss.
 * AUC only ranks, so on a table every candidate separates perfectly (wine) they all tie at 1; the
 * log loss, a proper score, still tells which one is surer of the right answers.
 */
const beats = (candidate: CandidateScore, best: CandidateScore) =>
  candidate.cvAuc > best.cvAuc || (candidate.cvAuc === best.cvAuc && candidate.cvLogLoss < best.cvLogLoss);

/** The candidate that beats the others (`beats`), if there is one. */
const bestOf = <Candidate extends CandidateScore>(candidates: readonly Candidate[]) =>
  candidates.reduce<Candidate | undefined>(
    (best, candidate) => (!best || beats(candidate, best) ? candidate : best),
    undefined,
  );

/** The best candidate of `kind`, if there is one. */
export function bestCandidateOf<Candidate extends CandidateScore>(
  candidates: readonly Candidate[],
  kind: ModelKind,
): Candidate | undefined {
  return bestOf(candidates.filter((candidate) => candidate.kind === kind));
}

export interface SelectionOptions {
  seed: number;
  /** Folds (default 5, or 3 above 3,000 rows to keep training within seconds). */
  folds?: number;
  /** Which kinds may be chosen (default `DEFAULT_KINDS`). */
  kinds?: readonly ModelKind[];
  /** GBDT parameters held fixed across the grid (e.g. a smaller `minSamplesLeaf`). */
  gbdt?: Partial<GbdtParams>;
  /**
   * Input columns holding category codes ordered by their positive rate on these rows (as
   * `fitTableEncoding` makes them): one-hot in the logistic model, ordered again per fold by the
   * fold's own rows in the GBDT's cross-validation (`foldMatrix`).
   */
  categorical?: readonly boolean[];
}

export interface Selection {
  folds: Folds;
  candidates: CandidateScore[];
  chosen: CandidateScore;
  /** Out-of-fold margins of the chosen candidate (for calibration and the run record). */
  outOfFold: Float64Array;
  /** The chosen candidate refitted on every training row. */
  model: TreeModel;
  /** Refits any candidate by name on every training row (the bench scores each kind's best). */
  refit(name: string): TreeModel;
}

/** The grid: shallow and deep, fast and slow, small leaves for small tables, a forest-like point. */
export const GBDT_GRID: readonly Partial<GbdtParams>[] = [
  { maxDepth: 3, learningRate: 0.1, minSamplesLeaf: 20, l2: 1 },
  { maxDepth: 5, learningRate: 0.1, minSamplesLeaf: 20, l2: 1 },
  { maxDepth: 4, learningRate: 0.05, minSamplesLeaf: 10, l2: 5 },
  { maxDepth: 6, learningRate: 0.1, minSamplesLeaf: 5, l2: 10, colsampleByNode: 0.5 },
];
export const LOGISTIC_L2: readonly number[] = [0.1, 1, 10, 100];
export const BLEND_WEIGHTS: readonly number[] = [0.25, 0.5, 0.75];

export function selectModel(
  data: Float32Array,
  labels: Uint8Array,
  featureNames: readonly string[],
  options: SelectionOptions,
): Selection {
  const width = featureNames.length;
  const rows = labels.length;
  let positives = 0;
  for (const label of labels) positives += label;
  const minority = Math.min(positives, rows - positives);
  const foldCount = Math.max(2, Math.min(options.folds ?? (rows > 3000 ? 3 : 5), minority));
  if (minority < 2) throw new Error('cross-validation needs at least two rows of each class');
  const folds = stratifiedFolds(labels, foldCount, createRandom(options.seed));
  const kinds = new Set(options.kinds ?? DEFAULT_KINDS);
  const candidates: (CandidateScore & { outOfFold: Float64Array })[] = [];
  const record = (candidate: Omit<CandidateScore, 'cvAuc' | 'cvLogLoss' | 'foldAuc'>, cv: CrossValidated) => {
    candidates.push({
      ...candidate,
      cvAuc: cv.auc,
      cvLogLoss: cv.logLoss,
      foldAuc: cv.foldAuc,
      outOfFold: cv.margins,
    });
  };

  const allRows = Uint32Array.from({ length: rows }, (_, i) => i);
  // Bin edges come from every training row's values (no labels), shared by all folds and the refit;
  // categorical columns, whose order came from labels, are ordered again per fold (foldMatrix).
  const matrix = binMatrix(data, rows, fitBinEdges(data, width, allRows, DEFAULT_GBDT_PARAMS.maxBins));
  const foldMatrices = Array.from({ length: foldCount }, (_, fold) =>
    foldMatrix(data, matrix, labels, rowsOf(folds, fold, false), {
      categorical: options.categorical,
      maxBins: DEFAULT_GBDT_PARAMS.maxBins,
    }),
  );
  const leafCap = Math.max(3, Math.round((rows * (foldCount - 1)) / foldCount / 20));
  const gridParams = (point: Partial<GbdtParams>): GbdtParams => ({
    ...DEFAULT_GBDT_PARAMS,
    ...point,
    minSamplesLeaf: Math.min(point.minSamplesLeaf ?? DEFAULT_GBDT_PARAMS.minSamplesLeaf, leafCap),
    seed: options.seed,
    ...options.gbdt,
  });

  if (kinds.has('gbdt') || kinds.has('blend')) {
    GBDT_GRID.forEach((point, k) => {
      const params = gridParams(point);
      const cv = crossValidateGbdt(foldMatrices, labels, folds, featureNames, params);
      record(
        {
          name: `gbdt-${k + 1}`,
          kind: 'gbdt',
          params: {
            maxDepth: params.maxDepth,
            learningRate: params.learningRate,
            minSamplesLeaf: params.minSamplesLeaf,
            l2: params.l2,
            colsampleByNode: params.colsampleByNode,
            rounds: cv.rounds,
          },
        },
        cv,
      );
    });
  }
  if (kinds.has('logistic') || kinds.has('blend')) {
    const path = crossValidateLogistic(data, labels, folds, width, LOGISTIC_L2, options.categorical);
    path.forEach((cv, k) => {
      record(
        { name: `logistic-l2-${LOGISTIC_L2[k]}`, kind: 'logistic', params: { l2: LOGISTIC_L2[k]! } },
        cv,
      );
    });
  }
  // The forest's margin is its mean positive share; a Platt fit on its out-of-fold margins maps
  // it to log-odds, as every other candidate's margin is (the tie-break compares log losses and
  // the calibration reads the margins), and the same map is folded into its refit.
  let forestLogOdds = { scale: 1, shift: 0 };
  if (kinds.has('forest')) {
    const shares = crossValidateForest(
      foldMatrices,
      labels,
      folds,
      featureNames,
      FOREST_PARAMS,
      options.seed,
    );
    forestLogOdds = fitPlatt(shares.margins, labels);
    const { scale, shift } = forestLogOdds;
    record(
      { name: 'forest', kind: 'forest', params: { ...FOREST_PARAMS } },
      scoreOutOfFold(
        labels,
        folds,
        shares.margins.map((share) => scale * share + shift),
      ),
    );
  }
  const gbdtWinner = bestCandidateOf(candidates, 'gbdt');
  const logisticWinner = bestCandidateOf(candidates, 'logistic');
  if (kinds.has('blend') && gbdtWinner && logisticWinner) {
    for (const weight of BLEND_WEIGHTS) {
      const margins = gbdtWinner.outOfFold.map(
        (g, i) => weight * g + (1 - weight) * logisticWinner.outOfFold[i]!,
      );
      record(
        { name: `blend-${weight}`, kind: 'blend', params: { gbdtWeight: weight } },
        scoreOutOfFold(labels, folds, margins),
      );
    }
  }

  const winner = bestOf(candidates.filter((candidate) => kinds.has(candidate.kind)));
  if (!winner) throw new Error('no model kind to choose from');

  const byName = new Map(candidates.map((candidate) => [candidate.name, candidate]));
  const refitGbdt = (candidate: CandidateScore): TreeModel => {
    const point = GBDT_GRID[Number(candidate.name.slice('gbdt-'.length)) - 1]!;
    // Each fold's model saw (k − 1)/k of the rows; the refit sees them all, so it gets more rounds.
    const rounds = Math.max(1, Math.round((candidate.params.rounds! * foldCount) / (foldCount - 1)));
    const booster = createBooster(matrix, labels, allRows, featureNames, { ...gridParams(point), rounds });
    for (let round = 0; round < rounds; round++) booster.step();
    return booster.model;
  };
  const refitLogistic = (candidate: CandidateScore): TreeModel =>
    logisticAsModel(
      trainLogistic(data, labels, width, {
        l2: candidate.params.l2!,
        ...(options.categorical ? { categorical: options.categorical } : {}),
      }),
      featureNames,
      data,
    );
  const refit = (name: string): TreeModel => {
    const candidate = byName.get(name);
    if (!candidate) throw new Error(`no candidate named ${name}`);
    if (candidate.kind === 'gbdt') return refitGbdt(candidate);
    if (candidate.kind === 'logistic') return refitLogistic(candidate);
    if (candidate.kind === 'forest') {
      const forest = trainForest(
        matrix,
        labels,
        allRows,
        featureNames,
        FOREST_PARAMS,
        createRandom(options.seed),
      );
      return affineModel(forest.model, forestLogOdds.scale, forestLogOdds.shift);
    }
    return blendModels(refitGbdt(gbdtWinner!), refitLogistic(logisticWinner!), candidate.params.gbdtWeight!);
  };

  const strip = ({ outOfFold: _, ...candidate }: CandidateScore & { outOfFold: Float64Array }) => candidate;
  return {
    folds,
    candidates: candidates.map(strip),
    chosen: strip(winner),
    outOfFold: winner.outOfFold,
    model: refit(winner.name),
    refit,
  };
}

import type { TreeModel } from '../model.js';
import { binMatrix, fitBinEdges } from './binning.js';
import { blendModels } from './combine.js';
import {
  type CrossValidated,
  crossValidateGbdt,
  crossValidateLogistic,
  type Folds,
  scoreOutOfFold,
  stratifiedFolds,
} from './cross-validation.js';
import { createBooster, DEFAULT_GBDT_PARAMS, type GbdtParams } from './gbdt.js';
import { logisticAsModel, trainLogistic } from './logistic.js';
import { createRandom } from './random.js';

/**
 * Which learner fits this table: every candidate is scored by two repetitions of stratified k-fold
 * cross-validation on the training rows only (2 × k folds), and the choice is `chooseCandidate`'s
 * (the best mean fold AUC, or blend-0.5 when it is within one standard error of the best); the
 * chosen candidate is refitted on all rows. Candidates: a small GBDT grid (depth, learning rate,
 * leaf size, L2; rounds by early stopping on the first repetition's folds), logistic regression
 * over an L2 path, and blends of the best of each.
 */
export type ModelKind = 'gbdt' | 'logistic' | 'blend';

export interface CandidateScore {
  name: string;
  kind: ModelKind;
  /** GBDT: the grid point and the rounds chosen; logistic: l2; blend: the GBDT weight. */
  params: Record<string, number>;
  /** Mean of the fold AUCs over both repetitions (2 × k folds). */
  cvAuc: number;
  /** Mean over the two repetitions of the out-of-fold log loss. */
  cvLogLoss: number;
  /** The first repetition's k fold AUCs, then the second's. */
  foldAuc: number[];
}

/** Which rule of `chooseCandidate` made the choice. */
export type SelectionRule = 'best mean' | 'within one SE of the best: blend-0.5';

export interface SelectionOptions {
  seed: number;
  /** Folds (default 5, or 3 above 3,000 rows to keep training within seconds). */
  folds?: number;
  /** Which kinds may be chosen (default all). */
  kinds?: readonly ModelKind[];
  /** GBDT parameters held fixed across the grid (e.g. a smaller `minSamplesLeaf`). */
  gbdt?: Partial<GbdtParams>;
  /** Input columns holding category codes (one-hot in the logistic model). */
  categorical?: readonly boolean[];
}

export interface Selection {
  /** The first repetition's folds (the out-of-fold margins and the calibration use these). */
  folds: Folds;
  /** Folds of the second repetition, dealt from its own shuffle. */
  repeatFolds: Folds;
  rule: SelectionRule;
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

/**
 * The selection rule (pre-registered on dev splits, seeds 101–108; see the README): the candidate
 * with the best mean fold AUC, unless blend-0.5 is within one standard error of it, in which case
 * blend-0.5. Fold-to-fold noise is of the size of the differences between the top candidates, so
 * within that noise the even blend is preferred as the least committed to either kind. SE is the
 * sample standard deviation of the best candidate's fold AUCs over √(number of folds).
 */
export function chooseCandidate<C extends Pick<CandidateScore, 'name' | 'cvAuc' | 'foldAuc'>>(
  eligible: readonly C[],
): { chosen: C; rule: SelectionRule } {
  if (eligible.length === 0) throw new Error('no model kind to choose from');
  // Ties keep the earlier candidate (grid order), so the choice does not depend on float noise in sorting.
  const best = eligible.reduce((top, candidate) => (candidate.cvAuc > top.cvAuc ? candidate : top));
  const blend = eligible.find((candidate) => candidate.name === 'blend-0.5');
  if (!blend || blend === best) return { chosen: best, rule: 'best mean' };
  const n = best.foldAuc.length;
  const variance = best.foldAuc.reduce((sum, x) => sum + (x - best.cvAuc) ** 2, 0) / (n - 1);
  const standardError = Math.sqrt(variance / n);
  // With one fold there is no SE (NaN), and the comparison is false: the best mean stands.
  if (blend.cvAuc >= best.cvAuc - standardError)
    return { chosen: blend, rule: 'within one SE of the best: blend-0.5' };
  return { chosen: best, rule: 'best mean' };
}

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
  const random = createRandom(options.seed);
  const folds = stratifiedFolds(labels, foldCount, random);
  // One k-fold split's mean AUC moves with the luck of the split as much as the top candidates
  // differ; a second repetition, dealt from the same seeded stream, averages some of that away.
  const repeatFolds = stratifiedFolds(labels, foldCount, random);
  const kinds = new Set(options.kinds ?? ['gbdt', 'logistic', 'blend']);
  type Scored = CandidateScore & { outOfFold: Float64Array; repeatOutOfFold: Float64Array };
  const candidates: Scored[] = [];
  const record = (
    candidate: Omit<CandidateScore, 'cvAuc' | 'cvLogLoss' | 'foldAuc'>,
    cv: CrossValidated,
    repeat: CrossValidated,
  ) => {
    const foldAuc = [...cv.foldAuc, ...repeat.foldAuc];
    const scored = {
      ...candidate,
      cvAuc: foldAuc.reduce((sum, x) => sum + x, 0) / foldAuc.length,
      cvLogLoss: (cv.logLoss + repeat.logLoss) / 2,
      foldAuc,
      // The first repetition's margins are the ones calibration and the run record use.
      outOfFold: cv.margins,
      repeatOutOfFold: repeat.margins,
    };
    candidates.push(scored);
    return scored;
  };

  const allRows = Uint32Array.from({ length: rows }, (_, i) => i);
  // Bin edges come from every training row's values (no labels), shared by all folds and the refit.
  const matrix = binMatrix(data, rows, fitBinEdges(data, width, allRows, DEFAULT_GBDT_PARAMS.maxBins));
  const leafCap = Math.max(3, Math.round((rows * (foldCount - 1)) / foldCount / 20));
  const gridParams = (point: Partial<GbdtParams>): GbdtParams => ({
    ...DEFAULT_GBDT_PARAMS,
    ...point,
    minSamplesLeaf: Math.min(point.minSamplesLeaf ?? DEFAULT_GBDT_PARAMS.minSamplesLeaf, leafCap),
    seed: options.seed,
    ...options.gbdt,
  });

  let bestGbdt: ReturnType<typeof record> | null = null;
  if (kinds.has('gbdt') || kinds.has('blend')) {
    GBDT_GRID.forEach((point, k) => {
      const params = gridParams(point);
      const cv = crossValidateGbdt(matrix, labels, folds, featureNames, params);
      // The repetition reuses the first one's rounds: the refit's rounds then come from one place.
      const repeat = crossValidateGbdt(matrix, labels, repeatFolds, featureNames, params, cv.rounds);
      const scored = record(
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
        repeat,
      );
      if (!bestGbdt || scored.cvAuc > bestGbdt.cvAuc) bestGbdt = scored;
    });
  }
  let bestLogistic: ReturnType<typeof record> | null = null;
  if (kinds.has('logistic') || kinds.has('blend')) {
    const path = crossValidateLogistic(data, labels, folds, width, LOGISTIC_L2, options.categorical);
    const repeatPath = crossValidateLogistic(
      data,
      labels,
      repeatFolds,
      width,
      LOGISTIC_L2,
      options.categorical,
    );
    path.forEach((cv, k) => {
      const scored = record(
        { name: `logistic-l2-${LOGISTIC_L2[k]}`, kind: 'logistic', params: { l2: LOGISTIC_L2[k]! } },
        cv,
        repeatPath[k]!,
      );
      if (!bestLogistic || scored.cvAuc > bestLogistic.cvAuc) bestLogistic = scored;
    });
  }
  const gbdtWinner = bestGbdt as ReturnType<typeof record> | null;
  const logisticWinner = bestLogistic as ReturnType<typeof record> | null;
  if (kinds.has('blend') && gbdtWinner && logisticWinner) {
    // A blend is scored on each repetition from that repetition's out-of-fold margins.
    const blend = (weight: number, g: Float64Array, l: Float64Array) =>
      g.map((margin, i) => weight * margin + (1 - weight) * l[i]!);
    for (const weight of BLEND_WEIGHTS) {
      record(
        { name: `blend-${weight}`, kind: 'blend', params: { gbdtWeight: weight } },
        scoreOutOfFold(labels, folds, blend(weight, gbdtWinner.outOfFold, logisticWinner.outOfFold)),
        scoreOutOfFold(
          labels,
          repeatFolds,
          blend(weight, gbdtWinner.repeatOutOfFold, logisticWinner.repeatOutOfFold),
        ),
      );
    }
  }

  const eligible = candidates.filter((candidate) => kinds.has(candidate.kind));
  const { chosen: winner, rule } = chooseCandidate(eligible);

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
    return blendModels(refitGbdt(gbdtWinner!), refitLogistic(logisticWinner!), candidate.params.gbdtWeight!);
  };

  const strip = ({ outOfFold: _, repeatOutOfFold: __, ...candidate }: Scored) => candidate;
  return {
    folds,
    repeatFolds,
    rule,
    candidates: candidates.map(strip),
    chosen: strip(winner),
    outOfFold: winner.outOfFold,
    model: refit(winner.name),
    refit,
  };
}

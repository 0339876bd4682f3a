import { explain } from '../explain.js';
import { predictMargin, sigmoid, type TreeModel } from '../model.js';
import { profileTraining } from '../monitor.js';
import { calibrateOutOfFold } from './calibration.js';
import { affineModel } from './combine.js';
import { checkGbdtParams, DEFAULT_GBDT_PARAMS, type GbdtParams } from './gbdt.js';
import { evaluate } from './metrics.js';
import { hashData, hashModel, LIBRARY, type RunRecord } from './run.js';
import { bestCandidateOf, type ModelKind, selectModel } from './select-model.js';

export interface TrainingRow {
  /** Feature values in `featureNames` order; NaN = missing. */
  features: ArrayLike<number>;
  /** Whether the outcome happened (e.g. the lead converted). */
  label: boolean | 0 | 1;
}

export interface TrainModelOptions {
  featureNames: readonly string[];
  /** `seed` (default 42) fixes every random choice; other GBDT parameters given here are held fixed across the grid. */
  params?: Partial<GbdtParams>;
  /**
   * Input columns that hold category codes ordered by their positive rate on these rows, as
   * `fitTableEncoding` makes them (one-hot encoded by the logistic candidates; re-ordered per fold
   * by each fold's own rows when the GBDT candidates are cross-validated).
   */
  categorical?: readonly boolean[];
  /** Which kinds of model may be chosen (default: gbdt, logistic, blend; `forest` is opt-in). */
  kinds?: readonly ModelKind[];
  /** Cross-validation folds (default 5; 3 above 3,000 rows). */
  folds?: number;
  /** Platt-calibrate on the out-of-fold margins when that lowers the cross-fitted log loss (default true). */
  calibrate?: boolean;
}

export interface TrainingResult {
  model: TreeModel;
  run: RunRecord;
  /** Refits another candidate of `run.selection` on the same rows, uncalibrated (for comparisons). */
  refit(candidate: string): TreeModel;
}

/** Rows the feature importances are averaged over (a sample keeps training time flat). */
const IMPORTANCE_ROWS = 400;

/**
 * Refuses what training would misread: labels other than 0 and 1 (a 2 would count as neither class
 * in one place and as positive in another), infinite values (NaN is the missing value; an infinity
 * turns the logistic candidates' standardisation into NaN), and parameters out of range.
 */
function checkTrainingInput(
  data: Float32Array,
  labels: Uint8Array,
  featureNames: readonly string[],
  options: TrainModelOptions,
): void {
  const badLabel = labels.findIndex((label) => label > 1);
  if (badLabel >= 0) throw new RangeError(`label ${badLabel} is ${labels[badLabel]}: labels are 0 or 1`);
  const width = featureNames.length;
  for (let i = 0; i < data.length; i++) {
    const value = data[i]!;
    if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY)
      throw new RangeError(
        `row ${Math.floor(i / width)}, feature ${featureNames[i % width]} is ${value}: give a finite number, or NaN for a missing value`,
      );
  }
  checkGbdtParams(options.params ?? {});
  if (options.folds !== undefined && !(Number.isInteger(options.folds) && options.folds >= 2))
    throw new RangeError(`folds must be an integer of at least 2, not ${options.folds}`);
  if (options.categorical && options.categorical.length !== width)
    throw new RangeError(
      `categorical has ${options.categorical.length} entries; there are ${width} features`,
    );
}

/** Chooses, trains and calibrates a model on rows and returns it with its run record. Pure: no I/O. */
export async function trainModel(
  rows: readonly TrainingRow[],
  options: TrainModelOptions,
): Promise<TrainingResult> {
  const width = options.featureNames.length;
  const data = new Float32Array(rows.length * width);
  const labels = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    if (row.features.length !== width)
      throw new Error(`row ${i} has ${row.features.length} features, expected ${width}`);
    for (let k = 0; k < width; k++) data[i * width + k] = row.features[k]!;
    labels[i] = row.label ? 1 : 0;
  });
  return trainModelOnMatrix(data, labels, options);
}

/**
 * The same on a row-major float32 matrix, which is how the CSV pipeline hands data over. Every
 * candidate is judged by cross-validation on these rows only (see select-model.ts); a caller that
 * wants a held-out figure keeps its test rows out of `data` and scores them once at the end.
 */
export async function trainModelOnMatrix(
  data: Float32Array,
  labels: Uint8Array,
  options: TrainModelOptions,
): Promise<TrainingResult> {
  const featureNames = [...options.featureNames];
  const width = featureNames.length;
  if (data.length !== labels.length * width) throw new Error('data length must be rows × features');
  checkTrainingInput(data, labels, featureNames, options);
  const seed = options.params?.seed ?? DEFAULT_GBDT_PARAMS.seed;
  const started = performance.now();
  const { seed: _, ...fixed } = options.params ?? {};
  const selection = selectModel(data, labels, featureNames, {
    seed,
    gbdt: fixed,
    ...(options.categorical ? { categorical: options.categorical } : {}),
    ...(options.kinds ? { kinds: options.kinds } : {}),
    ...(options.folds ? { folds: options.folds } : {}),
  });
  const { platt, report } = calibrateOutOfFold(selection.outOfFold, labels, selection.folds);
  const calibrated = (options.calibrate ?? true) && report.applied;
  const model = calibrated ? affineModel(selection.model, platt.scale, platt.shift) : selection.model;
  const trainingTimeMs = performance.now() - started;

  const rowOf = (i: number) => data.subarray(i * width, (i + 1) * width);
  const trainingScores = Array.from({ length: labels.length }, (_, i) =>
    sigmoid(predictMargin(model, rowOf(i))),
  );
  const training = evaluate(labels, trainingScores);
  // Out-of-fold predictions, calibrated the way the model is (cross-fitted), are the honest figure.
  const outOfFold = Array.from(selection.outOfFold, (margin) =>
    sigmoid(calibrated ? platt.scale * margin + platt.shift : margin),
  );
  const validation = evaluate(labels, outOfFold);
  const bestLogistic = bestCandidateOf(selection.candidates, 'logistic');

  let positives = 0;
  for (const label of labels) positives += label;
  const run: RunRecord = {
    format: 'hidden-key.run.v2',
    library: { ...LIBRARY },
    algorithm: selection.chosen.kind,
    createdAt: new Date().toISOString(),
    trainingTimeMs: Math.round(trainingTimeMs),
    params: { seed, ...selection.chosen.params },
    data: {
      rows: labels.length,
      positives,
      features: featureNames,
      hash: await hashData(data, labels, featureNames),
    },
    model: {
      hash: await hashModel(model),
      trees: model.trees.length,
      linearTerms: model.linear?.length ?? 0,
    },
    selection: {
      method: `${selection.folds.count}-fold stratified cross-validation on the training rows, best mean fold AUC (ties: lower log loss)`,
      folds: selection.folds.count,
      chosen: selection.chosen.name,
      candidates: selection.candidates,
    },
    calibration: { ...report, applied: calibrated },
    metrics: {
      validation,
      training,
      logisticBaseline: bestLogistic ? { auc: bestLogistic.cvAuc, logLoss: bestLogistic.cvLogLoss } : null,
    },
    featureImportance: importance(model, data, labels.length),
    profile: profileTraining(featureNames, data, trainingScores),
  };
  return { model, run, refit: selection.refit };
}

/** Mean |contribution| per feature over a spread sample of the training rows, largest first. */
function importance(model: TreeModel, data: Float32Array, rows: number): RunRecord['featureImportance'] {
  const width = model.featureNames.length;
  const totals = new Float64Array(width);
  const step = Math.max(1, Math.floor(rows / IMPORTANCE_ROWS));
  let count = 0;
  for (let i = 0; i < rows; i += step, count++) {
    for (const entry of explain(model, data.subarray(i * width, (i + 1) * width)).contributions)
      totals[entry.index]! += Math.abs(entry.contribution);
  }
  return model.featureNames
    .map((feature, k) => ({ feature, meanAbsContribution: totals[k]! / Math.max(count, 1) }))
    .sort((a, b) => b.meanAbsContribution - a.meanAbsContribution);
}

import { predictMargin, sigmoid, type TreeModel } from '../model.js';
import { DEFAULT_GBDT_PARAMS, type GbdtParams, trainGbdt } from './gbdt.js';
import { predictLogistic, trainLogistic } from './logistic.js';
import { evaluate } from './metrics.js';
import { hashData, hashModel, LIBRARY, type RunRecord } from './run.js';

export interface TrainingRow {
  /** Feature values in `featureNames` order; NaN = missing. */
  features: ArrayLike<number>;
  /** Whether the outcome happened (e.g. the lead converted). */
  label: boolean | 0 | 1;
}

export interface TrainModelOptions {
  featureNames: readonly string[];
  params?: Partial<GbdtParams>;
  /** Input columns that hold category codes (for the logistic baseline's one-hot encoding). */
  categorical?: readonly boolean[];
}

export interface TrainingResult {
  model: TreeModel;
  run: RunRecord;
}

/** Trains the gradient-boosted model on rows and returns it with its run record. Pure: no I/O. */
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

/** The same on a row-major float32 matrix, which is how the CSV pipeline hands data over. */
export async function trainModelOnMatrix(
  data: Float32Array,
  labels: Uint8Array,
  options: TrainModelOptions,
): Promise<TrainingResult> {
  const featureNames = [...options.featureNames];
  const width = featureNames.length;
  const params = { ...DEFAULT_GBDT_PARAMS, ...options.params };
  const started = performance.now();
  const result = trainGbdt(data, labels, featureNames, params);
  const trainingTimeMs = performance.now() - started;
  const { model, validationRows, validationPredictions } = result;

  const rowOf = (i: number) => data.subarray(i * width, (i + 1) * width);
  const pick = (rows: ArrayLike<number>) => Uint8Array.from(rows as ArrayLike<number>, (i) => labels[i]!);
  const allRows = Uint32Array.from({ length: labels.length }, (_, i) => i);
  const training = evaluate(
    labels,
    Array.from(allRows, (i) => sigmoid(predictMargin(model, rowOf(i)))),
  );
  const validation = validationRows.length > 0 ? evaluate(pick(validationRows), validationPredictions) : null;

  let logisticBaseline: RunRecord['metrics']['logisticBaseline'] = null;
  if (validationRows.length > 0) {
    const fitRows =
      result.trainRows.length === labels.length ? splitOff(allRows, validationRows) : result.trainRows;
    const fitData = new Float32Array(fitRows.length * width);
    fitRows.forEach((row, k) => {
      fitData.set(rowOf(row), k * width);
    });
    const logistic = trainLogistic(fitData, pick(fitRows), width, {
      ...(options.categorical ? { categorical: options.categorical } : {}),
    });
    const { auc, logLoss, accuracy } = evaluate(
      pick(validationRows),
      Array.from(validationRows, (row) => predictLogistic(logistic, rowOf(row))),
    );
    logisticBaseline = { auc, logLoss, accuracy };
  }

  let positives = 0;
  for (const label of labels) positives += label;
  const run: RunRecord = {
    format: 'hidden-key.run.v1',
    library: { ...LIBRARY },
    algorithm: 'gbdt',
    createdAt: new Date().toISOString(),
    trainingTimeMs: Math.round(trainingTimeMs),
    params,
    data: {
      rows: labels.length,
      positives,
      features: featureNames,
      hash: await hashData(data, labels, featureNames),
    },
    model: { hash: await hashModel(model), trees: model.trees.length, bestRound: result.bestRound },
    metrics: { validation, training, logisticBaseline },
    featureImportance: featureNames
      .map((feature, k) => ({ feature, gain: result.gainByFeature[k]! }))
      .sort((a, b) => b.gain - a.gain),
  };
  return { model, run };
}

function splitOff(all: Uint32Array, removed: Uint32Array): Uint32Array {
  const drop = new Set(removed);
  return all.filter((row) => !drop.has(row));
}

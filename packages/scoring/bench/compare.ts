import { encodeTable, fitTableEncoding } from '../src/data/table-encoding.js';
import { predictMargin } from '../src/model.js';
import { type GbdtParams, trainGbdt } from '../src/train/gbdt.js';
import { predictLogistic, trainLogistic } from '../src/train/logistic.js';
import { auc } from '../src/train/metrics.js';
import { createRandom, stratifiedSplit } from '../src/train/random.js';
import { predictRandomForest, trainRandomForest } from './random-forest.js';
import type { BenchTable } from './tables.js';

export const BENCH_SEED = 2026;

export interface Comparison {
  table: BenchTable;
  testRows: number;
  trainRows: number;
  features: number;
  gbdt: { auc: number; trainMs: number; trees: number };
  forest: { auc: number; trainMs: number };
  logistic: { auc: number; trainMs: number };
  gbdtResult: ReturnType<typeof trainGbdt>;
  test: ReturnType<typeof encodeTable>;
}

/** One seeded 70/30 stratified split; all three models train on the same 70 % and are scored on the same 30 %. */
export function compareModels(
  table: BenchTable,
  params: Partial<GbdtParams> = {},
  seed = BENCH_SEED,
): Comparison {
  const { header, rows } = table.table;
  const targetIndex = header.indexOf(table.targetColumn);
  const labels = rows.map((row) => (row[targetIndex] === table.positive ? 1 : 0));
  const [trainIdx, testIdx] = stratifiedSplit(labels, 0.3, createRandom(seed));
  const trainRowsRaw = Array.from(trainIdx, (i) => rows[i]!);
  const testRowsRaw = Array.from(testIdx, (i) => rows[i]!);
  const encoding = fitTableEncoding(header, trainRowsRaw, {
    column: table.targetColumn,
    positive: table.positive,
  });
  const train = encodeTable(encoding, header, trainRowsRaw);
  const test = encodeTable(encoding, header, testRowsRaw);
  const width = train.featureNames.length;
  const testRow = (i: number) => test.data.subarray(i * width, (i + 1) * width);

  let started = performance.now();
  const gbdtResult = trainGbdt(train.data, train.labels!, train.featureNames, {
    seed: BENCH_SEED,
    ...params,
  });
  const gbdtMs = performance.now() - started;
  const gbdtScores = Array.from({ length: test.rows }, (_, i) => predictMargin(gbdtResult.model, testRow(i)));

  started = performance.now();
  const forest = trainRandomForest(train.data, train.labels!, width, { seed });
  const forestMs = performance.now() - started;
  const forestScores = predictRandomForest(forest, test.data, test.rows);

  started = performance.now();
  const logistic = trainLogistic(train.data, train.labels!, width, {
    categorical: encoding.columns.map((column) => column.kind === 'categorical'),
  });
  const logisticMs = performance.now() - started;
  const logisticScores = Array.from({ length: test.rows }, (_, i) => predictLogistic(logistic, testRow(i)));

  return {
    table,
    testRows: test.rows,
    trainRows: train.rows,
    features: width,
    gbdt: { auc: auc(test.labels!, gbdtScores), trainMs: gbdtMs, trees: gbdtResult.model.trees.length },
    forest: { auc: auc(test.labels!, forestScores), trainMs: forestMs },
    logistic: { auc: auc(test.labels!, logisticScores), trainMs: logisticMs },
    gbdtResult,
    test,
  };
}

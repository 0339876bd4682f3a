import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv.js';
import { encodeTable, fitTableEncoding } from '../../src/data/table-encoding.js';
import { predictMargin, sigmoid } from '../../src/model.js';
import { trainGbdt } from '../../src/train/gbdt.js';
import { predictLogistic, trainLogistic } from '../../src/train/logistic.js';
import { auc } from '../../src/train/metrics.js';
import { createRandom, stratifiedSplit } from '../../src/train/random.js';
import { rowOf, syntheticData } from '../synthetic.js';

describe('trainGbdt', () => {
  it('learns a synthetic problem with an interaction, better than a linear model', () => {
    const train = syntheticData(4000, 1);
    const test = syntheticData(2000, 2);
    const { model } = trainGbdt(train.data, train.labels, train.featureNames, { seed: 1 });
    const scores = Array.from({ length: test.rows }, (_, i) =>
      predictMargin(model, rowOf(test.data, test.width, i)),
    );
    const logistic = trainLogistic(train.data, train.labels, train.width);
    const linear = Array.from({ length: test.rows }, (_, i) =>
      predictLogistic(logistic, rowOf(test.data, test.width, i)),
    );
    expect(auc(test.labels, scores)).toBeGreaterThan(0.85);
    expect(auc(test.labels, scores)).toBeGreaterThan(auc(test.labels, linear) + 0.03);
  });

  it('learns real data: churn in an extract of wa_churn.csv, scored on a held-out 30 %', () => {
    const table = parseCsv(readFileSync(new URL('../fixtures/wa_churn.sample.csv', import.meta.url), 'utf8'));
    const target = table.header.indexOf('churn');
    const [trainIdx, testIdx] = stratifiedSplit(
      table.rows.map((row) => (row[target] === 'Yes' ? 1 : 0)),
      0.3,
      createRandom(5),
    );
    const trainRows = Array.from(trainIdx, (i) => table.rows[i]!);
    const testRows = Array.from(testIdx, (i) => table.rows[i]!);
    const encoding = fitTableEncoding(table.header, trainRows, { column: 'churn', positive: 'Yes' });
    const train = encodeTable(encoding, table.header, trainRows);
    const test = encodeTable(encoding, table.header, testRows);
    const { model } = trainGbdt(train.data, train.labels!, train.featureNames, { seed: 5 });
    const width = train.featureNames.length;
    const scores = Array.from({ length: test.rows }, (_, i) =>
      predictMargin(model, rowOf(test.data, width, i)),
    );
    expect(auc(test.labels!, scores)).toBeGreaterThan(0.8);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const { data, labels, featureNames } = syntheticData(1500, 3);
    const first = trainGbdt(data, labels, featureNames, { seed: 11, rounds: 40 });
    const again = trainGbdt(data, labels, featureNames, { seed: 11, rounds: 40 });
    const other = trainGbdt(data, labels, featureNames, { seed: 12, rounds: 40 });
    expect(JSON.stringify(again.model)).toBe(JSON.stringify(first.model));
    expect(JSON.stringify(other.model)).not.toBe(JSON.stringify(first.model));

    // Per-split column sampling draws from the same seeded generator.
    const perSplit = { seed: 11, rounds: 40, colsampleByNode: 0.5 };
    const sampled = trainGbdt(data, labels, featureNames, perSplit);
    expect(JSON.stringify(trainGbdt(data, labels, featureNames, perSplit).model)).toBe(
      JSON.stringify(sampled.model),
    );
    expect(JSON.stringify(sampled.model)).not.toBe(JSON.stringify(first.model));
  });

  it('routes missing values by a learned direction', () => {
    // Present values: positive above 0.5. Missing values behave like the high side, or in the
    // second data set like the low side; the root split must send them there.
    const rows = 3000;
    const random = createRandom(9);
    const data = new Float32Array(rows);
    const present = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const missing = random() < 0.3;
      data[i] = missing ? Number.NaN : random();
      present[i] = missing ? 0 : 1;
    }
    const labelsWhenMissing = (missingLabel: number) =>
      present.map((isPresent, i) => (isPresent ? (data[i]! > 0.5 ? 1 : 0) : missingLabel));
    const options = { seed: 9, subsample: 1, colsample: 1, rounds: 30, refit: false };

    const likeHigh = trainGbdt(data, labelsWhenMissing(1), ['x'], options).model;
    expect(likeHigh.trees[0]!.missingLeft[0]).toBe(0);
    expect(sigmoid(predictMargin(likeHigh, [Number.NaN]))).toBeGreaterThan(0.8);
    expect(sigmoid(predictMargin(likeHigh, [0.2]))).toBeLessThan(0.2);

    const likeLow = trainGbdt(data, labelsWhenMissing(0), ['x'], options).model;
    expect(likeLow.trees[0]!.missingLeft[0]).toBe(1);
    expect(sigmoid(predictMargin(likeLow, [Number.NaN]))).toBeLessThan(0.2);
    expect(sigmoid(predictMargin(likeLow, [0.8]))).toBeGreaterThan(0.8);
  });

  it('sends missing values to the heavier side when training saw none', () => {
    const rows = 2000;
    const random = createRandom(4);
    const data = new Float32Array(rows);
    const labels = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      data[i] = random();
      labels[i] = data[i]! > 0.8 ? 1 : 0;
    }
    const { model } = trainGbdt(data, labels, ['x'], { seed: 4, subsample: 1, rounds: 5, refit: false });
    const root = model.trees[0]!;
    expect(root.missingLeft[0]).toBe(1);
    expect(sigmoid(predictMargin(model, [Number.NaN]))).toBeLessThan(0.5);
  });

  it('stops early when the validation loss stops improving', () => {
    const rows = 2000;
    const random = createRandom(6);
    const data = Float32Array.from({ length: rows * 3 }, () => random());
    const labels = Uint8Array.from({ length: rows }, () => (random() < 0.5 ? 1 : 0));
    const result = trainGbdt(data, labels, ['a', 'b', 'c'], {
      seed: 6,
      rounds: 400,
      earlyStoppingRounds: 15,
      learningRate: 0.3,
      refit: false,
    });
    expect(result.validationLoss.length).toBeLessThan(400);
    expect(result.validationLoss.length).toBe(result.bestRound + 15);
    expect(result.model.trees.length).toBe(result.bestRound);
    const best = Math.min(...result.validationLoss);
    expect(result.validationLoss[result.bestRound - 1]).toBe(best);
  });

  it('refits on every row with the number of rounds early stopping chose, scaled up', () => {
    const { data, labels, featureNames } = syntheticData(2000, 8);
    const result = trainGbdt(data, labels, featureNames, { seed: 8, validationFraction: 0.2 });
    expect(result.model.trees.length).toBe(Math.round(result.bestRound / 0.8));
    expect(result.trainRows.length).toBe(2000);
    expect(result.validationRows.length).toBe(400);
  });
});

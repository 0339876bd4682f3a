import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictMargin, sigmoid, type TreeModel } from '../../src/model.js';
import { exportOnnx } from '../../src/onnx/export.js';
import { importOnnx } from '../../src/onnx/import.js';
import { createScorer, type OnnxScorer } from '../../src/onnx/scorer.js';
import { trainGbdt } from '../../src/train/gbdt.js';
import { createTreeScorer } from '../../src/tree-scorer.js';
import { rowOf, syntheticData } from '../synthetic.js';

// Thousands of rows, a fifth of the cells missing (and x4 missing in 30 % of rows), an odd count so
// the batch evaluator's four-row groups end with a partial one.
const train = syntheticData(3000, 21);
const test = syntheticData(5003, 22);
let model: TreeModel;
let onnxBytes: Uint8Array;
let onnx: OnnxScorer;

beforeAll(async () => {
  model = trainGbdt(train.data, train.labels, train.featureNames, { seed: 21, maxDepth: 5 }).model;
  onnxBytes = exportOnnx(model);
  onnx = await createScorer({ model: onnxBytes, features: train.width });
});
afterAll(() => onnx?.release());

const reference = () =>
  Array.from({ length: test.rows }, (_, i) => sigmoid(predictMargin(model, rowOf(test.data, test.width, i))));

describe('the trainer, onnxruntime-web and the tree evaluator agree', () => {
  it('the test rows really exercise missing values', () => {
    let rowsWithMissing = 0;
    for (let i = 0; i < test.rows; i++)
      if (rowOf(test.data, test.width, i).some(Number.isNaN)) rowsWithMissing++;
    expect(rowsWithMissing).toBeGreaterThan(test.rows / 2);
    expect(
      model.trees.some((tree) =>
        tree.missingLeft.some((flag, node) => flag === 0 && tree.feature[node]! >= 0),
      ),
    ).toBe(true);
    expect(
      model.trees.some((tree) =>
        tree.missingLeft.some((flag, node) => flag === 1 && tree.feature[node]! >= 0),
      ),
    ).toBe(true);
  });

  it('onnxruntime-web matches the trainer to 1e-6', async () => {
    const { probability, margin } = await onnx.scoreBatch(test.data, test.rows);
    const expected = reference();
    expect(probability.length).toBe(test.rows);
    for (let i = 0; i < test.rows; i++) {
      expect(Math.abs(probability[i]! - expected[i]!)).toBeLessThan(1e-6);
      expect(Math.abs(sigmoid(margin[i]!) - expected[i]!)).toBeLessThan(1e-6);
    }
  });

  it('the tree evaluator matches the trainer, in batches and one row at a time', () => {
    const scorer = createTreeScorer({ model });
    const batch = scorer.scoreBatch(test.data, test.rows);
    const expected = reference();
    for (let i = 0; i < test.rows; i++) {
      expect(Math.abs(batch[i]! - expected[i]!)).toBeLessThan(1e-6);
      expect(Math.abs(scorer.score(Array.from(rowOf(test.data, test.width, i))) - expected[i]!)).toBeLessThan(
        1e-6,
      );
    }
  });

  it('the tree evaluator built from the ONNX file alone matches onnxruntime-web', async () => {
    const fromFile = createTreeScorer({ model: onnxBytes });
    const { probability } = await onnx.scoreBatch(test.data, test.rows);
    const batch = fromFile.scoreBatch(test.data);
    for (let i = 0; i < test.rows; i++) expect(Math.abs(batch[i]! - probability[i]!)).toBeLessThan(1e-6);
  });

  it('one row through onnxruntime-web, and float64 input rounded to float32 like the ONNX input', async () => {
    const row = Float64Array.from(rowOf(test.data, test.width, 7));
    row[0] = (row[0] ?? 0) + 1e-12;
    const expected = sigmoid(predictMargin(model, row));
    expect(Math.abs((await onnx.score(row)) - expected)).toBeLessThan(1e-6);
    expect(Math.abs(createTreeScorer({ model }).score(row) - expected)).toBeLessThan(1e-6);
  });
});

describe('ONNX round trip', () => {
  it('keeps structure, thresholds, leaves, feature names and metadata', () => {
    const bytes = exportOnnx(model, { note: 'hello' });
    const { model: back, metadata } = importOnnx(bytes);
    expect(metadata.note).toBe('hello');
    expect(back.featureNames).toEqual(model.featureNames);
    expect(back.baseScore).toBe(model.baseScore);
    expect(back.trees.length).toBe(model.trees.length);
    for (const [t, tree] of model.trees.entries()) {
      const copy = back.trees[t]!;
      expect(copy.feature).toEqual(tree.feature);
      expect(copy.threshold).toEqual(tree.threshold);
      expect(copy.missingLeft).toEqual(tree.missingLeft);
      tree.feature.forEach((feature, node) => {
        if (feature < 0) expect(copy.value[node]).toBe(tree.value[node]);
      });
    }
  });

  it('rejects a file without a tree ensemble', () => {
    expect(() => importOnnx(new Uint8Array([8, 8]))).toThrow(/TreeEnsembleRegressor/);
  });
});

import { describe, expect, it } from 'vitest';
import { describePlainly, explain } from '../src/explain.js';
import { describeLeadFeature } from '../src/features.js';
import { childOf, predictMargin, sigmoid, type Tree } from '../src/model.js';
import { exportOnnx } from '../src/onnx/export.js';
import { importOnnx } from '../src/onnx/import.js';
import { blendModels } from '../src/train/combine.js';
import { trainGbdt } from '../src/train/gbdt.js';
import { logisticAsModel, trainLogistic } from '../src/train/logistic.js';
import { addTreeShap } from '../src/tree-shap.js';
import { rowOf, syntheticData } from './synthetic.js';

const train = syntheticData(2000, 31);
const { model } = trainGbdt(train.data, train.labels, train.featureNames, { seed: 31 });

describe('explain (exact TreeSHAP)', () => {
  it('gives a split whose other side had no training rows a contribution of 0, not NaN', () => {
    // Root on feature 0: the right child had no cover; the left splits on feature 1 (4 and 6 rows).
    const tree: Tree = {
      feature: [0, 1, -1, -1, -1],
      threshold: [0.5, 0.5, 0, 0, 0],
      left: [1, 3, 0, 0, 0],
      right: [2, 4, 0, 0, 0],
      missingLeft: [1, 1, 0, 0, 0],
      value: [1.4, 1.4, -1, 2, 1],
      cover: [10, 10, 0, 4, 6],
    };
    const phi = new Float64Array(2);
    addTreeShap(tree, [0, 0], phi);
    // The expectation is 1.4 (the right side weighs nothing) and the row's leaf is 2: all of it is feature 1's.
    expect(phi[0]).toBe(0);
    expect(phi[1]).toBeCloseTo(0.6, 12);
  });

  it('bias plus contributions equals the margin, for every row', () => {
    const test = syntheticData(500, 32);
    for (let i = 0; i < test.rows; i++) {
      const row = rowOf(test.data, test.width, i);
      const explanation = explain(model, row);
      const sum = explanation.contributions.reduce(
        (total, entry) => total + entry.contribution,
        explanation.bias,
      );
      expect(sum).toBeCloseTo(predictMargin(model, row), 9);
      expect(explanation.margin).toBeCloseTo(predictMargin(model, row), 12);
      expect(explanation.probability).toBeCloseTo(sigmoid(explanation.margin), 12);
    }
  });

  it('gives each tree the Shapley values of its cover-weighted expectation, by brute force over coalitions', () => {
    // v(S): the tree's expected leaf when the features in S follow the row and the others split by cover.
    const expected = (tree: Tree, row: ArrayLike<number>, inside: Set<number>, node = 0): number => {
      if (tree.feature[node]! < 0) return tree.value[node]!;
      if (inside.has(tree.feature[node]!)) return expected(tree, row, inside, childOf(tree, node, row));
      const left = tree.left[node]!;
      const right = tree.right[node]!;
      const cover = tree.cover[left]! + tree.cover[right]!;
      return (
        (tree.cover[left]! * expected(tree, row, inside, left) +
          tree.cover[right]! * expected(tree, row, inside, right)) /
        cover
      );
    };
    const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
    const n = train.width;
    const test = syntheticData(20, 35);
    for (const tree of model.trees.slice(0, 30)) {
      for (let r = 0; r < test.rows; r++) {
        const row = rowOf(test.data, n, r);
        const phi = new Float64Array(n);
        addTreeShap(tree, row, phi);
        for (let feature = 0; feature < n; feature++) {
          let shapley = 0;
          for (let mask = 0; mask < 1 << n; mask++) {
            if (mask & (1 << feature)) continue;
            const inside = new Set(Array.from({ length: n }, (_, k) => k).filter((k) => mask & (1 << k)));
            const size = inside.size;
            const without = expected(tree, row, inside);
            inside.add(feature);
            shapley +=
              ((factorial(size) * factorial(n - size - 1)) / factorial(n)) *
              (expected(tree, row, inside) - without);
          }
          expect(phi[feature]).toBeCloseTo(shapley, 9);
        }
      }
    }
  });

  it('explains logistic and blended models exactly too (linear terms and lookup trees)', () => {
    const logistic = logisticAsModel(
      trainLogistic(train.data, train.labels, train.width, { l2: 1 }),
      train.featureNames,
      train.data,
    );
    const test = syntheticData(200, 36);
    for (const candidate of [logistic, blendModels(model, logistic, 0.5)]) {
      for (let i = 0; i < test.rows; i++) {
        const row = rowOf(test.data, test.width, i);
        const explanation = explain(candidate, row);
        const sum = explanation.contributions.reduce(
          (total, entry) => total + entry.contribution,
          explanation.bias,
        );
        expect(sum).toBeCloseTo(predictMargin(candidate, row), 8);
      }
    }
    // A missing x4 raises the odds in this data: its contribution says so.
    const withMissing = explain(logistic, [0.5, 0.1, 0.1, 0, Number.NaN]);
    expect(withMissing.contributions[4]!.contribution).toBeGreaterThan(0);
  });

  it('credits the features that drive the outcome, not the noise feature', () => {
    const test = syntheticData(300, 33);
    const magnitude = new Float64Array(train.width);
    for (let i = 0; i < test.rows; i++) {
      for (const entry of explain(model, rowOf(test.data, test.width, i)).contributions) {
        magnitude[entry.index]! += Math.abs(entry.contribution);
      }
    }
    expect(magnitude[0]).toBeGreaterThan(magnitude[3]! * 3);
  });

  it('orders reasons by strength and words them', () => {
    const explanation = explain(model, [0.9, 0.5, 0.5, 0, Number.NaN], { top: 2 });
    expect(explanation.reasons).toHaveLength(2);
    expect(Math.abs(explanation.reasons[0]!.contribution)).toBeGreaterThanOrEqual(
      Math.abs(explanation.reasons[1]!.contribution),
    );
    expect(explanation.reasons[0]!.text).toMatch(/(raises|lowers) the score/);
  });

  it('refuses a row of the wrong width and a top that is not a whole number', () => {
    expect(() => explain(model, [0.9, 0.5])).toThrow(/row has 2 values; the model takes 5 features/);
    expect(() => explain(model, [0.9, 0.5, 0.5, 0, 1], { top: -1 })).toThrow(/top must be a whole number/);
    expect(explain(model, [0.9, 0.5, 0.5, 0, 1], { top: 0 }).reasons).toEqual([]);
  });

  it('works the same on a model read back from ONNX (covers travel in nodes_hitrates)', () => {
    const back = importOnnx(exportOnnx(model)).model;
    const row = rowOf(syntheticData(1, 34).data, train.width, 0);
    const explanation = explain(back, row);
    const sum = explanation.contributions.reduce(
      (total, entry) => total + entry.contribution,
      explanation.bias,
    );
    expect(sum).toBeCloseTo(predictMargin(model, row), 6);
  });

  it('words lead features plainly', () => {
    expect(describeLeadFeature('asking_to_value_ratio', 0.82)).toBe(
      'asking price 18 % under estimated value',
    );
    expect(describeLeadFeature('asking_to_value_ratio', 1.1)).toBe('asking price 10 % over estimated value');
    expect(describeLeadFeature('days_since_last_contact', Number.NaN)).toBe('never contacted');
    expect(describeLeadFeature('has_phone', 0)).toBe('no phone');
    expect(describePlainly('total_charges', Number.NaN)).toBe('total charges is missing');
  });
});

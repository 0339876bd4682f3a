import { describe, expect, it } from 'vitest';
import { describePlainly, explain } from '../src/explain.js';
import { describeLeadFeature } from '../src/features.js';
import { predictMargin, sigmoid } from '../src/model.js';
import { exportOnnx } from '../src/onnx/export.js';
import { importOnnx } from '../src/onnx/import.js';
import { trainGbdt } from '../src/train/gbdt.js';
import { rowOf, syntheticData } from './synthetic.js';

const train = syntheticData(2000, 31);
const { model } = trainGbdt(train.data, train.labels, train.featureNames, { seed: 31 });

describe('explain (Saabas path attribution)', () => {
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

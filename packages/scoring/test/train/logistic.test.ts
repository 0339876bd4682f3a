import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv.js';
import { encodeTable, fitTableEncoding } from '../../src/data/table-encoding.js';
import {
  type LogisticModel,
  predictLogistic,
  trainLogistic,
  trainLogisticPath,
} from '../../src/train/logistic.js';
import { rowOf } from '../synthetic.js';

const table = parseCsv(readFileSync(new URL('../fixtures/wa_churn.sample.csv', import.meta.url), 'utf8'));
const encoding = fitTableEncoding(table.header, table.rows, { column: 'churn', positive: 'Yes' });
const churn = encodeTable(encoding, table.header, table.rows);
const width = churn.featureNames.length;
const categorical = encoding.columns.map((column) => column.kind === 'categorical');

/** What the fit minimises: log loss summed over the rows plus half the L2 penalty (not on the intercept). */
function penalisedLoss(model: LogisticModel, l2: number): number {
  let loss = 0;
  for (let i = 0; i < churn.rows; i++) {
    const p = predictLogistic(model, rowOf(churn.data, width, i));
    loss -= churn.labels![i] ? Math.log(p) : Math.log(1 - p);
  }
  return loss + 0.5 * l2 * model.weights.slice(1).reduce((sum, w) => sum + w * w, 0);
}

describe('trainLogistic', () => {
  it('ends at the minimum of its penalised loss, whatever the penalty', () => {
    for (const l2 of [10, 0.1, 0.001]) {
      const model = trainLogistic(churn.data, churn.labels!, width, { l2, categorical });
      const at = penalisedLoss(model, l2);
      // Moving any weight either way costs loss: the slope is zero in every direction.
      for (let a = 0; a < model.weights.length; a++) {
        for (const step of [1e-3, -1e-3]) {
          const moved = { ...model, weights: model.weights.map((w, k) => (k === a ? w + step : w)) };
          expect(penalisedLoss(moved, l2), `weight ${a}, l2 ${l2}`).toBeGreaterThan(at - 1e-9);
        }
      }
    }
  });

  it('reaches the same weights from zero as along a path warm-started from stronger penalties', () => {
    const fromZero = trainLogistic(churn.data, churn.labels!, width, { l2: 0.001, categorical });
    const [alongPath] = trainLogisticPath(churn.data, churn.labels!, width, {
      l2: [0.001, 100, 1],
      categorical,
    });
    for (const [a, weight] of fromZero.weights.entries())
      expect(alongPath!.weights[a]).toBeCloseTo(weight, 5);
  });
});

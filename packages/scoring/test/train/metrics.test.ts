import { describe, expect, it } from 'vitest';
import { accuracy, auc, calibration, logLoss } from '../../src/train/metrics.js';

describe('metrics', () => {
  it('AUC: 1 for a perfect ranking, 0 for an inverted one, 0.5 for all ties, pairs counted otherwise', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(auc([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1])).toBe(0);
    expect(auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    // Positive 0.4 beats one negative (0.3) and loses to one (0.6); positive 0.9 beats both: 3 of 4 pairs.
    expect(auc([0, 1, 0, 1], [0.3, 0.4, 0.6, 0.9])).toBe(0.75);
  });

  it('log loss and accuracy at 0.5', () => {
    expect(logLoss([1, 0], [0.5, 0.5])).toBeCloseTo(Math.log(2), 12);
    expect(logLoss([1], [0.9])).toBeCloseTo(-Math.log(0.9), 12);
    expect(accuracy([1, 0, 1, 0], [0.7, 0.2, 0.4, 0.6])).toBe(0.5);
  });

  it('calibration bins count rows and compare predicted with observed rates', () => {
    const bins = calibration([1, 0, 1, 1], [0.05, 0.05, 0.95, 0.92]);
    expect(bins).toEqual([
      { from: 0, to: 0.1, count: 2, meanPredicted: 0.05, observedRate: 0.5 },
      { from: 0.9, to: 1, count: 2, meanPredicted: (0.95 + 0.92) / 2, observedRate: 1 },
    ]);
  });
});

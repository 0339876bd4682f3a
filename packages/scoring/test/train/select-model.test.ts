import { describe, expect, it } from 'vitest';
import { chooseCandidate } from '../../src/train/select-model.js';

/** A candidate whose mean is that of its fold AUCs, as selectModel records it. */
const candidate = (name: string, foldAuc: number[]) => ({
  name,
  foldAuc,
  cvAuc: foldAuc.reduce((sum, x) => sum + x, 0) / foldAuc.length,
});

// gbdt-1's six fold AUCs: mean 0.90, sample SD 0.02 × √(6/5) → SE = 0.02 × √(6/5) / √6 ≈ 0.008944.
const best = candidate('gbdt-1', [0.88, 0.92, 0.88, 0.92, 0.88, 0.92]);
const SE = Math.sqrt((6 * 0.02 ** 2) / 5) / Math.sqrt(6);

describe('chooseCandidate (best mean fold AUC, or blend-0.5 within one SE of it)', () => {
  it('chooses blend-0.5 when its mean is within one SE of the best', () => {
    const blend = { name: 'blend-0.5', foldAuc: [0.9], cvAuc: 0.9 - SE + 1e-6 };
    const other = candidate('logistic-l2-1', [0.85, 0.86, 0.85, 0.86, 0.85, 0.86]);
    const result = chooseCandidate([best, other, blend]);
    expect(result.chosen.name).toBe('blend-0.5');
    expect(result.rule).toBe('within one SE of the best: blend-0.5');
  });

  it('chooses the best mean when blend-0.5 is more than one SE below it', () => {
    const blend = { name: 'blend-0.5', foldAuc: [0.9], cvAuc: 0.9 - SE - 1e-6 };
    // blend-0.75 is closer to the best than blend-0.5, but only blend-0.5 has the SE exception.
    const closer = { name: 'blend-0.75', foldAuc: [0.9], cvAuc: 0.9 - 1e-4 };
    const result = chooseCandidate([best, blend, closer]);
    expect(result.chosen.name).toBe('gbdt-1');
    expect(result.rule).toBe('best mean');
  });

  it('uses the SE of the best candidate, not of blend-0.5', () => {
    // The blend's own folds are spread widely; a rule using its SE would choose it.
    const blend = candidate('blend-0.5', [0.7, 1, 0.7, 1, 0.7, 1]);
    expect(blend.cvAuc).toBeLessThan(best.cvAuc - SE);
    expect(chooseCandidate([best, blend]).chosen.name).toBe('gbdt-1');
  });

  it('says "best mean" when blend-0.5 is the best, and when there is no blend-0.5', () => {
    const blend = candidate('blend-0.5', [0.91, 0.93, 0.91, 0.93, 0.91, 0.93]);
    expect(chooseCandidate([best, blend])).toEqual({ chosen: blend, rule: 'best mean' });
    const logistic = candidate('logistic-l2-10', [0.9, 0.9, 0.9, 0.9, 0.9, 0.895]);
    expect(chooseCandidate([logistic, best])).toEqual({ chosen: best, rule: 'best mean' });
  });

  it('keeps the earlier candidate on a tie, and refuses an empty list', () => {
    const twin = candidate('gbdt-2', [...best.foldAuc]);
    expect(chooseCandidate([best, twin]).chosen.name).toBe('gbdt-1');
    expect(() => chooseCandidate([])).toThrow(/no model kind/);
  });
});

import { describe, expect, it } from 'vitest';
import { populationStability, profileTraining, profileValues } from '../src/monitor.js';
import { createRandom } from '../src/train/random.js';

const draw = (count: number, shift: number, missingRate: number, seed: number) => {
  const random = createRandom(seed);
  return Float64Array.from({ length: count }, () => (random() < missingRate ? Number.NaN : random() + shift));
};

describe('drift (population stability)', () => {
  const reference = profileValues(draw(5000, 0, 0.1, 1));

  it('profiles ten quantile bins plus the missing share', () => {
    expect(reference.edges).toHaveLength(10);
    expect(reference.edges.at(-1)).toBeNull();
    expect(reference.shares).toHaveLength(11);
    expect(reference.shares.reduce((sum, x) => sum + x, 0)).toBeCloseTo(1, 12);
    expect(reference.shares[10]).toBeCloseTo(0.1, 1);
  });

  it('is near zero for the same distribution and grows with a shift or more missing values', () => {
    const same = populationStability(reference, draw(2000, 0, 0.1, 2));
    const shifted = populationStability(reference, draw(2000, 0.3, 0.1, 3));
    const moreMissing = populationStability(reference, draw(2000, 0, 0.4, 4));
    expect(same).toBeLessThan(0.02);
    expect(shifted).toBeGreaterThan(0.25);
    expect(moreMissing).toBeGreaterThan(0.1);
  });

  it('profiles every feature column and the score', () => {
    const data = Float32Array.from([1, Number.NaN, 2, 5, 3, 5]);
    const profile = profileTraining(['a', 'b'], data, [0.1, 0.5, 0.9]);
    expect(profile.features.map((entry) => entry.feature)).toEqual(['a', 'b']);
    expect(profile.features[1]!.profile.shares.at(-1)).toBeCloseTo(1 / 3, 12);
    expect(profile.score.shares.slice(0, -1).reduce((sum, x) => sum + x, 0)).toBeCloseTo(1, 12);
  });
});

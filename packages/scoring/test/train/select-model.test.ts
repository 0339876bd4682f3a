import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/train/random.js';
import { selectModel } from '../../src/train/select-model.js';

/** Two columns, the first separating the classes (its sign is the label), the second noise. */
function separable(rows: number) {
  const random = createRandom(7);
  const data = new Float32Array(rows * 2);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    labels[i] = i % 2;
    data[i * 2] = (labels[i] ? 1 : -1) * random();
    data[i * 2 + 1] = random();
  }
  return { data, labels };
}

describe('selectModel', () => {
  it('breaks a tie in CV AUC by the lower CV log loss, not by the order of the candidates', () => {
    const { data, labels } = separable(60);
    const selection = selectModel(data, labels, ['sign', 'noise'], { seed: 1 });
    const top = Math.max(...selection.candidates.map((candidate) => candidate.cvAuc));
    const tied = selection.candidates.filter((candidate) => candidate.cvAuc === top);
    expect(top).toBe(1);
    expect(tied.length).toBeGreaterThan(1);
    expect(selection.chosen.cvAuc).toBe(1);
    expect(selection.chosen.cvLogLoss).toBe(Math.min(...tied.map((candidate) => candidate.cvLogLoss)));
    // The first of the tied is not the surest one here, so the order alone would choose otherwise.
    expect(tied[0]!.name).not.toBe(selection.chosen.name);
  });
});

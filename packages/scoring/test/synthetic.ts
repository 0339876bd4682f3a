import { createRandom } from '../src/train/random.js';

/**
 * A synthetic problem with a known answer: the log-odds depend on x0 (threshold), x1 × x2
 * (interaction) and x3 (noise only); `missingRate` of the cells are blanked, and a missing x4
 * itself signals the positive class, so a model must learn where NaN goes.
 */
export function syntheticData(rows: number, seed: number, missingRate = 0.2) {
  const random = createRandom(seed);
  const featureNames = ['x0', 'x1', 'x2', 'x3', 'x4'];
  const width = featureNames.length;
  const data = new Float32Array(rows * width);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: width }, () => random() * 2 - 1);
    const x4Missing = random() < 0.3;
    const margin = 2.5 * (x[0]! > 0.2 ? 1 : -1) + 3 * x[1]! * x[2]! + (x4Missing ? 2 : 0) - 0.5;
    labels[i] = random() < 1 / (1 + Math.exp(-margin)) ? 1 : 0;
    for (let k = 0; k < width; k++) {
      const blank = k === 4 ? x4Missing : random() < missingRate;
      data[i * width + k] = blank ? Number.NaN : x[k]!;
    }
  }
  return { featureNames, data, labels, rows, width };
}

export function rowOf(data: Float32Array, width: number, i: number): Float32Array {
  return data.subarray(i * width, (i + 1) * width);
}

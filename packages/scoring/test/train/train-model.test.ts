import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLOAT32_MAX, modelFromJson, predictMargin, sigmoid } from '../../src/model.js';
import { evaluate } from '../../src/train/metrics.js';
import { createRandom } from '../../src/train/random.js';
import { trainModel, trainModelOnMatrix } from '../../src/train/train-model.js';
import { SCORING_VERSION } from '../../src/version.js';
import { rowOf, syntheticData } from '../synthetic.js';

describe('trainModel', () => {
  it('returns the model and a run record that identifies data, parameters, candidates and model', async () => {
    const { data, labels, featureNames, width, rows } = syntheticData(900, 41);
    const trainingRows = Array.from({ length: rows }, (_, i) => ({
      features: rowOf(data, width, i),
      label: labels[i] === 1,
    }));
    const first = await trainModel(trainingRows, { featureNames, params: { seed: 41 }, folds: 3 });
    const again = await trainModel(trainingRows, { featureNames, params: { seed: 41 }, folds: 3 });
    const { run } = first;
    expect(run.format).toBe('hidden-key.run.v2');
    expect(run.library).toEqual({ name: '@hidden-key/scoring', version: SCORING_VERSION });
    expect(run.params.seed).toBe(41);
    expect(run.data.rows).toBe(900);
    expect(run.data.features).toEqual(featureNames);
    expect(run.model.trees).toBe(first.model.trees.length);
    expect(again.run.data.hash).toBe(run.data.hash);
    expect(again.run.model.hash).toBe(run.model.hash);
    expect(again.run.selection).toEqual(run.selection);

    // Every candidate is in the record with its cross-validated score; the chosen one is the best.
    const { candidates, chosen } = run.selection;
    expect(new Set(candidates.map((c) => c.kind))).toEqual(new Set(['gbdt', 'logistic', 'blend']));
    expect(run.selection.folds).toBe(3);
    for (const candidate of candidates) expect(candidate.foldAuc).toHaveLength(3);
    const best = candidates.reduce((a, b) => (b.cvAuc > a.cvAuc ? b : a));
    expect(chosen).toBe(best.name);
    expect(run.algorithm).toBe(best.kind);
    // An interaction (x1 × x2) and a threshold: trees must beat a pure linear model here.
    expect(run.algorithm).not.toBe('logistic');
    expect(run.metrics.validation!.auc).toBeGreaterThan(0.8);
    expect(run.metrics.logisticBaseline!.auc).toBeLessThan(best.cvAuc);
    expect(run.metrics.validation!.calibration.reduce((sum, bin) => sum + bin.count, 0)).toBe(900);
    const rank = (feature: string) => run.featureImportance.findIndex((entry) => entry.feature === feature);
    expect(rank('x0')).toBeLessThan(rank('x3'));
    expect(rank('x4')).toBeLessThan(rank('x3'));

    const changed = trainingRows.map((row, i) => (i === 0 ? { ...row, label: !row.label } : row));
    expect(
      (await trainModel(changed, { featureNames, params: { seed: 41 }, folds: 3 })).run.data.hash,
    ).not.toBe(run.data.hash);
  });

  it('chooses logistic regression when the signal is linear, and says so', async () => {
    const rows = 1200;
    const width = 6;
    const random = createRandom(5);
    const data = new Float32Array(rows * width);
    const labels = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      let margin = 0;
      for (let k = 0; k < width; k++) {
        const x = random() * 4 - 2;
        data[i * width + k] = x;
        margin += (k % 2 ? -0.7 : 0.5) * x;
      }
      labels[i] = random() < sigmoid(margin) ? 1 : 0;
    }
    const { model, run } = await trainModelOnMatrix(data, labels, {
      featureNames: Array.from({ length: width }, (_, k) => `f${k}`),
      params: { seed: 2 },
    });
    expect(run.algorithm).toBe('logistic');
    expect(model.linear).toHaveLength(width);
    expect(model.trees).toHaveLength(0);
    expect(run.metrics.validation!.auc).toBeGreaterThan(0.7);
  });

  it('calibrates on out-of-fold predictions and reports the table and ECE before and after', async () => {
    const { data, labels, featureNames } = syntheticData(1500, 43);
    const { model, run } = await trainModelOnMatrix(data, labels, {
      featureNames,
      params: { seed: 43 },
      kinds: ['gbdt'],
    });
    const { calibration } = run;
    expect(calibration.method).toBe('platt');
    for (const side of [calibration.before, calibration.after]) {
      expect(side.table.reduce((sum, bin) => sum + bin.count, 0)).toBe(1500);
      expect(side.ece).toBeGreaterThanOrEqual(0);
      expect(side.ece).toBeLessThan(0.2);
    }
    expect(calibration.applied).toBe(calibration.after.logLoss < calibration.before.logLoss);
    // The calibration is folded into the model itself: its own training predictions show it.
    const training = evaluate(
      labels,
      Array.from({ length: labels.length }, (_, i) => sigmoid(predictMargin(model, rowOf(data, 5, i)))),
    );
    expect(training.auc).toBeCloseTo(run.metrics.training.auc, 12);
  });

  it('scores the same after a round trip through JSON, as a model stored in a table does', async () => {
    const { data, labels, featureNames, width } = syntheticData(600, 3);
    const rows = [rowOf(data, width, 0), rowOf(data, width, 1), new Float64Array(width).fill(Number.NaN)];
    for (const kind of ['gbdt', 'logistic', 'blend', 'forest'] as const) {
      const { model } = await trainModelOnMatrix(data, labels, { featureNames, kinds: [kind], folds: 3 });
      const stored = JSON.parse(JSON.stringify(model));
      expect(stored, kind).toEqual(model);
      for (const row of rows)
        expect(predictMargin(modelFromJson(stored), row), kind).toBe(predictMargin(model, row));
    }
  });

  it('reads back a model of an earlier version, whose +Infinity thresholds JSON stored as null', async () => {
    const { data, labels, featureNames, width } = syntheticData(600, 3);
    const { model } = await trainModelOnMatrix(data, labels, { featureNames, kinds: ['logistic'], folds: 3 });
    const earlier = JSON.parse(
      JSON.stringify(model, (_key, value) => (value === FLOAT32_MAX ? Number.POSITIVE_INFINITY : value)),
    );
    expect(earlier.trees.some((tree: { threshold: unknown[] }) => tree.threshold.includes(null))).toBe(true);
    for (let i = 0; i < 20; i++) {
      const row = rowOf(data, width, i);
      expect(predictMargin(modelFromJson(earlier), row)).toBe(predictMargin(model, row));
    }
    expect(() => modelFromJson({ trees: [] })).toThrow('Not a hidden-key.trees.v1 model');
  });

  it('rejects rows of the wrong width', async () => {
    await expect(trainModel([{ features: [1, 2], label: true }], { featureNames: ['a'] })).rejects.toThrow(
      /expected 1/,
    );
  });

  it('refuses labels other than 0 and 1, infinite values and parameters out of range, naming them', async () => {
    const { data, labels, featureNames } = syntheticData(200, 7);
    const train = (overrides: { data?: Float32Array; labels?: Uint8Array } & Record<string, unknown>) => {
      const { data: d = data, labels: l = labels, ...options } = overrides;
      return trainModelOnMatrix(d, l, { featureNames, ...options });
    };
    const two = Uint8Array.from(labels);
    two[3] = 2;
    await expect(train({ labels: two })).rejects.toThrow('label 3 is 2: labels are 0 or 1');
    const infinite = Float32Array.from(data);
    infinite[featureNames.length + 1] = Number.POSITIVE_INFINITY;
    await expect(train({ data: infinite })).rejects.toThrow(
      `row 1, feature ${featureNames[1]} is Infinity: give a finite number, or NaN for a missing value`,
    );
    await expect(train({ params: { learningRate: Number.NaN } })).rejects.toThrow(
      'learningRate must be a number above 0 and at most 1, not NaN',
    );
    await expect(train({ params: { maxDepth: 2.5 } })).rejects.toThrow(/maxDepth must be an integer/);
    await expect(train({ params: { depth: 3 } })).rejects.toThrow('unknown GBDT parameter depth');
    await expect(train({ folds: 1 })).rejects.toThrow('folds must be an integer of at least 2, not 1');
  });

  it('reports the package version', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(SCORING_VERSION).toBe(manifest.version);
  });
});

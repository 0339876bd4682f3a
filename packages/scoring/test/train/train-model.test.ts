import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { trainModel } from '../../src/train/train-model.js';
import { SCORING_VERSION } from '../../src/version.js';
import { rowOf, syntheticData } from '../synthetic.js';

describe('trainModel', () => {
  it('returns the model and a run record that identifies data, parameters and model', async () => {
    const { data, labels, featureNames, width, rows } = syntheticData(1500, 41);
    const trainingRows = Array.from({ length: rows }, (_, i) => ({
      features: rowOf(data, width, i),
      label: labels[i] === 1,
    }));
    const first = await trainModel(trainingRows, { featureNames, params: { seed: 41 } });
    const again = await trainModel(trainingRows, { featureNames, params: { seed: 41 } });
    const { run } = first;
    expect(run.library).toEqual({ name: '@hidden-key/scoring', version: SCORING_VERSION });
    expect(run.params.seed).toBe(41);
    expect(run.data.rows).toBe(1500);
    expect(run.data.features).toEqual(featureNames);
    expect(run.model.trees).toBe(first.model.trees.length);
    expect(again.run.data.hash).toBe(run.data.hash);
    expect(again.run.model.hash).toBe(run.model.hash);
    expect(run.metrics.validation!.auc).toBeGreaterThan(0.8);
    expect(run.metrics.logisticBaseline!.auc).toBeGreaterThan(0.5);
    expect(run.metrics.validation!.calibration.reduce((sum, bin) => sum + bin.count, 0)).toBe(
      run.metrics.validation!.rows,
    );
    expect(run.featureImportance[0]!.feature).not.toBe('x3');

    const changed = trainingRows.map((row, i) => (i === 0 ? { ...row, label: !row.label } : row));
    expect((await trainModel(changed, { featureNames, params: { seed: 41 } })).run.data.hash).not.toBe(
      run.data.hash,
    );
  });

  it('rejects rows of the wrong width', async () => {
    await expect(trainModel([{ features: [1, 2], label: true }], { featureNames: ['a'] })).rejects.toThrow(
      /expected 1/,
    );
  });

  it('reports the package version', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(SCORING_VERSION).toBe(manifest.version);
  });
});

import { FEATURE_NAMES, predictMargin, trainModel } from '@hidden-key/scoring';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { generateLeadHistory, insertLeadHistory } from './lead-history.js';
import { loadModel, saveModel } from './model-store.js';
import { closedLeadRows } from './training-rows.js';

const server = useTestServer();
const now = new Date('2026-11-01T12:00:00Z');

describe('the model store', () => {
  it('gives back each kind of model scoring exactly as it was trained (jsonb holds no Infinity)', async () => {
    const org = await server.newOrg();
    const organizationId = org.organization_id;
    const history = generateLeadHistory({ count: 160, seed: 9, now });
    await insertLeadHistory(server.deps.db, organizationId, history, server.deps.newId);
    const { rows } = await closedLeadRows(server.deps.db, organizationId, 'created');
    for (const kind of ['gbdt', 'logistic', 'blend', 'forest'] as const) {
      const { model, run } = await trainModel(rows, {
        featureNames: [...FEATURE_NAMES],
        kinds: [kind],
        folds: 3,
      });
      const saved = await server.deps.db.transaction((tx) =>
        saveModel(tx, { id: server.deps.newId(), organizationId, model, run, createdAt: now }),
      );
      const loaded = (await loadModel(server.deps.db, organizationId, saved.id))!;
      for (const row of rows) {
        expect(predictMargin(loaded.model, row.features), kind).toBe(predictMargin(model, row.features));
      }
    }
  });
});

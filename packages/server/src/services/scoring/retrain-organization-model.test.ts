import { affineModel } from '@hidden-key/scoring';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { generateLeadHistory, insertLeadHistory } from './lead-history.js';
import { loadModel, saveModel } from './model-store.js';
import { retrainOrganizationModel } from './retrain-organization-model.js';
import { TrainingDataError, trainOrganizationModel } from './train-organization-model.js';

const server = useTestServer();
const now = new Date('2026-11-01T12:00:00Z');

describe('retrainOrganizationModel', () => {
  it('replaces the model only when the candidate is better on the most recent outcomes', async () => {
    const org = await server.newOrg();
    const history = generateLeadHistory({ count: 160, seed: 4, now });
    await insertLeadHistory(server.deps.db, org.organization_id, history, server.deps.newId);
    const organizationId = org.organization_id;

    // A current model that has gone bad (its scores turned upside down): the candidate wins.
    const trained = await trainOrganizationModel(server.deps, { organizationId });
    const good = (await loadModel(server.deps.db, organizationId, trained.modelId))!;
    await server.deps.db.transaction((tx) =>
      saveModel(tx, {
        id: server.deps.newId(),
        organizationId,
        model: affineModel(good.model, -1),
        run: good.run,
        createdAt: now,
      }),
    );
    const first = await retrainOrganizationModel(server.deps, { organizationId });
    expect(first.recentOutcomes).toBe(40);
    expect(first.current).toMatchObject({ version: 2 });
    expect(first.candidate.auc).toBeGreaterThan(0.6);
    expect(first.current!.auc).toBeLessThan(0.4);
    expect(first).toMatchObject({ replaced: true, version: 3 });
    expect(first.candidate.run.data.rows).toBe(120);

    // The same data again gives the same candidate: not better, so the model stays.
    const second = await retrainOrganizationModel(server.deps, { organizationId });
    expect(second.current).toMatchObject({ version: 3, auc: first.candidate.auc });
    expect(second).toMatchObject({ replaced: false, version: null });
    expect(second.reason).toMatch(/not above/);
  });

  it('refuses a history too small to train and compare', async () => {
    const org = await server.newOrg();
    await expect(
      retrainOrganizationModel(server.deps, { organizationId: org.organization_id }),
    ).rejects.toThrow(TrainingDataError);
  });
});

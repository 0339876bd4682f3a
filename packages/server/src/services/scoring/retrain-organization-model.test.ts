import { affineModel, FEATURE_NAMES, trainModel } from '@hidden-key/scoring';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { generateLeadHistory, insertLeadHistory } from './lead-history.js';
import { loadModel, saveModel } from './model-store.js';
import { retrainOrganizationModel } from './retrain-organization-model.js';
import { TrainingDataError, trainOrganizationModel } from './train-organization-model.js';
import { closedLeadRows } from './training-rows.js';

const server = useTestServer();
const now = new Date('2026-11-01T12:00:00Z');

/** The moment by which `share` of the history had closed: a model made then saw only those leads. */
const closedBy = (history: { updatedAt?: Date }[], share: number) => {
  const closings = history.map((lead) => lead.updatedAt!.getTime()).sort((a, b) => a - b);
  return new Date(closings[Math.floor(closings.length * share) - 1]!);
};

describe('retrainOrganizationModel', () => {
  it('judges both models on the later half of the leads closed since the current one was trained', async () => {
    const org = await server.newOrg();
    const history = generateLeadHistory({ count: 160, seed: 4, now });
    await insertLeadHistory(server.deps.db, org.organization_id, history, server.deps.newId);
    const organizationId = org.organization_id;

    // A current model made when half the history had closed, and gone bad since (its scores turned
    // upside down): the 80 leads closed after it judge, the later 40 of them, and the candidate wins.
    const trained = await trainOrganizationModel(server.deps, { organizationId });
    const good = (await loadModel(server.deps.db, organizationId, trained.modelId))!;
    await server.deps.db.transaction((tx) =>
      saveModel(tx, {
        id: server.deps.newId(),
        organizationId,
        model: affineModel(good.model, -1),
        run: good.run,
        createdAt: closedBy(history, 0.5),
      }),
    );
    const later = new Date(now.getTime() + 90 * 86_400_000);
    const first = await retrainOrganizationModel({ ...server.deps, clock: () => later }, { organizationId });
    expect(first.recentOutcomes).toBe(40);
    expect(first.current).toMatchObject({ version: 2 });
    expect(first.candidate!.auc).toBeGreaterThan(0.6);
    expect(first.current!.auc).toBeLessThan(0.4);
    expect(first).toMatchObject({ replaced: true, version: 3 });
    expect(first.candidate!.run.data.rows).toBe(120);

    // Version 3 is newer than every closing: no outcome is unseen, so nothing is trained or replaced.
    const second = await retrainOrganizationModel(server.deps, { organizationId });
    expect(second).toMatchObject({
      replaced: false,
      version: null,
      recentOutcomes: 0,
      candidate: null,
      current: { version: 3, auc: null },
    });
    expect(second.reason).toMatch(/nothing to judge a candidate on: of the 0 leads closed since version 3/);
  });

  it('keeps the current model when the candidate is no better on the outcomes it has not seen', async () => {
    const org = await server.newOrg();
    const organizationId = org.organization_id;
    const history = generateLeadHistory({ count: 200, seed: 9, now });
    await insertLeadHistory(server.deps.db, organizationId, history, server.deps.newId);
    // Made when 60 % had closed, the current model is exactly the candidate this retrain trains (the
    // same 160 earliest-closed rows, the same seed), so the two tie on the 40 judging outcomes.
    const { rows } = await closedLeadRows(server.deps.db, organizationId, 'closed');
    const { model, run } = await trainModel(rows.slice(0, 160), { featureNames: FEATURE_NAMES });
    await server.deps.db.transaction((tx) =>
      saveModel(tx, {
        id: server.deps.newId(),
        organizationId,
        model,
        run,
        createdAt: closedBy(history, 0.6),
      }),
    );
    const result = await retrainOrganizationModel(server.deps, { organizationId });
    expect(result.recentOutcomes).toBe(40);
    expect(result.current!.auc).toBe(result.candidate!.auc);
    expect(result).toMatchObject({ replaced: false, version: null });
    expect(result.reason).toMatch(/is not above version 1's/);
  });

  it('trains the first model on every closed lead when there is none', async () => {
    const org = await server.newOrg();
    const history = generateLeadHistory({ count: 120, seed: 6, now });
    await insertLeadHistory(server.deps.db, org.organization_id, history, server.deps.newId);
    const result = await retrainOrganizationModel(server.deps, { organizationId: org.organization_id });
    expect(result).toMatchObject({
      replaced: true,
      version: 1,
      current: null,
      reason: 'the organisation had no model',
    });
    expect(result.candidate).toMatchObject({ auc: null, run: { data: { rows: 120 } } });
  });

  it('refuses a history too small to train', async () => {
    const org = await server.newOrg();
    await expect(
      retrainOrganizationModel(server.deps, { organizationId: org.organization_id }),
    ).rejects.toThrow(TrainingDataError);
  });
});

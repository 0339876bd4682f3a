import { affineModel } from '@hidden-key/scoring';
import { Job, ScoringModel } from '@hidden-key/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';
import { mlFeatures } from '../../db/schema.js';
import { findJob } from '../../services/jobs/job-store.js';
import { startWorker, type Worker } from '../../services/jobs/worker.js';
import { generateLeadHistory, insertLeadHistory } from '../../services/scoring/lead-history.js';
import { loadModel, saveModel } from '../../services/scoring/model-store.js';
import { retrainModelJob } from '../../services/scoring/retrain-model.job.js';
import { trainOrganizationModel } from '../../services/scoring/train-organization-model.js';

const server = useTestServer();

const eager = (n: number) => ({
  contact: { name: `Eager ${n}`, email: `models.eager${n}@example.com` },
  property: {
    address: `${n} Elm Dr`,
    estimated_value: 300_000,
    asking_price: 200_000 + n * 1000,
    condition: 'distressed',
  },
  motivation: 'Behind on payments, need to sell before foreclosure',
  priority: 'high',
});
const browsing = (n: number) => ({
  contact: { name: `Browse ${n}`, email: `models.browse${n}@example.com` },
  property: {
    address: `${n} Oak St`,
    estimated_value: 300_000,
    asking_price: 330_000 + n * 1000,
    condition: 'excellent',
  },
  motivation: 'Curious what the house is worth',
});

let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  org = await server.newOrg();
  other = await server.newOrg();
  const history = generateLeadHistory({ count: 120, seed: 12, now: new Date() });
  await insertLeadHistory(server.deps.db, org.organization_id, history, server.deps.newId);
  await trainOrganizationModel(server.deps, { organizationId: org.organization_id });
});

describe('GET /v1/models', () => {
  it('lists the versions with their run records, and live drift, AUC and calibration from scored leads', async () => {
    const before = await org.call('GET', '/v1/models');
    expect(before.status).toBe(200);
    const [fresh] = (before.body.data.items as unknown[]).map((item) => ScoringModel.parse(item));
    expect(fresh).toMatchObject({ version: 1, active: true, live: { scored: 0, drift: null } });
    expect(fresh!.live.outcomes).toMatchObject({ count: 0, auc: null, ece: null });
    expect((fresh!.run.selection as { candidates: unknown[] }).candidates.length).toBeGreaterThan(5);
    expect(fresh!.algorithm).toBe(fresh!.run.algorithm);

    // New leads are scored as they arrive (their features stored), then their outcomes come in.
    for (let n = 0; n < 4; n++) {
      for (const [body, status] of [
        [eager(n), 'converted'],
        [browsing(n), 'lost'],
      ] as const) {
        const created = await org.call('POST', '/v1/leads', body);
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        expect(created.body.data.score).not.toBeNull();
        const closed = await org.call('PATCH', `/v1/leads/${created.body.data.id}`, { status });
        expect(closed.status).toBe(200);
      }
    }
    const stored = await server.deps.db.select().from(mlFeatures);
    expect(stored.filter((row) => row.organizationId === org.organization_id)).toHaveLength(8);

    const after = await org.call('GET', '/v1/models');
    const [model] = (after.body.data.items as unknown[]).map((item) => ScoringModel.parse(item));
    expect(model!.live.scored).toBe(8);
    expect(model!.live.drift!.features.map((entry) => entry.feature)).toContain('asking_to_value_ratio');
    expect(model!.live.drift!.score_psi).toBeGreaterThan(0);
    expect(model!.live.outcomes).toMatchObject({ count: 8, converted: 4 });
    expect(model!.live.outcomes.auc).toBeGreaterThan(0.5);
    expect(model!.live.outcomes.calibration.reduce((sum, bin) => sum + bin.count, 0)).toBe(8);
  });

  it('shows an organisation only its own models', async () => {
    const res = await other.call('GET', '/v1/models');
    expect(res.status).toBe(200);
    expect(res.body.data.items).toEqual([]);
  });
});

describe('GET /v1/models/{id}', () => {
  it('answers one version with its live figures, and 404 for another organisation’s', async () => {
    const [listed] = (await org.call('GET', '/v1/models')).body.data.items as { id: string }[];
    const res = await org.call('GET', `/v1/models/${listed!.id}`);
    expect(res.status).toBe(200);
    const model = ScoringModel.parse(res.body.data);
    expect(model).toMatchObject({ id: listed!.id, version: 1, active: true });
    expect(model.live.scored).toBeGreaterThanOrEqual(0);

    const foreign = await other.call('GET', `/v1/models/${listed!.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('not_found');
    expect((await org.call('GET', '/v1/models/not-a-uuid')).status).toBe(400);
  });
});

describe('POST /v1/models/retrain', () => {
  let worker: Worker;
  beforeAll(() => {
    worker = startWorker({
      db: server.deps.db,
      definitions: [retrainModelJob(server.deps.clock)],
      pollMs: 20,
      drainTimeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await worker?.stop();
  });

  const settled = async (id: string) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = await findJob(server.deps.db, id);
      if (job && ['succeeded', 'dead'].includes(job.state)) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} did not settle`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('queues a job that replaces a worse model, then keeps the better one; asking twice answers one job', async () => {
    const retraining = await server.newOrg();
    const organizationId = retraining.organization_id;
    // A history that had all closed by today (closings run up to 46 days after its end).
    const history = generateLeadHistory({ count: 160, seed: 4, now: new Date(Date.now() - 50 * 86_400_000) });
    await insertLeadHistory(server.deps.db, organizationId, history, server.deps.newId);
    // A current model made when half of it had closed, and gone bad since (its scores upside down):
    // the later 40 of the 80 leads closed after it judge, and a candidate must beat it.
    const trained = await trainOrganizationModel(server.deps, { organizationId });
    const good = (await loadModel(server.deps.db, organizationId, trained.modelId))!;
    const closings = history.map((lead) => lead.updatedAt!.getTime()).sort((a, b) => a - b);
    await server.deps.db.transaction((tx) =>
      saveModel(tx, {
        id: server.deps.newId(),
        organizationId,
        model: affineModel(good.model, -1),
        run: good.run,
        createdAt: new Date(closings[79]!),
      }),
    );

    const queued = await retraining.call('POST', '/v1/models/retrain');
    expect(queued.status, JSON.stringify(queued.body)).toBe(202);
    const job = Job.parse(queued.body.data);
    expect(job).toMatchObject({ name: 'model.retrain', attempts: expect.any(Number) });
    expect((await retraining.call('POST', '/v1/models/retrain')).body.data.id).toBe(job.id);
    expect((await settled(job.id)).state).toBe('succeeded');
    const done = Job.parse((await retraining.call('GET', `/v1/jobs/${job.id}`)).body.data);
    expect(done.result).toMatchObject({
      replaced: true,
      version: 3,
      recent_outcomes: 40,
      current: { version: 2 },
      candidate: { algorithm: expect.any(String) },
    });

    const versions = (await retraining.call('GET', '/v1/models')).body.data.items as ScoringModel[];
    expect(versions.map((model) => [model.version, model.active])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);

    // The model changed, so this is new work; no lead closed since version 3, so it stays.
    const again = Job.parse((await retraining.call('POST', '/v1/models/retrain')).body.data);
    expect(again.id).not.toBe(job.id);
    await settled(again.id);
    const second = Job.parse((await retraining.call('GET', `/v1/jobs/${again.id}`)).body.data);
    expect(second.result).toMatchObject({ replaced: false, version: null, candidate: null });
    expect((await retraining.call('GET', '/v1/models')).body.data.items).toHaveLength(3);
  }, 120_000);

  it('dead-letters at once, with the reason, when the history is too small', async () => {
    const empty = await server.newOrg();
    const queued = Job.parse((await empty.call('POST', '/v1/models/retrain')).body.data);
    const job = await settled(queued.id);
    expect(job.state).toBe('dead');
    expect(job.attempts).toBe(1);
    expect(job.lastError).toMatch(/has 0 converted and 0 lost leads; training needs at least 10 of each/);
  });
});

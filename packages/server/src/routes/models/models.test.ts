import { ScoringModel } from '@hidden-key/sdk/schemas';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';
import { mlFeatures } from '../../db/schema.js';
import { generateLeadHistory, insertLeadHistory } from '../../services/scoring/lead-history.js';
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

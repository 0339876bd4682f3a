import { FEATURE_NAMES } from '@hidden-key/scoring';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';
import { mlFeatures } from '../../db/schema.js';
import { generateLeadHistory, insertLeadHistory } from './lead-history.js';
import { trainOrganizationModel } from './train-organization-model.js';
import { closedLeadRows } from './training-rows.js';

const server = useTestServer();
const ratio = FEATURE_NAMES.indexOf('asking_to_value_ratio');
const askingPrice = FEATURE_NAMES.indexOf('asking_price');

let org: TestOrg;
beforeAll(async () => {
  org = await server.newOrg();
  const history = generateLeadHistory({ count: 60, seed: 9, now: new Date('2026-01-01T00:00:00Z') });
  await insertLeadHistory(server.deps.db, org.organization_id, history, server.deps.newId);
  await trainOrganizationModel(server.deps, { organizationId: org.organization_id, minExamplesPerClass: 5 });
});

const newLead = async (asking: number) => {
  const created = await org.call('POST', '/v1/leads', {
    contact: { name: 'Rows Seller', email: `rows.${asking}@example.com` },
    property: { address: '9 Rows Rd', estimated_value: 300_000, asking_price: asking },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data.id as string;
};

describe('closedLeadRows', () => {
  it('trains on the features stored when a lead was first scored, not on its later edits', async () => {
    const id = await newLead(210_000);
    // Edited after scoring (a new asking price), then closed: the model judged the first version.
    const edited = await org.call('PATCH', `/v1/leads/${id}`, {
      property: { address: '9 Rows Rd', estimated_value: 300_000, asking_price: 290_000 },
      status: 'converted',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    const { rows, fromScoringTime } = await closedLeadRows(server.deps.db, org.organization_id, 'created');
    expect(rows).toHaveLength(61);
    expect(fromScoringTime).toBe(1);
    const last = rows[rows.length - 1]!;
    expect(last.label).toBe(true);
    expect(last.features[askingPrice]).toBe(210_000);
    expect(last.features[ratio]).toBeCloseTo(0.7, 10);
  });

  it('recomputes a lead whose stored vector was written under another feature list', async () => {
    const id = await newLead(150_000);
    await server.deps.db
      .update(mlFeatures)
      .set({ features: [1, 2, 3] })
      .where(eq(mlFeatures.leadId, id));
    expect((await org.call('PATCH', `/v1/leads/${id}`, { status: 'lost' })).status).toBe(200);

    const { rows, fromScoringTime } = await closedLeadRows(server.deps.db, org.organization_id, 'closed');
    expect(fromScoringTime).toBe(1);
    // Closed last, so last in closing order; its features come from the lead as created.
    const last = rows[rows.length - 1]!;
    expect(last.label).toBe(false);
    expect(last.features).toHaveLength(FEATURE_NAMES.length);
    expect(last.features[askingPrice]).toBe(150_000);
    expect(last.features[ratio]).toBeCloseTo(0.5, 10);
  });
});

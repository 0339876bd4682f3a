import { Lead } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';
import { events, models } from '../../db/schema.js';
import { generateLeadHistory, insertLeadHistory } from '../../services/scoring/lead-history.js';
import { trainOrganizationModel } from '../../services/scoring/train-organization-model.js';

const server = useTestServer();

/** A seller the history says converts: far under value, urgent, reachable by phone, distressed house. */
const eagerSeller = {
  contact: { name: 'Dana Eager', email: 'dana@example.com', phone: '+15125550199' },
  property: { address: '9 Elm Dr', estimated_value: 300_000, asking_price: 210_000, condition: 'distressed' },
  motivation: 'Behind on payments, need to sell before foreclosure',
  priority: 'high',
};
/** One it says does not: asking over value, no hurry, email only. */
const browsingSeller = {
  contact: { name: 'Sam Browse', email: 'sam@example.com' },
  property: { address: '3 Oak St', estimated_value: 300_000, asking_price: 330_000, condition: 'excellent' },
  motivation: 'Curious what the house is worth',
};

let trained: TestOrg;
let modelVersion: number;

beforeAll(async () => {
  trained = await server.newOrg();
  const history = generateLeadHistory({ count: 120, seed: 11, now: new Date() });
  await insertLeadHistory(server.deps.db, trained.organization_id, history, server.deps.newId);
  ({ version: modelVersion } = await trainOrganizationModel(server.deps, {
    organizationId: trained.organization_id,
  }));
});

async function createLead(org: TestOrg, body: object) {
  const res = await org.call('POST', '/v1/leads', body);
  expect(res.status).toBe(201);
  return Lead.parse(res.body.data);
}

describe('POST /v1/leads/{id}/score', () => {
  it('scores a lead with the latest model, stores the score and its reasons, and records lead.updated', async () => {
    const created = await createLead(trained, eagerSeller);
    const res = await trained.call('POST', `/v1/leads/${created.id}/score`);
    expect(res.status).toBe(200);
    const lead = Lead.parse(res.body.data);
    expect(lead.score).toBeGreaterThan(0);
    expect(lead.score).toBeLessThanOrEqual(100);
    const details = lead.score_details!;
    expect(details.model_version).toBe(modelVersion);
    expect(details.probability * 100).toBeCloseTo(lead.score!, 10);
    expect(details.reasons.length).toBeGreaterThan(0);
    for (const reason of details.reasons) expect(reason.text).toMatch(/\((raises|lowers) the score\)$/);
    expect(details.contributions.map((c) => c.feature)).toContain(details.reasons[0]?.feature);

    const stored = await trained.call('GET', `/v1/leads/${created.id}`);
    expect(stored.body.data.score).toBe(lead.score);
    expect(stored.body.data.score_details).toEqual(lead.score_details);

    const [event] = await server.deps.db
      .select()
      .from(events)
      .where(and(eq(events.resourceId, created.id), eq(events.type, 'lead.updated')));
    expect(event?.data).toMatchObject({ id: created.id, score: lead.score });
  });

  it('makes the lead findable by min_score', async () => {
    const created = await createLead(trained, {
      ...eagerSeller,
      contact: { email: 'min.score@example.com' },
    });
    const scored = await trained.call('POST', `/v1/leads/${created.id}/score`);
    const score: number = scored.body.data.score;
    const atOrBelow = await trained.call('GET', `/v1/leads?min_score=${Math.floor(score)}&limit=100`);
    expect(atOrBelow.body.data.items.map((item: Lead) => item.id)).toContain(created.id);
    if (score < 100) {
      const above = await trained.call('GET', `/v1/leads?min_score=${Math.min(100, score + 1e-6)}&limit=100`);
      expect(above.body.data.items.map((item: Lead) => item.id)).not.toContain(created.id);
    }
  });

  it('answers 404 for another organisation’s lead and leaves it unscored', async () => {
    const other = await server.newOrg();
    const theirs = await createLead(other, { contact: { email: 'theirs@example.com' } });
    const res = await trained.call('POST', `/v1/leads/${theirs.id}/score`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    const unchanged = await other.call('GET', `/v1/leads/${theirs.id}`);
    expect(unchanged.body.data.score).toBeNull();
  });

  it('answers 409 conflict, saying to train a model, while the organisation has none', async () => {
    const org = await server.newOrg();
    const lead = await createLead(org, eagerSeller);
    expect(lead.score).toBeNull();
    const res = await org.call('POST', `/v1/leads/${lead.id}/score`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
    expect(res.body.error).toContain(`hk-server model train --org ${org.organization_id}`);
  });

  it('needs a secret key', async () => {
    const created = await createLead(trained, { contact: { email: 'keys@example.com' } });
    const res = await server.raw(`/v1/leads/${created.id}/score`, {
      method: 'POST',
      headers: { authorization: `Bearer ${trained.publishable_key}` },
    });
    expect(res.status).toBe(403);
  });
});

describe('scoring new leads', () => {
  it('scores a lead on creation when the organisation has a model, and the signal shows', async () => {
    const eager = await createLead(trained, { ...eagerSeller, contact: { email: 'eager.new@example.com' } });
    const browsing = await createLead(trained, browsingSeller);
    expect(eager.score_details?.model_version).toBe(modelVersion);
    expect(eager.score).toBeGreaterThan(browsing.score!);

    const [created] = await server.deps.db
      .select()
      .from(events)
      .where(and(eq(events.resourceId, eager.id), eq(events.type, 'lead.created')));
    expect(created?.data).toMatchObject({ score: eager.score });
  });

  it('re-scores a lead merged into an existing one', async () => {
    const first = await createLead(trained, { contact: { email: 'merge.me@example.com' } });
    const merged = await trained.call('POST', '/v1/leads', {
      contact: { email: 'merge.me@example.com' },
      property: eagerSeller.property,
      motivation: eagerSeller.motivation,
    });
    expect(merged.status).toBe(200);
    expect(merged.body.data.id).toBe(first.id);
    expect(merged.body.data.score).not.toBe(first.score);
    expect(merged.body.data.score_details.model_version).toBe(modelVersion);
  });

  it('never fails a create because of a broken model: the error is logged and the score stays null', async () => {
    const org = await server.newOrg();
    await server.deps.db.insert(models).values({
      id: server.deps.newId(),
      organizationId: org.organization_id,
      version: 1,
      format: 'hidden-key.trees.v1',
      model: { format: 'hidden-key.trees.v1', featureNames: ['something_else'], baseScore: 0, trees: [] },
      run: {},
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const lead = await createLead(org, eagerSeller);
      expect(lead.score).toBeNull();
      expect(logged).toHaveBeenCalledWith(expect.stringContaining(`could not score lead ${lead.id}`));
      const res = await org.call('POST', `/v1/leads/${lead.id}/score`);
      expect(res.status).toBe(409);
      expect(res.body.error).toContain('cannot be used');
    } finally {
      logged.mockRestore();
    }
  });
});

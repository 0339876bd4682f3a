import { analyzeWholesale } from '@hidden-key/sdk/analysis';
import { Opportunity, Pipeline } from '@hidden-key/sdk/schemas';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';
import { opportunities } from '../../db/schema.js';

const server = useTestServer();

const create = async (org: TestOrg, body: Record<string, unknown> = {}) => {
  const res = await org.call('POST', '/v1/opportunities', body);
  expect(res.status).toBe(201);
  return Opportunity.parse(res.body.data);
};

const stageOrder = async (org: TestOrg, stage: string) => {
  const res = await org.call('GET', `/v1/opportunities?stage=${stage}&sort=position&limit=100`);
  return res.body.data.items.map((deal: { title: string }) => deal.title);
};

describe('opportunities CRUD', () => {
  it('creates deals at the end of their stage and reads, patches and deletes them', async () => {
    const org = await server.newOrg();
    const lead = await org.call('POST', '/v1/leads', { contact: { name: 'Seller' } });
    const first = await create(org, { title: 'A', lead_id: lead.body.data.id, property_value: 200_000 });
    const second = await create(org, { title: 'B', property: { address: '1 Main St' } });
    expect(first.stage).toBe('prospecting');
    expect(first.deal_type).toBe('wholesale');
    expect(second.position).toBeGreaterThan(first.position);

    const got = await org.call('GET', `/v1/opportunities/${first.id}`);
    expect(got.body.data.lead_id).toBe(lead.body.data.id);

    const patched = await org.call('PATCH', `/v1/opportunities/${second.id}`, {
      offer_amount: 150_000,
      property: { city: 'Austin' },
      close_date: '2026-12-31',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      offer_amount: 150_000,
      property: { address: '1 Main St', city: 'Austin' },
      close_date: '2026-12-31',
    });

    const stagePatch = await org.call('PATCH', `/v1/opportunities/${second.id}`, { stage: 'won' });
    expect(stagePatch.status).toBe(400);

    expect((await org.call('DELETE', `/v1/opportunities/${second.id}`)).body.data).toEqual({
      id: second.id,
      deleted: true,
    });
    expect((await org.call('GET', `/v1/opportunities/${second.id}`)).status).toBe(404);
  });

  it('refuses a lead of another organisation and answers 404 for its deals', async () => {
    const owner = await server.newOrg();
    const other = await server.newOrg();
    const lead = await owner.call('POST', '/v1/leads', { contact: { name: 'Seller' } });
    const deal = await create(owner, { title: 'Mine' });
    const res = await other.call('POST', '/v1/opportunities', { lead_id: lead.body.data.id });
    expect(res.status).toBe(400);
    expect(res.body.details).toHaveProperty('lead_id');
    expect((await other.call('GET', `/v1/opportunities/${deal.id}`)).status).toBe(404);
    expect((await other.call('PATCH', `/v1/opportunities/${deal.id}`, { title: 'x' })).status).toBe(404);
    expect((await other.call('POST', `/v1/opportunities/${deal.id}/move`, { stage: 'won' })).status).toBe(
      404,
    );
    expect((await other.call('DELETE', `/v1/opportunities/${deal.id}`)).status).toBe(404);
    expect((await owner.call('GET', `/v1/opportunities/${deal.id}`)).body.data.title).toBe('Mine');
  });

  it('validates stage, deal type and money', async () => {
    const org = await server.newOrg();
    const res = await org.call('POST', '/v1/opportunities', {
      stage: 'dreaming',
      deal_type: 'x',
      property_value: 'lots',
    });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.details).sort()).toEqual(['deal_type', 'property_value', 'stage']);
  });

  it('filters by stage, deal type and lead and pages by cursor', async () => {
    const org = await server.newOrg();
    await create(org, { title: 'A', deal_type: 'brrrr' });
    await create(org, { title: 'B', stage: 'proposal' });
    await create(org, { title: 'C', stage: 'proposal', deal_type: 'brrrr' });
    const titles = async (query: string) =>
      (await org.call('GET', `/v1/opportunities?${query}`)).body.data.items.map(
        (d: { title: string }) => d.title,
      );
    expect(await titles('stage=proposal')).toEqual(['C', 'B']);
    expect(await titles('deal_type=brrrr')).toEqual(['C', 'A']);
    const page = await org.call('GET', '/v1/opportunities?limit=2');
    const next = await org.call('GET', `/v1/opportunities?limit=2&cursor=${page.body.data.next_cursor}`);
    expect(next.body.data.items.map((d: { title: string }) => d.title)).toEqual(['A']);
    expect(next.body.data.next_cursor).toBeNull();
  });
});

describe("a deal's saved analysis", () => {
  const input = { after_repair_value: 300_000, rehab_cost: 40_000, assignment_fee: 10_000 };

  it('stores what the calculator saves, its omitted numbers filled, and reads it back typed', async () => {
    const org = await server.newOrg();
    const deal = await create(org, { title: 'Analysed' });
    const saved = {
      kind: 'wholesale',
      input,
      output: analyzeWholesale(input),
      saved_at: '2026-12-01T09:00:00.000Z',
    };
    const patched = await org.call('PATCH', `/v1/opportunities/${deal.id}`, { analysis: saved });
    expect(patched.status).toBe(200);
    expect(patched.body.data.analysis).toEqual({ ...saved, input: { ...input, mao_rate: 0.7 } });
    const got = Opportunity.parse((await org.call('GET', `/v1/opportunities/${deal.id}`)).body.data);
    expect(got.analysis?.kind === 'wholesale' && got.analysis.output?.max_allowable_offer).toBe(
      analyzeWholesale(input).max_allowable_offer,
    );
  });

  it('refuses what is no analysis, naming the field', async () => {
    const org = await server.newOrg();
    const deal = await create(org);
    for (const analysis of [
      { score: 81 },
      { kind: 'lease', input },
      { kind: 'wholesale', input: { ...input, mao_rate: 7 } },
      { kind: 'wholesale', input, score: 81 },
    ]) {
      const res = await org.call('PATCH', `/v1/opportunities/${deal.id}`, { analysis });
      expect(res.status, JSON.stringify(analysis)).toBe(400);
      expect(Object.keys(res.body.details).some((path) => path.startsWith('analysis'))).toBe(true);
    }
    const created = await org.call('POST', '/v1/opportunities', { analysis: { score: 81 } });
    expect(created.status).toBe(400);
  });

  it('reads a value stored before the contract typed it: an analysis filled in, anything else as null', async () => {
    const org = await server.newOrg();
    const minimal = await create(org, { title: 'Minimal' });
    const scored = await create(org, { title: 'Scored' });
    const store = (id: string, analysis: Record<string, unknown>) =>
      server.deps.db.update(opportunities).set({ analysis }).where(eq(opportunities.id, id));
    await store(minimal.id, { kind: 'wholesale', input: { after_repair_value: 250_000 } });
    await store(scored.id, { score: 81 });
    const list = await org.call('GET', '/v1/opportunities?limit=10');
    const byTitle = new Map(list.body.data.items.map((deal: Opportunity) => [deal.title, deal.analysis]));
    expect(byTitle.get('Minimal')).toEqual({
      kind: 'wholesale',
      input: { after_repair_value: 250_000, rehab_cost: 0, assignment_fee: 0, mao_rate: 0.7 },
    });
    expect(byTitle.get('Scored')).toBeNull();
    for (const item of list.body.data.items) expect(Opportunity.safeParse(item).success).toBe(true);
    // The column keeps the old value until the analysis is saved again.
    const [row] = await server.deps.db.select().from(opportunities).where(eq(opportunities.id, scored.id));
    expect(row?.analysis).toEqual({ score: 81 });
  });
});

describe('POST /v1/opportunities/{id}/move', () => {
  it('places a card between neighbours, at the edges and at the end of a stage', async () => {
    const org = await server.newOrg();
    const a = await create(org, { title: 'A', stage: 'qualified' });
    const b = await create(org, { title: 'B', stage: 'qualified' });
    const c = await create(org, { title: 'C', stage: 'qualified' });
    const x = await create(org, { title: 'X' });

    const between = await org.call('POST', `/v1/opportunities/${x.id}/move`, {
      stage: 'qualified',
      after_id: a.id,
      before_id: b.id,
    });
    expect(between.status).toBe(200);
    expect(between.body.data.position).toBe((a.position + b.position) / 2);
    expect(await stageOrder(org, 'qualified')).toEqual(['A', 'X', 'B', 'C']);

    await org.call('POST', `/v1/opportunities/${x.id}/move`, { stage: 'qualified', before_id: a.id });
    expect(await stageOrder(org, 'qualified')).toEqual(['X', 'A', 'B', 'C']);
    await org.call('POST', `/v1/opportunities/${x.id}/move`, { stage: 'qualified', after_id: c.id });
    expect(await stageOrder(org, 'qualified')).toEqual(['A', 'B', 'C', 'X']);
    await org.call('POST', `/v1/opportunities/${a.id}/move`, { stage: 'qualified' });
    expect(await stageOrder(org, 'qualified')).toEqual(['B', 'C', 'X', 'A']);
  });

  it('renumbers the stage when repeated moves exhaust the gap', async () => {
    const org = await server.newOrg();
    const a = await create(org, { title: 'A', stage: 'proposal' });
    const b = await create(org, { title: 'B', stage: 'proposal' });
    let upper = b.id;
    const inserted: string[] = [];
    for (let i = 0; i < 45; i++) {
      const card = await create(org, { title: `N${i}` });
      const res = await org.call('POST', `/v1/opportunities/${card.id}/move`, {
        stage: 'proposal',
        after_id: a.id,
        before_id: upper,
      });
      expect(res.status).toBe(200);
      upper = card.id;
      inserted.unshift(`N${i}`);
    }
    expect(await stageOrder(org, 'proposal')).toEqual(['A', ...inserted, 'B']);
  });

  it('refuses a position out of bounds, or given with neighbours, changing nothing', async () => {
    const org = await server.newOrg();
    const a = await create(org, { title: 'A', stage: 'proposal' });
    const b = await create(org, { title: 'B', stage: 'proposal' });
    const huge = await org.call('POST', `/v1/opportunities/${a.id}/move`, {
      stage: 'proposal',
      position: 1e308,
    });
    expect(huge.status).toBe(400);
    expect(huge.body.details).toHaveProperty('position');
    const both = await org.call('POST', `/v1/opportunities/${b.id}/move`, {
      stage: 'proposal',
      position: 5,
      after_id: a.id,
    });
    expect(both.body.details).toEqual({
      position: ['Give a position or neighbours (before_id, after_id), not both'],
    });
    expect(await stageOrder(org, 'proposal')).toEqual(['A', 'B']);
    // The largest position allowed still leaves room for a card after it.
    await org.call('POST', `/v1/opportunities/${a.id}/move`, { stage: 'proposal', position: 1e12 });
    await org.call('POST', `/v1/opportunities/${b.id}/move`, { stage: 'proposal', after_id: a.id });
    expect(await stageOrder(org, 'proposal')).toEqual(['A', 'B']);
  });

  it('records stage changes and closes deals that are won or lost', async () => {
    const org = await server.newOrg();
    const deal = await create(org, { title: 'D' });
    const won = await org.call('POST', `/v1/opportunities/${deal.id}/move`, { stage: 'won' });
    expect(won.body.data.stage).toBe('won');
    expect(won.body.data.closed_at).not.toBeNull();
    expect(Date.parse(won.body.data.stage_changed_at)).toBeGreaterThanOrEqual(
      Date.parse(deal.stage_changed_at),
    );
    const reordered = await org.call('POST', `/v1/opportunities/${deal.id}/move`, { stage: 'won' });
    expect(reordered.status).toBe(200);

    const refused = await org.call('POST', `/v1/opportunities/${deal.id}/move`, { stage: 'negotiation' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ success: false, code: 'deal_closed' });
    expect(refused.body.details).toHaveProperty('reopen');
    expect(refused.body.error).toMatch(/reopen: true/);
    const unchanged = await org.call('GET', `/v1/opportunities/${deal.id}`);
    expect(unchanged.body.data).toMatchObject({ stage: 'won', closed_at: won.body.data.closed_at });
    const lost = await org.call('POST', `/v1/opportunities/${deal.id}/move`, { stage: 'lost' });
    expect(lost.body.code).toBe('deal_closed');

    const reopened = await org.call('POST', `/v1/opportunities/${deal.id}/move`, {
      stage: 'negotiation',
      reopen: true,
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body.data).toMatchObject({ stage: 'negotiation', closed_at: null });
  });

  it('starts a deal from its lead: property and value copied, the lead qualified', async () => {
    const org = await server.newOrg();
    const property = { address: '12 Oak St', city: 'Austin', bedrooms: 3, estimated_value: 310_000 };
    const lead = (await org.call('POST', '/v1/leads', { contact: { name: 'Seller' }, property })).body.data;
    expect(lead.status).toBe('new');
    const deal = await create(org, { lead_id: lead.id });
    expect(deal.property).toMatchObject(property);
    expect(deal.property_value).toBe(310_000);
    expect((await org.call('GET', `/v1/leads/${lead.id}`)).body.data.status).toBe('qualified');

    const own = await create(org, {
      lead_id: lead.id,
      property: { address: '9 Elm St' },
      property_value: null,
    });
    expect(own.property).toEqual({ address: '9 Elm St' });
    expect(own.property_value).toBeNull();

    await org.call('PATCH', `/v1/leads/${lead.id}`, { status: 'converted' });
    await create(org, { lead_id: lead.id });
    expect((await org.call('GET', `/v1/leads/${lead.id}`)).body.data.status).toBe('converted');
  });

  it('refuses neighbours outside the target stage or organisation', async () => {
    const org = await server.newOrg();
    const other = await server.newOrg();
    const deal = await create(org, { title: 'D' });
    const elsewhere = await create(org, { title: 'E', stage: 'closing' });
    const foreign = await create(other, { title: 'F', stage: 'qualified' });
    const wrongStage = await org.call('POST', `/v1/opportunities/${deal.id}/move`, {
      stage: 'qualified',
      after_id: elsewhere.id,
    });
    expect(wrongStage.status).toBe(400);
    expect(wrongStage.body.details).toHaveProperty('after_id');
    const foreignNeighbour = await org.call('POST', `/v1/opportunities/${deal.id}/move`, {
      stage: 'qualified',
      before_id: foreign.id,
    });
    expect(foreignNeighbour.status).toBe(400);
  });
});

describe('GET /v1/pipeline', () => {
  it('sums count, value (property value, else offer) and weighted value per stage', async () => {
    const org = await server.newOrg();
    await create(org, { stage: 'proposal', property_value: 100_000, offer_amount: 1 });
    await create(org, { stage: 'proposal', offer_amount: 50_000 });
    await create(org, { stage: 'won', property_value: 300_000 });
    await create(org, { stage: 'lost', property_value: 80_000 });
    const res = await org.call('GET', '/v1/pipeline');
    expect(res.status).toBe(200);
    const pipeline = Pipeline.parse(res.body.data);
    const proposal = pipeline.stages.find((stage) => stage.stage === 'proposal')!;
    expect(proposal).toEqual({
      stage: 'proposal',
      count: 2,
      total_value: 150_000,
      weighted_value: 60_000,
      probability: 0.4,
    });
    expect(pipeline.stages).toHaveLength(8);
    expect(pipeline.total_count).toBe(4);
    expect(pipeline.total_value).toBe(530_000);
    expect(pipeline.weighted_value).toBe(360_000);
    const empty = await (await server.newOrg()).call('GET', '/v1/pipeline');
    expect(empty.body.data.total_count).toBe(0);
  });
});

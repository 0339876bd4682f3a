import { Job, Lead } from '@hidden-key/sdk/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { comparableSalesProvider } from '../../services/enrichment/comparable-sales-provider.js';
import { enrichLeadJob } from '../../services/enrichment/enrich-lead.job.js';
import type { EnrichmentProvider } from '../../services/enrichment/enrichment-provider.js';
import { findJob } from '../../services/jobs/job-store.js';
import { startWorker, type Worker } from '../../services/jobs/worker.js';
import { generateLeadHistory, insertLeadHistory } from '../../services/scoring/lead-history.js';
import { trainOrganizationModel } from '../../services/scoring/train-organization-model.js';

const server = useTestServer();

/** A paid-data provider stand-in: it knows the year built and that the owner lives there. */
const recordsProvider: EnrichmentProvider = {
  name: 'county_records',
  async enrich() {
    return { property_facts: { year_built: 1978, sqft: 9_999 }, estimated_value: null, owner_occupied: true };
  },
};

let worker: Worker;
beforeAll(() => {
  worker = startWorker({
    db: server.deps.db,
    definitions: [
      enrichLeadJob({
        providers: [comparableSalesProvider(), recordsProvider],
        scorers: server.deps.scorers,
        clock: server.deps.clock,
      }),
    ],
    concurrency: 2,
    pollMs: 20,
    drainTimeoutMs: 5_000,
  });
});
afterAll(async () => {
  await worker?.stop();
});

const until = async (check: () => Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

const amesHome = {
  contact: { name: 'Ann Ames', email: 'ann@example.com' },
  property: { address: '1 Elm St', city: 'Ames', state: 'IA', bedrooms: 3, bathrooms: 2, sqft: 1_500 },
  motivation: 'Inherited the house, want a quick sale',
};

describe('POST /v1/leads/{id}/enrich', () => {
  it('queues a job that values the lead from comps, fills empty fields, keeps given ones and re-scores', async () => {
    const org = await server.newOrg();
    const history = generateLeadHistory({ count: 120, seed: 5, now: new Date() });
    await insertLeadHistory(server.deps.db, org.organization_id, history, server.deps.newId);
    await trainOrganizationModel(server.deps, { organizationId: org.organization_id });

    const created = await org.call('POST', '/v1/leads', amesHome);
    const leadId = created.body.data.id;
    const queued = await org.call('POST', `/v1/leads/${leadId}/enrich`);
    expect(queued.status).toBe(202);
    const job = Job.parse(queued.body.data);
    expect(job).toMatchObject({ name: 'lead.enrich', state: expect.stringMatching(/queued|running/) });
    const again = await org.call('POST', `/v1/leads/${leadId}/enrich`);
    expect(again.body.data.id).toBe(job.id);

    await until(async () => (await findJob(server.deps.db, job.id))?.state === 'succeeded');
    const lead = Lead.parse((await org.call('GET', `/v1/leads/${leadId}`)).body.data);
    const comps = lead.enrichment.comparable_sales as {
      estimated_value: {
        value: number;
        low: number;
        high: number;
        area: unknown;
        comps: { city: string; price: number }[];
      };
      enriched_at: string;
    };
    expect(comps.estimated_value.area).toEqual({ level: 'city', name: 'Ames' });
    expect(comps.estimated_value.comps.length).toBeGreaterThan(5);
    expect(comps.estimated_value.comps.every((comp) => comp.city === 'Ames' && comp.price > 0)).toBe(true);
    expect(comps.estimated_value.low).toBeLessThanOrEqual(comps.estimated_value.value);
    expect(lead.property.estimated_value).toBe(comps.estimated_value.value);
    expect(lead.property.year_built).toBe(1978);
    expect(lead.property.sqft).toBe(1_500);
    expect(lead.enrichment.county_records).toMatchObject({ owner_occupied: true });
    expect(lead.enrichment.filled_fields).toEqual({
      estimated_value: { by: 'comparable_sales', value: comps.estimated_value.value },
      year_built: { by: 'county_records', value: 1978 },
    });
    expect(lead.score).not.toBeNull();
    // Re-scored in the enrichment's own transaction, with the filled estimate among its features.
    expect(lead.score_details!.scored_at).toBe(comps.enriched_at);
    const result = (await org.call('GET', `/v1/jobs/${job.id}`)).body.data.result;
    expect(result).toMatchObject({ lead_id: leadId, enriched_by: ['comparable_sales', 'county_records'] });
  });

  it('gives the same lead when run again, and never overwrites a value a person set since', async () => {
    const org = await server.newOrg();
    const leadId = (await org.call('POST', '/v1/leads', amesHome)).body.data.id;
    const first = (await org.call('POST', `/v1/leads/${leadId}/enrich`)).body.data.id;
    await until(async () => (await findJob(server.deps.db, first))?.state === 'succeeded');
    const once = (await org.call('GET', `/v1/leads/${leadId}`)).body.data;

    const second = (await org.call('POST', `/v1/leads/${leadId}/enrich`)).body.data.id;
    expect(second).not.toBe(first);
    await until(async () => (await findJob(server.deps.db, second))?.state === 'succeeded');
    const twice = (await org.call('GET', `/v1/leads/${leadId}`)).body.data;
    expect(twice.property).toEqual(once.property);
    expect(twice.enrichment.comparable_sales.estimated_value).toEqual(
      once.enrichment.comparable_sales.estimated_value,
    );

    await org.call('PATCH', `/v1/leads/${leadId}`, { property: { estimated_value: 123_456 } });
    const third = (await org.call('POST', `/v1/leads/${leadId}/enrich`)).body.data.id;
    await until(async () => (await findJob(server.deps.db, third))?.state === 'succeeded');
    const kept = (await org.call('GET', `/v1/leads/${leadId}`)).body.data;
    expect(kept.property.estimated_value).toBe(123_456);
    expect(kept.enrichment.filled_fields).not.toHaveProperty('estimated_value');
  });

  it('answers 404 for another organisation’s lead and 401 without a key, queueing nothing', async () => {
    const org = await server.newOrg();
    const other = await server.newOrg();
    const theirs = (await other.call('POST', '/v1/leads', amesHome)).body.data.id;
    expect((await org.call('POST', `/v1/leads/${theirs}/enrich`)).status).toBe(404);
    expect((await org.call('POST', '/v1/leads/not-a-uuid/enrich')).status).toBe(400);
    expect((await server.raw(`/v1/leads/${theirs}/enrich`, { method: 'POST' })).status).toBe(401);
    const lead = (await other.call('GET', `/v1/leads/${theirs}`)).body.data;
    expect(lead.enrichment).toEqual({});
  });
});

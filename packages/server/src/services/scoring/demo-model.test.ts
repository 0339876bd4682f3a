import { Lead } from '@hidden-key/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { seedDemoData } from '../seed.js';
import { seedDemoModel } from './demo-model.js';

const server = useTestServer();

describe('the demo seed', () => {
  it('trains a model on the seeded history, so the demo’s live leads arrive scored and explained', async () => {
    const org = await server.newOrg();
    const model = await seedDemoModel(server.deps, org.organization_id);
    expect(model?.version).toBe(1);
    expect(model!.run.data.positives).toBeGreaterThan(10);
    expect(model!.run.data.rows - model!.run.data.positives).toBeGreaterThan(10);

    await seedDemoData(server.app, org.secret_key);
    // The live (still open) leads; the seeded history is converted or lost. A deal made from a
    // new lead qualifies it, so the open ones are spread over these statuses.
    const live = [];
    for (const status of ['new', 'contacted', 'qualified']) {
      const res = await org.call('GET', `/v1/leads?status=${status}&limit=100`);
      live.push(...res.body.data.items.map((item: unknown) => Lead.parse(item)));
    }
    expect(live.length).toBeGreaterThan(0);
    for (const lead of live) {
      expect(lead.score).not.toBeNull();
      expect(lead.score_details).toMatchObject({ model_version: 1, reasons: expect.any(Array) });
    }
  });
});

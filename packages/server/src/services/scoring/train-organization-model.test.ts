import { auc, featuresFromLead } from '@hidden-key/scoring';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { leads, models } from '../../db/schema.js';
import { toLead } from '../leads/lead-record.js';
import { generateLeadHistory, insertLeadHistory } from './lead-history.js';
import { TrainingDataError, trainOrganizationModel } from './train-organization-model.js';

const server = useTestServer();
const now = new Date('2026-11-01T12:00:00Z');

async function orgWithHistory(count: number, seed: number) {
  const org = await server.newOrg();
  const history = generateLeadHistory({ count, seed, now });
  const counts = await insertLeadHistory(server.deps.db, org.organization_id, history, server.deps.newId);
  return { org, counts };
}

describe('trainOrganizationModel', () => {
  it('learns the signal in an organisation’s closed leads and stores the model with its run record', async () => {
    const { org, counts } = await orgWithHistory(120, 1);
    const trained = await trainOrganizationModel(server.deps, { organizationId: org.organization_id });

    expect(trained.version).toBe(1);
    expect(trained.run.data).toMatchObject({ rows: 120, positives: counts.converted });
    expect(trained.run.data.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(trained.run.model.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const [stored] = await server.deps.db.select().from(models).where(eq(models.id, trained.modelId));
    expect(stored).toMatchObject({
      organizationId: org.organization_id,
      version: 1,
      format: 'hidden-key.trees.v1',
    });
    expect(stored!.run).toMatchObject({ model: { hash: trained.run.model.hash } });

    // Leads the model never saw, from the same kind of history, are ranked far better than chance.
    const { org: other } = await orgWithHistory(300, 2);
    const unseen = await server.deps.db
      .select()
      .from(leads)
      .where(eq(leads.organizationId, other.organization_id));
    const loaded = await server.deps.scorers.forOrganization(server.deps.db, org.organization_id);
    const probabilities = unseen.map((row) => {
      const lead = toLead(row);
      return loaded!.scorer.score(featuresFromLead(lead, new Date(lead.created_at)));
    });
    const labels = Uint8Array.from(unseen, (row) => (row.status === 'converted' ? 1 : 0));
    expect(auc(labels, probabilities)).toBeGreaterThan(0.7);
  });

  it('stores each training as the next version, and the latest one scores', async () => {
    const { org } = await orgWithHistory(60, 3);
    const first = await trainOrganizationModel(server.deps, { organizationId: org.organization_id });
    const before = await server.deps.scorers.forOrganization(server.deps.db, org.organization_id);
    expect(before?.ref).toEqual({ id: first.modelId, version: 1 });
    const second = await trainOrganizationModel(server.deps, {
      organizationId: org.organization_id,
      params: { seed: 7 },
    });
    expect(second.version).toBe(2);
    const after = await server.deps.scorers.forOrganization(server.deps.db, org.organization_id);
    expect(after?.ref).toEqual({ id: second.modelId, version: 2 });
  });

  it('refuses a history with too few converted or lost leads, saying how many it needs', async () => {
    const { org, counts } = await orgWithHistory(12, 4);
    const training = trainOrganizationModel(server.deps, { organizationId: org.organization_id });
    await expect(training).rejects.toThrow(TrainingDataError);
    await expect(training).rejects.toThrow(
      `has ${counts.converted} converted and ${counts.lost} lost leads; training needs at least 10 of each`,
    );
    const stored = await server.deps.db
      .select()
      .from(models)
      .where(eq(models.organizationId, org.organization_id));
    expect(stored).toHaveLength(0);
  });

  it('refuses an unknown organisation', async () => {
    await expect(
      trainOrganizationModel(server.deps, { organizationId: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toThrow(/Organisation 00000000-0000-4000-8000-000000000000 not found/);
  });
});

import { jobDefinitions, startWorker, type Worker } from '@hidden-key/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HiddenKey, NotFoundError } from '../../../src/client/index.js';
import { type Transport, useRealServer } from '../support/real-server.js';

/** Sellers who ask well under value and must sell convert; the others browse. */
async function closeLeads(hk: HiddenKey, count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    const converts = n % 2 === 0;
    const lead = await hk.leads.create({
      contact: { name: `Seller ${n}`, email: `models.seller${n}@example.com` },
      property: {
        address: `${n} Elm Dr`,
        estimated_value: 300_000,
        asking_price: (converts ? 190_000 : 300_000) + ((n * 7919) % 60) * 1_000,
        condition: converts ? 'distressed' : 'good',
      },
      motivation: converts ? 'Behind on payments, need to sell fast' : 'Curious what it is worth',
    });
    // One lead in ten against the trend, so a model has something to learn, not a rule.
    const against = n % 10 === 3 || n % 10 === 8;
    await hk.leads.update(lead.id, { status: converts !== against ? 'converted' : 'lost' });
  }
}

describe.each<Transport>(['in-process', 'socket'])('models against the real app (%s)', (transport) => {
  const server = useRealServer(transport);
  let worker: Worker;
  beforeAll(() => {
    worker = startWorker({ db: server.db, definitions: jobDefinitions({}), pollMs: 20 });
  });
  afterAll(async () => {
    await worker?.stop();
  });

  const settled = async (hk: HiddenKey, id: string) => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const job = await hk.jobs.retrieve(id);
      if (job.state === 'succeeded' || job.state === 'dead') return job;
      if (Date.now() > deadline) throw new Error(`job ${id} did not settle`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('retrains in a job, then lists and retrieves the version with its run record and live figures', async () => {
    const { secretKey } = await server.newOrg();
    const hk = server.client(secretKey);
    expect(await hk.models.list().toArray()).toEqual([]);

    await closeLeads(hk, 48);
    const queued = await hk.models.retrain();
    expect(queued).toMatchObject({ name: 'model.retrain' });
    expect((await hk.models.retrain()).id).toBe(queued.id);
    const job = await settled(hk, queued.id);
    expect(job.state, job.last_error ?? '').toBe('succeeded');
    expect(job.result).toMatchObject({ replaced: true, version: 1, reason: 'the organisation had no model' });

    const [model, ...older] = await hk.models.list().toArray();
    expect(older).toEqual([]);
    expect(model).toMatchObject({ version: 1, active: true, live: { scored: 0, drift: null } });
    expect(['gbdt', 'logistic', 'blend']).toContain(model!.algorithm);
    expect((model!.run.selection as { candidates: unknown[] }).candidates.length).toBeGreaterThan(5);

    // A new lead is scored by it, which the live figures count.
    const lead = await hk.leads.create({
      contact: { name: 'Fresh Seller', email: 'models.fresh@example.com' },
      property: { address: '1 New St', estimated_value: 300_000, asking_price: 200_000 },
    });
    expect(lead.score).not.toBeNull();
    const retrieved = await hk.models.retrieve(model!.id);
    expect(retrieved).toMatchObject({ id: model!.id, version: 1, active: true });
    expect(retrieved.live.scored).toBe(1);
    expect(retrieved.live.drift!.features.length).toBeGreaterThan(10);

    const stranger = server.client((await server.newOrg()).secretKey);
    await expect(stranger.models.retrieve(model!.id)).rejects.toBeInstanceOf(NotFoundError);
  }, 180_000);
});

import { LeadAutomation } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AiTestOrg, useAiStandIn } from '../../../test/ai-harness.js';
import { useTestServer } from '../../../test/harness.js';
import { jobs } from '../../db/schema.js';
import { LEAD_AUTOMATION_JOB, leadAutomationJob } from '../../services/automation/lead-automation.job.js';
import { startWorker, type Worker } from '../../services/jobs/worker.js';

const server = useTestServer();
const kit = useAiStandIn(server, { apiKey: null });
const definition = leadAutomationJob({ env: {} });

let worker: Worker;
beforeAll(() => {
  worker = startWorker({
    db: server.deps.db,
    definitions: [definition],
    concurrency: 2,
    pollMs: 20,
    drainTimeoutMs: 5_000,
  });
});
afterAll(async () => {
  await worker?.stop();
});

const until = async (check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

let count = 0;
async function newLead(org: AiTestOrg) {
  count++;
  const created = await org.call('POST', '/v1/leads', {
    contact: { name: 'Ann Ames', email: `ann${count}@example.com` },
    property: { address: '1 Elm St', city: 'Ames', state: 'IA', bedrooms: 3, sqft: 1_500 },
  });
  expect(created.status).toBe(201);
  return created.body.data.id as string;
}

const automationOf = async (org: AiTestOrg, leadId: string) =>
  LeadAutomation.parse((await org.call('GET', `/v1/leads/${leadId}/automation`)).body.data);

const finished = (org: AiTestOrg, leadId: string) => async () =>
  (await automationOf(org, leadId)).steps.every((step) => step.state === 'succeeded');

describe('lead automation (Steve)', () => {
  it('runs enrich → score → draft → task for a new lead, each step once, its state on the lead', async () => {
    const org = await kit.newOrg({ automation: { enabled: true } });
    const leadId = await newLead(org);
    await until(finished(org, leadId));
    const automation = await automationOf(org, leadId);
    expect(automation.steps.map((step) => step.step)).toEqual(['enrich', 'score', 'draft', 'task']);
    expect(automation.steps.every((step) => step.attempts === 1)).toBe(true);

    const lead = (await org.call('GET', `/v1/leads/${leadId}`)).body.data;
    expect(lead.enrichment.comparable_sales.estimated_value.value).toBeGreaterThan(0);
    const activities = (await org.call('GET', `/v1/activities?lead_id=${leadId}`)).body.data.items;
    expect(activities.map((activity: { type: string }) => activity.type).sort()).toEqual(['email', 'task']);
    const task = activities.find((activity: { type: string }) => activity.type === 'task');
    expect(task).toMatchObject({ status: 'pending', subject: 'Follow up with Ann Ames' });
  });

  it('writes nothing twice when a step runs again after a worker died mid-step', async () => {
    const org = await kit.newOrg({ automation: { enabled: true, steps: ['draft', 'task'] } });
    // No worker may take this lead's jobs before the "dead" worker has done its part.
    await worker.stop();
    const leadId = await newLead(org);
    const [first] = await server.deps.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, LEAD_AUTOMATION_JOB), eq(jobs.organizationId, org.organization_id)));
    expect(first).toMatchObject({ state: 'queued', payload: { step: 'draft' } });
    // What a worker killed after the step's writes (and before recording its outcome) leaves behind.
    const context = {
      db: server.deps.db,
      signal: new AbortController().signal,
      job: {
        id: first!.id,
        name: first!.name,
        organizationId: org.organization_id,
        attempt: 1,
        maxAttempts: 5,
      },
    };
    await definition.handle(first!.payload as never, context);
    await definition.handle({ organization_id: org.organization_id, lead_id: leadId, step: 'task' }, context);

    worker = startWorker({
      db: server.deps.db,
      definitions: [definition],
      concurrency: 2,
      pollMs: 20,
      drainTimeoutMs: 5_000,
    });
    await until(finished(org, leadId));
    const activities = (await org.call('GET', `/v1/activities?lead_id=${leadId}`)).body.data.items;
    expect(activities.map((activity: { type: string }) => activity.type).sort()).toEqual(['email', 'task']);
    const steps = (await automationOf(org, leadId)).steps;
    expect(steps.map((step) => (step.result as { replayed: boolean }).replayed)).toEqual([true, true]);
  });

  it('stays off unless the organisation turns it on, and keeps to its steps', async () => {
    const off = await kit.newOrg();
    const leadId = await newLead(off);
    const automation = await automationOf(off, leadId);
    expect(automation.enabled).toBe(false);
    expect(automation.steps.every((step) => step.state === 'pending' && step.job_id === null)).toBe(true);

    const some = await kit.newOrg({ automation: { enabled: true, steps: ['task', 'enrich'] } });
    const other = await newLead(some);
    await until(finished(some, other));
    expect((await automationOf(some, other)).steps.map((step) => step.step)).toEqual(['enrich', 'task']);
    const types = (await some.call('GET', `/v1/activities?lead_id=${other}`)).body.data.items.map(
      (a: { type: string }) => a.type,
    );
    expect(types).toEqual(['task']);
    expect((await off.call('GET', `/v1/leads/${other}/automation`)).status).toBe(404);
  });
});

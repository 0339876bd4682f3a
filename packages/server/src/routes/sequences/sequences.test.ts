import { SequenceEnrollment } from '@hidden-key/sdk/schemas';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';
import { makeStepsDue } from '../../../test/sequence-steps.js';
import { jobs } from '../../db/schema.js';
import { startWorker, type Worker } from '../../services/jobs/worker.js';
import { sequenceStepJob } from '../../services/sequences/sequence-step.job.js';

const server = useTestServer();
const definition = sequenceStepJob({ env: {} });

let worker: Worker;
beforeAll(() => {
  worker = startWorker({ db: server.deps.db, definitions: [definition], concurrency: 2, pollMs: 20 });
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

const CONSENT = { text: 'You may call and text me about my property.', version: 'v1' };

let count = 0;
async function newLead(org: TestOrg, extra: Record<string, unknown> = {}) {
  count++;
  const created = await org.call('POST', '/v1/leads', {
    contact: {
      name: 'Sam Seller',
      email: `sam${count}@example.com`,
      phone: `+1916555${String(1000 + count)}`,
    },
    property: { address: '9 Oak Ave', city: 'Sacramento', state: 'CA', sqft: 1_400 },
    consent: CONSENT,
    ...extra,
  });
  expect(created.status).toBe(201);
  return created.body.data.id as string;
}

async function newSequence(org: TestOrg, body: Record<string, unknown>) {
  const created = await org.call('POST', '/v1/sequences', { name: 'New seller follow-up', ...body });
  expect(created.status).toBe(201);
  return created.body.data.id as string;
}

const enrol = async (org: TestOrg, sequenceId: string, leadId: string) =>
  org.call('POST', `/v1/sequences/${sequenceId}/enrollments`, { lead_id: leadId });

const enrollmentOf = async (org: TestOrg, id: string) =>
  SequenceEnrollment.parse((await org.call('GET', `/v1/sequence-enrollments/${id}`)).body.data);

const activitiesOf = async (org: TestOrg, leadId: string) =>
  (await org.call('GET', `/v1/activities?lead_id=${leadId}&limit=100`)).body.data.items as {
    type: string;
    status: string;
    subject: string | null;
    metadata: Record<string, unknown>;
  }[];

/** Runs an enrolment's queued steps now, as if their time had come. */
const makeDue = (enrollmentId: string) => makeStepsDue(server.deps.db, enrollmentId);

const jobsSettled = (ids: string[]) => async () => {
  const rows = await server.deps.db.select().from(jobs).where(inArray(jobs.id, ids));
  return rows.length === ids.length && rows.every((row) => row.state === 'succeeded');
};

describe('sequences (Nova)', () => {
  it('creates, lists, updates and deletes sequences; bad steps are refused field by field', async () => {
    const org = await server.newOrg();
    const created = await org.call('POST', '/v1/sequences', {
      name: 'Three touches',
      steps: [
        { channel: 'email', offset_minutes: 0 },
        { channel: 'sms', offset_minutes: 1_440, tone: 'direct' },
        { channel: 'task', offset_minutes: 4_320, subject: 'Call the seller' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body.data.quiet_hours).toEqual({ start: '21:00', end: '08:00' });
    const id = created.body.data.id;

    const backwards = await org.call('POST', '/v1/sequences', {
      name: 'Backwards',
      steps: [
        { channel: 'email', offset_minutes: 60 },
        { channel: 'task', offset_minutes: 0 },
      ],
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('validation_error');
    expect(Object.keys(backwards.body.details)).toEqual(
      expect.arrayContaining(['steps.1.offset_minutes', 'steps.1.subject']),
    );
    const badHours = await org.call('POST', '/v1/sequences', {
      name: 'Bad hours',
      steps: [{ channel: 'email', offset_minutes: 0 }],
      quiet_hours: { start: '25:00', end: '08:00' },
    });
    expect(badHours.status).toBe(400);
    expect((await org.call('POST', '/v1/sequences', { name: 'Empty', steps: [] })).status).toBe(400);

    const renamed = await org.call('PATCH', `/v1/sequences/${id}`, {
      name: 'Two touches',
      quiet_hours: null,
    });
    expect(renamed.body.data).toMatchObject({ name: 'Two touches', quiet_hours: null });
    expect(renamed.body.data.steps).toHaveLength(3);
    const listed = await org.call('GET', '/v1/sequences');
    expect(listed.body.data.items.map((item: { id: string }) => item.id)).toEqual([id]);

    const other = await server.newOrg();
    expect((await other.call('GET', `/v1/sequences/${id}`)).status).toBe(404);
    expect((await other.call('PATCH', `/v1/sequences/${id}`, { name: 'Mine' })).status).toBe(404);
    expect((await other.call('GET', '/v1/sequences')).body.data.items).toEqual([]);
    expect((await enrol(other, id, await newLead(other))).status).toBe(404);

    expect((await org.call('DELETE', `/v1/sequences/${id}`)).status).toBe(200);
    expect((await org.call('GET', `/v1/sequences/${id}`)).status).toBe(404);
  });

  it('runs task, email and SMS steps in order: a task and email drafts left to a person, the SMS sent, each once', async () => {
    const org = await server.newOrg();
    const sequenceId = await newSequence(org, {
      quiet_hours: null,
      steps: [
        { channel: 'task', offset_minutes: 0, subject: 'Look up the property' },
        { channel: 'email', offset_minutes: 0 },
        { channel: 'sms', offset_minutes: 0 },
      ],
    });
    const leadId = await newLead(org);
    const enrolled = await enrol(org, sequenceId, leadId);
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.data).toMatchObject({
      state: 'active',
      next_step: 0,
      time_zone: 'America/Los_Angeles',
    });
    const id = enrolled.body.data.id;

    await until(async () => (await enrollmentOf(org, id)).state === 'completed');
    const enrollment = await enrollmentOf(org, id);
    expect(enrollment.history.map((run) => [run.step, run.channel, run.outcome])).toEqual([
      [0, 'task', 'done'],
      [1, 'email', 'done'],
      [2, 'sms', 'done'],
    ]);
    expect(enrollment).toMatchObject({ next_step: null, next_run_at: null, stop_reason: null });

    const activities = await activitiesOf(org, leadId);
    const ids = enrollment.history.flatMap((run) => run.activity_ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(activities).toHaveLength(ids.length);
    expect(activities.filter((activity) => activity.type === 'task').map((task) => task.subject)).toEqual([
      'Look up the property',
    ]);
    // No email sender exists: email steps are Lex drafts a person sends. SMS goes out at once
    // (the outbox here, no Twilio configured; sequence-sms.test.ts covers Twilio).
    const emails = activities.filter((activity) => activity.type === 'email');
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every((email) => email.status === 'pending')).toBe(true);
    const texts = activities.filter((activity) => activity.type === 'sms');
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ status: 'completed', metadata: { provider: 'outbox' } });

    const again = await enrol(org, sequenceId, leadId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('conflict');
    const ofLead = await org.call('GET', `/v1/leads/${leadId}/sequences`);
    expect(ofLead.body.data.items.map((item: { id: string }) => item.id)).toEqual([id]);
  });

  it('skips an SMS step for a lead without SMS consent, and refuses to enrol converted or opted-out leads', async () => {
    const org = await server.newOrg();
    const sequenceId = await newSequence(org, {
      quiet_hours: null,
      steps: [
        { channel: 'sms', offset_minutes: 0 },
        { channel: 'task', offset_minutes: 0, subject: 'Call instead' },
      ],
    });
    const noConsent = await newLead(org, { consent: null });
    const { id } = (await enrol(org, sequenceId, noConsent)).body.data;
    await until(async () => (await enrollmentOf(org, id)).state === 'completed');
    const [sms] = (await enrollmentOf(org, id)).history;
    expect(sms).toMatchObject({ outcome: 'skipped', skipped_reason: 'no_sms_consent', activity_ids: [] });
    expect((await activitiesOf(org, noConsent)).map((activity) => activity.type)).toEqual(['task']);

    const converted = await newLead(org, { status: 'converted' });
    const refused = await enrol(org, sequenceId, converted);
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatch(/converted/);
    const optedOut = await newLead(org, { tags: ['sms_opt_out'] });
    expect((await enrol(org, sequenceId, optedOut)).status).toBe(422);
    expect((await enrol(org, sequenceId, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('stops at once on a reply, STOP, withdrawn consent, converted or lost, and erasure; later steps do nothing', async () => {
    const org = await server.newOrg();
    const sequenceId = await newSequence(org, {
      quiet_hours: null,
      steps: [
        { channel: 'task', offset_minutes: 0, subject: 'Say hello' },
        { channel: 'email', offset_minutes: 1_440 },
      ],
    });
    const stops: [string, (leadId: string) => Promise<unknown>, string | null][] = [
      [
        'reply',
        (leadId) =>
          org.call('POST', '/v1/activities', {
            type: 'sms',
            status: 'completed',
            description: 'Yes, call me tomorrow',
            metadata: { direction: 'inbound' },
            lead_id: leadId,
          }),
        'reply',
      ],
      ['STOP', (leadId) => org.call('PATCH', `/v1/leads/${leadId}`, { tags: ['sms_opt_out'] }), 'opt_out'],
      [
        'consent withdrawn',
        (leadId) => org.call('PATCH', `/v1/leads/${leadId}`, { consent: null }),
        'opt_out',
      ],
      [
        'converted',
        (leadId) => org.call('PATCH', `/v1/leads/${leadId}`, { status: 'converted' }),
        'converted',
      ],
      // Any path that changes the lead stops it, not only the API.
      [
        'lost (straight SQL)',
        (leadId) => server.deps.db.execute(sql`update leads set status = 'lost' where id = ${leadId}`),
        'lost',
      ],
      ['erasure', (leadId) => org.call('DELETE', `/v1/leads/${leadId}`), null],
    ];
    const enrolments: { name: string; leadId: string; id: string; reason: string | null }[] = [];
    for (const [name, , reason] of stops) {
      const leadId = await newLead(org);
      const { id } = (await enrol(org, sequenceId, leadId)).body.data;
      enrolments.push({ name, leadId, id, reason });
    }
    for (const { id } of enrolments) await until(async () => (await enrollmentOf(org, id)).next_step === 1);

    const pending: string[] = [];
    for (const [index, [, stop]] of stops.entries()) {
      const { id, leadId, reason } = enrolments[index]!;
      await stop(leadId);
      if (reason === null) {
        expect((await org.call('GET', `/v1/sequence-enrollments/${id}`)).status).toBe(404);
      } else {
        expect(await enrollmentOf(org, id)).toMatchObject({
          state: 'stopped',
          stop_reason: reason,
          next_step: null,
        });
      }
      pending.push(...(await makeDue(id)).map((job) => job.id));
    }
    expect(pending).toHaveLength(stops.length);
    await until(jobsSettled(pending));
    for (const { leadId, reason } of enrolments) {
      if (reason === null) continue;
      const types = (await activitiesOf(org, leadId)).map((activity) => activity.type);
      expect(types.filter((type) => type === 'email')).toEqual([]);
    }
  });

  it('stops by hand, and a still-active control enrolment goes on to its next step', async () => {
    const org = await server.newOrg();
    const sequenceId = await newSequence(org, {
      quiet_hours: null,
      steps: [
        { channel: 'task', offset_minutes: 0, subject: 'First' },
        { channel: 'task', offset_minutes: 600, subject: 'Second' },
      ],
    });
    const stopped = (await enrol(org, sequenceId, await newLead(org))).body.data.id;
    const control = (await enrol(org, sequenceId, await newLead(org))).body.data.id;
    for (const id of [stopped, control])
      await until(async () => (await enrollmentOf(org, id)).next_step === 1);
    const answer = await org.call('POST', `/v1/sequence-enrollments/${stopped}/stop`);
    expect(answer.body.data).toMatchObject({ state: 'stopped', stop_reason: 'manual' });
    const other = await server.newOrg();
    expect((await other.call('POST', `/v1/sequence-enrollments/${control}/stop`)).status).toBe(404);

    const due = [...(await makeDue(stopped)), ...(await makeDue(control))].map((job) => job.id);
    await until(jobsSettled(due));
    expect((await enrollmentOf(org, control)).state).toBe('completed');
    expect((await enrollmentOf(org, stopped)).history).toHaveLength(1);
    const listed = await org.call('GET', `/v1/sequences/${sequenceId}/enrollments?state=stopped`);
    expect(listed.body.data.items.map((item: { id: string }) => item.id)).toEqual([stopped]);
  });

  it('waits out the quiet hours in the lead’s time zone, and defers a step that comes due inside them', async () => {
    const org = await server.newOrg();
    const now = new Date();
    const clock = (date: Date) => date.toISOString().slice(11, 16);
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    // Quiet from an hour ago to an hour from now, read in UTC: the lead's own zone.
    const quiet = {
      start: clock(new Date(minute.getTime() - 3_600_000)),
      end: clock(new Date(minute.getTime() + 3_600_000)),
    };
    const sequenceId = await newSequence(org, {
      quiet_hours: quiet,
      steps: [
        { channel: 'task', offset_minutes: 0, subject: 'A task is not a message' },
        { channel: 'email', offset_minutes: 0 },
      ],
    });
    const leadId = await newLead(org, { custom_fields: { time_zone: 'UTC' } });
    const { id } = (await enrol(org, sequenceId, leadId)).body.data;
    await until(async () => (await enrollmentOf(org, id)).next_step === 1);
    const waiting = await enrollmentOf(org, id);
    expect(waiting.time_zone).toBe('UTC');
    expect(waiting.next_run_at).toBe(new Date(minute.getTime() + 3_600_000).toISOString());
    expect((await activitiesOf(org, leadId)).map((activity) => activity.type)).toEqual(['task']);

    // The email comes due (a retry, a clock) while still inside the quiet hours: it waits again.
    const [due] = await makeDue(id);
    await until(jobsSettled([due!.id]));
    const [ran] = await server.deps.db.select().from(jobs).where(eq(jobs.id, due!.id));
    expect(ran!.result).toMatchObject({ step: 1, deferred_until: waiting.next_run_at });
    expect((await activitiesOf(org, leadId)).map((activity) => activity.type)).toEqual(['task']);
    expect((await enrollmentOf(org, id)).state).toBe('active');
  });
});

import { randomBytes } from 'node:crypto';
import { SequenceEnrollment } from '@hidden-key/sdk/schemas';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';
import { type Listening, listen } from '../../../test/listen.js';
import { makeStepsDue, queuedSteps as queuedStepsOf } from '../../../test/sequence-steps.js';
import { startTwilioStandIn, type TwilioStandIn } from '../../../test/twilio-stand-in.js';
import { createApp } from '../../app.js';
import { jobs, sequenceEnrollments } from '../../db/schema.js';
import { startWorker, type Worker } from '../jobs/worker.js';
import { twilioSmsProvider } from '../messaging/twilio-sms.js';
import { SEQUENCE_STEP_JOB, sequenceStepJob } from './sequence-step.job.js';

/**
 * Nova's SMS steps against the Twilio stand-in over HTTP: the real `twilio` client sends, the
 * stand-in answers as Twilio does, and STOP comes back through the signed inbound route.
 */
const server = useTestServer();
const NUMBER = '+19165550142';
let twilio: TwilioStandIn;
let worker: Worker;
let inboundApp: Listening;
let definition: ReturnType<typeof sequenceStepJob>;

beforeAll(async () => {
  twilio = await startTwilioStandIn();
  definition = sequenceStepJob({
    env: {},
    sms: twilioSmsProvider({ ...twilio, fromNumber: NUMBER }),
  });
  worker = startWorker({ db: server.deps.db, definitions: [definition], concurrency: 2, pollMs: 20 });
  inboundApp = await listen(
    createApp({
      ...server.deps,
      inbound: {
        twilioAuthToken: twilio.authToken,
        twilioDefaultNumber: NUMBER,
        stripeWebhookSecret: null,
        publicUrl: null,
      },
    }),
  );
});
afterAll(async () => {
  await worker?.stop();
  await Promise.all([inboundApp?.close(), twilio?.close()]);
});

const until = async (check: () => Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** A number of its own per lead: the PostgreSQL run shares one database between files. */
const newPhone = () =>
  `+1916${200 + Math.floor(Math.random() * 800)}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;

async function newLead(org: TestOrg, extra: Record<string, unknown> = {}) {
  const phone = newPhone();
  const created = await org.call('POST', '/v1/leads', {
    contact: { name: 'Sam Seller', phone, email: `sam-${randomBytes(4).toString('hex')}@example.com` },
    property: { address: '9 Oak Ave', city: 'Sacramento', state: 'CA' },
    consent: { text: 'You may call and text me about my property.', version: 'v1' },
    custom_fields: { time_zone: 'UTC' },
    ...extra,
  });
  expect(created.status).toBe(201);
  return { id: created.body.data.id as string, phone };
}

async function enrol(org: TestOrg, leadId: string, steps: unknown[], quietHours: unknown = null) {
  const sequence = await org.call('POST', '/v1/sequences', {
    name: 'Text follow-up',
    steps,
    quiet_hours: quietHours,
  });
  expect(sequence.status).toBe(201);
  const enrolled = await org.call('POST', `/v1/sequences/${sequence.body.data.id}/enrollments`, {
    lead_id: leadId,
  });
  expect(enrolled.status).toBe(201);
  return enrolled.body.data.id as string;
}

const enrollmentOf = async (org: TestOrg, id: string) =>
  SequenceEnrollment.parse((await org.call('GET', `/v1/sequence-enrollments/${id}`)).body.data);

const smsActivities = async (org: TestOrg, leadId: string) =>
  (await org.call('GET', `/v1/activities?lead_id=${leadId}&type=sms&limit=100`)).body.data.items as {
    id: string;
    status: string;
    description: string;
    metadata: Record<string, unknown>;
  }[];

const textsTo = (phone: string) => twilio.messages.filter((message) => message.to === phone);

const queuedSteps = (enrollmentId: string) => queuedStepsOf(server.deps.db, enrollmentId);

/** Runs an enrolment's queued steps now, as if their time had come. */
const makeDue = (enrollmentId: string) => makeStepsDue(server.deps.db, enrollmentId);

const jobsSettled = (ids: string[]) => async () => {
  const rows = await server.deps.db.select().from(jobs).where(inArray(jobs.id, ids));
  return rows.length === ids.length && rows.every((row) => row.state === 'succeeded' || row.state === 'dead');
};

describe('sequence SMS steps through sendSms and Twilio', () => {
  it('texts the lead through Twilio, records the sent message with its Lex origin, and goes on', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const id = await enrol(org, lead.id, [
      { channel: 'sms', offset_minutes: 0, tone: 'direct' },
      { channel: 'task', offset_minutes: 0, subject: 'Call if no answer' },
    ]);
    await until(async () => (await enrollmentOf(org, id)).state === 'completed');

    const [text] = textsTo(lead.phone);
    expect(textsTo(lead.phone)).toHaveLength(1);
    expect(text).toMatchObject({ from: NUMBER, body: expect.stringMatching(/STOP/) });
    const [run] = (await enrollmentOf(org, id)).history;
    expect(run).toMatchObject({ channel: 'sms', outcome: 'done', source: 'template' });
    const activities = await smsActivities(org, lead.id);
    expect(activities.map((activity) => activity.id)).toEqual(run!.activity_ids);
    expect(activities[0]).toMatchObject({
      status: 'completed',
      description: text!.body,
      metadata: {
        direction: 'outbound',
        provider: 'twilio',
        message_id: text!.sid,
        sequence: { key: `sequence:${id}:0` },
        ai_draft: { kind: 'follow_up_sms', tone: 'direct', source: 'template' },
      },
    });
  });

  it('sends at most once when a step runs again after the send (a worker that died before recording)', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const id = await enrol(org, lead.id, [
      { channel: 'sms', offset_minutes: 0 },
      { channel: 'task', offset_minutes: 600, subject: 'Later' },
    ]);
    await until(async () => (await enrollmentOf(org, id)).next_step === 1);
    const first = (await enrollmentOf(org, id)).history[0]!;
    // Undo what the step recorded after its send, as if its transaction had never committed.
    await server.deps.db
      .update(sequenceEnrollments)
      .set({ nextStep: 0, history: sql`'[]'::jsonb` })
      .where(eq(sequenceEnrollments.id, id));
    const again = (await definition.handle(
      { organization_id: org.organization_id, enrollment_id: id, step: 0 },
      {
        db: server.deps.db,
        signal: new AbortController().signal,
        job: { id: 'replay', name: SEQUENCE_STEP_JOB, organizationId: null, attempt: 2, maxAttempts: 5 },
      },
    )) as { outcome: string; activity_ids: string[] };
    expect(again).toMatchObject({ outcome: 'done', activity_ids: first.activity_ids });
    expect(textsTo(lead.phone)).toHaveLength(1);
    expect(await smsActivities(org, lead.id)).toHaveLength(1);
  });

  it('retries a send Twilio could not take (503), and sends it once when Twilio recovers', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    twilio.failNext({ status: 503, code: 20503, message: 'Service unavailable' });
    const id = await enrol(org, lead.id, [{ channel: 'sms', offset_minutes: 0 }]);
    await until(async () => {
      const [job] = await queuedSteps(id);
      return job !== undefined && job.attempts === 1;
    });
    expect(textsTo(lead.phone)).toHaveLength(0);
    expect((await enrollmentOf(org, id)).state).toBe('active');

    await makeDue(id);
    await until(async () => (await enrollmentOf(org, id)).state === 'completed');
    expect(textsTo(lead.phone)).toHaveLength(1);
    const activities = await smsActivities(org, lead.id);
    expect(activities.map((activity) => activity.status).sort()).toEqual(['cancelled', 'completed']);
    expect((await enrollmentOf(org, id)).history[0]).toMatchObject({ outcome: 'done' });
  });

  it('STOP texted back stops the rest of the sequence: no later text is sent', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const id = await enrol(org, lead.id, [
      { channel: 'sms', offset_minutes: 0 },
      { channel: 'sms', offset_minutes: 1_440 },
      { channel: 'task', offset_minutes: 2_880, subject: 'Call' },
    ]);
    await until(async () => (await enrollmentOf(org, id)).next_step === 1);
    expect(textsTo(lead.phone)).toHaveLength(1);

    const answer = await twilio.sendInbound(`${inboundApp.baseUrl}/v1/inbound/twilio/sms`, {
      MessageSid: `SM${randomBytes(16).toString('hex')}`,
      AccountSid: twilio.accountSid,
      From: lead.phone,
      To: NUMBER,
      Body: 'STOP',
      NumMedia: '0',
    });
    expect(answer.status).toBe(200);
    expect(await enrollmentOf(org, id)).toMatchObject({ state: 'stopped', next_step: null });

    const due = (await makeDue(id)).map((job) => job.id);
    expect(due).toHaveLength(1);
    await until(jobsSettled(due));
    expect(textsTo(lead.phone)).toHaveLength(1);
    expect((await enrollmentOf(org, id)).history).toHaveLength(1);
  });

  it('checks consent at send time: Twilio’s “unsubscribed” opts the lead out and stops the sequence', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    twilio.unsubscribed.add(lead.phone);
    const id = await enrol(org, lead.id, [
      { channel: 'sms', offset_minutes: 0 },
      { channel: 'task', offset_minutes: 0, subject: 'Never reached' },
    ]);
    await until(async () => (await enrollmentOf(org, id)).state !== 'active');
    const enrollment = await enrollmentOf(org, id);
    expect(enrollment).toMatchObject({ state: 'stopped', stop_reason: 'opt_out' });
    expect((await org.call('GET', `/v1/leads/${lead.id}`)).body.data.tags).toContain('sms_opt_out');
    expect(textsTo(lead.phone)).toHaveLength(0);
    const tasks = await org.call('GET', `/v1/activities?lead_id=${lead.id}&type=task`);
    expect(tasks.body.data.items).toEqual([]);
  });

  it('skips a text to a number Twilio can never reach, and the next step still runs', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    twilio.failNext({ status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    const id = await enrol(org, lead.id, [
      { channel: 'sms', offset_minutes: 0 },
      { channel: 'task', offset_minutes: 0, subject: 'Find a better number' },
    ]);
    await until(async () => (await enrollmentOf(org, id)).state === 'completed');
    const [sms, task] = (await enrollmentOf(org, id)).history;
    expect(sms).toMatchObject({ outcome: 'skipped', skipped_reason: 'sms_undeliverable', activity_ids: [] });
    expect(task).toMatchObject({ outcome: 'done' });
  });

  it('sends nothing inside the quiet hours of the lead’s time zone, even when the job comes due', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const clock = (time: number) => new Date(time).toISOString().slice(11, 16);
    const quiet = { start: clock(minute - 3_600_000), end: clock(minute + 3_600_000) };
    const id = await enrol(org, lead.id, [{ channel: 'sms', offset_minutes: 0 }], quiet);
    await until(async () => (await queuedSteps(id)).length === 1);
    expect((await enrollmentOf(org, id)).next_run_at).toBe(new Date(minute + 3_600_000).toISOString());

    const due = (await makeDue(id)).map((job) => job.id);
    await until(jobsSettled(due));
    expect(textsTo(lead.phone)).toHaveLength(0);
    expect((await enrollmentOf(org, id)).state).toBe('active');
  });
});

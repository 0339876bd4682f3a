import {
  CLOSED_LEAD_STATUSES,
  type EnrollmentStepRun,
  type EnrollmentStopReason,
  type SequenceStep,
} from '@hidden-key/sdk/schemas';
import { and, eq, sql } from 'drizzle-orm';
import * as z from 'zod';
import type { Executor } from '../../db/database.js';
import { leads, sequenceEnrollments, sequences } from '../../db/schema.js';
import { defaultDeps } from '../../deps.js';
import { activityStore } from '../activities/activity-store.js';
import { markedActivityIds } from '../activities/marked-activity.js';
import { createAiService } from '../ai/ai-service.js';
import { aiSettingsFromEnv } from '../ai/ai-settings.js';
import { composeContent, generateContent } from '../ai/content/generate-content.js';
import { enqueueJob } from '../jobs/enqueue.js';
import { defineJob, type JobDefinition, type JobRun } from '../jobs/job-definition.js';
import type { JobEnvironment } from '../jobs/registry.js';
import { type LeadRow, leadColumns } from '../leads/lead-record.js';
import { smsProviderFromEnv } from '../messaging/messaging-settings.js';
import { SmsRefused, sendSms } from '../messaging/send-sms.js';
import { hasSmsConsent, SMS_OPT_OUT_TAG } from '../messaging/sms-consent.js';
import { type SmsProvider, SmsProviderError } from '../messaging/sms-provider.js';
import { nextAllowedTime } from './quiet-hours.js';
import type { EnrollmentRow, SequenceRow } from './sequence-record.js';

export const SEQUENCE_STEP_JOB = 'sequence.step';

const Payload = z.object({
  organization_id: z.uuid(),
  enrollment_id: z.uuid(),
  step: z.number().int().min(0),
});
type Payload = z.infer<typeof Payload>;

const stepKey = (enrollmentId: string, step: number) => `sequence:${enrollmentId}:${step}`;

/** What the step's activities carry, so a step run again finds what its earlier try wrote. */
const markerOf = (key: string) => ({ sequence: { key } });

/** Steps that reach the lead wait out the quiet hours; a task for a person does not. */
const reachesLead = (step: SequenceStep) => step.channel !== 'task';

/** When a step is due: its offset from enrolment, never in the past, moved past the quiet hours. */
export function stepRunAt(
  enrollment: Pick<EnrollmentRow, 'enrolledAt' | 'timeZone'>,
  sequence: Pick<SequenceRow, 'quietHours'>,
  step: SequenceStep,
  now: Date,
): Date {
  const due = new Date(
    Math.max(enrollment.enrolledAt.getTime() + step.offset_minutes * 60_000, now.getTime()),
  );
  return reachesLead(step) ? nextAllowedTime(due, enrollment.timeZone, sequence.quietHours ?? null) : due;
}

/** Queues step `index` of an enrolment in `tx`, records when it runs, and answers that time. */
export async function scheduleStep(
  tx: Executor,
  enrollment: Pick<EnrollmentRow, 'id' | 'organizationId' | 'enrolledAt' | 'timeZone'>,
  sequence: Pick<SequenceRow, 'quietHours' | 'steps'>,
  index: number,
  now: Date,
  key = stepKey(enrollment.id, index),
): Promise<Date> {
  const runAt = stepRunAt(enrollment, sequence, sequence.steps[index]!, now);
  await enqueueJob(
    tx,
    sequenceStepJob(),
    { organization_id: enrollment.organizationId, enrollment_id: enrollment.id, step: index },
    { organizationId: enrollment.organizationId, key, runAt },
  );
  await tx
    .update(sequenceEnrollments)
    .set({ nextStep: index, nextRunAt: runAt, updatedAt: now })
    .where(eq(sequenceEnrollments.id, enrollment.id));
  return runAt;
}

/** Why a lead may not (or no longer) be in a sequence, read from the lead itself. */
export function leadStopReason(lead: Pick<LeadRow, 'status' | 'tags'>): EnrollmentStopReason | null {
  const closed = CLOSED_LEAD_STATUSES.find((status) => status === lead.status);
  if (closed) return closed;
  if (lead.tags.includes(SMS_OPT_OUT_TAG)) return 'opt_out';
  return null;
}

async function loadEnrollment(db: Executor, organizationId: string, enrollmentId: string) {
  const [row] = await db
    .select({ enrollment: sequenceEnrollments, sequence: sequences })
    .from(sequenceEnrollments)
    .innerJoin(sequences, eq(sequences.id, sequenceEnrollments.sequenceId))
    .where(
      and(eq(sequenceEnrollments.id, enrollmentId), eq(sequenceEnrollments.organizationId, organizationId)),
    );
  return row ?? null;
}

type StepResult = Omit<EnrollmentStepRun, 'step' | 'channel' | 'ran_at'>;

export interface SequenceStepOptions {
  env?: JobEnvironment;
  /** Where SMS steps go; from the environment (`smsProviderFromEnv`: Twilio or the outbox) when absent. */
  sms?: SmsProvider;
}

/**
 * Nova: runs one step of an enrolment, then queues the next. An SMS step is written by Lex and
 * sent at once through `sendSms` (Twilio or the outbox), which checks consent at that moment and
 * sends at most once per step key. An email step is a Lex draft saved as a pending activity for a
 * person to send: the server has no email sender. A task step is a task for a person. A step finds
 * its enrolment stopped (a reply, STOP, a converted or lost lead: see migration 0015) or gone (the
 * lead was erased) and does nothing; one due inside the quiet hours (a retry that slipped into
 * them) waits for their end. Each step is idempotent: its activities carry a marker (an SMS its
 * send key), the next step's job has a key.
 */
export function sequenceStepJob(options: SequenceStepOptions = {}): JobDefinition<Payload> {
  const env = options.env ?? process.env;
  const sms = options.sms ?? smsProviderFromEnv(env);
  return defineJob({
    name: SEQUENCE_STEP_JOB,
    payload: Payload,
    maxAttempts: 5,
    retryDelaysMs: [5_000, 30_000, 300_000],
    timeoutMs: 60_000,
    async handle(
      { organization_id: organizationId, enrollment_id: enrollmentId, step: index },
      { db, job, signal },
    ) {
      const deps = { ...defaultDeps(db), sms };
      const found = await loadEnrollment(db, organizationId, enrollmentId);
      if (!found) return { step: index, skipped: 'enrollment_gone' };
      const { enrollment, sequence } = found;
      if (enrollment.state !== 'active') return { step: index, skipped: `enrollment_${enrollment.state}` };
      if (enrollment.nextStep !== index) return { step: index, skipped: 'already_ran' };
      const step = sequence.steps[index];
      const [lead] = await db.select(leadColumns).from(leads).where(eq(leads.id, enrollment.leadId));
      const reason = lead ? leadStopReason(lead) : null;
      if (!lead || reason) {
        await stopEnrollment(db, enrollment.id, reason ?? 'manual', deps.clock());
        return { step: index, stopped: reason };
      }
      if (!step) return finish(db, enrollment, index, deps.clock());

      const now = deps.clock();
      const allowed = reachesLead(step)
        ? nextAllowedTime(now, enrollment.timeZone, sequence.quietHours ?? null)
        : now;
      if (allowed > now) {
        const key = `${stepKey(enrollment.id, index)}:${allowed.toISOString()}`;
        await scheduleStep(db, enrollment, sequence, index, now, key);
        return { step: index, deferred_until: allowed.toISOString() };
      }

      const marker = markerOf(stepKey(enrollment.id, index));
      const outcome: StepResult =
        step.channel === 'sms'
          ? await runSmsStep(env, deps, organizationId, lead, step, stepKey(enrollment.id, index), {
              job,
              signal,
            })
          : await runDraftOrTaskStep(env, deps, organizationId, lead, step, marker);
      const run: EnrollmentStepRun = {
        step: index,
        channel: step.channel,
        ran_at: now.toISOString(),
        ...outcome,
      };

      return db.transaction(async (tx) => {
        const [current] = await tx
          .select()
          .from(sequenceEnrollments)
          .where(eq(sequenceEnrollments.id, enrollment.id))
          .for('update');
        // Stopped while the step ran: what it drafted stays pending for a person; nothing follows.
        if (current?.state !== 'active' || current.nextStep !== index) return { ...run, next: null };
        await tx
          .update(sequenceEnrollments)
          .set({ history: sql`${sequenceEnrollments.history} || ${JSON.stringify([run])}::jsonb` })
          .where(eq(sequenceEnrollments.id, enrollment.id));
        if (index + 1 < sequence.steps.length) {
          const runAt = await scheduleStep(tx, current, sequence, index + 1, now);
          return { ...run, next: { step: index + 1, run_at: runAt.toISOString() } };
        }
        await finish(tx, current, index + 1, now);
        return { ...run, next: null };
      });
    },
  });
}

/** A task, or an email drafted for a person; an earlier try's activities are the step done. */
async function runDraftOrTaskStep(
  env: JobEnvironment,
  deps: ReturnType<typeof defaultDeps>,
  organizationId: string,
  lead: LeadRow,
  step: SequenceStep,
  marker: Record<string, unknown>,
): Promise<StepResult> {
  const earlier = await markedActivityIds(deps.db, organizationId, lead.id, marker);
  if (earlier.length > 0)
    return { outcome: 'done', activity_ids: earlier, skipped_reason: null, source: null };
  if (step.channel === 'task') {
    const task = await deps.db.transaction((tx) =>
      activityStore.create(
        tx,
        { organizationId, deps, origin: { ip: null, userAgent: null } },
        {
          type: 'task',
          status: 'pending',
          subject: step.subject ?? 'Follow up',
          description: step.description ?? null,
          metadata: marker,
          lead_id: lead.id,
        },
      ),
    );
    return { outcome: 'done', activity_ids: [task.id], skipped_reason: null, source: null };
  }
  if (!lead.contactEmail) {
    return { outcome: 'skipped', activity_ids: [], skipped_reason: 'no_email', source: null };
  }
  const ai = createAiService(aiSettingsFromEnv(env), deps);
  const drafted = await generateContent(
    deps,
    ai,
    organizationId,
    {
      lead_id: lead.id,
      kind: 'follow_up_email',
      tone: step.tone ?? 'friendly',
      language: step.language ?? 'en',
      length: 'short',
    },
    marker,
  );
  return {
    outcome: 'done',
    activity_ids: drafted.drafts.map((draft) => draft.activity_id),
    skipped_reason: null,
    source: drafted.source,
  };
}

const SMS_REFUSAL_REASONS = { no_phone: 'no_phone', no_consent: 'no_sms_consent', opted_out: 'opted_out' };

/**
 * Lex writes the text and `sendSms` sends it. The step's key makes a retried step send nothing
 * twice (a send that failed released its key, so its retry sends). A lead that may no longer be
 * texted, or a number that can never be, skips the step; any other failure retries the job, and
 * the last try skips the step so the sequence goes on (a task after it still reaches a person).
 */
async function runSmsStep(
  env: JobEnvironment,
  deps: ReturnType<typeof defaultDeps>,
  organizationId: string,
  lead: LeadRow,
  step: SequenceStep,
  key: string,
  run: { job: JobRun; signal: AbortSignal },
): Promise<StepResult> {
  const skipped = (reason: string): StepResult => ({
    outcome: 'skipped',
    activity_ids: [],
    skipped_reason: reason,
    source: null,
  });
  // Sent (or left mid-send) by an earlier try: at most once, as `sendSms` would answer.
  const earlier = await markedActivityIds(deps.db, organizationId, lead.id, { idempotency_key: key });
  if (earlier.length > 0)
    return { outcome: 'done', activity_ids: earlier, skipped_reason: null, source: null };
  if (!hasSmsConsent(lead)) return skipped('no_sms_consent');
  const { tone = 'friendly', language = 'en' } = step;
  const ai = createAiService(aiSettingsFromEnv(env), deps);
  const composed = await composeContent(deps, ai, organizationId, {
    lead_id: lead.id,
    kind: 'follow_up_sms',
    tone,
    language,
    length: 'short',
  });
  try {
    const sent = await sendSms(deps, { organizationId, leadId: lead.id }, composed.drafts[0]!.body, {
      key,
      signal: run.signal,
      metadata: {
        ...markerOf(key),
        ai_draft: { kind: 'follow_up_sms', tone, language, run_id: composed.runId, source: composed.source },
      },
    });
    return {
      outcome: 'done',
      activity_ids: [sent.activity.id],
      skipped_reason: null,
      source: composed.source,
    };
  } catch (error) {
    if (error instanceof SmsRefused) return skipped(SMS_REFUSAL_REASONS[error.reason]);
    if (error instanceof SmsProviderError && error.options.permanent) return skipped('sms_undeliverable');
    if (run.job.attempt >= run.job.maxAttempts) return skipped('sms_failed');
    throw error;
  }
}

async function finish(db: Executor, enrollment: Pick<EnrollmentRow, 'id'>, index: number, now: Date) {
  await db
    .update(sequenceEnrollments)
    .set({ state: 'completed', nextStep: null, nextRunAt: null, completedAt: now, updatedAt: now })
    .where(and(eq(sequenceEnrollments.id, enrollment.id), eq(sequenceEnrollments.state, 'active')));
  return { step: index, completed: true };
}

/** Stops an active enrolment (a no-op for one that is not). */
export async function stopEnrollment(db: Executor, id: string, reason: EnrollmentStopReason, now: Date) {
  const [row] = await db
    .update(sequenceEnrollments)
    .set({
      state: 'stopped',
      stopReason: reason,
      stoppedAt: now,
      nextStep: null,
      nextRunAt: null,
      updatedAt: now,
    })
    .where(and(eq(sequenceEnrollments.id, id), eq(sequenceEnrollments.state, 'active')))
    .returning();
  return row ?? null;
}

import * as z from 'zod';
import { AiLanguage, AiTone } from './ai.js';
import { Id, PageQuery, ShortText, Timestamp } from './common.js';

/** What a step of a sequence does: send an SMS written by Lex, draft an email for a person to send, or give a person a task. */
export const SequenceChannel = z.enum(['email', 'sms', 'task']).meta({ id: 'SequenceChannel' });
export type SequenceChannel = z.infer<typeof SequenceChannel>;

const MINUTES_IN_A_YEAR = 525_600;

export const SequenceStep = z
  .strictObject({
    channel: SequenceChannel,
    /** Minutes after enrolment (0: at once); steps run in order, so offsets never go down. */
    offset_minutes: z.number().int().min(0).max(MINUTES_IN_A_YEAR),
    /** For email and SMS drafts. */
    tone: AiTone.optional(),
    language: AiLanguage.optional(),
    /** For a task: what the person is asked to do. */
    subject: ShortText.min(1).optional(),
    description: z.string().max(2_000).optional(),
  })
  .meta({ id: 'SequenceStep' });
export type SequenceStep = z.infer<typeof SequenceStep>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'A time of day as HH:MM (24 h)' });

/**
 * Local hours (in the lead's time zone) when no email or SMS step runs; a step due then waits for
 * `end`. A window may cross midnight (`21:00`–`08:00`, the default).
 */
export const QuietHours = z
  .strictObject({ start: ClockTime, end: ClockTime })
  .refine((hours) => hours.start !== hours.end, { message: 'start and end must differ', path: ['end'] })
  .meta({ id: 'QuietHours' });
export type QuietHours = z.infer<typeof QuietHours>;

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' };

const Steps = z
  .array(SequenceStep)
  .min(1)
  .max(20)
  .superRefine((steps, context) => {
    steps.forEach((step, index) => {
      if (index > 0 && step.offset_minutes < steps[index - 1]!.offset_minutes) {
        context.addIssue({
          code: 'custom',
          path: [index, 'offset_minutes'],
          message: 'Offsets must not go down: steps run in order',
        });
      }
      if (step.channel === 'task' && !step.subject) {
        context.addIssue({
          code: 'custom',
          path: [index, 'subject'],
          message: 'A task step needs a subject',
        });
      }
    });
  });

/** Nova: a follow-up sequence of the organisation. */
export const Sequence = z
  .object({
    id: Id,
    organization_id: Id,
    name: z.string(),
    steps: z.array(SequenceStep),
    /** null: steps run whenever they are due. */
    quiet_hours: QuietHours.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Sequence' });
export type Sequence = z.infer<typeof Sequence>;

export const SequenceCreate = z
  .strictObject({
    name: ShortText.min(1),
    steps: Steps,
    quiet_hours: QuietHours.nullable().default(DEFAULT_QUIET_HOURS),
  })
  .meta({ id: 'SequenceCreate' });
export interface SequenceCreate extends z.input<typeof SequenceCreate> {}

/** New steps apply to enrolled leads from their next step on. */
export const SequenceUpdate = z
  .strictObject({
    name: ShortText.min(1).optional(),
    steps: Steps.optional(),
    quiet_hours: QuietHours.nullable().optional(),
  })
  .meta({ id: 'SequenceUpdate' });
export interface SequenceUpdate extends z.input<typeof SequenceUpdate> {}

export const SequenceListQuery = PageQuery;
export type SequenceListQuery = z.input<typeof SequenceListQuery>;

/**
 * `active` while steps remain, `completed` after the last, `stopped` at once by a reply, STOP (SMS
 * opt-out), the lead's status becoming converted or lost, or by hand. Erasing the lead removes it.
 */
export const EnrollmentState = z.enum(['active', 'completed', 'stopped']).meta({ id: 'EnrollmentState' });
export type EnrollmentState = z.infer<typeof EnrollmentState>;

export const EnrollmentStopReason = z
  .enum(['reply', 'opt_out', 'converted', 'lost', 'manual'])
  .meta({ id: 'EnrollmentStopReason' });
export type EnrollmentStopReason = z.infer<typeof EnrollmentStopReason>;

/** One step as it ran for an enrolled lead. */
export const EnrollmentStepRun = z
  .object({
    step: z.number().int().min(0),
    channel: SequenceChannel,
    /** `done`: its activities exist; `skipped`: it could not apply (an SMS step without consent). */
    outcome: z.enum(['done', 'skipped']),
    /** The activities it wrote: the SMS sent, the Lex email drafts, or the task. */
    activity_ids: z.array(Id),
    skipped_reason: z.string().nullable(),
    /** `openai` or `template` for drafts. */
    source: z.string().nullable(),
    ran_at: Timestamp,
  })
  .meta({ id: 'EnrollmentStepRun' });
export type EnrollmentStepRun = z.infer<typeof EnrollmentStepRun>;

export const SequenceEnrollment = z
  .object({
    id: Id,
    organization_id: Id,
    sequence_id: Id,
    lead_id: Id,
    state: EnrollmentState,
    stop_reason: EnrollmentStopReason.nullable(),
    /** Index of the step that runs next (null once none is left). */
    next_step: z.number().int().min(0).nullable(),
    /** When it runs: its offset, moved past the quiet hours for email and SMS. */
    next_run_at: Timestamp.nullable(),
    /** The IANA zone the quiet hours are read in (the lead's, see the README). */
    time_zone: z.string(),
    history: z.array(EnrollmentStepRun),
    enrolled_at: Timestamp,
    stopped_at: Timestamp.nullable(),
    completed_at: Timestamp.nullable(),
    updated_at: Timestamp,
  })
  .meta({ id: 'SequenceEnrollment' });
export type SequenceEnrollment = z.infer<typeof SequenceEnrollment>;

export const EnrollmentCreate = z.strictObject({ lead_id: Id }).meta({ id: 'EnrollmentCreate' });
export interface EnrollmentCreate extends z.input<typeof EnrollmentCreate> {}

export const EnrollmentListQuery = PageQuery.extend({
  state: EnrollmentState.optional().meta({ description: 'Only enrollments in this state.' }),
});
export type EnrollmentListQuery = z.input<typeof EnrollmentListQuery>;

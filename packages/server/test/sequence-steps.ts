import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../src/db/database.js';
import { jobs } from '../src/db/schema.js';
import { SEQUENCE_STEP_JOB } from '../src/services/sequences/sequence-step.job.js';

/** An enrolment's sequence steps still queued. */
const queuedStepsOf = (enrollmentId: string) =>
  and(
    eq(jobs.name, SEQUENCE_STEP_JOB),
    eq(jobs.state, 'queued'),
    sql`${jobs.payload}->>'enrollment_id' = ${enrollmentId}`,
  );

/** The job rows of an enrolment's queued steps. */
export const queuedSteps = (db: Database, enrollmentId: string) =>
  db.select().from(jobs).where(queuedStepsOf(enrollmentId));

/** Runs an enrolment's queued steps now, as if their time had come; answers their job ids. */
export const makeStepsDue = (db: Database, enrollmentId: string) =>
  db.update(jobs).set({ runAt: sql`now()` }).where(queuedStepsOf(enrollmentId)).returning({ id: jobs.id });

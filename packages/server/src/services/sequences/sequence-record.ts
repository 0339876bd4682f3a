import type { Sequence, SequenceEnrollment } from '@hidden-key/sdk/schemas';
import type { sequenceEnrollments, sequences } from '../../db/schema.js';
import { isoOrNull } from '../store.js';

export type SequenceRow = typeof sequences.$inferSelect;
export type EnrollmentRow = typeof sequenceEnrollments.$inferSelect;

/** A stored sequence as it travels on the wire. */
export const toSequence = (row: SequenceRow): Sequence => ({
  id: row.id,
  organization_id: row.organizationId,
  name: row.name,
  steps: row.steps,
  quiet_hours: row.quietHours ?? null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

/** A stored enrolment as it travels on the wire. */
export const toEnrollment = (row: EnrollmentRow): SequenceEnrollment => ({
  id: row.id,
  organization_id: row.organizationId,
  sequence_id: row.sequenceId,
  lead_id: row.leadId,
  state: row.state,
  stop_reason: row.stopReason ?? null,
  next_step: row.nextStep,
  next_run_at: isoOrNull(row.nextRunAt),
  time_zone: row.timeZone,
  history: row.history,
  enrolled_at: row.enrolledAt.toISOString(),
  stopped_at: isoOrNull(row.stoppedAt),
  completed_at: isoOrNull(row.completedAt),
  updated_at: row.updatedAt.toISOString(),
});

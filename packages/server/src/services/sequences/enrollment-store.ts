import type { EnrollmentListQuery, SequenceEnrollment } from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import type * as z from 'zod';
import type { Executor, Transaction } from '../../db/database.js';
import { leads, organizations, sequenceEnrollments, sequences } from '../../db/schema.js';
import { ApiError, notFound } from '../../errors.js';
import { leadColumns } from '../leads/lead-record.js';
import { afterCursor, type KeysetOrder, orderByKeyset, toPage } from '../pagination.js';
import type { Page, Scope } from '../store.js';
import { leadTimeZone } from './lead-time-zone.js';
import { type EnrollmentRow, toEnrollment } from './sequence-record.js';
import { leadStopReason, scheduleStep, stopEnrollment } from './sequence-step.job.js';

const NEWEST_FIRST: KeysetOrder<EnrollmentRow> = {
  name: '-enrolled_at',
  expression: sequenceEnrollments.enrolledAt,
  kind: 'timestamp',
  direction: 'desc',
  id: sequenceEnrollments.id,
  valueOf: (row) => row.enrolledAt,
};

const scoped = (scope: Scope, id: string) =>
  and(eq(sequenceEnrollments.id, id), eq(sequenceEnrollments.organizationId, scope.organizationId));

const WHY_NOT: Record<string, string> = {
  converted: 'The lead is converted: it is not enrolled in follow-ups',
  lost: 'The lead is lost: it is not enrolled in follow-ups',
  opt_out: 'The lead opted out (sms_opt_out): it is not enrolled in follow-ups',
};

/** Leads going through Nova's sequences. */
export const enrollmentStore = {
  /** Enrols a lead and queues its first step; once per sequence and lead (409 after that). */
  async enroll(
    tx: Transaction,
    scope: Scope,
    sequenceId: string,
    leadId: string,
  ): Promise<SequenceEnrollment> {
    const [sequence] = await tx
      .select()
      .from(sequences)
      .where(and(eq(sequences.id, sequenceId), eq(sequences.organizationId, scope.organizationId)));
    if (!sequence) throw notFound('Sequence');
    const [lead] = await tx
      .select(leadColumns)
      .from(leads)
      .where(and(eq(leads.id, leadId), eq(leads.organizationId, scope.organizationId)))
      .for('update');
    if (!lead) throw notFound('Lead');
    const reason = leadStopReason(lead);
    if (reason) throw new ApiError('unprocessable', WHY_NOT[reason]!, { lead_id: [WHY_NOT[reason]!] });
    const [organization] = await tx
      .select({ settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, scope.organizationId));
    const now = scope.deps.clock();
    const [row] = await tx
      .insert(sequenceEnrollments)
      .values({
        id: scope.deps.newId(),
        organizationId: scope.organizationId,
        sequenceId,
        leadId,
        timeZone: leadTimeZone(lead, organization?.settings ?? {}),
        enrolledAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: [sequenceEnrollments.sequenceId, sequenceEnrollments.leadId] })
      .returning();
    if (!row) {
      throw new ApiError('conflict', 'The lead is already enrolled in this sequence', {
        lead_id: ['Already enrolled'],
      });
    }
    const runAt = await scheduleStep(tx, row, sequence, 0, now);
    return toEnrollment({ ...row, nextStep: 0, nextRunAt: runAt });
  },

  async get(db: Executor, scope: Scope, id: string): Promise<SequenceEnrollment> {
    const [row] = await db.select().from(sequenceEnrollments).where(scoped(scope, id));
    if (!row) throw notFound('Enrollment');
    return toEnrollment(row);
  },

  /** A sequence's enrolments, newest first. */
  async list(
    db: Executor,
    scope: Scope,
    sequenceId: string,
    query: z.output<typeof EnrollmentListQuery>,
  ): Promise<Page<SequenceEnrollment>> {
    const [sequence] = await db
      .select({ id: sequences.id })
      .from(sequences)
      .where(and(eq(sequences.id, sequenceId), eq(sequences.organizationId, scope.organizationId)));
    if (!sequence) throw notFound('Sequence');
    const rows = await db
      .select()
      .from(sequenceEnrollments)
      .where(
        and(
          eq(sequenceEnrollments.sequenceId, sequenceId),
          query.state ? eq(sequenceEnrollments.state, query.state) : undefined,
          afterCursor(NEWEST_FIRST, query.cursor),
        ),
      )
      .orderBy(...orderByKeyset(NEWEST_FIRST))
      .limit(query.limit + 1);
    return toPage(rows, query.limit, NEWEST_FIRST, toEnrollment);
  },

  /** Every enrolment of one lead (its sequence state, for the lead's page). */
  async ofLead(db: Executor, scope: Scope, leadId: string): Promise<SequenceEnrollment[]> {
    const [lead] = await db
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.id, leadId), eq(leads.organizationId, scope.organizationId)));
    if (!lead) throw notFound('Lead');
    const rows = await db
      .select()
      .from(sequenceEnrollments)
      .where(
        and(
          eq(sequenceEnrollments.leadId, leadId),
          eq(sequenceEnrollments.organizationId, scope.organizationId),
        ),
      )
      .orderBy(...orderByKeyset(NEWEST_FIRST));
    return rows.map(toEnrollment);
  },

  /** Stops an enrolment by hand; stopping one that is not active answers it as it is. */
  async stop(tx: Transaction, scope: Scope, id: string): Promise<SequenceEnrollment> {
    const [existing] = await tx.select().from(sequenceEnrollments).where(scoped(scope, id)).for('update');
    if (!existing) throw notFound('Enrollment');
    const stopped = await stopEnrollment(tx, id, 'manual', scope.deps.clock());
    return toEnrollment(stopped ?? existing);
  },
};

import type { ConsentInput, LeadSubmission } from '@hidden-key/sdk/schemas';
import { and, asc, eq, sql } from 'drizzle-orm';
import { runAtCommit } from '../../db/batch.js';
import type { Executor, Transaction } from '../../db/database.js';
import { leadSubmissions } from '../../db/schema.js';
import { compileStatement } from '../../db/statements.js';
import type { Scope } from '../store.js';
import { recordConsent } from './consent.js';

/*
 * A lead's submissions: what was sent, when, from where and with what consent, each time a person
 * already known became a lead again (a public form sent again, or an API create that merged), and
 * each public form. The lead keeps its own fields; these keep what was sent whole.
 */

const insertSubmission = compileStatement<
  | 'id'
  | 'organizationId'
  | 'leadId'
  | 'resubmission'
  | 'data'
  | 'consent'
  | 'ip'
  | 'origin'
  | 'userAgent'
  | 'createdAt'
>(
  (value) => sql`
    insert into ${leadSubmissions} (id, organization_id, lead_id, resubmission, data, consent, ip, origin,
                                    user_agent, created_at)
    values (${value('id')}::uuid, ${value('organizationId')}::uuid, ${value('leadId')}::uuid, ${value('resubmission')},
            ${value('data')}::jsonb, ${value('consent')}::jsonb, ${value('ip')}, ${value('origin')},
            ${value('userAgent')}, ${value('createdAt')}::timestamptz)`,
);

/** Stores a submission of the lead; nothing reads it back, so it travels with the COMMIT. */
export async function recordSubmission(
  tx: Transaction,
  scope: Scope,
  submission: {
    leadId: string;
    resubmission: boolean;
    data: Record<string, unknown>;
    consent?: ConsentInput | null;
  },
): Promise<void> {
  const now = scope.deps.clock();
  const consent = submission.consent ? recordConsent(submission.consent, now, scope.origin) : null;
  await runAtCommit(
    tx,
    insertSubmission({
      id: scope.deps.newId(),
      organizationId: scope.organizationId,
      leadId: submission.leadId,
      resubmission: submission.resubmission,
      data: JSON.stringify(submission.data),
      consent: consent && JSON.stringify(consent),
      ip: scope.origin.ip,
      origin: scope.origin.origin ?? null,
      userAgent: scope.origin.userAgent,
      createdAt: now.toISOString(),
    }),
  );
}

type SubmissionRow = typeof leadSubmissions.$inferSelect;

export function toSubmission(row: SubmissionRow): LeadSubmission {
  return {
    id: row.id,
    lead_id: row.leadId,
    resubmission: row.resubmission,
    data: row.data,
    consent: (row.consent as LeadSubmission['consent']) ?? null,
    ip: row.ip,
    origin: row.origin,
    user_agent: row.userAgent,
    received_at: row.createdAt.toISOString(),
  };
}

/** A lead's submissions, oldest first. */
export async function listSubmissions(db: Executor, scope: Scope, leadId: string) {
  const rows = await db
    .select()
    .from(leadSubmissions)
    .where(and(eq(leadSubmissions.organizationId, scope.organizationId), eq(leadSubmissions.leadId, leadId)))
    .orderBy(asc(leadSubmissions.createdAt), asc(leadSubmissions.id));
  return rows.map(toSubmission);
}

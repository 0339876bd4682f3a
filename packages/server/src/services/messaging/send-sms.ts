import type { Activity } from '@hidden-key/sdk/schemas';
import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../context.js';
import { activities, leads, organizations } from '../../db/schema.js';
import { ApiError, notFound, validationError } from '../../errors.js';
import { toActivity } from '../activities/activity-record.js';
import { activityStore } from '../activities/activity-store.js';
import type { Scope } from '../store.js';
import { outboxSmsProvider } from './outbox-sms.js';
import { type SmsRefusalReason, smsRefusal } from './sms-consent.js';
import { changeSmsConsent } from './sms-consent-change.js';
import { SmsProviderError } from './sms-provider.js';

/** Twilio's limit for one message (it splits longer bodies into segments up to this). */
export const SMS_MAX_LENGTH = 1600;

const REFUSALS: Record<SmsRefusalReason, string> = {
  no_phone: 'This lead has no phone number to text',
  no_consent: 'This lead has no recorded consent to be texted (TCPA): no SMS is sent',
  opted_out: 'This lead opted out of SMS (STOP): no SMS is sent',
};

/** The lead may not be texted; `reason` says why. A 422 in the API, final in a job. */
export class SmsRefused extends ApiError {
  constructor(readonly reason: SmsRefusalReason) {
    super('unprocessable', REFUSALS[reason], { lead_id: [REFUSALS[reason]], reason });
  }
}

export interface SendSmsOptions {
  /**
   * Makes the send happen at most once: a second call with the same key (a retried job) returns
   * the first call's activity and sends nothing, even if the first died mid-send.
   */
  key?: string;
  /** Kept on the activity beside the message's own fields (e.g. the sequence step). */
  metadata?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface SentSms {
  /** The lead's `sms` activity: completed when the provider took the message. */
  activity: Activity;
  /** True when an earlier call with the same key had already sent (or tried to send) it. */
  replayed: boolean;
}

const noOrigin = { ip: null, userAgent: null };

/**
 * Texts a lead, through Twilio or the outbox, after checking its SMS consent in the database at
 * this moment: a STOP recorded a millisecond earlier is honoured, whatever the caller read
 * before. The message is recorded first as a pending `sms` activity (so a send is never
 * unrecorded), then completed with the provider's message id, or cancelled with its error.
 * A provider that says the recipient unsubscribed opts the lead out too.
 */
export async function sendSms(
  deps: AppDeps,
  target: { organizationId: string; leadId: string },
  body: string,
  options: SendSmsOptions = {},
): Promise<SentSms> {
  const text = body.trim();
  if (!text) throw validationError({ body: ['The message is empty'] });
  if (text.length > SMS_MAX_LENGTH) throw validationError({ body: [`At most ${SMS_MAX_LENGTH} characters`] });
  const provider = deps.sms ?? outboxSmsProvider(deps.logger);
  const scope: Scope = { organizationId: target.organizationId, deps, origin: noOrigin };

  const prepared = await deps.db.transaction(async (tx) => {
    const [lead] = await tx
      .select({
        contactPhone: leads.contactPhone,
        consent: leads.consent,
        tags: leads.tags,
        // The organisation's own number when it has one, so replies reach it (inbound-sms.ts).
        from: sql<string | null>`${organizations.settings}->>'sms_number'`,
      })
      .from(leads)
      .innerJoin(organizations, eq(organizations.id, leads.organizationId))
      .where(and(eq(leads.id, target.leadId), eq(leads.organizationId, target.organizationId)))
      .for('share');
    if (!lead) throw notFound('Lead');
    if (options.key) {
      const [earlier] = await tx
        .select()
        .from(activities)
        .where(
          and(
            eq(activities.organizationId, target.organizationId),
            eq(activities.leadId, target.leadId),
            sql`${activities.metadata} @> ${JSON.stringify({ idempotency_key: options.key })}::jsonb`,
          ),
        )
        .limit(1);
      if (earlier) return { kind: 'replayed' as const, activity: toActivity(earlier) };
    }
    const refusal = smsRefusal(lead);
    if (refusal) throw new SmsRefused(refusal);
    const activity = await activityStore.create(tx, scope, {
      type: 'sms',
      status: 'pending',
      description: text,
      lead_id: target.leadId,
      metadata: {
        ...options.metadata,
        direction: 'outbound',
        provider: provider.name,
        to: lead.contactPhone,
        ...(options.key ? { idempotency_key: options.key } : {}),
      },
    });
    return { kind: 'new' as const, activity, to: lead.contactPhone!, from: lead.from ?? undefined };
  });
  if (prepared.kind === 'replayed') return { activity: prepared.activity, replayed: true };

  try {
    const accepted = await provider.send(
      { to: prepared.to, from: prepared.from, body: text },
      options.signal,
    );
    const activity = await deps.db.transaction((tx) =>
      activityStore.update(tx, scope, prepared.activity.id, {
        status: 'completed',
        metadata: { message_id: accepted.id, delivery_status: accepted.status, from: accepted.from },
      }),
    );
    return { activity, replayed: false };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await deps.db.transaction(async (tx) => {
      await activityStore.update(tx, scope, prepared.activity.id, {
        status: 'cancelled',
        // The key is released: a retry of a failed send sends again (a refused one fails again).
        metadata: { error: message.slice(0, 500), idempotency_key: null },
      });
      if (error instanceof SmsProviderError && error.options.optedOut)
        await changeSmsConsent(tx, deps, target.organizationId, target.leadId, { kind: 'opt_out' });
    });
    if (error instanceof SmsProviderError && error.options.optedOut) throw new SmsRefused('opted_out');
    throw error;
  }
}

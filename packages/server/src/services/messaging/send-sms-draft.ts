import type { Activity } from '@hidden-key/sdk/schemas';
import type { AppDeps } from '../../context.js';
import { ApiError } from '../../errors.js';
import { activityStore } from '../activities/activity-store.js';
import { SmsRefused, sendSms } from './send-sms.js';
import { SmsProviderError } from './sms-provider.js';

const noOrigin = { ip: null, userAgent: null };

/**
 * Sends a pending SMS draft of a lead (Lex's, or one a person wrote) through `sendSms`, with its
 * text as it stands: the consent rule at this moment, at most once per draft (a second call
 * answers the message the first sent). The sent message is a new `sms` activity that names the
 * draft (`metadata.draft_activity_id`); the draft is then cancelled with `metadata.sent_as`, so
 * the timeline shows one message sent and no draft still waiting.
 */
export async function sendSmsDraft(
  deps: AppDeps,
  organizationId: string,
  draftId: string,
  signal?: AbortSignal,
): Promise<Activity> {
  const scope = { organizationId, deps, origin: noOrigin };
  const draft = await activityStore.get(deps.db, scope, draftId);
  const sentAs = draft.metadata?.sent_as;
  if (typeof sentAs === 'string') return activityStore.get(deps.db, scope, sentAs);
  if (draft.type !== 'sms' || draft.status !== 'pending' || !draft.lead_id) {
    throw new ApiError('conflict', 'Only a pending SMS draft of a lead can be sent', {
      id: ['Not a pending SMS draft of a lead'],
    });
  }
  const aiDraft = draft.metadata?.ai_draft;
  let sent: Awaited<ReturnType<typeof sendSms>>;
  try {
    sent = await sendSms(deps, { organizationId, leadId: draft.lead_id }, draft.description ?? '', {
      key: `draft:${draft.id}`,
      signal,
      metadata: { draft_activity_id: draft.id, ...(aiDraft ? { ai_draft: aiDraft } : {}) },
    });
  } catch (error) {
    if (error instanceof SmsRefused || !(error instanceof SmsProviderError)) throw error;
    // The provider's own words: a number it can never reach is the request's fault, anything
    // else (a 5xx, a timeout, a 429) may pass; the draft stays pending either way.
    throw error.options.permanent
      ? new ApiError('unprocessable', error.message, { id: [error.message] })
      : new ApiError('service_unavailable', `The SMS provider did not take the message: ${error.message}`);
  }
  await deps.db.transaction((tx) =>
    activityStore.update(tx, scope, draft.id, {
      status: 'cancelled',
      metadata: { sent_as: sent.activity.id },
    }),
  );
  return sent.activity;
}

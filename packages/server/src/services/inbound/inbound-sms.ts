import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../context.js';
import type { Transaction } from '../../db/database.js';
import { leads, organizations } from '../../db/schema.js';
import { activityStore } from '../activities/activity-store.js';
import { changeSmsConsent } from '../messaging/sms-consent-change.js';

/** The reserved words carriers and Twilio act on, and what each means for consent. */
export type SmsKeyword = 'STOP' | 'START' | 'HELP';

const KEYWORDS: Record<string, SmsKeyword> = Object.fromEntries([
  ...['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE'].map((word) => [
    word,
    'STOP',
  ]),
  ...['START', 'YES', 'UNSTOP'].map((word) => [word, 'START']),
  ...['HELP', 'INFO'].map((word) => [word, 'HELP']),
]) as Record<string, SmsKeyword>;

/** A message that is only a keyword ("stop", " STOP! ") is that keyword; anything else is a reply. */
export function smsKeyword(body: string): SmsKeyword | null {
  const word = body
    .trim()
    .toUpperCase()
    .replace(/[\s.!]+$/, '');
  return Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word]! : null;
}

export interface InboundSms {
  messageSid: string;
  /** The lead's number (E.164). */
  from: string;
  /** The number it texted: an organisation's own (`settings.sms_number`) or the server's default. */
  to: string;
  body: string;
}

const SUBJECTS: Record<SmsKeyword | 'reply', string> = {
  STOP: 'Opted out of SMS (STOP)',
  START: 'Opted back in to SMS (START)',
  HELP: 'Asked for help by SMS (HELP)',
  reply: 'SMS reply',
};

export interface InboundSmsOutcome {
  keyword: SmsKeyword | null;
  /** Each lead the message came from, in each organisation that texts from the number it reached. */
  leads: { organization_id: string; lead_id: string; activity_id: string }[];
}

/**
 * Records a text from a lead as an inbound `sms` activity of every lead with that number in the
 * organisations texting from the number it reached. STOP opts the lead out at once (tag
 * `sms_opt_out`), START opts it back in (recording the START as its consent if it had none),
 * HELP and replies change no consent; sequences read the activity as a reply.
 */
export async function receiveInboundSms(
  tx: Transaction,
  deps: AppDeps,
  defaultNumber: string | null,
  sms: InboundSms,
): Promise<InboundSmsOutcome> {
  const keyword = smsKeyword(sms.body);
  const senders = await tx
    .select({ id: leads.id, organizationId: leads.organizationId })
    .from(leads)
    .innerJoin(organizations, eq(organizations.id, leads.organizationId))
    .where(
      and(
        eq(leads.contactPhone, sms.from),
        sql`coalesce(${organizations.settings}->>'sms_number', ${defaultNumber}::text) = ${sms.to}`,
      ),
    );
  const outcome: InboundSmsOutcome = { keyword, leads: [] };
  for (const lead of senders) {
    const scope = { organizationId: lead.organizationId, deps, origin: { ip: null, userAgent: 'twilio' } };
    if (keyword === 'STOP')
      await changeSmsConsent(tx, deps, lead.organizationId, lead.id, { kind: 'opt_out' });
    if (keyword === 'START')
      await changeSmsConsent(tx, deps, lead.organizationId, lead.id, {
        kind: 'opt_in',
        consentText: `Texted START to ${sms.to}`,
      });
    const activity = await activityStore.create(tx, scope, {
      type: 'sms',
      status: 'completed',
      subject: SUBJECTS[keyword ?? 'reply'],
      description: sms.body,
      lead_id: lead.id,
      metadata: {
        direction: 'inbound',
        provider: 'twilio',
        message_id: sms.messageSid,
        from: sms.from,
        to: sms.to,
        keyword,
        consent_change: keyword === 'STOP' ? 'opted_out' : keyword === 'START' ? 'opted_in' : null,
      },
    });
    outcome.leads.push({ organization_id: lead.organizationId, lead_id: lead.id, activity_id: activity.id });
  }
  return outcome;
}

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';
import { startTwilioStandIn, type TwilioStandIn } from '../../../test/twilio-stand-in.js';
import type { AppDeps } from '../../context.js';
import { organizations } from '../../db/schema.js';
import { smsProviderFromEnv } from './messaging-settings.js';
import { outboxSmsProvider } from './outbox-sms.js';
import { SmsRefused, sendSms } from './send-sms.js';
import { changeSmsConsent } from './sms-consent-change.js';
import { SmsProviderError } from './sms-provider.js';
import { twilioSmsProvider } from './twilio-sms.js';

const server = useTestServer();
let twilio: TwilioStandIn;
let deps: AppDeps;
const FROM = '+15005550006';

beforeAll(async () => {
  twilio = await startTwilioStandIn();
  deps = {
    ...server.deps,
    sms: twilioSmsProvider({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      fromNumber: FROM,
      apiUrl: twilio.apiUrl,
    }),
  };
});
afterAll(async () => {
  await twilio?.close();
});

/** A US number of its own per lead (valid exchange): the PostgreSQL run shares one database between files. */
const newPhone = () =>
  `+1916${200 + Math.floor(Math.random() * 800)}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;

async function newLead(org: TestOrg, options: { consent?: boolean; phone?: string | null } = {}) {
  const phone = options.phone === undefined ? newPhone() : options.phone;
  const created = await org.call('POST', '/v1/leads', {
    contact: {
      name: 'Pat Seller',
      ...(phone ? { phone } : { email: `pat-${crypto.randomUUID()}@example.com` }),
    },
    ...(options.consent === false
      ? {}
      : { consent: { text: 'You may text me about my property.', version: 'v1' } }),
  });
  expect(created.status).toBe(201);
  return { id: created.body.data.id as string, phone: created.body.data.contact.phone as string | null };
}

const smsActivities = async (org: TestOrg, leadId: string) =>
  (await org.call('GET', `/v1/activities?lead_id=${leadId}&type=sms`)).body.data.items as {
    status: string;
    description: string;
    metadata: Record<string, unknown>;
  }[];

describe('sendSms through Twilio', () => {
  it('texts a consenting lead through the Twilio REST API and records the message as an activity', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const sent = await sendSms(
      deps,
      { organizationId: org.organization_id, leadId: lead.id },
      ' Still selling? ',
    );
    const message = twilio.messages.find((entry) => entry.to === lead.phone);
    expect(message).toMatchObject({ from: FROM, body: 'Still selling?' });
    expect(sent.replayed).toBe(false);
    expect(sent.activity).toMatchObject({
      type: 'sms',
      status: 'completed',
      lead_id: lead.id,
      description: 'Still selling?',
      metadata: {
        direction: 'outbound',
        provider: 'twilio',
        to: lead.phone,
        message_id: message!.sid,
        delivery_status: 'queued',
        from: FROM,
      },
    });
    expect(await smsActivities(org, lead.id)).toHaveLength(1);

    // An organisation with a number of its own texts from it, so replies come back to it.
    const own = await server.newOrg();
    await server.deps.db
      .update(organizations)
      .set({ settings: { sms_number: '+19165550199' } })
      .where(eq(organizations.id, own.organization_id));
    const theirs = await newLead(own);
    await sendSms(deps, { organizationId: own.organization_id, leadId: theirs.id }, 'From our own number');
    expect(twilio.messages.at(-1)).toMatchObject({ to: theirs.phone, from: '+19165550199' });
  });

  it('refuses a lead without recorded consent or without a phone, and sends and records nothing', async () => {
    const org = await server.newOrg();
    const unconsented = await newLead(org, { consent: false });
    const noPhone = await newLead(org, { phone: null });
    const before = twilio.messages.length;
    const refusal = sendSms(deps, { organizationId: org.organization_id, leadId: unconsented.id }, 'Hi');
    await expect(refusal).rejects.toBeInstanceOf(SmsRefused);
    await expect(refusal).rejects.toMatchObject({ reason: 'no_consent', status: 422, message: /TCPA/ });
    await expect(
      sendSms(deps, { organizationId: org.organization_id, leadId: noPhone.id }, 'Hi'),
    ).rejects.toMatchObject({ reason: 'no_phone' });
    expect(twilio.messages.length).toBe(before);
    expect(await smsActivities(org, unconsented.id)).toEqual([]);
  });

  it('honours STOP at once: the very next send is refused', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const target = { organizationId: org.organization_id, leadId: lead.id };
    await sendSms(deps, target, 'First');
    await server.deps.db.transaction((tx) =>
      changeSmsConsent(tx, server.deps, org.organization_id, lead.id, { kind: 'opt_out' }),
    );
    const before = twilio.messages.length;
    await expect(sendSms(deps, target, 'Second')).rejects.toMatchObject({ reason: 'opted_out' });
    expect(twilio.messages.length).toBe(before);
    // START gives consent back.
    await server.deps.db.transaction((tx) =>
      changeSmsConsent(tx, server.deps, org.organization_id, lead.id, {
        kind: 'opt_in',
        consentText: 'Texted START',
      }),
    );
    await sendSms(deps, target, 'Third');
    expect(twilio.messages.at(-1)).toMatchObject({ to: lead.phone, body: 'Third' });
  });

  it('opts the lead out when Twilio says the recipient unsubscribed (error 21610)', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    twilio.unsubscribed.add(lead.phone!);
    await expect(
      sendSms(deps, { organizationId: org.organization_id, leadId: lead.id }, 'Hello'),
    ).rejects.toMatchObject({ reason: 'opted_out' });
    const shown = await org.call('GET', `/v1/leads/${lead.id}`);
    expect(shown.body.data.tags).toContain('sms_opt_out');
    const [activity] = await smsActivities(org, lead.id);
    expect(activity).toMatchObject({
      status: 'cancelled',
      metadata: { error: expect.stringMatching(/unsubscribed/) },
    });
  });

  it('sends at most once per key, and sends again after a failure Twilio may recover from', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const target = { organizationId: org.organization_id, leadId: lead.id };
    const count = () => twilio.messages.filter((entry) => entry.to === lead.phone).length;

    twilio.failNext({ status: 503, code: 20503, message: 'Service unavailable' });
    const failed = sendSms(deps, target, 'Step 1', { key: 'sequence:1:step:1' });
    await expect(failed).rejects.toBeInstanceOf(SmsProviderError);
    await expect(failed).rejects.toMatchObject({ options: { permanent: false } });
    expect(count()).toBe(0);

    const first = await sendSms(deps, target, 'Step 1', { key: 'sequence:1:step:1', metadata: { step: 1 } });
    const again = await sendSms(deps, target, 'Step 1', { key: 'sequence:1:step:1' });
    expect(count()).toBe(1);
    expect(first.activity.metadata).toMatchObject({ step: 1, idempotency_key: 'sequence:1:step:1' });
    expect(again).toMatchObject({ replayed: true, activity: { id: first.activity.id, status: 'completed' } });
  });

  it('treats an invalid number as permanent, and checks the message body', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    twilio.failNext({ status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    await expect(
      sendSms(deps, { organizationId: org.organization_id, leadId: lead.id }, 'Hi'),
    ).rejects.toMatchObject({ options: { permanent: true, code: 21211 } });
    await expect(
      sendSms(deps, { organizationId: org.organization_id, leadId: lead.id }, '   '),
    ).rejects.toMatchObject({
      code: 'validation_error',
    });
    await expect(
      sendSms(deps, { organizationId: org.organization_id, leadId: lead.id }, 'x'.repeat(1601)),
    ).rejects.toMatchObject({ code: 'validation_error' });
    const other = await server.newOrg();
    await expect(
      sendSms(deps, { organizationId: other.organization_id, leadId: lead.id }, 'Hi'),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('the SMS provider without Twilio', () => {
  it('is the outbox unless the account, token and a sender are all set', () => {
    expect(smsProviderFromEnv({}).name).toBe('outbox');
    expect(smsProviderFromEnv({ TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 't' }).name).toBe('outbox');
    const configured = smsProviderFromEnv({
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 't',
      TWILIO_FROM_NUMBER: FROM,
    });
    expect(configured).toMatchObject({ name: 'twilio', defaultFrom: FROM });
  });

  it('records the message as sent to the outbox, consent rules unchanged', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const offline = { ...server.deps, sms: outboxSmsProvider() };
    const sent = await sendSms(
      offline,
      { organizationId: org.organization_id, leadId: lead.id },
      'Offline hello',
    );
    expect(sent.activity).toMatchObject({
      status: 'completed',
      metadata: {
        provider: 'outbox',
        delivery_status: 'logged',
        message_id: expect.stringMatching(/^outbox_/),
      },
    });
    const unconsented = await newLead(org, { consent: false });
    await expect(
      sendSms(offline, { organizationId: org.organization_id, leadId: unconsented.id }, 'Hi'),
    ).rejects.toMatchObject({ reason: 'no_consent' });
  });
});

import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestOrg, useTestServer } from '../../../test/harness.js';
import { type Listening, listen } from '../../../test/listen.js';
import { startTwilioStandIn, type TwilioStandIn } from '../../../test/twilio-stand-in.js';
import { createApp } from '../../app.js';
import type { AppDeps } from '../../context.js';
import { organizations } from '../../db/schema.js';
import { sendSms } from '../../services/messaging/send-sms.js';
import { twilioSmsProvider } from '../../services/messaging/twilio-sms.js';

const server = useTestServer();
const NUMBER = '+19165550100';
let twilio: TwilioStandIn;
let deps: AppDeps;
let served: Listening;
let behindProxy: Listening;
let unconfigured: Listening;

beforeAll(async () => {
  twilio = await startTwilioStandIn();
  const inbound = {
    twilioAuthToken: twilio.authToken,
    twilioDefaultNumber: NUMBER,
    stripeWebhookSecret: null,
    publicUrl: null,
  };
  deps = {
    ...server.deps,
    inbound,
    sms: twilioSmsProvider({ ...twilio, fromNumber: NUMBER }),
  };
  served = await listen(createApp(deps));
  behindProxy = await listen(
    createApp({ ...deps, inbound: { ...inbound, publicUrl: 'https://api.example.com/' } }),
  );
  unconfigured = await listen(server.app);
});
afterAll(async () => {
  await Promise.all([served?.close(), behindProxy?.close(), unconfigured?.close(), twilio?.close()]);
});

const PATH = '/v1/inbound/twilio/sms';
const newPhone = () =>
  `+1916${200 + Math.floor(Math.random() * 800)}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;

async function newLead(org: TestOrg, options: { consent?: boolean; phone?: string } = {}) {
  const phone = options.phone ?? newPhone();
  const created = await org.call('POST', '/v1/leads', {
    contact: { name: 'Sam Seller', phone },
    ...(options.consent === false ? {} : { consent: { text: 'You may text me.', version: 'v1' } }),
  });
  expect(created.status).toBe(201);
  return { id: created.body.data.id as string, phone };
}

const text = (from: string, body: string, to = NUMBER, messageSid = `SM${randomBytes(16).toString('hex')}`) =>
  twilio.sendInbound(`${served.baseUrl}${PATH}`, {
    MessageSid: messageSid,
    AccountSid: twilio.accountSid,
    From: from,
    To: to,
    Body: body,
    NumMedia: '0',
  });

const leadOf = async (org: TestOrg, id: string) => (await org.call('GET', `/v1/leads/${id}`)).body.data;
const inboundActivities = async (org: TestOrg, leadId: string) =>
  (
    (await org.call('GET', `/v1/activities?lead_id=${leadId}&type=sms`)).body.data.items as {
      subject: string;
      description: string;
      metadata: Record<string, unknown>;
    }[]
  ).filter((activity) => activity.metadata.direction === 'inbound');

describe('POST /v1/inbound/twilio/sms', () => {
  it('STOP opts the lead out at once, is recorded as an activity, and the next send is refused', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const answer = await text(lead.phone, '  Stop ');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await answer.text()).toMatch(/<Response\/>/);
    expect((await leadOf(org, lead.id)).tags).toContain('sms_opt_out');
    const [activity] = await inboundActivities(org, lead.id);
    expect(activity).toMatchObject({
      subject: 'Opted out of SMS (STOP)',
      description: '  Stop ',
      metadata: { keyword: 'STOP', consent_change: 'opted_out', from: lead.phone, to: NUMBER },
    });
    const sent = twilio.messages.length;
    await expect(
      sendSms(deps, { organizationId: org.organization_id, leadId: lead.id }, 'Still there?'),
    ).rejects.toMatchObject({ reason: 'opted_out' });
    expect(twilio.messages.length).toBe(sent);
  });

  it('START opts back in, and records the START as consent for a lead that had none', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    await text(lead.phone, 'STOP');
    await text(lead.phone, 'start');
    expect((await leadOf(org, lead.id)).tags).not.toContain('sms_opt_out');

    const unconsented = await newLead(org, { consent: false });
    await expect(
      sendSms(deps, { organizationId: org.organization_id, leadId: unconsented.id }, 'Hi'),
    ).rejects.toMatchObject({ reason: 'no_consent' });
    await text(unconsented.phone, 'UNSTOP');
    expect((await leadOf(org, unconsented.id)).consent).toMatchObject({ text: `Texted START to ${NUMBER}` });
    await sendSms(
      deps,
      { organizationId: org.organization_id, leadId: unconsented.id },
      'Thanks for opting in',
    );
    expect(twilio.messages.at(-1)).toMatchObject({ to: unconsented.phone });
  });

  it('records HELP and ordinary replies without changing consent', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    await text(lead.phone, 'HELP');
    await text(lead.phone, 'Yes, stop by on Tuesday');
    const activities = await inboundActivities(org, lead.id);
    expect(activities.map((activity) => activity.metadata.keyword).sort()).toEqual(['HELP', null].sort());
    expect(activities.find((activity) => activity.metadata.keyword === null)?.subject).toBe('SMS reply');
    const stored = await leadOf(org, lead.id);
    expect(stored.tags).not.toContain('sms_opt_out');
    expect(stored.consent).toMatchObject({ text: 'You may text me.' });
  });

  it('handles a message once however often Twilio retries it', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const answers = await Promise.all([1, 2, 3].map(() => text(lead.phone, 'Call me', NUMBER, sid)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(await inboundActivities(org, lead.id)).toHaveLength(1);
  });

  it('reaches only the organisations that text from the number it was sent to', async () => {
    const shared = await server.newOrg();
    const own = await server.newOrg();
    const ownNumber = newPhone();
    await server.deps.db
      .update(organizations)
      .set({
        settings: sql`${organizations.settings} || ${JSON.stringify({ sms_number: ownNumber })}::jsonb`,
      })
      .where(eq(organizations.id, own.organization_id));
    const phone = newPhone();
    const inShared = await newLead(shared, { phone });
    const inOwn = await newLead(own, { phone });
    await text(phone, 'STOP', ownNumber);
    expect((await leadOf(own, inOwn.id)).tags).toContain('sms_opt_out');
    expect((await leadOf(shared, inShared.id)).tags).not.toContain('sms_opt_out');
    // An unknown sender is acknowledged and changes nothing.
    expect((await text(newPhone(), 'STOP')).status).toBe(200);
  });

  it('refuses a bad or missing signature with 401 and changes nothing', async () => {
    const org = await server.newOrg();
    const lead = await newLead(org);
    const params = {
      MessageSid: 'SM1',
      AccountSid: twilio.accountSid,
      From: lead.phone,
      To: NUMBER,
      Body: 'STOP',
    };
    const url = `${served.baseUrl}${PATH}`;
    expect((await twilio.sendInbound(url, params, { signWith: 'not-the-token' })).status).toBe(401);
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    expect(unsigned.status).toBe(401);
    expect((await unsigned.json()).code).toBe('unauthorized');
    // Twilio signs the public URL it was given; behind a proxy the server checks that one.
    expect((await twilio.sendInbound(`${behindProxy.baseUrl}${PATH}`, params)).status).toBe(401);
    // Without TWILIO_AUTH_TOKEN nothing can verify.
    expect((await twilio.sendInbound(`${unconfigured.baseUrl}${PATH}`, params)).status).toBe(401);
    expect((await leadOf(org, lead.id)).tags).not.toContain('sms_opt_out');
    const proxied = await twilio.sendInbound(`${behindProxy.baseUrl}${PATH}`, params, {
      signedUrl: `https://api.example.com${PATH}`,
    });
    expect(proxied.status).toBe(200);
    expect((await leadOf(org, lead.id)).tags).toContain('sms_opt_out');
  });

  it('answers a signed request without the message fields with 400', async () => {
    const answer = await twilio.sendInbound(`${served.baseUrl}${PATH}`, { AccountSid: twilio.accountSid });
    expect(answer.status).toBe(400);
    expect((await answer.json()).code).toBe('validation_error');
  });
});

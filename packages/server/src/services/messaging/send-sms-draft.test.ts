import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAs, useTestServer } from '../../../test/harness.js';
import { startTwilioStandIn, type TwilioStandIn } from '../../../test/twilio-stand-in.js';
import { type App, createApp } from '../../app.js';
import { twilioSmsProvider } from './twilio-sms.js';

/** `POST /v1/activities/{id}/send` against the Twilio stand-in over HTTP, through the real app. */
const server = useTestServer();
const FROM = '+15005550006';
let twilio: TwilioStandIn;
let app: App;

beforeAll(async () => {
  twilio = await startTwilioStandIn();
  app = createApp({ ...server.deps, sms: twilioSmsProvider({ ...twilio, fromNumber: FROM }) });
});
afterAll(async () => {
  await twilio?.close();
});

const newPhone = () =>
  `+1916${200 + Math.floor(Math.random() * 800)}${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`;

async function setUp(options: { consent?: boolean } = {}) {
  const org = await server.newOrg();
  const call = callAs(app, org.secret_key);
  const phone = newPhone();
  const lead = await call('POST', '/v1/leads', {
    contact: { name: 'Pat Seller', phone, email: `pat-${crypto.randomUUID()}@example.com` },
    property: { address: '3 Birch Rd', city: 'Sacramento', state: 'CA' },
    ...(options.consent === false ? {} : { consent: { text: 'You may text me.', version: 'v1' } }),
  });
  expect(lead.status).toBe(201);
  return { org, call, phone, leadId: lead.body.data.id as string };
}

const textsTo = (phone: string) => twilio.messages.filter((message) => message.to === phone);

describe('POST /v1/activities/{id}/send', () => {
  it('texts the lead a Lex draft as edited, once, and leaves no draft waiting', async () => {
    const { call, phone, leadId } = await setUp();
    const drafted = await call('POST', '/v1/ai/content', { lead_id: leadId, kind: 'follow_up_sms' });
    expect(drafted.status).toBe(201);
    const draftId = drafted.body.data.drafts[0].activity_id as string;
    await call('PATCH', `/v1/activities/${draftId}`, {
      description: 'Hi Pat, still thinking of selling? Reply STOP to opt out.',
    });

    const sent = await call('POST', `/v1/activities/${draftId}/send`);
    expect(sent.status).toBe(200);
    expect(textsTo(phone)).toEqual([
      expect.objectContaining({
        from: FROM,
        body: 'Hi Pat, still thinking of selling? Reply STOP to opt out.',
      }),
    ]);
    expect(sent.body.data).toMatchObject({
      type: 'sms',
      status: 'completed',
      lead_id: leadId,
      metadata: {
        direction: 'outbound',
        provider: 'twilio',
        message_id: textsTo(phone)[0]!.sid,
        draft_activity_id: draftId,
        ai_draft: { kind: 'follow_up_sms', source: 'template' },
      },
    });
    const draft = await call('GET', `/v1/activities/${draftId}`);
    expect(draft.body.data).toMatchObject({ status: 'cancelled', metadata: { sent_as: sent.body.data.id } });

    const again = await call('POST', `/v1/activities/${draftId}/send`);
    expect(again.status).toBe(200);
    expect(again.body.data.id).toBe(sent.body.data.id);
    expect(textsTo(phone)).toHaveLength(1);
  });

  it('checks consent at send time: withdrawn since the draft, nothing is sent and the draft waits', async () => {
    const { call, phone, leadId } = await setUp();
    const drafted = await call('POST', '/v1/ai/content', { lead_id: leadId, kind: 'follow_up_sms' });
    const draftId = drafted.body.data.drafts[0].activity_id as string;
    await call('PATCH', `/v1/leads/${leadId}`, { tags: ['sms_opt_out'] });

    const refused = await call('POST', `/v1/activities/${draftId}/send`);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'unprocessable', details: { reason: 'opted_out' } });
    expect(textsTo(phone)).toHaveLength(0);
    expect((await call('GET', `/v1/activities/${draftId}`)).body.data.status).toBe('pending');
  });

  it('answers 503 with Retry-After when Twilio did not take it, and sends on the next try', async () => {
    const { call, phone, leadId } = await setUp();
    const draft = await call('POST', '/v1/activities', {
      type: 'sms',
      status: 'pending',
      description: 'Written by a person',
      lead_id: leadId,
    });
    twilio.failNext({ status: 503, code: 20503, message: 'Service unavailable' });
    const failed = await call('POST', `/v1/activities/${draft.body.data.id}/send`);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await call('GET', `/v1/activities/${draft.body.data.id}`)).body.data.status).toBe('pending');

    const sent = await call('POST', `/v1/activities/${draft.body.data.id}/send`);
    expect(sent.status).toBe(200);
    expect(textsTo(phone).map((message) => message.body)).toEqual(['Written by a person']);
  });

  it('refuses anything but a pending SMS draft, and another organisation’s draft', async () => {
    const { call, leadId } = await setUp();
    const email = await call('POST', '/v1/ai/content', { lead_id: leadId, kind: 'follow_up_email' });
    const emailId = email.body.data.drafts[0].activity_id;
    const refused = await call('POST', `/v1/activities/${emailId}/send`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('conflict');
    const sms = await call('POST', '/v1/ai/content', { lead_id: leadId, kind: 'follow_up_sms' });
    const other = await setUp();
    const foreign = await other.call('POST', `/v1/activities/${sms.body.data.drafts[0].activity_id}/send`);
    expect(foreign.status).toBe(404);
    expect((await call('POST', '/v1/activities/not-a-uuid/send')).status).toBe(400);
  });
});

import { ErrorEnvelope, InboundLeadReceipt, LeadCreate, StripeEventReceipt } from '@hidden-key/sdk/schemas';
import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { guard } from '../../middleware/guards.js';
import {
  verifyInboundSource,
  verifyStripeSignature,
  verifyTwilioSignature,
} from '../../middleware/inbound-signatures.js';
import { errorResponses, jsonBody, jsonContent, success } from '../openapi.js';

const tags = ['Inbound'];

export const receiveInboundLeadRoute = createRoute({
  method: 'post',
  path: '/v1/inbound/leads/{source_id}',
  operationId: 'receiveInboundLead',
  middleware: guard.signed(verifyInboundSource()),
  tags,
  security: [{ standardWebhooks: [] }],
  summary: 'Receive a lead from another system, signed with its inbound source’s secret',
  description:
    'The body is a lead as for `POST /v1/leads` (its `source` defaults to the inbound source’s `lead_source`), ' +
    'signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the secret ' +
    'of `POST /v1/inbound-sources`. A lead with the email or phone of an existing one is merged into it. ' +
    'A retry with the same `webhook-id` answers as the first did and changes nothing.',
  request: {
    params: z.object({
      source_id: z.string().meta({ description: 'The inbound source the lead comes through.' }),
    }),
    body: jsonBody(LeadCreate),
  },
  responses: {
    201: success(InboundLeadReceipt, 'A new lead'),
    200: success(InboundLeadReceipt, 'Merged into an existing lead, or a replay'),
    ...errorResponses,
    401: jsonContent(ErrorEnvelope, 'Unsigned, an unknown source, a bad signature or a stale timestamp'),
    403: jsonContent(ErrorEnvelope, 'The source is disabled'),
  },
});

/** The fields of Twilio's incoming-message webhook that Hidden Key reads; Twilio sends more. */
const TwilioIncomingMessage = z.looseObject({
  MessageSid: z.string().min(1).max(64),
  From: z.string().min(1).max(32),
  To: z.string().min(1).max(32),
  Body: z.string().max(1600).default(''),
});

export const receiveTwilioSmsRoute = createRoute({
  method: 'post',
  path: '/v1/inbound/twilio/sms',
  operationId: 'receiveTwilioSms',
  middleware: guard.signed(verifyTwilioSignature()),
  tags,
  security: [{ twilioSignature: [] }],
  summary: 'Receive a text message from a lead (Twilio’s incoming-message webhook)',
  description:
    'Checked with `X-Twilio-Signature` (set `HK_PUBLIC_URL` behind a proxy). STOP (and STOPALL, UNSUBSCRIBE, ' +
    'CANCEL, END, QUIT) opts the lead out of SMS at once, START (YES, UNSTOP) opts it back in, HELP is recorded; ' +
    'every message becomes an inbound `sms` activity of the lead. Answers empty TwiML. Idempotent on `MessageSid`.',
  request: {
    body: {
      required: true,
      content: { 'application/x-www-form-urlencoded': { schema: TwilioIncomingMessage } },
    },
  },
  responses: {
    200: { content: { 'text/xml': { schema: z.string() } }, description: 'Empty TwiML: no automatic reply' },
    ...errorResponses,
  },
});

export const receiveStripeEventRoute = createRoute({
  method: 'post',
  path: '/v1/inbound/stripe',
  operationId: 'receiveStripeEvent',
  middleware: guard.signed(verifyStripeSignature()),
  tags,
  security: [{ stripeSignature: [] }],
  summary: 'Receive a Stripe event: subscriptions keep the organisation’s plan and status',
  description:
    'Checked with `Stripe-Signature` (`STRIPE_WEBHOOK_SECRET`). `checkout.session.completed` links the ' +
    'organisation (`client_reference_id`) to its customer; `customer.subscription.*` set `plan` (the price’s ' +
    'lookup key) and status. Other types are acknowledged and ignored. Idempotent on the event id.',
  request: { body: jsonBody(z.looseObject({ id: z.string(), type: z.string() })) },
  responses: { 200: success(StripeEventReceipt, 'Received'), ...errorResponses },
});

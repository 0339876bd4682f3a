import { Id } from '@hidden-key/sdk/schemas';
import { eq } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import Stripe from 'stripe';
import twilio from 'twilio';
import type { AppEnv } from '../context.js';
import { inboundSources } from '../db/schema.js';
import { asSystem } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import { type InboundSettings, inboundSettingsFromEnv } from '../services/inbound/inbound-settings.js';
import { readStripeEvent } from '../services/inbound/stripe-billing.js';

/**
 * Inbound senders hold no API key: their signature is their credential, checked here before the
 * body is validated, so an unsigned request learns nothing but 401.
 */
const unauthorized = (message: string) => new ApiError('unauthorized', message);
const settingsOf = (deps: { inbound?: InboundSettings }) => deps.inbound ?? inboundSettingsFromEnv({});

const BAD_SOURCE_SIGNATURE =
  'Unknown inbound source, or a signature that does not verify with its secret (or a timestamp more than 5 minutes off)';

/** Standard Webhooks, with the secret of the source named in the path (`source_id`). */
export const verifyInboundSource = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const headers = {
      'webhook-id': c.req.header('webhook-id') ?? '',
      'webhook-timestamp': c.req.header('webhook-timestamp') ?? '',
      'webhook-signature': c.req.header('webhook-signature') ?? '',
    };
    if (!headers['webhook-id'] || !headers['webhook-timestamp'] || !headers['webhook-signature'])
      throw unauthorized(
        'Sign the request per Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature headers',
      );
    const sourceId = Id.safeParse(c.req.param('source_id'));
    const [source] = sourceId.success
      ? // The source names the organisation, so the lookup cannot be scoped to it yet.
        await asSystem(c.var.deps.db, (tx) =>
          tx.select().from(inboundSources).where(eq(inboundSources.id, sourceId.data)).limit(1),
        )
      : [];
    if (!source) throw unauthorized(BAD_SOURCE_SIGNATURE);
    try {
      new Webhook(source.secret).verify(await c.req.text(), headers);
    } catch (error) {
      // verify() also parses the body: a signed body that is not JSON is the validator's 400.
      if (error instanceof WebhookVerificationError) throw unauthorized(BAD_SOURCE_SIGNATURE);
    }
    if (source.disabled) throw new ApiError('forbidden', 'This inbound source is disabled');
    c.set('inboundSource', source);
    await next();
  });

/** `X-Twilio-Signature` over the URL Twilio called and the form fields, with the account's auth token. */
export const verifyTwilioSignature = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const signature = c.req.header('x-twilio-signature');
    if (!signature) throw unauthorized('Missing X-Twilio-Signature');
    const { twilioAuthToken, publicUrl } = settingsOf(c.var.deps);
    if (!twilioAuthToken)
      throw unauthorized(
        'Twilio is not configured on this server (TWILIO_AUTH_TOKEN): no signature can verify',
      );
    const form = /^application\/x-www-form-urlencoded/i.test(c.req.header('content-type') ?? '')
      ? Object.fromEntries(new URLSearchParams(await c.req.text()))
      : {};
    const search = new URL(c.req.url).search;
    const url = publicUrl ? `${publicUrl.replace(/\/+$/, '')}${c.req.path}${search}` : c.req.url;
    if (!twilio.validateRequest(twilioAuthToken, signature, url, form))
      throw unauthorized('The Twilio signature does not verify for this URL and body');
    await next();
  });

const STRIPE_TOLERANCE_SECONDS = 300;

/** `Stripe-Signature`, checked by the `stripe` package against the webhook's endpoint secret. */
export const verifyStripeSignature = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const signature = c.req.header('stripe-signature');
    if (!signature) throw unauthorized('Missing Stripe-Signature');
    const { stripeWebhookSecret } = settingsOf(c.var.deps);
    if (!stripeWebhookSecret)
      throw unauthorized(
        'Stripe is not configured on this server (STRIPE_WEBHOOK_SECRET): no signature can verify',
      );
    // The package refuses a timestamp too far past only; one too far ahead is as suspect.
    const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(signature)?.[1]);
    const skew = Math.abs(Date.now() / 1000 - signedAt);
    const refused = unauthorized(
      'The Stripe signature does not verify (or its timestamp is more than 5 minutes off)',
    );
    if (!(skew <= STRIPE_TOLERANCE_SECONDS)) throw refused;
    let event: unknown;
    try {
      event = Stripe.webhooks.constructEvent(await c.req.text(), signature, stripeWebhookSecret);
    } catch (error) {
      // It verifies, then parses: a signed body that is not JSON is a bad request, not a bad signature.
      if (error instanceof SyntaxError)
        throw new ApiError('invalid_json', 'The event body is not valid JSON');
      throw refused;
    }
    c.set('stripeEvent', readStripeEvent(event));
    await next();
  });

import { WebhookVerificationError as StandardVerificationError, Webhook } from 'standardwebhooks';
import type { WebhookPayload } from '../schemas/webhooks.js';

/** The delivery could not be verified: wrong secret, altered body, missing headers or a stale timestamp. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

/** Request headers as a `Headers` object (fetch, Hono) or a Node `IncomingHttpHeaders`-like record. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

const HEADER_NAMES = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

function standardHeaders(headers: WebhookHeaders): Record<string, string> {
  const read = (name: string) => {
    if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
    const record = headers as Record<string, string | string[] | undefined>;
    const value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
    return Array.isArray(value) ? value.join(' ') : value;
  };
  const out: Record<string, string> = {};
  for (const name of HEADER_NAMES) {
    const value = read(name);
    if (!value) throw new WebhookVerificationError(`Missing the ${name} header`);
    out[name] = value;
  }
  return out;
}

/**
 * Checks a Hidden Key webhook (Standard Webhooks 1.0) and returns its payload. Pass the raw body
 * exactly as received (not re-serialised JSON), the request headers and the endpoint's `whsec_`
 * secret. Timestamps more than 5 minutes off are refused, so a captured delivery cannot be replayed
 * later; de-duplicate on the `webhook-id` header, which stays the same on every retry.
 *
 * ```ts
 * const event = verifyWebhook(await request.text(), request.headers, process.env.HK_WEBHOOK_SECRET!);
 * if (event.type === 'lead.created') console.log(event.data.id);
 * ```
 */
export function verifyWebhook(body: string, headers: WebhookHeaders, secret: string): WebhookPayload {
  const checked = standardHeaders(headers);
  try {
    return new Webhook(secret).verify(body, checked) as WebhookPayload;
  } catch (error) {
    if (error instanceof StandardVerificationError) throw new WebhookVerificationError(error.message);
    throw new WebhookVerificationError(`The webhook cannot be read: ${(error as Error).message}`);
  }
}

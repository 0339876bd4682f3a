import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret: `whsec_` and 24 random bytes in base64, as Standard Webhooks expects. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/** The three Standard Webhooks headers for one try (the id stays the same on every retry). */
export function signedHeaders(secret: string, messageId: string, body: string, at: Date) {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': Math.floor(at.getTime() / 1000).toString(),
    'webhook-signature': new Webhook(secret).sign(messageId, at, body),
  };
}

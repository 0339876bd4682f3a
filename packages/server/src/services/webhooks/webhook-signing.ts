import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new signing secret: `whsec_` and 24 random bytes in base64, as Standard Webhooks expects. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

/**
 * How long a rotated-out secret still signs: a receiver has a day to switch to the new one, and
 * meanwhile either secret verifies every delivery.
 */
export const WEBHOOK_SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** The secrets an endpoint signs with at `at`: its own, and the one it replaced while that overlaps. */
export function signingSecrets(
  endpoint: { secret: string; previousSecret: string | null; previousSecretExpiresAt: Date | null },
  at: Date,
): string[] {
  const { secret, previousSecret, previousSecretExpiresAt } = endpoint;
  return previousSecret && previousSecretExpiresAt && previousSecretExpiresAt > at
    ? [secret, previousSecret]
    : [secret];
}

/**
 * The three Standard Webhooks headers for one try (the id stays the same on every retry); with
 * several secrets (a rotation), `webhook-signature` holds one signature per secret, space-separated.
 */
export function signedHeaders(secrets: readonly string[], messageId: string, body: string, at: Date) {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': Math.floor(at.getTime() / 1000).toString(),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(' '),
  };
}

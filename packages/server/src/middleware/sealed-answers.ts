import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'hk1.';
const INFO = 'hidden-key idempotent answer';
/** GCM's authentication tag, stored after the ciphertext. */
const TAG_BYTES = 16;

/**
 * An answer holding a secret shown once (a new API key, a webhook secret, a session token) is
 * stored for replay sealed (AES-256-GCM) with a key derived from the credential that made the
 * request and the Idempotency-Key: unreadable at rest, and replayed to that credential only, not
 * to another key or session of the organisation.
 */
const sealingKey = (credential: string, idempotencyKey: string) =>
  Buffer.from(hkdfSync('sha256', credential, idempotencyKey, INFO, 32));

export function sealAnswer(body: string, credential: string, idempotencyKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(credential, idempotencyKey), iv);
  const sealed = Buffer.concat([cipher.update(body, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** The answer, or null when another credential sealed it. A record from before sealing reads as it is. */
export function openAnswer(stored: string, credential: string, idempotencyKey: string): string | null {
  if (!stored.startsWith(PREFIX)) return stored;
  const [iv, sealed] = stored
    .slice(PREFIX.length)
    .split('.')
    .map((part) => Buffer.from(part, 'base64url'));
  if (!iv || !sealed || sealed.length < TAG_BYTES) return null;
  const tagAt = sealed.length - TAG_BYTES;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(credential, idempotencyKey), iv);
    decipher.setAuthTag(sealed.subarray(tagAt));
    return Buffer.concat([decipher.update(sealed.subarray(0, tagAt)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

import { RequestValidationError } from './errors.js';

/**
 * A fresh idempotency key. `crypto.randomUUID` exists in Node and in secure browser contexts;
 * plain-http pages lack it, so fall back to random bytes, which every browser has.
 */
export function generateIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return `hk_${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `hk_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** The server's rule for an `Idempotency-Key`: 1 to 255 printable ASCII characters, no spaces. */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** Refuses a caller's key the server would refuse (or `Headers` could not carry), before sending. */
export function checkIdempotencyKey(key: string): void {
  if (KEY_PATTERN.test(key)) return;
  throw new RequestValidationError('Idempotency-Key', [
    { path: ['Idempotency-Key'], message: 'Use 1 to 255 printable ASCII characters' },
  ]);
}

import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_RULE } from '../../schemas/lists.js';
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

/** Refuses a caller's key the server would refuse (or `Headers` could not carry), before sending. */
export function checkIdempotencyKey(key: string): void {
  if (IDEMPOTENCY_KEY_PATTERN.test(key)) return;
  throw new RequestValidationError('Idempotency-Key', [
    { path: ['Idempotency-Key'], message: IDEMPOTENCY_KEY_RULE },
  ]);
}

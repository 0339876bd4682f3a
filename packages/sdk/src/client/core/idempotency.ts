/**
 * A fresh idempotency key. `crypto.randomUUID` exists in Node and in secure browser contexts;
 * plain-http pages lack it, so fall back to random bytes, which every browser has.
 */
export function generateIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return `hk_${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `hk_${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

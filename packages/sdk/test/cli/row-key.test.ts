import { describe, expect, it } from 'vitest';
import { rowIdempotencyKey } from '../../src/cli/row-key.js';

describe('rowIdempotencyKey', () => {
  it('is the same for the same content, whatever the key order', () => {
    const a = rowIdempotencyKey({ contact: { name: 'Ada', email: 'a@x.com' }, tags: ['x'] });
    const b = rowIdempotencyKey({ tags: ['x'], contact: { email: 'a@x.com', name: 'Ada' } });
    expect(a).toBe(b);
    expect(a).toMatch(/^csv_[0-9a-f]{48}$/);
  });

  it('differs when any value differs', () => {
    const base = rowIdempotencyKey({ contact: { name: 'Ada' }, tags: ['x', 'y'] });
    expect(rowIdempotencyKey({ contact: { name: 'Ada ' }, tags: ['x', 'y'] })).not.toBe(base);
    expect(rowIdempotencyKey({ contact: { name: 'Ada' }, tags: ['y', 'x'] })).not.toBe(base);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '../middleware/rate-limit.js';
import { captureRuntimeFromEnv } from './capture-env.js';

describe('captureRuntimeFromEnv', () => {
  it('uses the memory store and the default limits when nothing is set', () => {
    const runtime = captureRuntimeFromEnv({});
    expect(runtime.deps.rateLimits?.store).toBeUndefined();
    expect(runtime.deps.rateLimits?.policies).toEqual(DEFAULT_RATE_LIMITS);
    expect(runtime.deps.trustedProxies).toEqual([]);
    expect(runtime.deps.minFillMs).toBeUndefined();
    runtime.close();
  });

  it('reads limits per minute, the minimum fill time, trusted proxies and REDIS_URL', () => {
    const runtime = captureRuntimeFromEnv({
      RATE_LIMIT_PUBLIC_PER_IP: '5',
      RATE_LIMIT_SECRET_PER_KEY: '100',
      LEAD_MIN_FILL_MS: '2500',
      TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1',
      REDIS_URL: process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379',
    });
    expect(runtime.deps.rateLimits?.policies).toEqual({
      ...DEFAULT_RATE_LIMITS,
      publicPerIp: { points: 5, durationSeconds: 60 },
      secretPerKey: { points: 100, durationSeconds: 60 },
    });
    expect(runtime.deps.minFillMs).toBe(2500);
    expect(runtime.deps.trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(runtime.deps.rateLimits?.store).toBeTypeOf('function');
    runtime.close();
  });

  it('refuses malformed numbers and proxy entries at start', () => {
    expect(() => captureRuntimeFromEnv({ LEAD_MIN_FILL_MS: 'soon' })).toThrow(/LEAD_MIN_FILL_MS/);
    expect(() => captureRuntimeFromEnv({ RATE_LIMIT_PUBLIC_PER_KEY: '-1' })).toThrow(
      /RATE_LIMIT_PUBLIC_PER_KEY/,
    );
    expect(() => captureRuntimeFromEnv({ TRUSTED_PROXIES: 'lb.internal' })).toThrow(/lb\.internal/);
    // A limit of 0 would refuse every request; a minimum fill time of 0 only turns the time trap off.
    expect(() => captureRuntimeFromEnv({ RATE_LIMIT_SECRET_PER_KEY: '0' })).toThrow(
      'RATE_LIMIT_SECRET_PER_KEY must be a whole number of at least 1, not 0',
    );
    expect(captureRuntimeFromEnv({ LEAD_MIN_FILL_MS: '0' }).deps.minFillMs).toBe(0);
  });
});

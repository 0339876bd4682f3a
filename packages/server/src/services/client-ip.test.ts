import { describe, expect, it } from 'vitest';
import { resolveClientIp, trustedProxyList } from './client-ip.js';

describe('resolveClientIp', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(resolveClientIp('203.0.113.9', '1.2.3.4', [])).toBe('203.0.113.9');
    expect(resolveClientIp('::ffff:203.0.113.9', undefined, [])).toBe('203.0.113.9');
    expect(resolveClientIp(null, '1.2.3.4', ['10.0.0.0/8'])).toBeNull();
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(resolveClientIp('203.0.113.9', '1.2.3.4', ['10.0.0.0/8'])).toBe('203.0.113.9');
  });

  it('walks X-Forwarded-For from the right through trusted proxies only', () => {
    const proxies = ['10.0.0.0/8', '2001:db8::/32'];
    expect(resolveClientIp('10.0.0.2', '198.51.100.4', proxies)).toBe('198.51.100.4');
    // The client forged the left-most entry; the first untrusted hop from the right is the client.
    expect(resolveClientIp('10.0.0.2', '6.6.6.6, 198.51.100.4, 10.0.0.9', proxies)).toBe('198.51.100.4');
    expect(resolveClientIp('::ffff:10.0.0.2', '2001:db8::7, 198.51.100.4', proxies)).toBe('198.51.100.4');
    expect(resolveClientIp('2001:db8::1', '10.9.9.9', proxies)).toBe('10.9.9.9');
  });

  it('stops at a hop that is not an IP address', () => {
    expect(resolveClientIp('10.0.0.2', 'unknown, garbage', ['10.0.0.0/8'])).toBe('10.0.0.2');
  });

  it('refuses a trusted-proxy entry that is not an address or range', () => {
    expect(() => trustedProxyList(['10.0.0.0/8', 'proxy.internal'])).toThrow(/proxy\.internal/);
  });
});

import { describe, expect, it } from 'vitest';
import { REFUSED_TARGETS, testResolve } from '../../../test/ssrf-targets.js';
import { checkTarget, isPublicAddress, TargetRefused } from './target-guard.js';
import { systemResolve } from './webhook-settings.js';

const settings = { allowedHosts: new Set<string>(), resolve: testResolve };
/** localhost must be refused by address, so it goes through the real resolver (/etc/hosts). */
const resolveWithLocalhost = async (hostname: string) =>
  hostname === 'localhost' ? systemResolve(hostname) : testResolve(hostname);

describe('webhook target guard', () => {
  it.each(REFUSED_TARGETS)('refuses %s', async (url) => {
    await expect(checkTarget(url, { ...settings, resolve: resolveWithLocalhost })).rejects.toBeInstanceOf(
      TargetRefused,
    );
  });

  it('accepts a public address and pins the one it resolved', async () => {
    const checked = await checkTarget('https://public.example.test/hooks?x=1', settings);
    expect(checked.pinned).toEqual({ address: '93.184.215.14', family: 4 });
    expect(checked.url.pathname).toBe('/hooks');
    expect((await checkTarget('https://[2606:4700::1111]/', settings)).pinned.family).toBe(6);
  });

  it('lets HK_WEBHOOK_ALLOWED_HOSTS through, and only those hosts', async () => {
    const allowed = { ...settings, allowedHosts: new Set(['127.0.0.1']) };
    expect((await checkTarget('http://127.0.0.1:9999/', allowed)).pinned.address).toBe('127.0.0.1');
    await expect(checkTarget('http://127.0.0.2/', allowed)).rejects.toBeInstanceOf(TargetRefused);
  });

  it('classifies addresses', () => {
    expect(isPublicAddress('8.8.8.8')).toBe(true);
    expect(isPublicAddress('2001:4860:4860::8888')).toBe(true);
    expect(isPublicAddress('100.127.255.255')).toBe(false);
    expect(isPublicAddress('not an address')).toBe(false);
  });
});

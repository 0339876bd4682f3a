import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';
import { normalizeOrigin } from './allowed-origins.js';
import { issueApiKey } from './issue-key.js';

const server = useTestServer();

describe('normalizeOrigin', () => {
  it('keeps scheme, host and port, lower-cased, without default ports or a trailing slash', () => {
    expect(normalizeOrigin('https://A.Example')).toBe('https://a.example');
    expect(normalizeOrigin('https://a.example/')).toBe('https://a.example');
    expect(normalizeOrigin('http://localhost:8787')).toBe('http://localhost:8787');
    expect(normalizeOrigin('https://a.example:443')).toBe('https://a.example');
  });

  it('refuses paths, wildcards and other schemes', () => {
    for (const bad of ['https://a.example/form', '*.example.com', 'ftp://a.example', 'a.example', '']) {
      expect(() => normalizeOrigin(bad)).toThrow();
    }
  });
});

describe('issueApiKey', () => {
  it('issues a publishable key that works from its origins only, shown once and stored hashed', async () => {
    const org = await server.newOrg();
    const issued = await issueApiKey(server.deps, {
      organizationId: org.organization_id,
      type: 'publishable',
      allowedOrigins: ['https://A.example', 'https://b.example/', 'https://a.example'],
    });
    expect(issued.key).toMatch(/^pk_[\w-]{43}$/);
    expect(issued.allowed_origins).toEqual(['https://a.example', 'https://b.example']);

    const post = (origin: string) =>
      server.raw('/v1/public/leads', {
        method: 'POST',
        headers: { authorization: `Bearer ${issued.key}`, 'content-type': 'application/json', origin },
        body: JSON.stringify({ contact: { email: `key-${origin.length}@example.com` }, elapsed_ms: 5000 }),
      });
    expect((await post('https://b.example')).status).toBe(201);
    expect((await post('https://c.example')).status).toBe(403);
  });

  it('refuses a publishable key without origins, a secret key with origins, and an unknown organisation', async () => {
    const org = await server.newOrg();
    const organizationId = org.organization_id;
    await expect(issueApiKey(server.deps, { organizationId, type: 'publishable' })).rejects.toThrow(/origin/);
    await expect(
      issueApiKey(server.deps, { organizationId, type: 'secret', allowedOrigins: ['https://a.example'] }),
    ).rejects.toThrow(/publishable/);
    await expect(
      issueApiKey(server.deps, { organizationId: '00000000-0000-4000-8000-000000000000', type: 'secret' }),
    ).rejects.toThrow(/No organisation/);
    const secret = await issueApiKey(server.deps, { organizationId, type: 'secret' });
    const res = await server.raw('/v1/leads', { headers: { authorization: `Bearer ${secret.key}` } });
    expect(res.status).toBe(200);
  });
});

import { describe, expect, it } from 'vitest';
import { AuthenticationError, NotFoundError, RequestValidationError } from '../../../src/client/index.js';
import { type Transport, useRealServer } from '../support/real-server.js';

describe.each<Transport>(['in-process', 'socket'])('apiKeys against the real app (%s)', (transport) => {
  const server = useRealServer(transport);

  it('creates, lists, updates and revokes keys; a revoked key is refused', async () => {
    const hk = server.client((await server.newOrg()).secretKey);
    const script = await hk.apiKeys.create({ type: 'secret', name: 'nightly export' });
    expect(script.key).toMatch(/^sk_/);
    const form = await hk.apiKeys.create({
      type: 'publishable',
      allowed_origins: ['https://www.example.com'],
    });
    expect(form.allowed_origins).toEqual(['https://www.example.com']);

    const listed = await hk.apiKeys.list({ type: 'secret' }).toArray();
    expect(listed.map((key) => key.name)).toContain('nightly export');
    expect(listed.every((key) => !('key' in key))).toBe(true);

    const renamed = await hk.apiKeys.update(form.id, {
      name: 'landing page',
      allowed_origins: ['https://example.com'],
    });
    expect(renamed).toMatchObject({ name: 'landing page', allowed_origins: ['https://example.com'] });

    const withScript = server.client(script.key);
    expect(await withScript.leads.list().toArray()).toEqual([]);
    const revoked = await hk.apiKeys.revoke(script.id);
    expect(revoked.revoked_at).not.toBeNull();
    await expect(withScript.leads.list().toArray()).rejects.toBeInstanceOf(AuthenticationError);
    expect((await hk.apiKeys.list({ include_revoked: false }).toArray()).map((key) => key.id)).not.toContain(
      script.id,
    );

    await expect(hk.apiKeys.create({ type: 'admin' as 'secret' })).rejects.toBeInstanceOf(
      RequestValidationError,
    );
    await expect(hk.apiKeys.revoke('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});

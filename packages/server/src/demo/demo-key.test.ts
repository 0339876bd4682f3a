import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';
import { rotateDemoPublishableKey } from './demo-key.js';

const server = useTestServer();

describe('rotateDemoPublishableKey', () => {
  it('replaces only the key the demo issued itself; keys a partner made keep working', async () => {
    const org = await server.newOrg();
    const partner = await org.call('POST', '/v1/api-keys', {
      type: 'publishable',
      allowed_origins: ['https://partner.example'],
    });
    const origins = ['http://localhost:8787'];
    const first = await rotateDemoPublishableKey(server.deps, org.organization_id, origins);
    const second = await rotateDemoPublishableKey(server.deps, org.organization_id, origins);

    const keys = (await org.call('GET', '/v1/api-keys?type=publishable')).body.data.items;
    const revoked = (id: string) => keys.find((key: { id: string }) => key.id === id).revoked_at !== null;
    expect(revoked(first.id)).toBe(true);
    expect(revoked(second.id)).toBe(false);
    expect(revoked(partner.body.data.id)).toBe(false);
    // The organisation's own publishable key, made with it, is not the demo's either.
    expect(keys.filter((key: { revoked_at: string | null }) => key.revoked_at === null)).toHaveLength(3);
  });
});

import { Organization, Session } from '@hidden-key/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';

const server = useTestServer();
const withKey = (key: string) => ({ headers: { authorization: `Bearer ${key}` } });

describe('GET /v1/organization', () => {
  it('shows the caller its own organisation, on the free plan until Stripe says otherwise', async () => {
    const org = await server.newOrg({ defaultRegion: 'GB' });
    const other = await server.newOrg();
    const res = await org.call('GET', '/v1/organization');
    expect(res.status).toBe(200);
    expect(Organization.parse(res.body.data)).toMatchObject({
      id: org.organization_id,
      name: 'Test Org',
      default_region: 'GB',
      plan: 'free',
      plan_status: 'active',
    });
    expect((await other.call('GET', '/v1/organization')).body.data.id).toBe(other.organization_id);
  });

  it('is readable by a read-only portal session, not by a publishable key or no key', async () => {
    const org = await server.newOrg();
    const minted = await org.call('POST', '/v1/sessions', { read_only: true });
    const session = Session.parse(minted.body.data);
    const read = await server.raw('/v1/organization', withKey(session.token));
    expect(read.status).toBe(200);
    expect(read.body.data.id).toBe(org.organization_id);
    expect((await server.raw('/v1/organization', withKey(org.publishable_key))).status).toBe(403);
    expect((await server.raw('/v1/organization')).status).toBe(401);
  });
});

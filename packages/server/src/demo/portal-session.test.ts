import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';
import { issueApiKey } from '../services/issue-key.js';
import { registerDemoSession } from './portal-session.js';

const server = useTestServer();

/** What @hono/node-server passes as `c.env`: the socket the request came on. */
const fromPeer = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('POST /demo/session', () => {
  it('signs the portal in to the demo organisation, for this machine only', async () => {
    const org = await server.newOrg();
    const key = await issueApiKey(server.deps, {
      organizationId: org.organization_id,
      type: 'publishable',
      allowedOrigins: ['http://localhost:8787'],
    });
    registerDemoSession(server.app, {
      session: () => ({ organizationId: org.organization_id, keyId: key.id }),
    });

    const refused = await server.app.request('/demo/session', { method: 'POST' }, fromPeer('203.0.113.9'));
    expect(refused.status).toBe(403);

    const minted = await server.app.request(
      '/demo/session',
      { method: 'POST' },
      fromPeer('::ffff:127.0.0.1'),
    );
    expect(minted.status).toBe(201);
    const { data } = await minted.json();
    expect(data.organization_id).toBe(org.organization_id);

    const leads = await server.raw('/v1/leads', { headers: { authorization: `Bearer ${data.token}` } });
    expect(leads.status).toBe(200);
  });
});

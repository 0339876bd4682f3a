import { describe, expect, it } from 'vitest';
import { type Transport, useRealServer } from '../support/real-server.js';

describe.each<Transport>(['in-process', 'socket'])('organization against the real app (%s)', (transport) => {
  const server = useRealServer(transport);

  it('retrieves the caller’s organisation with its billing plan', async () => {
    const org = await server.newOrg();
    const { data, response } = await server.client(org.secretKey).organization.retrieve().withResponse();
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ plan: 'free', plan_status: 'active', default_region: 'US' });
    expect(data.id).toBe(org.organizationId);
  });
});

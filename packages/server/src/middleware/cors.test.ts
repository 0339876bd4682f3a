import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';

const server = useTestServer();
const portal = 'https://portal.agency.example';

describe('CORS on the bearer-authenticated API', () => {
  it('answers a preflight from any origin for the headers a portal sends, without credentials', async () => {
    const res = await server.app.request('/v1/leads', {
      method: 'OPTIONS',
      headers: {
        origin: portal,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type, idempotency-key, last-event-id',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'content-type', 'idempotency-key', 'last-event-id']) {
      expect(allowed).toContain(header);
    }
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
  });

  it('marks answers, errors included, readable by the page and exposes the request id and rate-limit headers', async () => {
    const org = await server.newOrg();
    const ok = await server.app.request('/v1/leads', {
      headers: { origin: portal, authorization: `Bearer ${org.secret_key}` },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const exposed = (ok.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const header of ['x-request-id', 'retry-after', 'ratelimit']) expect(exposed).toContain(header);

    const denied = await server.app.request('/v1/leads', { headers: { origin: portal } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('leaves /v1/public/* to the capture routes’ own origin allow-lists', async () => {
    const res = await server.app.request('/v1/public/leads', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).not.toBe('*');
  });
});

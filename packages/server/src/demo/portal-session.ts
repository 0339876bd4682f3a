import type { Hono } from 'hono';
import type { AppEnv } from '../context.js';
import { ApiError } from '../errors.js';
import { envelope } from '../routes/openapi.js';
import { clientIp } from '../services/client-ip.js';
import { mintSessionToken } from '../services/sessions/session-tokens.js';

/** Loopback peers: the demo hands out tokens only to the machine it runs on. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;

export interface DemoSessionOptions {
  /** Read on each request: the demo organisation and its key exist once the server knows its port. */
  session: () => { organizationId: string; keyId: string };
  ttlSeconds?: number;
}

/**
 * `POST /demo/session`: a short-lived session token for the demo organisation, so the
 * agency-portal example signs itself in on `pnpm start`. A real portal mints its tokens on its own
 * backend with `POST /v1/sessions` and a secret key; only the demo command mounts this route.
 */
export function registerDemoSession(app: Hono<AppEnv>, options: DemoSessionOptions) {
  app.post('/demo/session', async (c) => {
    if (!LOOPBACK.test(clientIp(c) ?? '')) {
      throw new ApiError('forbidden', 'Demo sessions are handed out to this machine only');
    }
    const { organizationId, keyId } = options.session();
    const issuedAt = c.var.deps.clock();
    const expiresAt = new Date(Math.floor(issuedAt.getTime() / 1000 + (options.ttlSeconds ?? 3600)) * 1000);
    const token = await mintSessionToken(
      await c.var.tokens.sessionKey(c.var.deps.db),
      { organizationId, readOnly: false, keyId, subject: 'demo-portal' },
      issuedAt,
      expiresAt,
    );
    return c.json(
      envelope(c, {
        token,
        expires_at: expiresAt.toISOString(),
        organization_id: organizationId,
        read_only: false,
      }),
      201,
    );
  });
}

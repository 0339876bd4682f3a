import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { clientIp } from './client-ip.js';
import type { RequestOrigin } from './leads/consent.js';

/** The caller's IP (see `clientIp`: forwarded headers count only from trusted proxies), user agent and origin. */
export function requestOrigin(c: Context<AppEnv>): RequestOrigin {
  return {
    ip: clientIp(c)?.slice(0, 100) ?? null,
    userAgent: c.req.header('user-agent')?.slice(0, 1000) ?? null,
    origin: c.req.header('origin')?.slice(0, 500) ?? null,
  };
}

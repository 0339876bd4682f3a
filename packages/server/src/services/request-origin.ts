import type { Context } from 'hono';
import type { RequestOrigin } from './leads/consent.js';

/** The caller's IP (first hop of X-Forwarded-For behind a proxy) and user agent. */
export function requestOrigin(c: Context): RequestOrigin {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || c.req.header('x-real-ip') || null;
  return { ip: ip ? ip.slice(0, 100) : null, userAgent: c.req.header('user-agent')?.slice(0, 1000) ?? null };
}

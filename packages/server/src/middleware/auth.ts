import { createMiddleware } from 'hono/factory';
import type { AppEnv, AuthContext } from '../context.js';
import { ApiError } from '../errors.js';
import { touchKey } from '../services/api-keys.js';
import { looksLikeJwt } from '../services/sessions/bearer-jwt.js';

// Room for Supabase access tokens, which carry user and app metadata.
const BEARER = /^Bearer\s+(\S{1,8192})$/i;

export interface AuthOptions {
  /** Which credential kinds this group of routes accepts. */
  allow: ReadonlyArray<AuthContext['keyType']>;
}

/** The bearer token of a request, or null. */
export const bearerToken = (header: string | undefined) =>
  header ? (BEARER.exec(header)?.[1] ?? null) : null;

/**
 * Resolves `Authorization: Bearer <key>` into `c.get('auth')` ({ organizationId, keyType, readOnly }).
 * Unknown, revoked or missing keys answer 401; a known key of a kind these routes do not accept
 * answers 403. JWTs (portal sessions, Supabase Auth) are verified by the app's token authority
 * and come in as the `session` kind.
 */
export const authenticate = (options: AuthOptions) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerToken(c.req.header('authorization'));
    if (!token) throw new ApiError('unauthorized', 'Send an API key as Authorization: Bearer <key>');
    const { db, hashKey, clock } = c.get('deps');
    if (looksLikeJwt(token)) {
      const auth = await c.get('tokens').authenticate(token, clock());
      if (!options.allow.includes(auth.keyType)) {
        throw new ApiError('forbidden', 'A session token cannot be used for this route');
      }
      // A session ends with the key that minted it: checked on every request, on every instance.
      if (auth.keyId && !(await c.get('lookups').keyIsLive(auth.keyId))) {
        throw new ApiError('unauthorized', 'The key this session was minted from has been revoked');
      }
      c.set('auth', auth);
      return next();
    }
    const key = await c.get('lookups').key(hashKey(token));
    if (!key) throw new ApiError('unauthorized', 'The API key is invalid or revoked');
    if (!options.allow.includes(key.type)) {
      throw new ApiError('forbidden', `A ${key.type} key cannot be used for this route`);
    }
    await touchKey(db, key, clock());
    c.set('auth', { organizationId: key.organizationId, keyId: key.id, keyType: key.type, readOnly: false });
    await next();
  });

/** Refuses read-only callers altogether (key management: even listing keys is not for them). */
export const requireFullAccess = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('auth')?.readOnly)
      throw new ApiError(
        'forbidden',
        'This route needs full access: a read-only session may not even read it',
      );
    await next();
  });

/** Refuses writes from read-only callers. */
export const requireWritable = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && c.get('auth')?.readOnly) {
      throw new ApiError('forbidden', 'This credential is read-only');
    }
    await next();
  });

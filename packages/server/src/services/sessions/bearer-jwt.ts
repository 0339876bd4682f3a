import { decodeJwt, errors } from 'jose';
import * as z from 'zod';
import type { AuthContext } from '../../context.js';
import type { Database, Executor } from '../../db/database.js';
import { withOrganization } from '../../db/tenant.js';
import { ApiError } from '../../errors.js';
import { organizationExists } from './organization-exists.js';
import { SESSION_ISSUER, verifySessionToken } from './session-tokens.js';
import { sessionSigningKey } from './signing-secret.js';
import { createSupabaseVerifier, ORGANIZATION_CLAIM, type SupabaseVerifier } from './supabase-tokens.js';
import type { TokenSettings } from './token-settings.js';

/** Three base64url segments, the first a JSON object (`eyJ` is `{"`): a JWT, not an API key. */
export const looksLikeJwt = (token: string) => /^eyJ[\w-]*\.[\w-]+\.[\w-]+$/.test(token);

const OrganizationId = z.uuid();

/** Turns bearer JWTs (portal sessions, Supabase Auth) into the caller's identity. */
export interface TokenAuthority {
  /** The HS256 key session tokens are signed with; read through `db` (a request's transaction) if not yet known. */
  sessionKey(db?: Executor): Promise<Uint8Array>;
  /** The caller of a JWT, or a 401 `ApiError` for an invalid, expired or foreign token. */
  authenticate(token: string, now: Date): Promise<AuthContext>;
}

/** jose's verdicts become 401s (503 when the keys are unreachable); other failures pass through. */
const asApiError = (error: unknown): unknown => {
  if (error instanceof errors.JWTExpired) return new ApiError('unauthorized', 'The token has expired');
  if (error instanceof errors.JWKSTimeout || (error instanceof TypeError && /fetch/i.test(error.message))) {
    return new ApiError('service_unavailable', 'The identity provider’s keys cannot be fetched');
  }
  if (error instanceof errors.JOSEError) return new ApiError('unauthorized', 'The token is invalid');
  return error;
};

export function createTokenAuthority(db: Database, settings: TokenSettings = {}): TokenAuthority {
  const sessionKey = sessionSigningKey(db, settings.sessionSecret);
  const supabase: SupabaseVerifier | null = settings.supabase
    ? createSupabaseVerifier(settings.supabase)
    : null;

  const fromSupabase = async (verify: SupabaseVerifier, token: string, now: Date): Promise<AuthContext> => {
    const user = await verify(token, now);
    const organizationId = OrganizationId.safeParse(user.organizationId);
    // Scoped to the organisation the token names: its own row is the only one it could see.
    const exists =
      organizationId.success &&
      (await withOrganization(db, organizationId.data, (tx) => organizationExists(tx, organizationId.data)));
    if (!exists) {
      throw new ApiError('unauthorized', `The token names no known organisation in ${ORGANIZATION_CLAIM}`);
    }
    return { organizationId: organizationId.data, keyId: null, keyType: 'session', readOnly: false };
  };

  return {
    sessionKey,
    async authenticate(token, now) {
      try {
        const { iss } = decodeJwt(token);
        if (iss === SESSION_ISSUER) {
          const session = await verifySessionToken(await sessionKey(), token, now);
          return {
            organizationId: session.organizationId,
            keyId: session.keyId,
            keyType: 'session',
            readOnly: session.readOnly,
          };
        }
        if (supabase) return await fromSupabase(supabase, token, now);
        throw new ApiError('unauthorized', 'Tokens from this issuer are not accepted');
      } catch (error) {
        throw asApiError(error);
      }
    },
  };
}

import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { SupabaseAuthSettings } from './token-settings.js';

/** The claim that names the user's organisation; `app_metadata` is writable only server-side. */
export const ORGANIZATION_CLAIM = 'app_metadata.organization_id';

export interface SupabaseUser {
  organizationId: string | null;
  userId: string;
}

export type SupabaseVerifier = (token: string, now: Date) => Promise<SupabaseUser>;

const ASYMMETRIC_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

/**
 * Verifies Supabase Auth access tokens: HS256 with the project's JWT secret, or the asymmetric
 * keys of its JWKS (fetched and cached by jose). Audience must be `authenticated` (signed-in
 * users; the anon key's token is refused), the issuer the project's when configured.
 */
export function createSupabaseVerifier(settings: SupabaseAuthSettings): SupabaseVerifier {
  const secret = settings.jwtSecret ? new TextEncoder().encode(settings.jwtSecret) : null;
  const jwks: JWTVerifyGetKey | null = settings.jwksUrl
    ? createRemoteJWKSet(new URL(settings.jwksUrl))
    : null;
  return async (token, now) => {
    const { alg } = decodeProtectedHeader(token);
    const options = {
      audience: 'authenticated',
      issuer: settings.issuer,
      currentDate: now,
      requiredClaims: ['exp', 'sub'],
    };
    const useSecret = alg === 'HS256' || !jwks;
    if (useSecret && !secret)
      throw new errors.JOSEAlgNotAllowed(`Tokens signed with ${alg} are not accepted`);
    const { payload } = useSecret
      ? await jwtVerify(token, secret!, { ...options, algorithms: ['HS256'] })
      : await jwtVerify(token, jwks!, { ...options, algorithms: ASYMMETRIC_ALGORITHMS });
    const appMetadata = payload.app_metadata as { organization_id?: unknown } | undefined;
    const organizationId = appMetadata?.organization_id;
    return {
      organizationId: typeof organizationId === 'string' ? organizationId : null,
      userId: payload.sub!,
    };
  };
}

import { randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/** `iss` and `aud` of the tokens this server mints; anything else is not a session token. */
export const SESSION_ISSUER = 'hidden-key';

export interface SessionClaims {
  organizationId: string;
  readOnly: boolean;
  /** The secret key that minted the session. */
  keyId: string;
  /** Who the portal says the user is, for audit; the key id when not given. */
  subject: string;
}

export async function mintSessionToken(
  key: Uint8Array,
  claims: SessionClaims,
  issuedAt: Date,
  expiresAt: Date,
): Promise<string> {
  return new SignJWT({ org: claims.organizationId, ro: claims.readOnly, key_id: claims.keyId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(SESSION_ISSUER)
    .setAudience(SESSION_ISSUER)
    .setSubject(claims.subject)
    .setJti(randomUUID())
    .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(key);
}

/** Verifies signature, issuer, audience and expiry; throws jose's errors otherwise. */
export async function verifySessionToken(key: Uint8Array, token: string, now: Date): Promise<SessionClaims> {
  const { payload } = await jwtVerify(token, key, {
    algorithms: ['HS256'],
    issuer: SESSION_ISSUER,
    audience: SESSION_ISSUER,
    currentDate: now,
    requiredClaims: ['exp', 'org', 'sub'],
  });
  if (typeof payload.org !== 'string' || typeof payload.key_id !== 'string') {
    throw new errors.JWTClaimValidationFailed('The session token lacks its organisation', payload, 'org');
  }
  return {
    organizationId: payload.org,
    readOnly: payload.ro === true,
    keyId: payload.key_id,
    subject: payload.sub!,
  };
}

import type { Consent, ConsentInput } from '@hidden-key/sdk/schemas';

/** Who sent the request, recorded with a consent. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
  /** The page's origin (`Origin` header), recorded with public submissions. */
  origin?: string | null;
}

/** The consent as stored: the caller's text and version, the time, IP and user agent from the server. */
export function recordConsent(input: ConsentInput, now: Date, origin: RequestOrigin): Consent {
  return {
    text: input.text,
    version: input.version ?? null,
    granted_at: input.granted_at ? new Date(input.granted_at).toISOString() : now.toISOString(),
    ip: origin.ip,
    user_agent: origin.userAgent,
  };
}

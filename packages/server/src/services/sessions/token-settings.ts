/** Supabase Auth as a source of bearer tokens; set the secret (HS256 projects) or the JWKS URL. */
export interface SupabaseAuthSettings {
  /** The project's JWT secret (legacy HS256 signing). */
  jwtSecret?: string;
  /** The project's JWKS, e.g. `https://<project>.supabase.co/auth/v1/.well-known/jwks.json`. */
  jwksUrl?: string;
  /** Required `iss`, e.g. `https://<project>.supabase.co/auth/v1`; unchecked when absent. */
  issuer?: string;
}

export interface TokenSettings {
  /** HS256 secret for portal session tokens; without it one is generated and kept in the database. */
  sessionSecret?: string;
  supabase?: SupabaseAuthSettings;
}

/**
 * Reads HK_SESSION_SECRET, SUPABASE_JWT_SECRET, SUPABASE_JWKS_URL and SUPABASE_URL (whose
 * `/auth/v1` is the issuer; SUPABASE_JWT_ISSUER overrides it).
 */
export function tokenSettingsFromEnv(env: Record<string, string | undefined>): TokenSettings {
  const supabaseUrl = env.SUPABASE_URL?.replace(/\/+$/, '');
  const supabase: SupabaseAuthSettings = {
    jwtSecret: env.SUPABASE_JWT_SECRET || undefined,
    jwksUrl: env.SUPABASE_JWKS_URL || undefined,
    issuer: env.SUPABASE_JWT_ISSUER || (supabaseUrl ? `${supabaseUrl}/auth/v1` : undefined),
  };
  return {
    sessionSecret: env.HK_SESSION_SECRET || undefined,
    supabase: supabase.jwtSecret || supabase.jwksUrl ? supabase : undefined,
  };
}

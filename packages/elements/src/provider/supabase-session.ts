/** The slice of a supabase-js client the provider uses, so the elements need no Supabase dependency. */
export interface SupabaseAuthClient {
  auth: {
    getSession(): Promise<{ data: { session: SupabaseSession | null } }>;
    onAuthStateChange(callback: (event: string, session: SupabaseSession | null) => void): {
      data: { subscription: { unsubscribe(): void } };
    };
  };
}

export interface SupabaseSession {
  access_token: string;
  user?: { id: string } | null;
}

/** Who is signed in, as the provider needs it: the bearer token and whose it is. */
export interface SignedInUser {
  token: string;
  userId: string | undefined;
}

/**
 * Follows a supabase-js client's session: reports the current one, then every sign-in, token
 * refresh and sign-out. Returns the function that stops following.
 */
export function followSupabaseSession(
  supabase: SupabaseAuthClient,
  onChange: (user: SignedInUser | null) => void,
): () => void {
  let stopped = false;
  const report = (session: SupabaseSession | null) => {
    if (stopped) return;
    onChange(session ? { token: session.access_token, userId: session.user?.id } : null);
  };
  const { data } = supabase.auth.onAuthStateChange((event, session) =>
    report(event === 'SIGNED_OUT' ? null : session),
  );
  supabase.auth.getSession().then(
    ({ data: { session } }) => report(session),
    () => report(null),
  );
  return () => {
    stopped = true;
    data.subscription.unsubscribe();
  };
}

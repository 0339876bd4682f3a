import type { Lookups } from '../lookups.js';

/** How often an open stream asks whether its key still lives (the answer is cached for 4 s). */
export const CREDENTIAL_CHECK_MS = 1_000;

/**
 * Aborts `signal` once the key behind a long-lived response (an event stream, or a session minted
 * from the key) is revoked, so revocation ends what is already open, not only what comes next:
 * within 5 s on any instance, at once on the one that revoked it. A failed check (the database
 * away) is no verdict; the next one asks again.
 */
export function watchCredential(lookups: Lookups, keyId: string | null | undefined) {
  const revoked = new AbortController();
  const timer = keyId
    ? setInterval(() => {
        lookups.keyIsLive(keyId).then(
          (live) => {
            if (!live) revoked.abort();
          },
          () => {},
        );
      }, CREDENTIAL_CHECK_MS)
    : undefined;
  timer?.unref();
  return { signal: revoked.signal, stop: () => clearInterval(timer) };
}

import { setMaxListeners } from 'node:events';
import { ApiError } from '../../errors.js';

/** How many event streams one key (or session's key) and one organisation may hold open at once. */
export interface StreamLimits {
  perKey: number;
  perOrganization: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perKey: 20, perOrganization: 100 };

/** A stream's place in the registry: its shutdown signal, and `release()` when it ends. */
export interface StreamTicket {
  /** Aborted when the server shuts down: the stream sends a `retry:` hint and ends. */
  shutdown: AbortSignal;
  release(): void;
}

export interface StreamRegistry {
  readonly open: number;
  /** A ticket for one more stream, or 429 `rate_limited` over a cap. */
  admit(keyId: string | null, organizationId: string): StreamTicket;
  /** Ends every stream (each sends its `retry:` hint); new ones are refused. */
  shutdown(): void;
}

/**
 * The event streams open on this instance, counted per key and per organisation so one caller
 * cannot hold every connection (the caps are per instance: a load balancer spreads streams out).
 */
export function createStreamRegistry(limits: StreamLimits = DEFAULT_STREAM_LIMITS): StreamRegistry {
  const perKey = new Map<string, number>();
  const perOrganization = new Map<string, number>();
  const stopping = new AbortController();
  // Every open stream listens for the shutdown.
  setMaxListeners(0, stopping.signal);
  let open = 0;
  const change = (counts: Map<string, number>, id: string, by: number) => {
    const next = (counts.get(id) ?? 0) + by;
    if (next <= 0) counts.delete(id);
    else counts.set(id, next);
  };
  return {
    get open() {
      return open;
    },
    admit(keyId, organizationId) {
      if (stopping.signal.aborted) throw new ApiError('service_unavailable', 'The server is shutting down');
      const key = keyId ?? `org:${organizationId}`;
      if ((perKey.get(key) ?? 0) >= limits.perKey) {
        throw new ApiError('rate_limited', `At most ${limits.perKey} event streams per key at once`);
      }
      if ((perOrganization.get(organizationId) ?? 0) >= limits.perOrganization) {
        throw new ApiError(
          'rate_limited',
          `At most ${limits.perOrganization} event streams per organisation at once`,
        );
      }
      change(perKey, key, 1);
      change(perOrganization, organizationId, 1);
      open++;
      let released = false;
      return {
        shutdown: stopping.signal,
        release() {
          if (released) return;
          released = true;
          change(perKey, key, -1);
          change(perOrganization, organizationId, -1);
          open--;
        },
      };
    },
    shutdown() {
      stopping.abort();
    },
  };
}

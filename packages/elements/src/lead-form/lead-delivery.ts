import type { QueuedLead } from './lead-outbox.js';

/**
 * Why the server will never take this form's leads until someone fixes its setup: the page's
 * origin is not on the key's allow-list, or the key was revoked, or it was never a key.
 */
export type SetupProblem = 'origin_not_allowed' | 'key_revoked' | 'key_unknown';

export type DeliveryOutcome =
  | { kind: 'sent'; leadId: string | null }
  | { kind: 'retry'; reason: 'offline' | 'network' | 'server'; retryAfterMs: number | null }
  | {
      kind: 'rejected';
      status: number;
      code: string | null;
      message: string | null;
      /** The envelope's `details`: what was wrong with which field, by its path in the body (`contact.email`). */
      details: Record<string, string[]> | null;
      setupProblem: SetupProblem | null;
    };

/** Statuses that say "not now" rather than "never": timeouts, a request still running, rate limits, server faults. */
const retryable = (status: number) =>
  status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;

function retryAfterMs(header: string | null): number | null {
  const seconds = Number(header);
  return header && Number.isFinite(seconds) ? seconds * 1000 : null;
}

/** One attempt to send a queued lead with plain fetch: no client library, to keep the embed small. */
export async function deliver(lead: QueuedLead, timeoutMs = 15_000): Promise<DeliveryOutcome> {
  if (!navigator.onLine) return { kind: 'retry', reason: 'offline', retryAfterMs: null };
  let response: Response;
  try {
    response = await fetch(lead.endpoint, {
      method: 'POST',
      credentials: 'omit',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${lead.publishableKey}`,
        'Idempotency-Key': lead.idempotencyKey,
      },
      body: JSON.stringify(lead.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (error instanceof TypeError && (await refusesThisOrigin(lead.endpoint))) {
      return {
        kind: 'rejected',
        status: 0,
        code: 'forbidden',
        message: 'The server refused this page’s origin (CORS)',
        details: null,
        setupProblem: 'origin_not_allowed',
      };
    }
    return { kind: 'retry', reason: 'network', retryAfterMs: null };
  }
  const envelope = await response.json().catch(() => null);
  if (response.ok) return { kind: 'sent', leadId: envelope?.data?.id ?? null };
  if (retryable(response.status)) {
    return {
      kind: 'retry',
      reason: 'server',
      retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
    };
  }
  return {
    kind: 'rejected',
    status: response.status,
    code: envelope?.code ?? null,
    message: envelope?.error ?? null,
    details: isRecord(envelope?.details) ? (envelope.details as Record<string, string[]>) : null,
    setupProblem: setupProblemOf(response.status, envelope),
  };
}

/**
 * A CORS refusal and a network failure look the same to `fetch` (a TypeError). Two plain GETs to
 * the same URL tell them apart: a `cors` one is readable only if the server allows this page's
 * origin, a `no-cors` one succeeds (unreadably) whenever the server is reachable. Reachable but
 * not readable means the server refuses this origin, which no retry will fix; a dropped
 * connection or a network that is down stays a retry.
 */
async function refusesThisOrigin(endpoint: string): Promise<boolean> {
  const reaches = (mode: RequestMode) =>
    fetch(endpoint, { mode, credentials: 'omit', signal: AbortSignal.timeout(5000) }).then(
      () => true,
      () => false,
    );
  return !(await reaches('cors')) && (await reaches('no-cors'));
}

/** Reads a 401/403 envelope: `details.key` (`revoked`, `unknown`) and `details.origin` name the cause. */
function setupProblemOf(
  status: number,
  envelope: { error?: string; details?: Record<string, unknown> } | null,
): SetupProblem | null {
  if (status === 403 && envelope?.details?.origin) return 'origin_not_allowed';
  if (status !== 401) return null;
  const key = envelope?.details?.key;
  const said = Array.isArray(key) ? String(key[0]) : '';
  if (
    said === 'revoked' ||
    (!said && /\brevoked\b/i.test(envelope?.error ?? '') && !/invalid/i.test(envelope?.error ?? ''))
  )
    return 'key_revoked';
  return 'key_unknown';
}

/** Exponential backoff from 2 s to 5 min, with jitter so many queued browsers do not retry in step. */
export function backoffMs(attempts: number): number {
  return Math.min(300_000, 2000 * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

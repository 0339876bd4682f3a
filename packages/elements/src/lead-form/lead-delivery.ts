import type { QueuedLead } from './lead-outbox.js';

export type DeliveryOutcome =
  | { kind: 'sent'; leadId: string | null; merged: boolean }
  | { kind: 'retry'; reason: 'offline' | 'network' | 'server'; retryAfterMs: number | null }
  | { kind: 'rejected'; status: number; code: string | null; message: string | null };

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
  } catch {
    return { kind: 'retry', reason: 'network', retryAfterMs: null };
  }
  const envelope = await response.json().catch(() => null);
  if (response.ok) {
    return { kind: 'sent', leadId: envelope?.data?.id ?? null, merged: envelope?.data?.merged === true };
  }
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
  };
}

/** Exponential backoff from 2 s to 5 min, with jitter so many queued browsers do not retry in step. */
export function backoffMs(attempts: number): number {
  return Math.min(300_000, 2000 * 2 ** (attempts - 1)) * (0.5 + Math.random() / 2);
}

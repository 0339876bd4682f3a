import type { PublicLeadCreate } from '@hidden-key/sdk/schemas';

/** A submission waiting to reach the server, kept with the idempotency key it was first sent with. */
export interface QueuedLead {
  idempotencyKey: string;
  endpoint: string;
  publishableKey: string;
  body: PublicLeadCreate;
  attempts: number;
  nextAttemptAt: number;
  /**
   * When it is given up (ms since the epoch): personal data must not sit in a browser forever.
   * Entries queued by an earlier version without one get the default from when they are next read.
   */
  expiresAt?: number;
}

/** How long a submission waits for the network by default before it is dropped. */
export const DEFAULT_QUEUE_DAYS = 7;
export const DAY_MS = 86_400_000;

const storageKey = 'hk-lead-outbox';
/** Used only when localStorage is unavailable (disabled, full, sandboxed): retries then last as long as the page. */
let inMemory: QueuedLead[] = [];

/**
 * The queued submissions, in localStorage so they survive a closed tab and are sent when the
 * page is opened again.
 */
export const outbox = {
  /** The submissions still waiting; expired ones are removed as they are found. */
  list(now = Date.now()): QueuedLead[] {
    const all = read();
    const live = all
      .map((lead) => (lead.expiresAt ? lead : { ...lead, expiresAt: now + DEFAULT_QUEUE_DAYS * DAY_MS }))
      .filter((lead) => (lead.expiresAt ?? 0) > now);
    if (live.length !== all.length || all.some((lead) => !lead.expiresAt)) save(live);
    return live;
  },

  put(lead: QueuedLead) {
    save([...outbox.list().filter((queued) => queued.idempotencyKey !== lead.idempotencyKey), lead]);
  },

  remove(idempotencyKey: string) {
    save(outbox.list().filter((queued) => queued.idempotencyKey !== idempotencyKey));
  },
};

function read(): QueuedLead[] {
  try {
    const stored = localStorage.getItem(storageKey);
    return stored ? JSON.parse(stored) : inMemory;
  } catch {
    return inMemory;
  }
}

function save(leads: QueuedLead[]) {
  inMemory = leads;
  try {
    if (leads.length) localStorage.setItem(storageKey, JSON.stringify(leads));
    else localStorage.removeItem(storageKey);
  } catch {
    // Kept in memory instead.
  }
}

/** A v4 UUID; `crypto.randomUUID` exists only on HTTPS pages, and partner sites are not all HTTPS. */
export function newIdempotencyKey(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

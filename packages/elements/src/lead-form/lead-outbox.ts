import type { PublicLeadCreate } from '@hidden-key/sdk/schemas';
import { DAY_MS, DEFAULT_QUEUE_DAYS, OUTBOX_STORAGE_KEY } from './outbox-settings.js';

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
    const stored = localStorage.getItem(OUTBOX_STORAGE_KEY);
    return stored ? JSON.parse(stored) : inMemory;
  } catch {
    return inMemory;
  }
}

function save(leads: QueuedLead[]) {
  inMemory = leads;
  try {
    if (leads.length) localStorage.setItem(OUTBOX_STORAGE_KEY, JSON.stringify(leads));
    else localStorage.removeItem(OUTBOX_STORAGE_KEY);
  } catch {
    // Kept in memory instead.
  }
}

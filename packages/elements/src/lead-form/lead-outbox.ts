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

/**
 * What a form typed, by control name, with what the page adds: all a lead's body is built from.
 * The outbox keeps a draft when the form's sending code could not be fetched (the network is
 * down); the sending code turns it into a body before its first attempt.
 */
export interface LeadDraft {
  values: Record<string, string>;
  /** `hidden-fields` and `data-field-*`, for `custom_fields`. */
  hidden: Record<string, unknown>;
  consentText: string;
  consentVersion: string;
  /** Time from the form's first render to its submit, the server's time trap. */
  elapsedMs: number;
}

/** A submission stored before its body was built. */
export type DraftLead = Omit<QueuedLead, 'body'> & { draft: LeadDraft };

export type StoredLead = QueuedLead | DraftLead;

/** Used only when localStorage is unavailable (disabled, full, sandboxed): retries then last as long as the page. */
let inMemory: StoredLead[] = [];

/**
 * The queued submissions, in localStorage so they survive a closed tab and are sent when the
 * page is opened again.
 */
export const outbox = {
  /** The submissions still waiting; expired ones are removed as they are found. */
  list(now = Date.now()): StoredLead[] {
    const all = read();
    const live = all
      .map((lead) => (lead.expiresAt ? lead : { ...lead, expiresAt: now + DEFAULT_QUEUE_DAYS * DAY_MS }))
      .filter((lead) => (lead.expiresAt ?? 0) > now);
    if (live.length !== all.length || all.some((lead) => !lead.expiresAt)) save(live);
    return live;
  },

  put(lead: StoredLead) {
    save([...outbox.list().filter((queued) => queued.idempotencyKey !== lead.idempotencyKey), lead]);
  },

  remove(idempotencyKey: string) {
    save(outbox.list().filter((queued) => queued.idempotencyKey !== idempotencyKey));
  },
};

function read(): StoredLead[] {
  try {
    const stored = localStorage.getItem(OUTBOX_STORAGE_KEY);
    return stored ? JSON.parse(stored) : inMemory;
  } catch {
    return inMemory;
  }
}

function save(leads: StoredLead[]) {
  inMemory = leads;
  try {
    if (leads.length) localStorage.setItem(OUTBOX_STORAGE_KEY, JSON.stringify(leads));
    else localStorage.removeItem(OUTBOX_STORAGE_KEY);
  } catch {
    // Kept in memory instead.
  }
}

// The outbox's settings, in a file of their own: the form reads them without loading the outbox,
// which comes with the sending code (lead-sending.lazy.ts).

/** How long a submission waits for the network by default before it is dropped. */
export const DEFAULT_QUEUE_DAYS = 7;
export const DAY_MS = 86_400_000;

/** Where queued submissions wait, in localStorage. */
export const OUTBOX_STORAGE_KEY = 'hk-lead-outbox';

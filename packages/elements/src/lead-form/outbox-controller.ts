import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { backoffMs, type DeliveryOutcome, deliver, type SetupProblem } from './lead-delivery.js';
import { type DraftLead, outbox, type QueuedLead } from './lead-outbox.js';

export interface DeliveryReport {
  lead: QueuedLead;
  outcome: DeliveryOutcome;
  /** True for the attempt made when the person pressed submit, false for later retries. */
  firstAttempt: boolean;
}

/** What the console tells the partner's developer, who can fix it; the seller is told plainly. */
const setupAdvice: Record<SetupProblem, string> = {
  origin_not_allowed:
    'this page’s origin is not allowed for the publishable key: add it to the key’s allowed_origins (PATCH /v1/api-keys/{id}).',
  key_revoked:
    'the publishable key has been revoked: create a new one (POST /v1/api-keys) and update the page.',
  key_unknown: 'the publishable key is not known to this server: check publishable-key and base-url.',
};

/** Leads being sent from this page right now, so two forms on one page never send the same lead at once. */
const inFlight = new Set<string>();

/** Runs `send` only if no other tab is sending the same lead (Web Locks), or unguarded where the API is missing. */
async function exclusively(idempotencyKey: string, send: () => Promise<void>) {
  if (!navigator.locks) return send();
  await navigator.locks.request(`hk-lead:${idempotencyKey}`, { ifAvailable: true }, async (lock) => {
    if (lock) await send();
  });
}

/**
 * Sends submissions through the outbox: each is stored (with its idempotency key) before its first
 * attempt, retried with backoff, at once when the browser comes back online, and whenever a page
 * with a form is opened again; it leaves the outbox only when the server accepted or refused it.
 */
export class OutboxController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private connected = false;
  private readonly report: (report: DeliveryReport) => void;
  private readonly complete: (draft: DraftLead) => QueuedLead;

  /** `complete` builds the body of a submission the form stored as a draft (`LeadDraft`). */
  constructor(
    host: ReactiveControllerHost,
    report: (report: DeliveryReport) => void,
    complete: (draft: DraftLead) => QueuedLead,
  ) {
    this.report = report;
    this.complete = complete;
    host.addController(this);
  }

  hostConnected() {
    this.connected = true;
    window.addEventListener('online', this.flushAll);
    this.flushAll();
  }

  hostDisconnected() {
    this.connected = false;
    window.removeEventListener('online', this.flushAll);
    clearTimeout(this.timer);
  }

  async submit(lead: QueuedLead) {
    outbox.put(lead);
    await this.attempt(lead.idempotencyKey, true);
  }

  private readonly flushAll = () => this.flush(true);

  private async flush(all: boolean) {
    const now = Date.now();
    for (const lead of outbox.list()) {
      if (all || lead.nextAttemptAt <= now) await this.attempt(lead.idempotencyKey, false);
    }
    this.schedule();
  }

  private async attempt(idempotencyKey: string, firstAttempt: boolean) {
    if (inFlight.has(idempotencyKey)) return;
    inFlight.add(idempotencyKey);
    let report: DeliveryReport | undefined;
    try {
      await exclusively(idempotencyKey, async () => {
        // Re-read: another tab may have delivered it while this one waited.
        const stored = outbox.list().find((queued) => queued.idempotencyKey === idempotencyKey);
        if (!stored) return;
        const lead = 'draft' in stored ? this.complete(stored) : stored;
        const outcome = await deliver(lead);
        if (outcome.kind === 'retry') {
          const attempts = lead.attempts + 1;
          const delay = outcome.retryAfterMs ?? backoffMs(attempts);
          outbox.put({ ...lead, attempts, nextAttemptAt: Date.now() + delay });
        } else {
          outbox.remove(idempotencyKey);
        }
        report = { lead, outcome, firstAttempt };
      });
    } finally {
      inFlight.delete(idempotencyKey);
    }
    const outcome = (report as DeliveryReport | undefined)?.outcome;
    if (outcome?.kind === 'rejected' && outcome.setupProblem) {
      const { status, code, message, setupProblem } = outcome;
      console.warn(`<hk-lead-form>: the server refused the lead because ${setupAdvice[setupProblem]}`, {
        status,
        code,
        message,
      });
    }
    // Reported once the lead is free again, so a listener may at once trigger another attempt.
    if (report) this.report(report);
    if (firstAttempt) this.schedule();
  }

  private schedule() {
    clearTimeout(this.timer);
    const next = Math.min(...outbox.list().map((lead) => lead.nextAttemptAt));
    if (this.connected && Number.isFinite(next))
      this.timer = setTimeout(() => this.flush(false), Math.max(0, next - Date.now()));
  }
}

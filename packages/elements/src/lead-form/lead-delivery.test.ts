import { expect } from '@open-wc/testing';
import { backoffMs, deliver } from './lead-delivery.js';
import type { QueuedLead } from './lead-outbox.js';

let baseUrl = '';
const script = (steps: string[]) =>
  fetch(`${baseUrl}/__script`, { method: 'POST', body: JSON.stringify(steps) });

function queuedLead(): QueuedLead {
  return {
    idempotencyKey: crypto.randomUUID(),
    endpoint: `${baseUrl}/v1/public/leads`,
    publishableKey: 'pk_test',
    body: { contact: { email: 'ana@example.com' }, elapsed_ms: 5000 },
    attempts: 0,
    nextAttemptAt: 0,
  };
}

describe('deliver', () => {
  beforeEach(() => {
    baseUrl = `${location.origin}/stand-in/${crypto.randomUUID()}`;
  });

  it('reports the lead id the server gave', async () => {
    const outcome = await deliver(queuedLead());
    const log = await (await fetch(`${baseUrl}/__log`)).json();
    expect(outcome).to.deep.equal({ kind: 'sent', leadId: log.leads[0].id });
  });

  it('retries a rate-limited lead when the server says it may', async () => {
    await script(['rate-limited']);
    expect(await deliver(queuedLead())).to.deep.equal({
      kind: 'retry',
      reason: 'server',
      retryAfterMs: 7000,
    });
  });

  it('retries after a dropped connection or a server fault', async () => {
    await script(['drop', 'unavailable']);
    expect(await deliver(queuedLead())).to.deep.equal({
      kind: 'retry',
      reason: 'network',
      retryAfterMs: null,
    });
    expect(await deliver(queuedLead())).to.deep.equal({
      kind: 'retry',
      reason: 'server',
      retryAfterMs: null,
    });
  });

  it('gives up on a lead the server refuses', async () => {
    await script(['invalid']);
    expect(await deliver(queuedLead())).to.deep.equal({
      kind: 'rejected',
      status: 422,
      code: 'validation_error',
      message: 'Invalid request',
      details: { 'contact.email': ['Invalid email address'] },
      setupProblem: null,
    });
  });
});

describe('backoffMs', () => {
  it('doubles from about 2 s up to 5 min, with jitter', () => {
    for (let sample = 0; sample < 50; sample += 1) {
      expect(backoffMs(1)).to.be.within(1000, 2000);
      expect(backoffMs(3)).to.be.within(4000, 8000);
      expect(backoffMs(30)).to.be.within(150_000, 300_000);
    }
  });
});

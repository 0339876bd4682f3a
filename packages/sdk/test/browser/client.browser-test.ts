/** The client in a real browser (headless Chromium): no Node APIs, real fetch, real streams. */
import {
  HiddenKey,
  InternalServerError,
  ResponseValidationError,
  type RetryInfo,
} from '../../src/client/index.js';

// web-test-runner runs mocha, whose globals these are; declared here so vitest's types stay alone.
declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

const baseUrl = `${location.origin}/api`;
const hk = new HiddenKey({ apiKey: 'sk_browser', baseUrl, retry: { initialDelay: 5, maxDelay: 20 } });

describe('HiddenKey in a browser', () => {
  it('walks every page of a list', async () => {
    const names: string[] = [];
    for await (const lead of hk.leads.list({ limit: 2 })) names.push(lead.contact.name ?? '');
    assert(names.join() === 'Lead 1,Lead 2,Lead 3,Lead 4,Lead 5', `unexpected leads ${names.join()}`);
  });

  it('retries a failed write with the same idempotency key', async () => {
    const retries: RetryInfo[] = [];
    const client = new HiddenKey({
      apiKey: 'sk_browser',
      baseUrl,
      retry: { initialDelay: 5 },
      onRetry: (info) => retries.push(info),
    });
    const key = `browser-${crypto.randomUUID()}`;
    const result = await client.leads.create(
      { contact: { name: 'From the browser' } },
      { idempotencyKey: key },
    );
    assert(result.merged === false, 'expected a created lead');
    assert(
      retries.length === 1 && retries[0]?.error instanceof InternalServerError,
      'expected one retry after a 503',
    );
    const attempts = await fetch(`${baseUrl}/_attempts?key=${key}`, {
      headers: { authorization: 'Bearer sk_browser' },
    });
    assert((await attempts.json()) === 2, 'expected both attempts to carry the same key');
  });

  it('generates idempotency keys with the browser crypto', async () => {
    const result = await hk.leads.create({ contact: { email: 'someone@example.com' } });
    assert(result.contact.name === 'Lead 99', 'expected the created lead');
  });

  it('catches an answer that breaks the contract', async () => {
    const error = await hk.leads.retrieve('broken').catch((caught: unknown) => caught);
    assert(error instanceof ResponseValidationError, `expected ResponseValidationError, got ${error}`);
    assert(error.issues[0]?.path.join('.') === 'status', 'expected the status issue');
  });

  it('reads the event stream', async () => {
    const ids: string[] = [];
    await new Promise<void>((resolve) => {
      const subscription = hk.events.subscribe((event) => {
        ids.push(event.id);
        if (ids.length === 2) {
          subscription.close();
          resolve();
        }
      });
    });
    assert(ids.join() === '1,2', `unexpected events ${ids.join()}`);
  });
});

import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../test/harness.js';
import { startReceiver } from '../../test/webhook-receiver.js';
import { createApp } from '../app.js';
import { errorReporterFromEnv, scrubSecrets } from './error-reporter.js';

const server = useTestServer();
/** A Sentry stand-in on loopback: the real @sentry/node client posts its envelopes here. */
const sentry = await startReceiver();
afterAll(() => sentry.close());

describe('error reporting', () => {
  it('is off without SENTRY_DSN', async () => {
    expect(await errorReporterFromEnv({})).toBeNull();
  });

  it('redacts keys, webhook secrets and bearer tokens in any string', () => {
    const scrubbed = scrubSecrets({
      message: 'refused sk_abcdefghijklmnop and whsec_c2VjcmV0c2VjcmV0',
      headers: { Authorization: 'Bearer anything', accept: 'text/plain' },
      list: ['Bearer eyJhbGciOi.x.y'],
    });
    expect(scrubbed).toEqual({
      message: 'refused [redacted] and [redacted]',
      headers: { Authorization: '[redacted]', accept: 'text/plain' },
      list: ['[redacted]'],
    });
  });

  it('sends an unexpected error of a request to the Sentry DSN, with its route and no secret', async () => {
    const url = new URL(sentry.url);
    const reporter = await errorReporterFromEnv({ SENTRY_DSN: `http://publickey@${url.host}/42` });
    expect(reporter).not.toBeNull();
    const app = createApp({ ...server.deps, errorReporter: reporter! });
    const org = await server.newOrg();
    app.get('/v1/test-failure', () => {
      throw new Error(`the upstream refused ${org.secret_key}`);
    });

    const response = await app.request('/v1/test-failure', {
      headers: { authorization: `Bearer ${org.secret_key}` },
    });
    expect(response.status).toBe(500);
    expect((await response.json()).code).toBe('internal_error');
    await reporter!.flush(5_000);

    const envelopes = sentry.received.filter((request) => request.path.startsWith('/api/42/envelope'));
    expect(envelopes.length).toBe(1);
    const [envelope] = envelopes;
    const body =
      envelope!.headers['content-encoding'] === 'gzip'
        ? gunzipSync(Buffer.from(envelope!.body, 'latin1')).toString()
        : envelope!.body;
    expect(body).toContain('the upstream refused [redacted]');
    expect(body).toContain('/v1/test-failure');
    expect(body).not.toContain(org.secret_key);
    expect(body).not.toContain(org.secret_key.slice(3, 20));
    expect(body.toLowerCase()).not.toContain('bearer');
  });
});

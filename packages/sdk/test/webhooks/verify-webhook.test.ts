import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from '../../src/index.js';

const secret = `whsec_${Buffer.from('a test secret of 24 bytes').toString('base64')}`;
const body = JSON.stringify({
  type: 'lead.created',
  timestamp: '2026-12-01T10:00:00.000Z',
  data: { id: '6f1c2f5e-2d1e-4c8b-9a8e-0d1f6c3b2a10' },
});

function signed(at = new Date(), id = '42') {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

describe('verifyWebhook', () => {
  it('returns the payload of a correctly signed delivery, from a record or a Headers object', () => {
    expect(verifyWebhook(body, signed(), secret)).toEqual(JSON.parse(body));
    expect(verifyWebhook(body, new Headers(signed()), secret).type).toBe('lead.created');
    const upperCase = Object.fromEntries(
      Object.entries(signed()).map(([name, value]) => [name.toUpperCase(), value]),
    );
    expect(verifyWebhook(body, upperCase, secret).data.id).toBe('6f1c2f5e-2d1e-4c8b-9a8e-0d1f6c3b2a10');
  });

  it('accepts any one valid signature during a secret rotation', () => {
    const headers = signed();
    headers['webhook-signature'] = `v1,bm90IGEgc2lnbmF0dXJl ${headers['webhook-signature']}`;
    expect(verifyWebhook(body, headers, secret).type).toBe('lead.created');
  });

  it('refuses an altered body, another secret, a stale timestamp and missing headers', () => {
    const other = `whsec_${Buffer.from('another secret, 24 bytes').toString('base64')}`;
    expect(() =>
      verifyWebhook(body.replace('42', '43').replace('lead.created', 'lead.deleted'), signed(), secret),
    ).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(body, signed(), other)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(body, signed(new Date(Date.now() - 10 * 60_000)), secret)).toThrow(
      WebhookVerificationError,
    );
    const { 'webhook-signature': _dropped, ...unsigned } = signed();
    expect(() => verifyWebhook(body, unsigned, secret)).toThrow(/webhook-signature/);
    expect(() => verifyWebhook(body, { ...signed(), 'webhook-id': '43' }, secret)).toThrow(
      WebhookVerificationError,
    );
  });
});

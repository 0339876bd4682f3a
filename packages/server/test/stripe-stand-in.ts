import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/**
 * Stripe's side of a webhook, as a stand-in: it builds events shaped like Stripe's (API version,
 * `data.object`, `created`), signs each with the `stripe` package's own `Stripe-Signature`
 * scheme and POSTs it over HTTP, so the server's real `constructEvent` check is what runs.
 */
export interface StripeStandIn {
  readonly secret: string;
  subscriptionEvent(
    type: `customer.subscription.${'created' | 'updated' | 'deleted'}`,
    subscription: {
      customer: string;
      status?: string;
      lookupKey?: string;
      organizationId?: string;
      id?: string;
    },
    createdAt?: Date,
  ): Stripe.Event;
  checkoutCompleted(session: {
    customer: string;
    organizationId: string;
    subscription?: string;
  }): Stripe.Event;
  event(type: string, object: Record<string, unknown>): Stripe.Event;
  /**
   * POSTs the event to `url`, signed with this secret (or `signWith`, or a timestamp of `at`); a
   * string is sent as it is, signed, as a malformed event from someone holding the secret would be.
   */
  send(
    url: string,
    event: Stripe.Event | string,
    options?: { signWith?: string; at?: Date },
  ): Promise<Response>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function stripeStandIn(): StripeStandIn {
  const secret = `whsec_${randomBytes(24).toString('hex')}`;
  const event = (type: string, object: Record<string, unknown>, createdAt = new Date()) =>
    ({
      id: id('evt'),
      object: 'event',
      api_version: '2025-10-29.clover',
      created: seconds(createdAt),
      livemode: false,
      pending_webhooks: 1,
      request: { id: id('req'), idempotency_key: null },
      type,
      data: { object },
    }) as unknown as Stripe.Event;
  return {
    secret,
    event,
    subscriptionEvent(type, subscription, createdAt) {
      const priceId = id('price');
      return event(
        type,
        {
          id: subscription.id ?? id('sub'),
          object: 'subscription',
          customer: subscription.customer,
          status: subscription.status ?? 'active',
          metadata: subscription.organizationId ? { organization_id: subscription.organizationId } : {},
          items: {
            object: 'list',
            data: [
              {
                id: id('si'),
                object: 'subscription_item',
                price: {
                  id: priceId,
                  object: 'price',
                  lookup_key: subscription.lookupKey ?? null,
                  metadata: {},
                },
              },
            ],
          },
        },
        createdAt,
      );
    },
    checkoutCompleted(session) {
      return event('checkout.session.completed', {
        id: id('cs'),
        object: 'checkout.session',
        client_reference_id: session.organizationId,
        customer: session.customer,
        subscription: session.subscription ?? null,
        mode: 'subscription',
        metadata: {},
      });
    },
    send(url, sent, options = {}) {
      const payload = typeof sent === 'string' ? sent : JSON.stringify(sent, null, 2);
      const header = Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: options.signWith ?? secret,
        timestamp: seconds(options.at ?? new Date()),
      });
      return fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header },
        body: payload,
      });
    },
  };
}

import { randomBytes } from 'node:crypto';
import { Organization, StripeEventReceipt } from '@hidden-key/sdk/schemas';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';
import { type Listening, listen } from '../../../test/listen.js';
import { type StripeStandIn, stripeStandIn } from '../../../test/stripe-stand-in.js';
import { createApp } from '../../app.js';
import { organizations } from '../../db/schema.js';

const server = useTestServer();
const stripe: StripeStandIn = stripeStandIn();
let served: Listening;
let url: string;

beforeAll(async () => {
  served = await listen(
    createApp({
      ...server.deps,
      inbound: {
        twilioAuthToken: null,
        twilioDefaultNumber: null,
        stripeWebhookSecret: stripe.secret,
        publicUrl: null,
      },
    }),
  );
  url = `${served.baseUrl}/v1/inbound/stripe`;
});
afterAll(async () => {
  await served?.close();
});

const billingOf = async (organizationId: string) => {
  const [row] = await server.deps.db
    .select({
      plan: organizations.plan,
      status: organizations.planStatus,
      customer: organizations.stripeCustomerId,
    })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row!;
};
const customer = () => `cus_${randomBytes(8).toString('hex')}`;

async function deliver(
  event: Parameters<StripeStandIn['send']>[1],
  options?: Parameters<StripeStandIn['send']>[2],
) {
  const response = await stripe.send(url, event, options);
  return { status: response.status, body: await response.json() };
}

describe('POST /v1/inbound/stripe', () => {
  it('links the checkout’s customer, then keeps the plan and status from subscription events', async () => {
    const org = await server.newOrg();
    expect(await billingOf(org.organization_id)).toMatchObject({ plan: 'free', status: 'active' });
    const cus = customer();
    const linked = await deliver(
      stripe.checkoutCompleted({ customer: cus, organizationId: org.organization_id }),
    );
    expect(linked.status).toBe(200);
    expect(StripeEventReceipt.parse(linked.body.data)).toMatchObject({ handled: true, replayed: false });
    expect((await billingOf(org.organization_id)).customer).toBe(cus);

    // Found through the customer alone: the subscription carries no metadata.
    await deliver(
      stripe.subscriptionEvent('customer.subscription.created', {
        customer: cus,
        lookupKey: 'pro',
        status: 'trialing',
      }),
    );
    expect(await billingOf(org.organization_id)).toMatchObject({ plan: 'pro', status: 'trialing' });
    // What the organisation sees of it.
    const shown = await org.call('GET', '/v1/organization');
    expect(Organization.parse(shown.body.data)).toMatchObject({ plan: 'pro', plan_status: 'trialing' });
    await deliver(
      stripe.subscriptionEvent('customer.subscription.updated', {
        customer: cus,
        lookupKey: 'pro',
        status: 'past_due',
      }),
    );
    expect((await billingOf(org.organization_id)).status).toBe('past_due');
    await deliver(
      stripe.subscriptionEvent('customer.subscription.deleted', {
        customer: cus,
        lookupKey: 'pro',
        status: 'canceled',
      }),
    );
    expect(await billingOf(org.organization_id)).toMatchObject({ plan: 'free', status: 'canceled' });
  });

  it('ignores an event older than the last one applied, and a retried event id', async () => {
    const org = await server.newOrg();
    const cus = customer();
    const now = Date.now();
    const newer = stripe.subscriptionEvent(
      'customer.subscription.updated',
      { customer: cus, organizationId: org.organization_id, lookupKey: 'team' },
      new Date(now),
    );
    const older = stripe.subscriptionEvent(
      'customer.subscription.updated',
      { customer: cus, organizationId: org.organization_id, lookupKey: 'starter' },
      new Date(now - 60_000),
    );
    await deliver(newer);
    await deliver(older);
    expect((await billingOf(org.organization_id)).plan).toBe('team');
    const retried = await deliver(newer);
    expect(retried.body.data).toMatchObject({ handled: true, replayed: true });
  });

  it('acknowledges unknown types and unknown organisations and changes nothing', async () => {
    const org = await server.newOrg();
    const unknown = await deliver(stripe.event('invoice.finalized', { id: 'in_1', object: 'invoice' }));
    expect(unknown.status).toBe(200);
    expect(unknown.body.data).toMatchObject({ received: true, handled: false });
    const stranger = await deliver(
      stripe.subscriptionEvent('customer.subscription.created', { customer: customer(), lookupKey: 'pro' }),
    );
    expect(stranger.body.data.handled).toBe(false);
    expect(await billingOf(org.organization_id)).toMatchObject({ plan: 'free', status: 'active' });
  });

  it('answers a signed but malformed event with 400 naming the field, and changes nothing', async () => {
    const org = await server.newOrg();
    const good = stripe.subscriptionEvent('customer.subscription.updated', {
      customer: customer(),
      organizationId: org.organization_id,
      lookupKey: 'pro',
    });
    const object = good.data.object as unknown as Record<string, unknown>;
    const malformed: [unknown, string][] = [
      [{ ...good, data: null }, 'data'],
      [{ ...good, data: {} }, 'data.object'],
      [{ ...good, data: { object: 1 } }, 'data.object'],
      [{ ...good, created: 'yesterday' }, 'created'],
      [{ ...good, created: 1e20 }, 'created'],
      [{ ...good, data: { object: { ...object, status: 'x'.repeat(5000) } } }, 'data.object.status'],
      [
        { ...good, data: { object: { ...object, metadata: { plan: { nested: true } } } } },
        'data.object.metadata.plan',
      ],
      [
        {
          ...stripe.checkoutCompleted({ customer: customer(), organizationId: org.organization_id }),
          data: { object: null },
        },
        'data.object',
      ],
    ];
    for (const [event, field] of malformed) {
      const answer = await deliver(JSON.stringify(event));
      expect([answer.status, answer.body.code, Object.keys(answer.body.details)]).toEqual([
        400,
        'validation_error',
        [field],
      ]);
    }
    const notJson = await deliver('{"id":');
    expect([notJson.status, notJson.body.code]).toEqual([400, 'invalid_json']);
    expect(await billingOf(org.organization_id)).toMatchObject({ plan: 'free', customer: null });
    // Signed an hour ahead is as suspect as an hour behind.
    expect((await deliver(good, { at: new Date(Date.now() + 60 * 60_000) })).status).toBe(401);
    expect((await deliver(good)).body.data).toMatchObject({ handled: true });
  });

  it('refuses a wrong secret, a stale signature, a missing one, and an unconfigured server with 401', async () => {
    const org = await server.newOrg();
    const event = stripe.subscriptionEvent('customer.subscription.created', {
      customer: customer(),
      organizationId: org.organization_id,
      lookupKey: 'pro',
    });
    expect((await deliver(event, { signWith: 'whsec_wrong' })).status).toBe(401);
    expect((await deliver(event, { at: new Date(Date.now() - 10 * 60_000) })).status).toBe(401);
    const unsigned = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    expect(unsigned.status).toBe(401);
    const local = await server.raw('/v1/inbound/stripe', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      body: JSON.stringify(event),
    });
    expect(local.status).toBe(401);
    expect(local.body.error).toMatch(/STRIPE_WEBHOOK_SECRET/);
    expect((await billingOf(org.organization_id)).plan).toBe('free');
  });
});

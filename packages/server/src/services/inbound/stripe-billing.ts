import { eq, isNull, or, sql } from 'drizzle-orm';
import type Stripe from 'stripe';
import * as z from 'zod';
import type { Transaction } from '../../db/database.js';
import { organizations } from '../../db/schema.js';
import { validationError } from '../../errors.js';
import { issuesToDetails } from '../../middleware/errors.js';

export interface BillingOutcome {
  /** False for event types Hidden Key does not act on, and for events about no known organisation. */
  handled: boolean;
  organization_id?: string;
  plan?: string;
  status?: string;
  /** True when a newer event had already been applied, so this late one changed nothing. */
  stale?: boolean;
}

const OrganizationId = z.uuid();

// What the billing code reads of an event, checked, so a signed but malformed one (a test event, a
// changed API version) is a 400 naming the field rather than a failure halfway through.
const Text = z.string().max(255);
const Reference = z.union([Text, z.looseObject({ id: Text })]).nullish();
const Metadata = z.record(z.string(), z.string().max(500)).nullish();
const CheckoutSession = z.looseObject({
  client_reference_id: Text.nullish(),
  metadata: Metadata,
  customer: Reference,
  subscription: Reference,
});
const Price = z.looseObject({ id: Text.nullish(), lookup_key: Text.nullish(), metadata: Metadata });
const Subscription = z.looseObject({
  id: Text,
  status: z.string().min(1).max(64),
  customer: Reference,
  metadata: Metadata,
  items: z.looseObject({ data: z.array(z.looseObject({ price: Price.nullish() })) }).nullish(),
});
/** Stripe's `created`: Unix seconds, from 2010 (Stripe's first events) to a day from now at most. */
const Created = z
  .number()
  .int()
  .refine((seconds) => seconds >= 1_262_304_000 && seconds <= Date.now() / 1000 + 86_400, {
    message: 'Expected Unix seconds of a real time',
  });
const StripeEvent = z.looseObject({
  id: Text.min(1),
  type: Text.min(1),
  created: Created,
  data: z.looseObject({ object: z.looseObject({}) }),
});

/** The verified event, checked where the billing code reads it; a 400 naming the field otherwise. */
export function readStripeEvent(value: unknown): Stripe.Event {
  const event = StripeEvent.safeParse(value);
  if (!event.success)
    throw validationError(issuesToDetails(event.error.issues), 'The Stripe event is malformed');
  const objectSchema =
    event.data.type === 'checkout.session.completed'
      ? CheckoutSession
      : event.data.type.startsWith('customer.subscription.')
        ? Subscription
        : null;
  const object = objectSchema?.safeParse(event.data.data.object);
  if (object && !object.success) {
    const details = issuesToDetails(
      object.error.issues.map((issue) => ({ ...issue, path: ['data', 'object', ...issue.path] })),
    );
    throw validationError(details, 'The Stripe event is malformed');
  }
  return value as Stripe.Event;
}
const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null);

/** The plan a subscription is for: its price's lookup key (`pro`), else a `plan` in metadata, else the price id. */
function planOf(subscription: Stripe.Subscription): string {
  const price = subscription.items?.data?.[0]?.price;
  return price?.lookup_key ?? price?.metadata?.plan ?? subscription.metadata?.plan ?? price?.id ?? 'free';
}

async function organizationFor(tx: Transaction, metadataId: string | undefined, customerId: string | null) {
  const byMetadata = OrganizationId.safeParse(metadataId);
  const [row] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      byMetadata.success
        ? eq(organizations.id, byMetadata.data)
        : customerId
          ? eq(organizations.stripeCustomerId, customerId)
          : sql`false`,
    )
    .limit(1);
  return row?.id ?? null;
}

/**
 * Keeps an organisation's plan and status from Stripe's events. Checkout links the organisation
 * (`client_reference_id`) to its Stripe customer; subscription events set the plan and status
 * (a deleted subscription leaves the free plan, `canceled`). Events can arrive out of order, so
 * one older than the last applied changes nothing. Other types are acknowledged and ignored.
 */
export async function applyStripeEvent(tx: Transaction, event: Stripe.Event): Promise<BillingOutcome> {
  const at = new Date(event.created * 1000);
  if (event.type === 'checkout.session.completed') {
    const session = event.data.object;
    const organizationId = await organizationFor(
      tx,
      session.client_reference_id ?? session.metadata?.organization_id,
      idOf(session.customer),
    );
    if (!organizationId) return { handled: false };
    await tx
      .update(organizations)
      .set({
        stripeCustomerId: idOf(session.customer),
        stripeSubscriptionId: sql`coalesce(${idOf(session.subscription)}, ${organizations.stripeSubscriptionId})`,
      })
      .where(eq(organizations.id, organizationId));
    return { handled: true, organization_id: organizationId };
  }
  if (!event.type.startsWith('customer.subscription.')) return { handled: false };

  const subscription = event.data.object as Stripe.Subscription;
  const customerId = idOf(subscription.customer);
  const organizationId = await organizationFor(tx, subscription.metadata?.organization_id, customerId);
  if (!organizationId) return { handled: false };
  const ended = event.type === 'customer.subscription.deleted';
  const plan = ended ? 'free' : planOf(subscription);
  const status = ended ? 'canceled' : subscription.status;
  const updated = await tx
    .update(organizations)
    .set({
      plan,
      planStatus: status,
      stripeCustomerId: customerId,
      stripeSubscriptionId: subscription.id,
      billingEventAt: at,
    })
    .where(
      sql`${eq(organizations.id, organizationId)} and ${or(isNull(organizations.billingEventAt), sql`${organizations.billingEventAt} <= ${at.toISOString()}::timestamptz`)}`,
    )
    .returning({ id: organizations.id });
  if (updated.length === 0) return { handled: true, organization_id: organizationId, stale: true };
  return { handled: true, organization_id: organizationId, plan, status };
}

import { eq } from 'drizzle-orm';
import twilio from 'twilio';
import { inboundSources } from '../../db/schema.js';
import { asSystem, withOrganization } from '../../db/tenant.js';
import { claimReceipt, recordReceipt } from '../../services/inbound/inbound-receipts.js';
import { inboundSettingsFromEnv } from '../../services/inbound/inbound-settings.js';
import { receiveInboundSms } from '../../services/inbound/inbound-sms.js';
import { applyStripeEvent } from '../../services/inbound/stripe-billing.js';
import { leadStore } from '../../services/leads/lead-store.js';
import { requestOrigin } from '../../services/request-origin.js';
import type { Scope } from '../../services/store.js';
import { envelope, type Router } from '../openapi.js';
import { receiveInboundLeadRoute, receiveStripeEventRoute, receiveTwilioSmsRoute } from './inbound.routes.js';

/** Whether the sender named the lead's `source` itself (the schema's default cannot tell). */
const namesSource = (raw: string) => {
  const body = JSON.parse(raw) as Record<string, unknown>;
  return body.source !== undefined;
};

export function registerInboundRoutes(router: Router) {
  router.openapi(receiveInboundLeadRoute, async (c) => {
    const input = c.req.valid('json');
    const source = c.var.inboundSource!;
    const { deps } = c.var;
    const key = { channel: `source:${source.id}`, messageId: c.req.header('webhook-id')! };
    const scope: Scope = {
      organizationId: source.organizationId,
      origin: requestOrigin(c),
      lookups: c.var.lookups,
      deps,
    };
    const lead = { ...input, source: namesSource(await c.req.text()) ? input.source : source.leadSource };
    // The verified source names the organisation: its work is walled in like a request's.
    const answer = await withOrganization(deps.db, source.organizationId, async (tx) => {
      const earlier = await claimReceipt(tx, key, source.organizationId);
      if (earlier) {
        const leadId = earlier.lead_id as string;
        const current = await leadStore.get(tx, scope, leadId).catch(() => null);
        const status = earlier.merged ? 200 : 201;
        return {
          status,
          data: { lead_id: leadId, merged: Boolean(earlier.merged), replayed: true, lead: current },
        };
      }
      const created = await leadStore.create(tx, scope, lead);
      await recordReceipt(tx, key, { lead_id: created.id, merged: created.merged });
      await tx
        .update(inboundSources)
        .set({ lastReceivedAt: deps.clock() })
        .where(eq(inboundSources.id, source.id));
      const { merged, ...stored } = created;
      return {
        status: merged ? 200 : 201,
        data: { lead_id: created.id, merged, replayed: false, lead: stored },
      };
    });
    return c.json(envelope(c, answer.data), answer.status as 200 | 201);
  });

  router.openapi(receiveTwilioSmsRoute, async (c) => {
    const message = c.req.valid('form');
    const { deps } = c.var;
    const settings = deps.inbound ?? inboundSettingsFromEnv({});
    const key = { channel: 'twilio', messageId: message.MessageSid };
    // A text finds its organisations by phone number (a STOP opts the number out in each): system.
    await asSystem(deps.db, async (tx) => {
      if (await claimReceipt(tx, key, null)) return;
      const outcome = await receiveInboundSms(tx, deps, settings.twilioDefaultNumber, {
        messageSid: message.MessageSid,
        from: message.From,
        to: message.To,
        body: message.Body,
      });
      await recordReceipt(tx, key, { keyword: outcome.keyword, leads: outcome.leads });
    });
    // Twilio's own opt-out handling answers STOP/START/HELP; an empty reply avoids a second text.
    return c.body(new twilio.twiml.MessagingResponse().toString(), 200, { 'content-type': 'text/xml' });
  });

  router.openapi(receiveStripeEventRoute, async (c) => {
    const event = c.var.stripeEvent!;
    const key = { channel: 'stripe', messageId: event.id };
    // An event finds its organisation by Stripe customer: the lookup is across organisations.
    const receipt = await asSystem(c.var.deps.db, async (tx) => {
      const earlier = await claimReceipt(tx, key, null);
      if (earlier) return { handled: Boolean(earlier.handled), replayed: true };
      const outcome = await applyStripeEvent(tx, event);
      await recordReceipt(tx, key, { ...outcome });
      return { handled: outcome.handled, replayed: false };
    });
    return c.json(envelope(c, { received: true as const, event_id: event.id, ...receipt }), 200);
  });
}

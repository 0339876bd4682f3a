type Env = Record<string, string | undefined>;

/** What the inbound endpoints verify senders with. */
export interface InboundSettings {
  /** Twilio's auth token: `X-Twilio-Signature` is an HMAC with it (`TWILIO_AUTH_TOKEN`). */
  twilioAuthToken: string | null;
  /** The number replies reach when an organisation has no number of its own (`TWILIO_FROM_NUMBER`). */
  twilioDefaultNumber: string | null;
  /** The endpoint secret of the Stripe webhook (`STRIPE_WEBHOOK_SECRET`, `whsec_…`). */
  stripeWebhookSecret: string | null;
  /**
   * The server's public base URL (`HK_PUBLIC_URL`, e.g. `https://api.example.com`). Twilio signs
   * the URL it called; behind a proxy that terminates TLS the request URL differs, so this one is
   * what the signature is checked against. The request's own URL when unset.
   */
  publicUrl: string | null;
}

const value = (raw: string | undefined) => raw?.trim() || null;

export const inboundSettingsFromEnv = (env: Env): InboundSettings => ({
  twilioAuthToken: value(env.TWILIO_AUTH_TOKEN),
  twilioDefaultNumber: value(env.TWILIO_FROM_NUMBER),
  stripeWebhookSecret: value(env.STRIPE_WEBHOOK_SECRET),
  publicUrl: value(env.HK_PUBLIC_URL),
});

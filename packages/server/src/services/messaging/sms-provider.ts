/** One text message for a provider to send. */
export interface OutgoingSms {
  /** E.164. */
  to: string;
  body: string;
  /** The sender number (E.164); the provider's default when absent. */
  from?: string;
}

/** What the provider said about a message it took. */
export interface AcceptedSms {
  /** The provider's id of the message (Twilio's `SM…` sid, or `outbox_…`). */
  id: string;
  /** The provider's status word (`queued`, `accepted`, `logged` …). */
  status: string;
  from: string | null;
}

/**
 * Where text messages go: Twilio when it is configured, else the outbox, which only logs them so
 * the demo works offline. `sendSms` (send-sms.ts) is the one caller; it checks consent first.
 */
export interface SmsProvider {
  readonly name: 'twilio' | 'outbox';
  /** The number messages come from by default, which inbound replies are addressed to. */
  readonly defaultFrom: string | null;
  send(message: OutgoingSms, signal?: AbortSignal): Promise<AcceptedSms>;
}

/**
 * A provider refused a message. `permanent` when a retry cannot help (an invalid number, a
 * recipient who opted out at the carrier); `optedOut` when the provider knows the recipient
 * unsubscribed, which the lead then records too.
 */
export class SmsProviderError extends Error {
  override name = 'SmsProviderError';
  constructor(
    message: string,
    readonly options: { permanent: boolean; optedOut?: boolean; code?: number | string },
  ) {
    super(message);
  }
}

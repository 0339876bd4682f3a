import twilio from 'twilio';
import { type SmsProvider, SmsProviderError } from './sms-provider.js';

export interface TwilioSettings {
  accountSid: string;
  authToken: string;
  /** The sender: a Twilio number (E.164) … */
  fromNumber?: string;
  /** … or a Messaging Service, which picks the number itself. */
  messagingServiceSid?: string;
  /** Another base URL for the REST API (`TWILIO_API_URL`): a stand-in in tests, a proxy in production. */
  apiUrl?: string;
  timeoutMs?: number;
}

/** Twilio error codes a retry cannot fix, and the one that means the recipient texted STOP. */
const UNSUBSCRIBED = 21610;
const PERMANENT_CODES = new Set([21211, 21408, 21610, 21612, 21614, 21617, 21635]);

interface TwilioRestError {
  status?: number;
  code?: number;
  message?: string;
}

/** Sends through Twilio's Programmable Messaging REST API with the `twilio` package. */
export function twilioSmsProvider(settings: TwilioSettings): SmsProvider {
  const client = twilio(settings.accountSid, settings.authToken, {
    timeout: settings.timeoutMs ?? 15_000,
    autoRetry: false,
  });
  if (settings.apiUrl) client.api.baseUrl = settings.apiUrl;
  const defaultFrom = settings.fromNumber ?? null;
  return {
    name: 'twilio',
    defaultFrom,
    async send(message) {
      const from = message.from ?? settings.fromNumber;
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.body,
          ...(from ? { from } : { messagingServiceSid: settings.messagingServiceSid! }),
        });
        return { id: sent.sid, status: sent.status, from: sent.from ?? from ?? null };
      } catch (error) {
        const failure = error as TwilioRestError;
        const status = failure.status ?? 0;
        // No HTTP answer (refused, timed out), a 429 or a 5xx: worth another try later.
        const permanent =
          failure.code !== undefined && PERMANENT_CODES.has(failure.code)
            ? true
            : status >= 400 && status < 500 && status !== 429;
        throw new SmsProviderError(`Twilio: ${failure.message ?? String(error)}`, {
          permanent,
          optedOut: failure.code === UNSUBSCRIBED,
          code: failure.code,
        });
      }
    },
  };
}

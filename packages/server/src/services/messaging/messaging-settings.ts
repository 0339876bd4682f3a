import type { Logger } from '../../observability/logger.js';
import { outboxSmsProvider } from './outbox-sms.js';
import type { SmsProvider } from './sms-provider.js';
import { twilioSmsProvider } from './twilio-sms.js';

type Env = Record<string, string | undefined>;

/**
 * Twilio when `TWILIO_ACCOUNT_SID`, `TWILIO_AUTH_TOKEN` and a sender (`TWILIO_FROM_NUMBER` or
 * `TWILIO_MESSAGING_SERVICE_SID`) are set, `TWILIO_API_URL` optionally replacing
 * https://api.twilio.com; else the logging outbox.
 */
export function smsProviderFromEnv(env: Env, logger?: Logger): SmsProvider {
  const accountSid = env.TWILIO_ACCOUNT_SID?.trim();
  const authToken = env.TWILIO_AUTH_TOKEN?.trim();
  const fromNumber = env.TWILIO_FROM_NUMBER?.trim() || undefined;
  const messagingServiceSid = env.TWILIO_MESSAGING_SERVICE_SID?.trim() || undefined;
  if (!accountSid || !authToken || (!fromNumber && !messagingServiceSid))
    return outboxSmsProvider(logger, fromNumber ?? null);
  return twilioSmsProvider({
    accountSid,
    authToken,
    fromNumber,
    messagingServiceSid,
    apiUrl: env.TWILIO_API_URL?.trim() || undefined,
  });
}

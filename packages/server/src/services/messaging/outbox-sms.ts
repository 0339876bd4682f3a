import { randomUUID } from 'node:crypto';
import type { Logger } from '../../observability/logger.js';
import type { SmsProvider } from './sms-provider.js';

/**
 * Without Twilio credentials messages go nowhere: each is logged (without its text, which is
 * personal data) and recorded as the lead's SMS activity by `sendSms`, so the demo and
 * sequences work offline and a person can see what would have been sent.
 */
export function outboxSmsProvider(logger?: Logger, defaultFrom: string | null = null): SmsProvider {
  return {
    name: 'outbox',
    defaultFrom,
    async send(message) {
      const id = `outbox_${randomUUID()}`;
      logger?.info(
        { sms: { id, characters: message.body.length } },
        'SMS kept in the outbox (no Twilio configured)',
      );
      return { id, status: 'logged', from: message.from ?? defaultFrom };
    },
  };
}

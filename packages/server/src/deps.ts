import { randomUUID } from 'node:crypto';
import type { AppDeps } from './context.js';
import type { Database } from './db/database.js';
import { aiSettingsFromEnv } from './services/ai/ai-settings.js';
import { sha256Hex } from './services/api-keys.js';
import { inboundSettingsFromEnv } from './services/inbound/inbound-settings.js';
import { smsProviderFromEnv } from './services/messaging/messaging-settings.js';
import { createScorerCache } from './services/scoring/scorer-cache.js';
import { tokenSettingsFromEnv } from './services/sessions/token-settings.js';
import { webhookSettingsFromEnv } from './services/webhooks/webhook-settings.js';

/**
 * The production dependencies around a database: wall clock, random UUIDs, sha256 key hashes,
 * a scorer cache of its own, and token settings from the environment (HK_SESSION_SECRET, SUPABASE_*) and the AI settings
 * (OPENAI_API_KEY, OPENAI_BASE_URL, HK_OPENAI_MODEL, ...) the SMS provider and inbound secrets (TWILIO_*, STRIPE_WEBHOOK_SECRET, HK_PUBLIC_URL).
 */
export const defaultDeps = (db: Database): AppDeps => ({
  db,
  clock: () => new Date(),
  newId: randomUUID,
  hashKey: sha256Hex,
  scorers: createScorerCache(),
  tokens: tokenSettingsFromEnv(process.env),
  webhooks: webhookSettingsFromEnv(process.env),
  ai: aiSettingsFromEnv(process.env),
  sms: smsProviderFromEnv(process.env),
  inbound: inboundSettingsFromEnv(process.env),
});

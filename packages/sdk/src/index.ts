export * from './client/index.js';
export {
  verifyWebhook,
  type WebhookHeaders,
  WebhookVerificationError,
} from './webhooks/verify-webhook.js';

import type { WebhookEndpoint } from '@hidden-key/sdk/schemas';
import type { webhookEndpoints } from '../../db/schema.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** An endpoint as on the wire: never its secrets. */
export const endpointToWire = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  events: row.events,
  description: row.description,
  disabled: row.disabled,
  disabled_at: row.disabledAt?.toISOString() ?? null,
  previous_secret_expires_at: row.previousSecretExpiresAt?.toISOString() ?? null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

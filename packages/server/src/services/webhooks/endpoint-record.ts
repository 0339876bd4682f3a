import type { WebhookEndpoint } from '@hidden-key/sdk/schemas';
import type { webhookEndpoints } from '../../db/schema.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** An endpoint as on the wire: never its secret. */
export const endpointToWire = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  events: row.events,
  description: row.description,
  disabled: row.disabled,
  disabled_at: row.disabledAt?.toISOString() ?? null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

import type { InboundSource } from '@hidden-key/sdk/schemas';
import type { inboundSources } from '../../db/schema.js';

export type InboundSourceRow = typeof inboundSources.$inferSelect;

/** Where a source POSTs its leads. */
export const inboundLeadsPath = (sourceId: string) => `/v1/inbound/leads/${sourceId}`;

/** A source as on the wire: never its secret. */
export const inboundSourceToWire = (row: InboundSourceRow): InboundSource => ({
  id: row.id,
  name: row.name,
  lead_source: row.leadSource,
  disabled: row.disabled,
  url_path: inboundLeadsPath(row.id),
  last_received_at: row.lastReceivedAt?.toISOString() ?? null,
  created_at: row.createdAt.toISOString(),
  updated_at: row.updatedAt.toISOString(),
});

import type { Lead } from '../../../src/schemas/index.js';

/** A lead exactly as the contract describes one. */
export function makeLead(overrides: Partial<Lead> = {}): Lead {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    organization_id: crypto.randomUUID(),
    source: 'api',
    status: 'new',
    priority: 'medium',
    contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: null },
    property: {},
    motivation: null,
    attribution: {},
    consent: null,
    enrichment: {},
    score: null,
    score_details: null,
    tags: [],
    custom_fields: {},
    created_at: now,
    updated_at: now,
    last_contacted_at: null,
    resubmitted_at: null,
    ...overrides,
  };
}

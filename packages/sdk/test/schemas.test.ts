import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, ErrorEnvelope, Lead, LeadCreate, LeadUpdate, listPage } from '../src/schemas/index.js';

describe('lead schemas', () => {
  it('trims and lower-cases email and fills defaults', () => {
    const lead = LeadCreate.parse({ contact: { email: '  Jane@Example.COM ' } });
    expect(lead.contact.email).toBe('jane@example.com');
    expect(lead).toMatchObject({ status: 'new', priority: 'medium', source: 'api' });
  });

  it('needs a name, an email or a phone', () => {
    const result = LeadCreate.safeParse({ contact: {} });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['contact']);
  });

  it('rejects unknown fields and server-owned fields', () => {
    expect(LeadCreate.safeParse({ contact: { name: 'A' }, id: crypto.randomUUID() }).success).toBe(false);
    expect(LeadUpdate.safeParse({ organization_id: crypto.randomUUID() }).success).toBe(false);
    expect(LeadUpdate.safeParse({ created_at: new Date().toISOString() }).success).toBe(false);
  });

  it('rejects an invalid status and email', () => {
    expect(LeadUpdate.safeParse({ status: 'won' }).success).toBe(false);
    expect(LeadUpdate.safeParse({ contact: { email: 'not-an-email' } }).success).toBe(false);
  });
});

describe('envelope', () => {
  it('maps every error code to a 4xx or 5xx status', () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status).toBeGreaterThanOrEqual(400);
    expect(ERROR_STATUS.idempotency_mismatch).toBe(422);
  });

  it('validates an error envelope and a list page', () => {
    const error = {
      success: false,
      error: 'Not found',
      code: 'not_found',
      request_id: 'req_1',
      timestamp: new Date().toISOString(),
    };
    expect(ErrorEnvelope.parse(error)).toEqual(error);
    expect(listPage(Lead).safeParse({ items: [{}], next_cursor: null }).success).toBe(false);
    expect(listPage(Lead).parse({ items: [], next_cursor: null }).items).toEqual([]);
  });
});

import { analyzeRental, analyzeWholesale } from '@hidden-key/sdk/analysis';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  ANALYSIS_KIND_OF_DEAL,
  AnalysisKind,
  DealType,
  ERROR_STATUS,
  ErrorEnvelope,
  type HkEvent,
  type Investor,
  LEAD_PRIORITY_RANK,
  Lead,
  LeadCreate,
  LeadPriority,
  LeadUpdate,
  listPage,
  type Opportunity,
  OpportunityAnalysis,
  OpportunityUpdate,
  PROPERTY_CONDITION_ALIASES,
  PROPERTY_CONDITIONS,
  ScoreDetails,
  type WebhookEndpoint,
} from '../src/schemas/index.js';
import { makeLead } from './client/support/fixtures.js';

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

describe('the JSON the contract types', () => {
  const details = {
    probability: 0.72,
    model_id: crypto.randomUUID(),
    model_version: 3,
    scored_at: '2026-12-01T09:00:00.000Z',
    reasons: [
      { feature: 'equity', contribution: 0.8, text: 'asking price 18 % under value (raises the score)' },
    ],
    contributions: [{ feature: 'equity', value: 0.18, contribution: 0.8 }],
    bias: -1.1,
  };

  it("checks a lead's score_details", () => {
    expect(
      Lead.parse(makeLead({ score: 72, score_details: details })).score_details?.reasons[0]?.feature,
    ).toBe('equity');
    expect(ScoreDetails.safeParse({ ...details, probability: 72 }).success).toBe(false);
    expect(Lead.safeParse({ ...makeLead(), score_details: { reasons: 'none' } }).success).toBe(false);
  });

  it('types event data by event type, so a handler needs no cast', () => {
    type DataOf<Type extends HkEvent['type']> = Extract<HkEvent, { type: Type }>['data'];
    expectTypeOf<DataOf<'opportunity.moved'>>().toEqualTypeOf<Opportunity>();
    expectTypeOf<DataOf<'investor.updated'>>().toEqualTypeOf<Investor>();
    expectTypeOf<DataOf<'webhook_endpoint.disabled'>>().toEqualTypeOf<WebhookEndpoint>();
    expectTypeOf<DataOf<'lead.deleted'>>().toEqualTypeOf<{ id: string }>();
    const event = { type: 'lead.created', data: makeLead(), id: '1' } as HkEvent;
    if (event.type === 'lead.created') expect(event.data.contact.name).toBe('Ada Lovelace');
  });
});

describe("a deal's saved analysis", () => {
  const rental = { purchase_price: 200_000, monthly_rent: 2_000, closing_costs: 4_000 };

  it('reads what the calculator saves, typed by its kind', () => {
    const saved = OpportunityAnalysis.parse({
      kind: 'rental',
      input: rental,
      output: analyzeRental(rental),
      saved_at: '2026-12-01T09:00:00.000Z',
    });
    if (saved.kind !== 'rental') throw new Error('kind');
    expect(saved.input.monthly_rent).toBe(2_000);
    expect(saved.output?.noi).toBe(analyzeRental(rental).noi);
    expectTypeOf<
      Extract<OpportunityAnalysis, { kind: 'wholesale' }>['input']['mao_rate']
    >().toEqualTypeOf<number>();
  });

  it('reads the documented minimum `{ kind, input }`, its omitted numbers filled', () => {
    const saved = OpportunityAnalysis.parse({ kind: 'wholesale', input: { after_repair_value: 300_000 } });
    expect(saved.input).toMatchObject({ after_repair_value: 300_000, rehab_cost: 0, mao_rate: 0.7 });
    expect(saved).not.toHaveProperty('output');
  });

  it('refuses what is no analysis: an unknown kind, a score, an input the math refuses, an output of another kind', () => {
    expect(OpportunityAnalysis.safeParse({ score: 81 }).success).toBe(false);
    expect(OpportunityAnalysis.safeParse({ kind: 'lease', input: {} }).success).toBe(false);
    expect(OpportunityAnalysis.safeParse({ kind: 'rental', input: { vacancy_rate: 7 } }).success).toBe(false);
    expect(
      OpportunityAnalysis.safeParse({
        kind: 'rental',
        input: rental,
        output: analyzeWholesale({ after_repair_value: 300_000 }),
      }).success,
    ).toBe(false);
    expect(
      OpportunityUpdate.safeParse({ analysis: { kind: 'rental', input: rental, score: 81 } }).success,
    ).toBe(false);
  });
});

describe('the contract lists', () => {
  it('are the enums the schemas check, ranked as their order says', () => {
    expect(LeadPriority.options).toEqual(Object.keys(LEAD_PRIORITY_RANK));
    expect(LEAD_PRIORITY_RANK.urgent).toBeGreaterThan(LEAD_PRIORITY_RANK.high);
    expect(LEAD_PRIORITY_RANK.low).toBe(0);
    for (const type of DealType.options) expect(AnalysisKind.options).toContain(ANALYSIS_KIND_OF_DEAL[type]);
  });

  it('alias property conditions only to conditions of the list', () => {
    for (const condition of Object.values(PROPERTY_CONDITION_ALIASES))
      expect(PROPERTY_CONDITIONS).toContain(condition);
  });
});

import type {
  Activity,
  Lead,
  LeadAutomation,
  Opportunity,
  Sequence,
  SequenceEnrollment,
} from '@hidden-key/sdk/schemas';
import { settleTiming } from '../src/base/settle-controller.js';

export const ORGANIZATION_ID = '00000000-0000-4000-8000-000000000001';
const DAY_MS = 86_400_000;

export function makeDeal(overrides: Partial<Opportunity> = {}): Opportunity {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    organization_id: ORGANIZATION_ID,
    lead_id: null,
    title: null,
    stage: 'prospecting',
    deal_type: 'wholesale',
    property_value: 200_000,
    offer_amount: 140_000,
    estimated_profit: 15_000,
    property: { address: '1 Main St', city: 'Austin' },
    analysis: null,
    close_date: null,
    position: 0,
    stage_changed_at: now,
    closed_at: null,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}

export function makeLead(overrides: Partial<Lead> = {}): Lead {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    organization_id: ORGANIZATION_ID,
    source: 'website',
    status: 'new',
    priority: 'medium',
    contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: null },
    property: { address: '12 Elm St' },
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

export const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

/** One namespace of the API stand-in (test/api-stand-in.mjs). */
export class StandIn {
  readonly baseUrl: string;

  constructor(name = crypto.randomUUID().slice(0, 8)) {
    this.baseUrl = `${location.origin}/api/${name}`;
  }

  private async post(path: string, body: unknown) {
    const response = await fetch(`${this.baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
    return (await response.json()).data;
  }

  seed(rows: {
    leads?: Lead[];
    opportunities?: Opportunity[];
    activities?: Activity[];
    sequences?: Sequence[];
    enrollments?: SequenceEnrollment[];
    /** Per lead id, what its enrichment job writes to `lead.enrichment` when it succeeds. */
    enrichments?: Record<string, Record<string, unknown>>;
    /** Per lead id, the steps of Steve's chain (`GET /v1/leads/{id}/automation`, enabled). */
    automations?: Record<string, LeadAutomation['steps']>;
  }) {
    return this.post('/__seed', rows);
  }

  /** The next `count` writes are refused; `proxy` answers in plain text, as a proxy in front would. */
  refuse(
    count: number,
    message = 'Someone else changed this deal',
    options: { status?: number; proxy?: boolean } = {},
  ) {
    return this.post('/__refuse', { count, message, ...options });
  }

  external(change: {
    move?: { id: string; stage: string; after_id?: string; before_id?: string };
    lead?: Lead;
    deleteLead?: string;
  }) {
    return this.post('/__external', change);
  }

  dropStreams() {
    return this.post('/__drop-streams', {});
  }

  async log(): Promise<{
    requests: { method: string; path: string; search: string; authorization: string; body: unknown }[];
    streams: number;
  }> {
    return (await (await fetch(`${this.baseUrl}/__log`)).json()).data;
  }
}

/** Resolves when `check` holds, polling each frame; fails after `timeout` ms with `what`. */
export async function until(check: () => unknown, what: string, timeout = 5000): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/**
 * Runs a keyboard test with the arrow-key settle time lengthened (see `settleTiming`), so only
 * leaving the control saves: the test then proves one save however slowly the keys arrive.
 */
export async function withLongSettle(test: () => Promise<void>): Promise<void> {
  const usual = settleTiming.ms;
  settleTiming.ms = 60_000;
  try {
    await test();
  } finally {
    settleTiming.ms = usual;
  }
}

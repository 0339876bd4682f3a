/**
 * Per-call overhead of the client: the same in-process app answered through a raw `fetch`-style
 * call (baseline) and through the client, with and without response validation.
 */
import { HiddenKey, HiddenKeyCore } from '../src/client/index.js';

const CALLS = 3_000;
const WARMUP = 300;
const now = new Date().toISOString();
const leadId = crypto.randomUUID();
const lead = {
  id: leadId,
  organization_id: crypto.randomUUID(),
  source: 'api',
  status: 'new',
  priority: 'medium',
  contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+15551234567' },
  property: { address: '1 Main St', city: 'Springfield', state: 'IL', zip: '62701', bedrooms: 3 },
  motivation: 'Relocating',
  attribution: { utm_source: 'google' },
  consent: null,
  enrichment: {},
  score: 72,
  score_details: null,
  tags: ['hot'],
  custom_fields: {},
  created_at: now,
  updated_at: now,
  last_contacted_at: null,
};
const body = JSON.stringify({ success: true, data: lead, timestamp: now });

/** The in-process app: answers every request with the lead, as the server's envelope. */
const app = async (_request: Request) =>
  new Response(body, { headers: { 'content-type': 'application/json', 'x-request-id': 'req_bench' } });

const baseUrl = 'http://api.test';
const apiKey = 'sk_bench';

async function measure(name: string, call: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await call();
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await call();
  return { name, microseconds: ((performance.now() - start) * 1000) / CALLS };
}

const rawFetch = async () => {
  const response = await app(
    new Request(`${baseUrl}/v1/leads/${leadId}`, { headers: { authorization: `Bearer ${apiKey}` } }),
  );
  return ((await response.json()) as { data: unknown }).data;
};
const core = new HiddenKeyCore({ apiKey, baseUrl, fetch: app });
const full = new HiddenKey({ apiKey, baseUrl, fetch: app });

const results = [
  await measure('raw fetch (baseline)', rawFetch),
  await measure('HiddenKeyCore.leads.retrieve', () => core.leads.retrieve(leadId)),
  await measure('HiddenKey.leads.retrieve (validated)', () => full.leads.retrieve(leadId)),
];
const baseline = results[0]!.microseconds;
console.log(`client per-call overhead, ${CALLS} sequential calls to an in-process app`);
for (const { name, microseconds } of results) {
  const overhead = name === results[0]!.name ? '' : `  overhead +${(microseconds - baseline).toFixed(1)} µs`;
  console.log(`  ${name.padEnd(38)} ${microseconds.toFixed(1).padStart(8)} µs/call${overhead}`);
}

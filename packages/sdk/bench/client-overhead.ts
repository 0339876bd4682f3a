/**
 * Per-call overhead of the built client (`dist/`, as installed) over raw `fetch`: the same lead
 * fetched from a real HTTP server on loopback by a bare `fetch` call (baseline) and by the client,
 * with and without response validation.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import OpenAI from 'openai';
import type * as Sdk from '../src/index.js';

// The built client, typed by its source: the typecheck runs beside the build, before dist exists.
// Found from the package folder (pnpm runs the bench there), not from this file: the bench runs
// bundled from node_modules/.cache/bench, where `../dist` is no folder of this package.
const built = pathToFileURL(join(process.cwd(), 'dist/index.js')).href;
const { HiddenKey, HiddenKeyCore } = (await import(built)) as typeof Sdk;

const CALLS = 1_000;
const ROUNDS = 7;
const WARMUP = 300;
const now = new Date().toISOString();
const leadId = crypto.randomUUID();
const lead = {
  id: leadId,
  organization_id: crypto.randomUUID(),
  source: 'api',
  status: 'new',
  priority: 'medium',
  contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+12024561111' },
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
  resubmitted_at: null,
};
const body = JSON.stringify({ success: true, data: lead, timestamp: now });

/** The loopback server: answers every request with the lead, in the server's envelope. */
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_bench' });
  response.end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const apiKey = 'sk_bench';

async function timeCalls(call: () => Promise<unknown>) {
  const start = performance.now();
  for (let i = 0; i < CALLS; i++) await call();
  return ((performance.now() - start) * 1000) / CALLS;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Rounds alternate between the variants and the median round counts, so a burst of load from
 * elsewhere on the machine skews one round of every variant, not one variant.
 */
async function measure(variants: Array<{ name: string; call: () => Promise<unknown> }>) {
  for (const { call } of variants) for (let i = 0; i < WARMUP; i++) await call();
  const samples = variants.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, { call }] of variants.entries()) samples[index]!.push(await timeCalls(call));
  }
  return variants.map(({ name }, index) => ({ name, microseconds: median(samples[index]!) }));
}

const rawFetch = async () => {
  const response = await fetch(`${baseUrl}/v1/leads/${leadId}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  return ((await response.json()) as { data: unknown }).data;
};
const core = new HiddenKeyCore({ apiKey, baseUrl });
const full = new HiddenKey({ apiKey, baseUrl });
/** openai-node's generic `get` on the same server: another well-kept client's cost, for scale. */
const openai = new OpenAI({ apiKey, baseURL: baseUrl });

const results = await measure([
  { name: 'raw fetch (baseline)', call: rawFetch },
  { name: 'HiddenKeyCore.leads.retrieve', call: () => core.leads.retrieve(leadId) },
  { name: 'HiddenKey.leads.retrieve (validated)', call: () => full.leads.retrieve(leadId) },
  { name: 'openai-node client.get (for scale)', call: () => openai.get(`/v1/leads/${leadId}`) },
]);
const baseline = results[0]!.microseconds;
console.log(
  `client per-call overhead: median of ${ROUNDS} rounds of ${CALLS} sequential calls to a loopback HTTP server`,
);
for (const { name, microseconds } of results) {
  const overhead = name === results[0]!.name ? '' : `  overhead +${(microseconds - baseline).toFixed(1)} µs`;
  console.log(`  ${name.padEnd(38)} ${microseconds.toFixed(1).padStart(8)} µs/call${overhead}`);
}
server.close();

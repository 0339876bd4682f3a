import { randomUUID } from 'node:crypto';
import { analyzeRental, analyzeWholesale } from '@hidden-key/sdk/analysis';
import { AiAnalyzeDealResult } from '@hidden-key/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { useAiStandIn } from '../../../test/ai-harness.js';
import { useTestServer } from '../../../test/harness.js';
import { figuresOf, unsupportedNumbers } from '../../services/ai/deal/narrative-numbers.js';
import { dollars } from '../../services/ai/deal/number-format.js';

const server = useTestServer();
const keyless = useAiStandIn(server, { apiKey: null });
const withKey = useAiStandIn(server);

const rental = {
  purchase_price: 200_000,
  closing_costs: 4_000,
  monthly_rent: 2_000,
  vacancy_rate: 0.05,
  expenses: { property_tax: 2_400, insurance: 1_200, management_rate: 0.08 },
  loan: { ltv: 0.75, annual_rate: 0.065, term_months: 360 },
  hold_years: 5,
  appreciation_rate: 0.03,
};

const deals = {
  rental,
  flip: {
    purchase_price: 150_000,
    rehab_cost: 40_000,
    months_held: 6,
    holding_costs_monthly: 1_000,
    after_repair_value: 260_000,
    selling_cost_rate: 0.08,
  },
  brrrr: {
    purchase_price: 120_000,
    rehab_cost: 30_000,
    after_repair_value: 200_000,
    refinance: { ltv: 0.75, annual_rate: 0.07, term_months: 360 },
    monthly_rent: 1_800,
  },
  wholesale: { after_repair_value: 300_000, rehab_cost: 40_000, assignment_fee: 10_000 },
};

const numbersOf = (result: { analysis: unknown }) => figuresOf([result.analysis]);

describe('POST /v1/ai/analyze-deal without a key', () => {
  it('answers the SDK’s math and a template narrative whose numbers all come from it, for every kind', async () => {
    const org = await keyless.newOrg();
    for (const [kind, input] of Object.entries(deals)) {
      const answer = await org.call('POST', '/v1/ai/analyze-deal', { kind, input });
      expect(answer.status).toBe(200);
      const result = AiAnalyzeDealResult.parse(answer.body.data);
      expect(result.source).toBe('template');
      expect(result.narrative.length).toBeGreaterThan(80);
      expect(unsupportedNumbers(result.narrative, numbersOf(result))).toEqual([]);
    }
    const answer = await org.call('POST', '/v1/ai/analyze-deal', { kind: 'rental', input: rental });
    const truth = analyzeRental(rental);
    expect(answer.body.data.analysis).toEqual(truth);
    expect(answer.body.data.narrative).toContain(dollars(truth.noi));
    // The purchase price is the input's, not the analysis's: DESIGN.md lets the narrative cite the analysis only.
    expect(answer.body.data.narrative).not.toContain('$200,000');
  });

  it('analyses a stored opportunity from its analysis input or its price fields', async () => {
    const org = await keyless.newOrg();
    const stored = await org.call('POST', '/v1/opportunities', {
      deal_type: 'buy_and_hold',
      analysis: { kind: 'rental', input: rental },
    });
    const fromInput = await org.call('POST', '/v1/ai/analyze-deal', { opportunity_id: stored.body.data.id });
    expect(fromInput.status).toBe(200);
    expect(fromInput.body.data.kind).toBe('rental');
    expect(fromInput.body.data.analysis).toEqual(analyzeRental(rental));

    const priced = await org.call('POST', '/v1/opportunities', {
      deal_type: 'wholesale',
      property_value: 250_000,
    });
    const fromPrice = await org.call('POST', '/v1/ai/analyze-deal', { opportunity_id: priced.body.data.id });
    expect(fromPrice.body.data.analysis).toEqual(analyzeWholesale({ after_repair_value: 250_000 }));

    const bare = await org.call('POST', '/v1/opportunities', { deal_type: 'brrrr' });
    const unanalysable = await org.call('POST', '/v1/ai/analyze-deal', { opportunity_id: bare.body.data.id });
    expect(unanalysable.status).toBe(422);
    expect(unanalysable.body.error).toMatch(/no analysis input/);
  });

  it('rejects bad input field by field and another organisation’s deal', async () => {
    const org = await keyless.newOrg();
    const other = await keyless.newOrg();
    const bad = await org.call('POST', '/v1/ai/analyze-deal', {
      kind: 'rental',
      input: { purchase_price: 'lots' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toHaveProperty(['input.purchase_price']);
    expect((await org.call('POST', '/v1/ai/analyze-deal', { kind: 'condo', input: {} })).status).toBe(400);
    // Neither form, or both at once: the answer says which two forms there are.
    for (const body of [{}, { opportunity_id: randomUUID(), kind: 'flip', input: {} }]) {
      const neither = await org.call('POST', '/v1/ai/analyze-deal', body);
      expect(neither.body.details._root[0]).toMatch(
        /^Send \{ opportunity_id \} for a stored deal, or \{ kind, input \}/,
      );
    }
    const theirs = await other.call('POST', '/v1/opportunities', {
      deal_type: 'wholesale',
      property_value: 1,
    });
    expect(
      (await org.call('POST', '/v1/ai/analyze-deal', { opportunity_id: theirs.body.data.id })).status,
    ).toBe(404);
  });
});

describe('POST /v1/ai/analyze-deal with the OpenAI stand-in', () => {
  const input = deals.wholesale;
  const truth = analyzeWholesale(input);

  it('shows the model’s narrative when every number it cites is in the analysis', async () => {
    const org = await withKey.newOrg();
    const honest = `An end buyer pays up to $${truth.end_buyer_price.toLocaleString('en-US')}; offer at most $${truth.max_allowable_offer.toLocaleString('en-US')} and keep about $10k.`;
    withKey.standIn.script({ json: { narrative: honest } });
    const answer = await org.call('POST', '/v1/ai/analyze-deal', { kind: 'wholesale', input });
    expect(answer.body.data).toMatchObject({ source: 'openai', narrative: honest, model: 'gpt-standin' });
  });

  it('asks again when a number is wrong, and falls back to the template when it stays wrong', async () => {
    const org = await withKey.newOrg();
    const lie = `Offer at most $${(truth.max_allowable_offer + 5_000).toLocaleString('en-US')}.`;
    const honest = `Offer at most $${truth.max_allowable_offer.toLocaleString('en-US')}.`;
    withKey.standIn.script({ json: { narrative: lie } }, { json: { narrative: honest } });
    const repaired = await org.call('POST', '/v1/ai/analyze-deal', { kind: 'wholesale', input });
    expect(repaired.body.data).toMatchObject({ source: 'openai', narrative: honest });

    withKey.standIn.reset();
    withKey.standIn.respondWith(() => ({ json: { narrative: `${lie} The IRR is 14.2%.` } }));
    const fallback = await org.call('POST', '/v1/ai/analyze-deal', { kind: 'flip', input: deals.flip });
    expect(fallback.body.data).toMatchObject({ source: 'template', fallback_reason: 'unverified_output' });
    expect(fallback.body.data.narrative).not.toContain('14.2%');
    expect(withKey.standIn.requests).toHaveLength(2);
  });

  it('catches every wrong number over randomised deals (the benchmark measures 200)', async () => {
    const org = await withKey.newOrg();
    let lies = 0;
    withKey.standIn.respondWith((request) => {
      const facts = JSON.parse(request.body.messages[1]!.content);
      const wrong = Math.round(facts.analysis.max_allowable_offer * 1.1 + 1_234);
      lies++;
      return { json: { narrative: `The maximum allowable offer is $${wrong.toLocaleString('en-US')}.` } };
    });
    for (let run = 0; run < 10; run++) {
      const deal = {
        after_repair_value: 100_000 + run * 37_000,
        rehab_cost: 10_000 + run * 3_000,
        assignment_fee: 5_000,
      };
      const answer = await org.call('POST', '/v1/ai/analyze-deal', { kind: 'wholesale', input: deal });
      expect(answer.body.data.source).toBe('template');
      expect(unsupportedNumbers(answer.body.data.narrative, numbersOf(answer.body.data))).toEqual([]);
    }
    expect(lies).toBe(20);
  });
});

describe('unsupportedNumbers', () => {
  const figures = [1234.4, 0.0853, 1.256, 250_000, -5_000, 3];

  it('accepts figures written rounded, as percentages, scaled or without their sign', () => {
    expect(
      unsupportedNumbers(
        '$1,234 at 8.5% (8.53 percent), DSCR 1.26, $250k, $0.25 million, a loss of $5,000 over 3 years',
        figures,
      ),
    ).toEqual([]);
  });

  it('flags every number no figure explains', () => {
    const flagged = unsupportedNumbers('$1,235.00, 8.6%, 1.2x, $251k, 70% rule, in 2027', figures).map(
      (n) => n.text,
    );
    expect(flagged).toEqual(['1,235.00', '8.6%', '1.2', '251k', '70%', '2027']);
  });
});

import { analyzeRental, analyzeWholesale } from '@hidden-key/sdk/analysis';
import { RentalAnalysis } from '@hidden-key/sdk/schemas';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/harness.js';

const server = useTestServer();

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

describe('POST /v1/analysis/{kind}', () => {
  it('answers the same numbers as the SDK function', async () => {
    const org = await server.newOrg();
    const response = await org.call('POST', '/v1/analysis/rental', rental);
    expect(response.status).toBe(200);
    const analysis = RentalAnalysis.parse(response.body.data);
    expect(analysis).toEqual(analyzeRental(rental));
    expect(analysis.irr).not.toBeNull();

    const wholesale = { after_repair_value: 300_000, rehab_cost: 40_000, assignment_fee: 10_000 };
    const answer = await org.call('POST', '/v1/analysis/wholesale', wholesale);
    expect(answer.body.data).toEqual(analyzeWholesale(wholesale));
    expect(answer.body.data.max_allowable_offer).toBe(300_000 * 0.7 - 40_000 - 10_000);
  });

  it('answers flip and BRRRR analyses', async () => {
    const org = await server.newOrg();
    const flip = await org.call('POST', '/v1/analysis/flip', {
      purchase_price: 150_000,
      rehab_cost: 40_000,
      months_held: 6,
      holding_costs_monthly: 1_000,
      after_repair_value: 260_000,
      selling_cost_rate: 0.08,
    });
    expect(flip.status).toBe(200);
    expect(flip.body.data.profit).toBeCloseTo(260_000 * 0.92 - 150_000 - 40_000 - 6_000, 6);

    const brrrr = await org.call('POST', '/v1/analysis/brrrr', {
      purchase_price: 120_000,
      rehab_cost: 30_000,
      after_repair_value: 200_000,
      refinance: { ltv: 0.75, annual_rate: 0.07, term_months: 360 },
      monthly_rent: 1_800,
    });
    expect(brrrr.status).toBe(200);
    expect(brrrr.body.data.refinance_loan).toBe(150_000);
    expect(brrrr.body.data.cash_left_in_deal).toBeLessThanOrEqual(0);
  });

  it('rejects bad input field by field, and unknown kinds and keys', async () => {
    const org = await server.newOrg();
    const bad = await org.call('POST', '/v1/analysis/rental', { purchase_price: 'lots', vacancy_rate: 5 });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_error');
    expect(Object.keys(bad.body.details)).toEqual(expect.arrayContaining(['purchase_price', 'vacancy_rate']));

    expect((await org.call('POST', '/v1/analysis/condo', {})).status).toBe(404);
    const anonymous = await server.raw('/v1/analysis/wholesale', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(anonymous.status).toBe(401);
  });
});

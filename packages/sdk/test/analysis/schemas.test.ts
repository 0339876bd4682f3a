import { describe, expect, it } from 'vitest';
import * as analysis from '../../src/analysis/index.js';
import * as contract from '../../src/schemas/index.js';

/** One valid input per analysis, and the function that takes it. */
const kinds = [
  {
    name: 'Rental',
    analyze: analysis.analyzeRental,
    input: { purchase_price: 200_000, loan: { ltv: 0.8, annual_rate: 0.065 }, monthly_rent: 2000 },
  },
  {
    name: 'Flip',
    analyze: analysis.analyzeFlip,
    input: { purchase_price: 150_000, rehab_cost: 40_000, after_repair_value: 260_000, months_held: 6 },
  },
  {
    name: 'Brrrr',
    analyze: analysis.analyzeBrrrr,
    input: {
      purchase_price: 120_000,
      rehab_cost: 30_000,
      after_repair_value: 200_000,
      monthly_rent: 1800,
      refinance: { ltv: 0.75, annual_rate: 0.07 },
    },
  },
  {
    name: 'Wholesale',
    analyze: analysis.analyzeWholesale,
    input: { after_repair_value: 250_000, rehab_cost: 40_000, assignment_fee: 10_000 },
  },
] as const;

describe('the zod schemas exported beside the analyses', () => {
  it.each(kinds)(
    '$name: the input schema takes what the function takes, the output schema what it returns',
    (kind) => {
      const inputSchema = analysis[`${kind.name}Input`];
      const outputSchema = analysis[`${kind.name}Analysis`];
      // The contract's own objects, so `/analysis` and `/schemas` validate alike.
      expect(inputSchema).toBe(contract[`${kind.name}Input`]);
      expect(outputSchema).toBe(contract[`${kind.name}Analysis`]);
      const parsed = inputSchema.parse(kind.input);
      const result = (kind.analyze as (input: unknown) => unknown)(parsed);
      expect(outputSchema.parse(result)).toEqual(result);
      expect(
        inputSchema.safeParse({ ...kind.input, purchase_price: -1, after_repair_value: -1 }).success,
      ).toBe(false);
    },
  );
});

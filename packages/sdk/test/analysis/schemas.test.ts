import { describe, expect, it } from 'vitest';
import {
  analyzeBrrrr,
  analyzeFlip,
  analyzeRental,
  analyzeWholesale,
  BrrrrAnalysis,
  BrrrrInput,
  FlipAnalysis,
  FlipInput,
  RentalAnalysis,
  RentalInput,
  WholesaleAnalysis,
  WholesaleInput,
} from '../../src/analysis/index.js';
import * as contract from '../../src/schemas/index.js';

/** Per analysis: its schemas from `/analysis`, the contract's, its function and one valid input. */
const kinds = [
  {
    name: 'rental',
    schemas: [RentalInput, RentalAnalysis],
    contract: [contract.RentalInput, contract.RentalAnalysis],
    analyze: analyzeRental,
    input: { purchase_price: 200_000, loan: { ltv: 0.8, annual_rate: 0.065 }, monthly_rent: 2000 },
  },
  {
    name: 'flip',
    schemas: [FlipInput, FlipAnalysis],
    contract: [contract.FlipInput, contract.FlipAnalysis],
    analyze: analyzeFlip,
    input: { purchase_price: 150_000, rehab_cost: 40_000, after_repair_value: 260_000, months_held: 6 },
  },
  {
    name: 'brrrr',
    schemas: [BrrrrInput, BrrrrAnalysis],
    contract: [contract.BrrrrInput, contract.BrrrrAnalysis],
    analyze: analyzeBrrrr,
    input: {
      purchase_price: 120_000,
      rehab_cost: 30_000,
      after_repair_value: 200_000,
      monthly_rent: 1800,
      refinance: { ltv: 0.75, annual_rate: 0.07 },
    },
  },
  {
    name: 'wholesale',
    schemas: [WholesaleInput, WholesaleAnalysis],
    contract: [contract.WholesaleInput, contract.WholesaleAnalysis],
    analyze: analyzeWholesale,
    input: { after_repair_value: 250_000, rehab_cost: 40_000, assignment_fee: 10_000 },
  },
] as const;

describe('the zod schemas exported beside the analyses', () => {
  it.each(kinds)(
    '$name: the input schema takes what the function takes, the output schema what it returns',
    (kind) => {
      const [inputSchema, outputSchema] = kind.schemas;
      // The contract's own objects, so `/analysis` and `/schemas` validate alike.
      expect(kind.schemas).toEqual(kind.contract);
      expect(inputSchema).toBe(kind.contract[0]);
      const parsed = inputSchema.parse(kind.input);
      const result = (kind.analyze as (input: unknown) => unknown)(parsed);
      expect(outputSchema.parse(result)).toEqual(result);
      expect(inputSchema.safeParse({ ...kind.input, after_repair_value: -1 }).success).toBe(false);
    },
  );
});

import {
  BrrrrAnalysis,
  BrrrrInput,
  FlipAnalysis,
  FlipInput,
  RentalAnalysis,
  RentalInput,
  WholesaleAnalysis,
  WholesaleInput,
} from '@hidden-key/sdk/schemas';
import type * as z from 'zod';
import { guard } from '../../middleware/guards.js';
import { createApiRoute, errorResponses, jsonBody, security, success } from '../openapi.js';

const tags = ['Analysis'];

const analysisRoute = <I extends z.ZodType, O extends z.ZodType>(
  kind: string,
  input: I,
  output: O,
  summary: string,
) =>
  createApiRoute({
    method: 'post',
    path: `/v1/analysis/${kind}`,
    // `analyzeRental`, as the function of `@hidden-key/sdk/analysis` it runs.
    operationId: `analyze${kind[0]!.toUpperCase()}${kind.slice(1)}`,
    middleware: guard.compute(),
    tags,
    security,
    summary,
    description:
      'The same pure function as `@hidden-key/sdk/analysis`: money in dollars, rates as fractions, ' +
      'monthly compounding; a metric with no meaning is `null`.',
    request: { body: jsonBody(input) },
    responses: { 200: success(output, 'The analysis'), ...errorResponses },
  });

export const rentalAnalysisRoute = analysisRoute(
  'rental',
  RentalInput,
  RentalAnalysis,
  'Analyse a rental: NOI, cash flow, cap rate, cash-on-cash, DSCR and, with a hold period, a projection and IRR',
);
export const flipAnalysisRoute = analysisRoute(
  'flip',
  FlipInput,
  FlipAnalysis,
  'Analyse a fix-and-flip: total cost, profit, ROI and annualised ROI',
);
export const brrrrAnalysisRoute = analysisRoute(
  'brrrr',
  BrrrrInput,
  BrrrrAnalysis,
  'Analyse a BRRRR: purchase, cash-out refinance, cash left in the deal, then the rental',
);
export const wholesaleAnalysisRoute = analysisRoute(
  'wholesale',
  WholesaleInput,
  WholesaleAnalysis,
  'Analyse a wholesale deal: maximum allowable offer and the end buyer’s price',
);

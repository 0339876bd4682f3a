import {
  AiAnalyzeDealRequest,
  AiAnalyzeDealResult,
  AiContentRequest,
  AiContentResult,
  AiUsage,
  ErrorEnvelope,
} from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import { createApiRoute, errorResponses, jsonBody, jsonContent, security, success } from '../openapi.js';

const tags = ['AI'];

const aiErrors = {
  ...errorResponses,
  402: jsonContent(ErrorEnvelope, '`budget_exhausted`: the monthly AI token budget is spent'),
};

export const contentRoute = createApiRoute({
  method: 'post',
  path: '/v1/ai/content',
  operationId: 'draftAiContent',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Draft a follow-up email, follow-up SMS or listing description for a lead',
  description:
    'Lex. The drafts are saved as pending activities of the lead (email, sms or note). Without ' +
    '`OPENAI_API_KEY`, or when the model fails, they come from templates (`source: "template"`). ' +
    'An SMS draft needs the lead’s SMS consent (422 otherwise).',
  request: { body: jsonBody(AiContentRequest) },
  responses: { 201: success(AiContentResult, 'The drafts, saved as activities'), ...aiErrors },
});

export const analyzeDealRoute = createApiRoute({
  method: 'post',
  path: '/v1/ai/analyze-deal',
  operationId: 'analyzeDeal',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Analyse a deal and explain it in prose whose numbers all come from the analysis',
  description:
    'Dave. The deterministic math of `@hidden-key/sdk/analysis` on a stored opportunity or on ' +
    '`{ kind, input }`, and a narrative: every number in it is checked against the analysis; a ' +
    'model narrative that cites any other number is regenerated once, then replaced by the template.',
  request: { body: jsonBody(AiAnalyzeDealRequest) },
  responses: { 200: success(AiAnalyzeDealResult, 'The analysis and its narrative'), ...aiErrors },
});

export const usageRoute = createApiRoute({
  method: 'get',
  path: '/v1/ai/usage',
  operationId: 'retrieveAiUsage',
  middleware: guard.api(),
  tags,
  security,
  summary: 'This month’s AI tokens and requests against the organisation’s budget',
  responses: { 200: success(AiUsage, 'Usage of the current calendar month (UTC)'), ...errorResponses },
});

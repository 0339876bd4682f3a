import { listPage, ScoringModel } from '@hidden-key/sdk/schemas';
import { createRoute } from '@hono/zod-openapi';
import { guard } from '../../middleware/guards.js';
import { errorResponses, security, success } from '../openapi.js';

export const listModelsRoute = createRoute({
  method: 'get',
  path: '/v1/models',
  middleware: guard.api(),
  tags: ['Models'],
  security,
  summary: 'List the organisation’s scoring model versions with their run records and live figures',
  description:
    'Newest first (the last 20); the first is `active`. `live.drift` compares what the model has scored ' +
    'with its training distribution (PSI); `live.outcomes` is its AUC and calibration on leads it scored ' +
    'that were converted or lost after it was trained. Train with `hk-server model train`, retrain ' +
    '(replacing the model only when better on recent outcomes) with `hk-server model retrain`.',
  responses: { 200: success(listPage(ScoringModel), 'The model versions'), ...errorResponses },
});

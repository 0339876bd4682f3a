import { Job, listPage, ScoringModel } from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import { createApiRoute, errorResponses, IdParams, security, success } from '../openapi.js';

export const listModelsRoute = createApiRoute({
  method: 'get',
  path: '/v1/models',
  middleware: guard.api(),
  tags: ['Models'],
  security,
  summary: 'List the organisation’s scoring model versions with their run records and live figures',
  description:
    'Newest first (the last 20); the first is `active`. `live.drift` compares what the model has scored ' +
    'with its training distribution (PSI); `live.outcomes` is its AUC and calibration on leads it scored ' +
    'that were converted or lost after it was trained. Train with `hk-server model train`; retrain ' +
    '(replacing the model only when better on recent outcomes) with `POST /v1/models/retrain` or ' +
    '`hk-server model retrain`.',
  responses: { 200: success(listPage(ScoringModel), 'The model versions'), ...errorResponses },
});

export const getModelRoute = createApiRoute({
  method: 'get',
  path: '/v1/models/{id}',
  middleware: guard.api(),
  tags: ['Models'],
  security,
  summary: 'Get one scoring model version with its run record and live figures',
  request: { params: IdParams },
  responses: { 200: success(ScoringModel, 'The model version'), ...errorResponses },
});

export const retrainModelRoute = createApiRoute({
  method: 'post',
  path: '/v1/models/retrain',
  // An action on the collection: the central rule would call it createModelRetrain.
  operationId: 'retrainModel',
  middleware: guard.api({ body: 'none' }),
  tags: ['Models'],
  security,
  summary: 'Retrain the scoring model in the background, keeping the new one only if it is better',
  description:
    'Queues a `model.retrain` job and answers it (202); follow it with `GET /v1/jobs/{id}`. The job ' +
    'judges on the later half of the leads converted or lost since the current model was trained ' +
    '(outcomes neither model has seen): a candidate trains on every other closed lead (with the ' +
    'features stored when each lead was scored), both score the judge, and the candidate is stored as ' +
    'the next version only when its AUC there is higher. Without a converted and a lost lead in that ' +
    'half nothing is trained and the model stays. The job’s result is the decision and both AUCs. ' +
    'Asking again before a model or a closed lead changes answers the same job.',
  responses: { 202: success(Job, 'The queued retraining job'), ...errorResponses },
});

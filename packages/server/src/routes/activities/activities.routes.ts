import {
  Activity,
  ActivityCreate,
  ActivityListQuery,
  ActivityUpdate,
  listPage,
} from '@hidden-key/sdk/schemas';
import { guard } from '../../middleware/guards.js';
import {
  createApiRoute,
  Deleted,
  errorResponses,
  IdParams,
  jsonBody,
  security,
  success,
} from '../openapi.js';

const tags = ['Activities'];

export const createActivityRoute = createApiRoute({
  method: 'post',
  path: '/v1/activities',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Log a call, email, SMS, meeting, note or task',
  request: { body: jsonBody(ActivityCreate) },
  responses: { 201: success(Activity, 'The new activity'), ...errorResponses },
});

export const listActivitiesRoute = createApiRoute({
  method: 'get',
  path: '/v1/activities',
  middleware: guard.api(),
  tags,
  security,
  summary: 'List activities (filter by type, status, lead or deal)',
  request: { query: ActivityListQuery },
  responses: { 200: success(listPage(Activity), 'A page of activities'), ...errorResponses },
});

export const getActivityRoute = createApiRoute({
  method: 'get',
  path: '/v1/activities/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Get an activity',
  request: { params: IdParams },
  responses: { 200: success(Activity, 'The activity'), ...errorResponses },
});

export const updateActivityRoute = createApiRoute({
  method: 'patch',
  path: '/v1/activities/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Update an activity',
  request: { params: IdParams, body: jsonBody(ActivityUpdate) },
  responses: { 200: success(Activity, 'The updated activity'), ...errorResponses },
});

export const deleteActivityRoute = createApiRoute({
  method: 'delete',
  path: '/v1/activities/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Delete an activity',
  request: { params: IdParams },
  responses: { 200: success(Deleted, 'The activity was deleted'), ...errorResponses },
});

export const sendActivityRoute = createApiRoute({
  method: 'post',
  path: '/v1/activities/{id}/send',
  middleware: guard.api({ body: 'none' }),
  tags,
  security,
  summary: 'Send a pending SMS draft of a lead',
  description:
    'Texts the lead the draft as it stands (edit it with PATCH first), through Twilio or the ' +
    'outbox, after checking its SMS consent at that moment: `422` with `details.reason` ' +
    '(`no_phone`, `no_consent`, `opted_out`) when it may not be texted. At most once per draft: ' +
    'a second call answers the message the first sent. The sent message is a new `sms` activity ' +
    '(`metadata.draft_activity_id`); the draft is cancelled with `metadata.sent_as`. `409` for ' +
    'anything but a pending SMS of a lead (the server has no email sender), `503` when the SMS ' +
    'provider did not take the message (the draft stays pending).',
  request: { params: IdParams },
  responses: { 200: success(Activity, 'The SMS as sent'), ...errorResponses },
});

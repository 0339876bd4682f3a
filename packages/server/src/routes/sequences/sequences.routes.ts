import {
  EnrollmentCreate,
  EnrollmentListQuery,
  listPage,
  Sequence,
  SequenceCreate,
  SequenceEnrollment,
  SequenceListQuery,
  SequenceUpdate,
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

const tags = ['Sequences'];

export const createSequenceRoute = createApiRoute({
  method: 'post',
  path: '/v1/sequences',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Create a follow-up sequence: email, SMS and task steps at offsets from enrolment',
  description:
    'Nova. Email and SMS steps are drafted by Lex and saved as pending activities for a person to ' +
    'send; they wait out `quiet_hours` (default 21:00–08:00) in the lead’s time zone. A task step ' +
    'gives a person a task. Offsets are minutes from enrolment and never go down.',
  request: { body: jsonBody(SequenceCreate) },
  responses: { 201: success(Sequence, 'The new sequence'), ...errorResponses },
});

export const listSequencesRoute = createApiRoute({
  method: 'get',
  path: '/v1/sequences',
  middleware: guard.api(),
  tags,
  security,
  summary: 'List the organisation’s sequences, newest first',
  request: { query: SequenceListQuery },
  responses: { 200: success(listPage(Sequence), 'A page of sequences'), ...errorResponses },
});

export const getSequenceRoute = createApiRoute({
  method: 'get',
  path: '/v1/sequences/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Get a sequence',
  request: { params: IdParams },
  responses: { 200: success(Sequence, 'The sequence'), ...errorResponses },
});

export const updateSequenceRoute = createApiRoute({
  method: 'patch',
  path: '/v1/sequences/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary:
    'Rename a sequence or change its steps or quiet hours (enrolled leads follow from their next step)',
  request: { params: IdParams, body: jsonBody(SequenceUpdate) },
  responses: { 200: success(Sequence, 'The updated sequence'), ...errorResponses },
});

export const deleteSequenceRoute = createApiRoute({
  method: 'delete',
  path: '/v1/sequences/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Delete a sequence and its enrolments (their pending steps do nothing)',
  request: { params: IdParams },
  responses: { 200: success(Deleted, 'The sequence was deleted'), ...errorResponses },
});

export const createEnrollmentRoute = createApiRoute({
  method: 'post',
  path: '/v1/sequences/{id}/enrollments',
  // Named after the SDK's verb (`hk.ai.sequences.enroll`): the central rule reads a POST under an id as an action.
  operationId: 'enrollSequence',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Enrol a lead in a sequence; its first step is queued',
  description:
    'Once per sequence and lead (409 after that). A converted, lost or opted-out lead is refused ' +
    '(422). The enrolment stops at once on a reply (an activity with `metadata.direction: ' +
    '"inbound"`), STOP (the `sms_opt_out` tag or the consent withdrawn), the status becoming ' +
    'converted or lost, or by hand; erasing the lead removes it.',
  request: { params: IdParams, body: jsonBody(EnrollmentCreate) },
  responses: { 201: success(SequenceEnrollment, 'The enrolment'), ...errorResponses },
});

export const listEnrollmentsRoute = createApiRoute({
  method: 'get',
  path: '/v1/sequences/{id}/enrollments',
  middleware: guard.api(),
  tags,
  security,
  summary: 'List a sequence’s enrolments (filter by state)',
  request: { params: IdParams, query: EnrollmentListQuery },
  responses: { 200: success(listPage(SequenceEnrollment), 'A page of enrolments'), ...errorResponses },
});

export const getEnrollmentRoute = createApiRoute({
  method: 'get',
  path: '/v1/sequence-enrollments/{id}',
  middleware: guard.api(),
  tags,
  security,
  summary: 'Get an enrolment: its state, next step and what each step did',
  request: { params: IdParams },
  responses: { 200: success(SequenceEnrollment, 'The enrolment'), ...errorResponses },
});

export const stopEnrollmentRoute = createApiRoute({
  method: 'post',
  path: '/v1/sequence-enrollments/{id}/stop',
  middleware: guard.api({ body: 'none' }),
  tags,
  security,
  summary: 'Stop an enrolment by hand (`stop_reason: "manual"`); its pending steps do nothing',
  request: { params: IdParams },
  responses: { 200: success(SequenceEnrollment, 'The stopped enrolment'), ...errorResponses },
});

export const leadSequencesRoute = createApiRoute({
  method: 'get',
  path: '/v1/leads/{id}/sequences',
  middleware: guard.api(),
  tags: ['Leads', ...tags],
  security,
  summary: 'The lead’s enrolments in sequences, newest first',
  request: { params: IdParams },
  responses: {
    200: success(listPage(SequenceEnrollment), 'The lead’s enrolments (one page: `next_cursor` is null)'),
    ...errorResponses,
  },
});

/**
 * The typed Hidden Key API client: {@link HiddenKey} (validating) and {@link HiddenKeyCore}
 * (the same client without the bundled schemas, for the smallest browser builds).
 */

export { SDK_VERSION } from '../version.js';
export {
  type CallSpec,
  type ClientOptions,
  type CoreClientOptions,
  HiddenKeyCore,
  type RequestOptions,
} from './client.js';
export { APIPromise, type WithResponse } from './core/api-promise.js';
export {
  APIConnectionError,
  APIError,
  APITimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  describeDetails,
  HiddenKeyError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestValidationError,
  ResponseValidationError,
  UnprocessableEntityError,
  type ValidationDetails,
  type ValidationIssue,
} from './core/errors.js';
export type { Logger } from './core/logger.js';
export { Page, PageList } from './core/pagination.js';
export type { Deleted } from './core/resource.js';
export type { RetryInfo, RetryPolicy } from './core/retry.js';
export type { StreamOptions, Subscription } from './core/sse.js';
export type { Schema, SchemaName, SchemaSet } from './core/validation.js';
export { HiddenKey, type HiddenKeyOptions } from './hidden-key.js';
export { Activities } from './resources/activities.js';
export { Ai } from './resources/ai.js';
export { Analysis } from './resources/analysis.js';
export { ApiKeys } from './resources/api-keys.js';
export { Events, type SubscribeOptions } from './resources/events.js';
export { Investors } from './resources/investors.js';
export { Jobs } from './resources/jobs.js';
export { Leads } from './resources/leads.js';
export { Models } from './resources/models.js';
export { Opportunities } from './resources/opportunities.js';
export { CurrentOrganization } from './resources/organization.js';
export { Pipeline } from './resources/pipeline.js';
export { Sequences } from './resources/sequences.js';
export { Sessions } from './resources/sessions.js';
export { WebhookEndpoints } from './resources/webhook-endpoints.js';

import type {
  CreatedWebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryListQuery,
  WebhookEndpoint,
  WebhookEndpointCreate,
  WebhookEndpointUpdate,
} from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import type { PageList } from '../core/pagination.js';
import { APIResource, type Deleted, segment } from '../core/resource.js';

type ListQuery = Partial<WebhookDeliveryListQuery>;

/** Outbound webhook receivers and their deliveries: `/v1/webhook-endpoints`. */
export class WebhookEndpoints extends APIResource {
  /** The answer carries the signing `secret` (`whsec_…`): this is the only time it is shown. */
  create(body: WebhookEndpointCreate, options?: RequestOptions): APIPromise<CreatedWebhookEndpoint> {
    return this.client.request('POST', '/v1/webhook-endpoints', {
      ...options,
      body,
      input: 'WebhookEndpointCreate',
      output: 'CreatedWebhookEndpoint',
    });
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<WebhookEndpoint> {
    return this.client.request('GET', `/v1/webhook-endpoints/${segment(id)}`, {
      ...options,
      output: 'WebhookEndpoint',
    });
  }

  update(id: string, body: WebhookEndpointUpdate, options?: RequestOptions): APIPromise<WebhookEndpoint> {
    return this.client.request('PATCH', `/v1/webhook-endpoints/${segment(id)}`, {
      ...options,
      body,
      input: 'WebhookEndpointUpdate',
      output: 'WebhookEndpoint',
    });
  }

  /**
   * A new signing secret, in this answer only. For 24 h (`previous_secret_expires_at`) deliveries
   * are signed with the old secret too, so the receiver can switch with no delivery failing.
   */
  rotateSecret(id: string, options?: RequestOptions): APIPromise<CreatedWebhookEndpoint> {
    return this.client.request('POST', `/v1/webhook-endpoints/${segment(id)}/rotate-secret`, {
      ...options,
      output: 'CreatedWebhookEndpoint',
    });
  }

  delete(id: string, options?: RequestOptions): APIPromise<Deleted> {
    return this.client.request('DELETE', `/v1/webhook-endpoints/${segment(id)}`, options);
  }

  list(query: ListQuery = {}, options?: RequestOptions): PageList<WebhookEndpoint> {
    return this.client.list('/v1/webhook-endpoints', {
      ...options,
      query,
      input: 'PageQuery',
      output: 'WebhookEndpoint',
    });
  }

  deliveries(id: string, query: ListQuery = {}, options?: RequestOptions): PageList<WebhookDelivery> {
    return this.client.list(`/v1/webhook-endpoints/${segment(id)}/deliveries`, {
      ...options,
      query,
      input: 'WebhookDeliveryListQuery',
      output: 'WebhookDelivery',
    });
  }

  /** Sends a delivery again now, with a fresh retry schedule (also replays a delivered one). */
  retryDelivery(id: string, deliveryId: string, options?: RequestOptions): APIPromise<WebhookDelivery> {
    return this.client.request(
      'POST',
      `/v1/webhook-endpoints/${segment(id)}/deliveries/${segment(deliveryId)}/retry`,
      { ...options, output: 'WebhookDelivery' },
    );
  }
}

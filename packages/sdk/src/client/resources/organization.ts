import type { Organization } from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import { APIResource } from '../core/resource.js';

/** The caller's own organisation: `/v1/organization`. */
export class CurrentOrganization extends APIResource {
  /** Its name, default phone region and billing plan (kept by Stripe's events). */
  retrieve(options?: RequestOptions): APIPromise<Organization> {
    return this.client.request('GET', '/v1/organization', { ...options, output: 'Organization' });
  }
}

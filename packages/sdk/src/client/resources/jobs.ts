import type { Job } from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import { APIResource, segment } from '../core/resource.js';

/** Background jobs (an enrichment, a delivery): `/v1/jobs/{id}`. */
export class Jobs extends APIResource {
  retrieve(id: string, options?: RequestOptions): APIPromise<Job> {
    return this.client.request('GET', `/v1/jobs/${segment(id)}`, { ...options, output: 'Job' });
  }
}

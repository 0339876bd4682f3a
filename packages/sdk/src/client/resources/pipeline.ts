import type { Pipeline as PipelineSummary } from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import { APIResource } from '../core/resource.js';

/** The deal pipeline at a glance: `/v1/pipeline`. */
export class Pipeline extends APIResource {
  /** Per-stage count, total value and probability-weighted value. */
  retrieve(options?: RequestOptions): APIPromise<PipelineSummary> {
    return this.client.request('GET', '/v1/pipeline', { ...options, output: 'Pipeline' });
  }
}

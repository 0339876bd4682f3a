import type {
  Opportunity,
  OpportunityCreate,
  OpportunityListQuery,
  OpportunityMove,
  OpportunityUpdate,
} from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import type { PageList } from '../core/pagination.js';
import { APIResource, type Deleted, segment } from '../core/resource.js';

/** Deals in the pipeline: `/v1/opportunities`. */
export class Opportunities extends APIResource {
  /** Creates a deal at the end of its stage unless `position` is given. */
  create(body: OpportunityCreate, options?: RequestOptions): APIPromise<Opportunity> {
    return this.client.request('POST', '/v1/opportunities', {
      ...options,
      body,
      input: 'OpportunityCreate',
      output: 'Opportunity',
    });
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<Opportunity> {
    return this.client.request('GET', `/v1/opportunities/${segment(id)}`, {
      ...options,
      output: 'Opportunity',
    });
  }

  /** Changes a deal's details; stage and position change through {@link Opportunities.move}. */
  update(id: string, body: OpportunityUpdate, options?: RequestOptions): APIPromise<Opportunity> {
    return this.client.request('PATCH', `/v1/opportunities/${segment(id)}`, {
      ...options,
      body,
      input: 'OpportunityUpdate',
      output: 'Opportunity',
    });
  }

  /** Moves a deal to a stage, between `after_id` and `before_id`, at `position`, or last. */
  move(id: string, body: OpportunityMove, options?: RequestOptions): APIPromise<Opportunity> {
    return this.client.request('POST', `/v1/opportunities/${segment(id)}/move`, {
      ...options,
      body,
      input: 'OpportunityMove',
      output: 'Opportunity',
    });
  }

  delete(id: string, options?: RequestOptions): APIPromise<Deleted> {
    return this.client.request('DELETE', `/v1/opportunities/${segment(id)}`, options);
  }

  list(query: OpportunityListQuery = {}, options?: RequestOptions): PageList<Opportunity> {
    return this.client.list('/v1/opportunities', {
      ...options,
      query,
      input: 'OpportunityListQuery',
      output: 'Opportunity',
    });
  }
}

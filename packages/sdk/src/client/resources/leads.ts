import type {
  Lead,
  LeadCreate,
  LeadCreateResult,
  LeadDeleteQuery,
  LeadExport,
  LeadListQuery,
  LeadUpdate,
} from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import type { PageList } from '../core/pagination.js';
import { APIResource, type Deleted, segment } from '../core/resource.js';

/** Seller leads: `/v1/leads`. */
export class Leads extends APIResource {
  /** Creates a lead, or merges it into the lead with the same email or phone (`merged: true`). */
  create(body: LeadCreate, options?: RequestOptions): APIPromise<LeadCreateResult> {
    return this.client.request('POST', '/v1/leads', {
      ...options,
      body,
      input: 'LeadCreate',
      output: 'LeadCreateResult',
    });
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<Lead> {
    return this.client.request('GET', `/v1/leads/${segment(id)}`, { ...options, output: 'Lead' });
  }

  /** Changes only the given fields; nested objects are merged. */
  update(id: string, body: LeadUpdate, options?: RequestOptions): APIPromise<Lead> {
    return this.client.request('PATCH', `/v1/leads/${segment(id)}`, {
      ...options,
      body,
      input: 'LeadUpdate',
      output: 'Lead',
    });
  }

  /**
   * Scores the lead with the organisation's model and stores `score` and `score_details` (the
   * probability, the model version and the reasons in plain words). A `ConflictError` while the
   * organisation has no model yet.
   */
  score(id: string, options?: RequestOptions): APIPromise<Lead> {
    return this.client.request('POST', `/v1/leads/${segment(id)}/score`, { ...options, output: 'Lead' });
  }

  /**
   * Deletes the lead. `{ erase: true }` also deletes the deals on the person's property and removes
   * the person from every log the server keeps (events, deliveries, AI runs, submissions), for a
   * data subject's erasure request.
   */
  delete(id: string, params: { erase?: boolean } = {}, options?: RequestOptions): APIPromise<Deleted> {
    const query: LeadDeleteQuery = params.erase ? { erase: 'true' } : {};
    return this.client.request('DELETE', `/v1/leads/${segment(id)}`, { ...options, query });
  }

  /**
   * Everything the organisation holds about the person: the lead, its form submissions and consent
   * history, activities, deals, sequence enrolments, events and webhook deliveries.
   */
  export(id: string, options?: RequestOptions): APIPromise<LeadExport> {
    return this.client.request('GET', `/v1/leads/${segment(id)}/export`, {
      ...options,
      output: 'LeadExport',
    });
  }

  /** Every lead matching the filters, newest first by default; iterate to walk all pages. */
  list(query: LeadListQuery = {}, options?: RequestOptions): PageList<Lead> {
    return this.client.list('/v1/leads', { ...options, query, input: 'LeadListQuery', output: 'Lead' });
  }
}

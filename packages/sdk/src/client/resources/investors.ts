import type { Investor, InvestorCreate, InvestorListQuery, InvestorUpdate } from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import type { PageList } from '../core/pagination.js';
import { APIResource, type Deleted, segment } from '../core/resource.js';

/** Buyers and their buy boxes: `/v1/investors`. */
export class Investors extends APIResource {
  create(body: InvestorCreate, options?: RequestOptions): APIPromise<Investor> {
    return this.client.request('POST', '/v1/investors', {
      ...options,
      body,
      input: 'InvestorCreate',
      output: 'Investor',
    });
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<Investor> {
    return this.client.request('GET', `/v1/investors/${segment(id)}`, { ...options, output: 'Investor' });
  }

  update(id: string, body: InvestorUpdate, options?: RequestOptions): APIPromise<Investor> {
    return this.client.request('PATCH', `/v1/investors/${segment(id)}`, {
      ...options,
      body,
      input: 'InvestorUpdate',
      output: 'Investor',
    });
  }

  delete(id: string, options?: RequestOptions): APIPromise<Deleted> {
    return this.client.request('DELETE', `/v1/investors/${segment(id)}`, options);
  }

  list(query: InvestorListQuery = {}, options?: RequestOptions): PageList<Investor> {
    return this.client.list('/v1/investors', {
      ...options,
      query,
      input: 'InvestorListQuery',
      output: 'Investor',
    });
  }
}

import type { Activity, ActivityCreate, ActivityListQuery, ActivityUpdate } from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import type { PageList } from '../core/pagination.js';
import { APIResource, type Deleted, segment } from '../core/resource.js';

/** Calls, emails, meetings, notes and tasks: `/v1/activities`. */
export class Activities extends APIResource {
  create(body: ActivityCreate, options?: RequestOptions): APIPromise<Activity> {
    return this.client.request('POST', '/v1/activities', {
      ...options,
      body,
      input: 'ActivityCreate',
      output: 'Activity',
    });
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<Activity> {
    return this.client.request('GET', `/v1/activities/${segment(id)}`, { ...options, output: 'Activity' });
  }

  update(id: string, body: ActivityUpdate, options?: RequestOptions): APIPromise<Activity> {
    return this.client.request('PATCH', `/v1/activities/${segment(id)}`, {
      ...options,
      body,
      input: 'ActivityUpdate',
      output: 'Activity',
    });
  }

  /**
   * Texts the lead a pending SMS draft (after its consent is checked, at most once per draft) and
   * answers the `sms` activity sent; the draft is cancelled. The server has no email sender.
   */
  send(id: string, options?: RequestOptions): APIPromise<Activity> {
    return this.client.request('POST', `/v1/activities/${segment(id)}/send`, {
      ...options,
      output: 'Activity',
    });
  }

  delete(id: string, options?: RequestOptions): APIPromise<Deleted> {
    return this.client.request('DELETE', `/v1/activities/${segment(id)}`, options);
  }

  list(query: ActivityListQuery = {}, options?: RequestOptions): PageList<Activity> {
    return this.client.list('/v1/activities', {
      ...options,
      query,
      input: 'ActivityListQuery',
      output: 'Activity',
    });
  }
}

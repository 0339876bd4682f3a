import type {
  EnrollmentListQuery,
  Sequence,
  SequenceCreate,
  SequenceEnrollment,
  SequenceListQuery,
  SequenceUpdate,
} from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import type { PageList } from '../core/pagination.js';
import { APIResource, type Deleted, segment } from '../core/resource.js';

/**
 * Nova's follow-up sequences, `/v1/sequences`, and the leads enrolled in them. An enrolment stops
 * at once on a reply, STOP, the lead becoming converted or lost, or erasure; `stopEnrollment`
 * stops one by hand.
 */
export class Sequences extends APIResource {
  create(body: SequenceCreate, options?: RequestOptions): APIPromise<Sequence> {
    return this.client.request('POST', '/v1/sequences', {
      ...options,
      body,
      input: 'SequenceCreate',
      output: 'Sequence',
    });
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<Sequence> {
    return this.client.request('GET', `/v1/sequences/${segment(id)}`, { ...options, output: 'Sequence' });
  }

  /** New steps apply to enrolled leads from their next step on. */
  update(id: string, body: SequenceUpdate, options?: RequestOptions): APIPromise<Sequence> {
    return this.client.request('PATCH', `/v1/sequences/${segment(id)}`, {
      ...options,
      body,
      input: 'SequenceUpdate',
      output: 'Sequence',
    });
  }

  /** Deletes the sequence and its enrolments. */
  delete(id: string, options?: RequestOptions): APIPromise<Deleted> {
    return this.client.request('DELETE', `/v1/sequences/${segment(id)}`, options);
  }

  list(query: SequenceListQuery = {}, options?: RequestOptions): PageList<Sequence> {
    return this.client.list('/v1/sequences', {
      ...options,
      query,
      input: 'SequenceListQuery',
      output: 'Sequence',
    });
  }

  /** Enrols a lead (once per sequence: a `ConflictError` after that); its first step is queued. */
  enroll(id: string, leadId: string, options?: RequestOptions): APIPromise<SequenceEnrollment> {
    return this.client.request('POST', `/v1/sequences/${segment(id)}/enrollments`, {
      ...options,
      body: { lead_id: leadId },
      input: 'EnrollmentCreate',
      output: 'SequenceEnrollment',
    });
  }

  enrollments(
    id: string,
    query: EnrollmentListQuery = {},
    options?: RequestOptions,
  ): PageList<SequenceEnrollment> {
    return this.client.list(`/v1/sequences/${segment(id)}/enrollments`, {
      ...options,
      query,
      input: 'EnrollmentListQuery',
      output: 'SequenceEnrollment',
    });
  }

  retrieveEnrollment(enrollmentId: string, options?: RequestOptions): APIPromise<SequenceEnrollment> {
    return this.client.request('GET', `/v1/sequence-enrollments/${segment(enrollmentId)}`, {
      ...options,
      output: 'SequenceEnrollment',
    });
  }

  stopEnrollment(enrollmentId: string, options?: RequestOptions): APIPromise<SequenceEnrollment> {
    return this.client.request('POST', `/v1/sequence-enrollments/${segment(enrollmentId)}/stop`, {
      ...options,
      output: 'SequenceEnrollment',
    });
  }

  /** Every enrolment of one lead, newest first: where its follow-ups stand. */
  ofLead(leadId: string, options?: RequestOptions): PageList<SequenceEnrollment> {
    return this.client.list(`/v1/leads/${segment(leadId)}/sequences`, {
      ...options,
      output: 'SequenceEnrollment',
    });
  }
}

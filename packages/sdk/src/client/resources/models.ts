import type { Job, ScoringModel } from '../../schemas/index.js';
import type { RequestOptions } from '../client.js';
import type { APIPromise } from '../core/api-promise.js';
import type { PageList } from '../core/pagination.js';
import { APIResource, segment } from '../core/resource.js';

/** The organisation's lead-scoring model versions: `/v1/models`. */
export class Models extends APIResource {
  /**
   * The versions, newest first (the first is `active`), each with its run record (every candidate's
   * cross-validated AUC, calibration) and live figures: drift (PSI) and AUC on outcomes since training.
   */
  list(options?: RequestOptions): PageList<ScoringModel> {
    return this.client.list('/v1/models', { ...options, output: 'ScoringModel' });
  }

  retrieve(id: string, options?: RequestOptions): APIPromise<ScoringModel> {
    return this.client.request('GET', `/v1/models/${segment(id)}`, { ...options, output: 'ScoringModel' });
  }

  /**
   * Queues a retraining (a `model.retrain` job; follow it with `jobs.retrieve`). The new model
   * replaces the active one only when its AUC is higher on the later half of the leads closed since
   * the active one was trained (outcomes neither has seen); the job's `result` says which happened
   * and why.
   */
  retrain(options?: RequestOptions): APIPromise<Job> {
    return this.client.request('POST', '/v1/models/retrain', { ...options, output: 'Job' });
  }
}

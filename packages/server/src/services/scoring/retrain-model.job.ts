import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import { defineJob, PermanentJobError } from '../jobs/job-definition.js';
import { retrainDecision, retrainOrganizationModel } from './retrain-organization-model.js';
import { TrainingDataError } from './train-organization-model.js';

export const RETRAIN_MODEL_JOB = 'model.retrain';

export const RetrainModelPayload = z.object({ organization_id: z.uuid() });

/**
 * `POST /v1/models/retrain` queues this: a candidate is trained and stored only when it beats the
 * current model on outcomes neither has seen; the decision is the job's result. Too little history
 * is final (retrying cannot add leads); anything else (a database outage) is retried.
 */
export const retrainModelJob = (clock: () => Date = () => new Date()) =>
  defineJob({
    name: RETRAIN_MODEL_JOB,
    payload: RetrainModelPayload,
    maxAttempts: 3,
    retryDelaysMs: [30_000, 300_000],
    // Training is seconds on 10,000 closed leads; the margin covers a busy machine.
    timeoutMs: 600_000,
    async handle({ organization_id }, { db }) {
      try {
        return retrainDecision(
          await retrainOrganizationModel(
            { db, clock, newId: randomUUID },
            { organizationId: organization_id },
          ),
        );
      } catch (error) {
        if (error instanceof TrainingDataError) throw new PermanentJobError(error.message);
        throw error;
      }
    },
  });

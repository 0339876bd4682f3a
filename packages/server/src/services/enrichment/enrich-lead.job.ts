import * as z from 'zod';
import { defineJob, PermanentJobError } from '../jobs/job-definition.js';
import { type EnrichmentServices, enrichLead } from './enrich-lead.js';

export const ENRICH_LEAD_JOB = 'lead.enrich';

export const EnrichLeadPayload = z.object({ organization_id: z.uuid(), lead_id: z.uuid() });

/** `POST /v1/leads/{id}/enrich` queues this; a provider failure is retried with backoff. */
export const enrichLeadJob = (services: EnrichmentServices) =>
  defineJob({
    name: ENRICH_LEAD_JOB,
    payload: EnrichLeadPayload,
    maxAttempts: 5,
    retryDelaysMs: [5_000, 30_000, 300_000],
    timeoutMs: 30_000,
    async handle({ organization_id, lead_id }, { db, signal }) {
      const outcome = await enrichLead(db, services, organization_id, lead_id, signal);
      if (!outcome) throw new PermanentJobError(`Lead ${lead_id} no longer exists`);
      return outcome;
    },
  });

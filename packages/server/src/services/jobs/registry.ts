import { leadAutomationJob } from '../automation/lead-automation.job.js';
import { comparableSalesProvider } from '../enrichment/comparable-sales-provider.js';
import { enrichLeadJob } from '../enrichment/enrich-lead.job.js';
import { retentionJob, retentionSettingsFromEnv } from '../privacy/retention.job.js';
import { retrainModelJob } from '../scoring/retrain-model.job.js';
import { createScorerCache } from '../scoring/scorer-cache.js';
import { sequenceStepJob } from '../sequences/sequence-step.job.js';
import { deliverWebhookJob } from '../webhooks/deliver-webhook.js';
import { webhookSettingsFromEnv } from '../webhooks/webhook-settings.js';
import type { JobDefinition } from './job-definition.js';

/** What job handlers may be configured by (e.g. webhook retry delays). */
export type JobEnvironment = Record<string, string | undefined>;

/**
 * Every kind of background work the server runs, by name. `serve` and `hk-server worker` run
 * these; add one line per job (its definition lives beside the service it belongs to).
 */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions of many payload types
export function jobDefinitions(env: JobEnvironment = process.env): JobDefinition<any>[] {
  return [
    deliverWebhookJob(webhookSettingsFromEnv(env)),
    leadAutomationJob({ env }),
    sequenceStepJob({ env }),
    enrichLeadJob({
      providers: [comparableSalesProvider()],
      scorers: createScorerCache(),
      clock: () => new Date(),
    }),
    retrainModelJob(),
    retentionJob(retentionSettingsFromEnv(env)),
  ];
}

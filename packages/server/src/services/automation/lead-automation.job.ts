import { and, eq, sql } from 'drizzle-orm';
import * as z from 'zod';
import type { Executor } from '../../db/database.js';
import { activities, leads } from '../../db/schema.js';
import { defaultDeps } from '../../deps.js';
import { activityStore } from '../activities/activity-store.js';
import { createAiService } from '../ai/ai-service.js';
import { aiSettingsFromEnv } from '../ai/ai-settings.js';
import { generateContent } from '../ai/content/generate-content.js';
import { comparableSalesProvider } from '../enrichment/comparable-sales-provider.js';
import { enrichLead } from '../enrichment/enrich-lead.js';
import type { EnrichmentProvider } from '../enrichment/enrichment-provider.js';
import { enqueueJob } from '../jobs/enqueue.js';
import { defineJob, type JobDefinition, PermanentJobError } from '../jobs/job-definition.js';
import type { JobEnvironment } from '../jobs/registry.js';
import { scoreNewLead } from '../scoring/score-lead.js';
import {
  AUTOMATION_STEPS,
  type AutomationSettings,
  type AutomationStep,
  automationSettings,
} from './automation-settings.js';

export const LEAD_AUTOMATION_JOB = 'lead.automation';

const Payload = z.object({ organization_id: z.uuid(), lead_id: z.uuid(), step: z.enum(AUTOMATION_STEPS) });
type Payload = z.infer<typeof Payload>;

/** One job per lead and step: enqueueing a step twice (a retried step, a replayed chain) adds nothing. */
export const stepKey = (leadId: string, step: AutomationStep) => `automation:${leadId}:${step}`;

/** The marker a step's activity carries, so a step run again finds what its earlier try wrote. */
const markerOf = (leadId: string, step: AutomationStep) => ({ automation: { key: stepKey(leadId, step) } });

async function existingActivity(db: Executor, organizationId: string, leadId: string, step: AutomationStep) {
  const [row] = await db
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.organizationId, organizationId),
        eq(activities.leadId, leadId),
        sql`${activities.metadata} @> ${JSON.stringify(markerOf(leadId, step))}::jsonb`,
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

export interface LeadAutomationOptions {
  env?: JobEnvironment;
  providers?: readonly EnrichmentProvider[];
}

/**
 * Steve: on `lead.created` (when the organisation turned it on), enrich → score → draft a
 * follow-up email → a task for a person to review and send it. Each step is its own job, so each
 * is retried on its own; each is idempotent (enrichment replaces its result, scoring rewrites the
 * score, the draft and the task are found again by their marker), and the next step is enqueued
 * with a key, so a step run twice never starts the rest twice.
 */
export function leadAutomationJob(options: LeadAutomationOptions = {}): JobDefinition<Payload> {
  const env = options.env ?? process.env;
  const providers = options.providers ?? [comparableSalesProvider()];
  const definition: JobDefinition<Payload> = defineJob({
    name: LEAD_AUTOMATION_JOB,
    payload: Payload,
    maxAttempts: 5,
    retryDelaysMs: [5_000, 30_000, 300_000],
    timeoutMs: 60_000,
    async handle({ organization_id: organizationId, lead_id: leadId, step }, { db, signal }) {
      const deps = defaultDeps(db);
      const [lead] = await db
        .select({ id: leads.id, name: leads.contactName })
        .from(leads)
        .where(and(eq(leads.id, leadId), eq(leads.organizationId, organizationId)));
      if (!lead) throw new PermanentJobError(`Lead ${leadId} no longer exists`);
      let result: Record<string, unknown>;
      switch (step) {
        case 'enrich':
          result = {
            ...(await enrichLead(
              db,
              { providers, scorers: deps.scorers, clock: deps.clock },
              organizationId,
              leadId,
              signal,
            )),
          };
          break;
        case 'score':
          result = await db.transaction(async (tx) => {
            const [row] = await tx.select().from(leads).where(eq(leads.id, leadId)).for('update');
            const scored = await scoreNewLead(
              tx,
              { organizationId, scorers: deps.scorers, now: deps.clock() },
              row!,
            );
            return { score: scored.score };
          });
          break;
        case 'draft': {
          const done = await existingActivity(db, organizationId, leadId, 'draft');
          if (done) {
            result = { activity_ids: [done], replayed: true };
            break;
          }
          const ai = createAiService(aiSettingsFromEnv(env), deps);
          const drafts = await generateContent(
            deps,
            ai,
            organizationId,
            { lead_id: leadId, kind: 'follow_up_email', tone: 'friendly', language: 'en', length: 'medium' },
            markerOf(leadId, 'draft'),
          );
          result = { activity_ids: drafts.drafts.map((draft) => draft.activity_id), source: drafts.source };
          break;
        }
        case 'task': {
          const done = await existingActivity(db, organizationId, leadId, 'task');
          const id =
            done ??
            (
              await db.transaction(async (tx) =>
                activityStore.create(
                  tx,
                  { organizationId, deps, origin: { ip: null, userAgent: null } },
                  {
                    type: 'task',
                    status: 'pending',
                    subject: `Follow up with ${lead.name ?? 'the new lead'}`,
                    description: 'Review the drafted follow-up email, edit it if needed, and send it.',
                    metadata: markerOf(leadId, 'task'),
                    lead_id: leadId,
                  },
                ),
              )
            ).id;
          result = { activity_id: id, replayed: Boolean(done) };
          break;
        }
      }
      const settings = await automationSettings(db, organizationId);
      const next = settings.steps[settings.steps.indexOf(step) + 1];
      if (settings.enabled && next) {
        await enqueueJob(
          db,
          definition,
          { organization_id: organizationId, lead_id: leadId, step: next },
          {
            organizationId,
            key: stepKey(leadId, next),
          },
        );
      }
      return { step, ...result, next: next ?? null };
    },
  });
  return definition;
}

/**
 * Starts the chain for a new lead, in the transaction that created it, when the organisation wants
 * it. A caller that already read the organisation's settings passes them and saves the round trip.
 */
export async function startLeadAutomation(
  tx: Executor,
  organizationId: string,
  leadId: string,
  known?: AutomationSettings,
) {
  const settings = known ?? (await automationSettings(tx, organizationId));
  if (!settings.enabled) return;
  const first = settings.steps[0]!;
  await enqueueJob(
    tx,
    leadAutomationJob(),
    { organization_id: organizationId, lead_id: leadId, step: first },
    {
      organizationId,
      key: stepKey(leadId, first),
    },
  );
}

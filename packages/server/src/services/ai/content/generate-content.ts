import type {
  ActivityType,
  AiContentKind,
  AiContentRequest as AiContentRequestSchema,
  AiContentResult,
} from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import * as z from 'zod';
import type { AppDeps } from '../../../context.js';
import { leads, organizations } from '../../../db/schema.js';
import { ApiError, notFound } from '../../../errors.js';
import { activityStore } from '../../activities/activity-store.js';
import { leadColumns } from '../../leads/lead-record.js';
import { hasSmsConsent } from '../../messaging/sms-consent.js';
import type { AiService, FallbackReason } from '../ai-service.js';
import { type DraftText, templateDrafts, templateLanguage } from './content-templates.js';
import { leadFacts } from './lead-facts.js';

const SMS_LIMIT = 320;

const draftsSchema = (kind: AiContentKind) =>
  z.object({
    drafts: z
      .array(
        z.object({
          subject: z.string().max(200).nullable(),
          body: z
            .string()
            .min(1)
            .max(kind === 'follow_up_sms' ? SMS_LIMIT : 5_000),
        }),
      )
      .min(1)
      .max(3),
  });

const ACTIVITY_TYPE: Record<AiContentKind, ActivityType> = {
  follow_up_email: 'email',
  follow_up_sms: 'sms',
  listing_description: 'note',
};

const INSTRUCTIONS: Record<AiContentKind, string> = {
  follow_up_email:
    'Write two short follow-up emails from a real-estate investor to a homeowner who asked about selling. Each has a subject. Use the first name if known, mention the property, and propose a call. Do not promise a price.',
  follow_up_sms: `Write two follow-up text messages (each at most ${SMS_LIMIT} characters, subject null) from a real-estate investor to a homeowner who asked about selling. Each ends with "Reply STOP to opt out." in the message's language.`,
  listing_description:
    'Write one listing description of the property from its facts only (subject null). Do not invent features, numbers or the neighbourhood.',
};

type Options = z.output<typeof AiContentRequestSchema>;

/** What Lex wrote for a lead, not yet saved anywhere: the texts and where they came from. */
export interface ComposedContent {
  drafts: DraftText[];
  source: AiContentResult['source'];
  /** The language the drafts are in: the one asked for, or English where the templates lack it. */
  language: string;
  runId: string;
  model?: string;
  fallbackReason?: FallbackReason;
}

/**
 * Lex: drafts for a lead, by the model or the templates, each saved as a pending activity (email,
 * SMS or note) that a person can edit, send or cancel. An SMS draft needs the lead's SMS consent.
 */
export async function generateContent(
  deps: AppDeps,
  ai: AiService,
  organizationId: string,
  request: Options,
  /** Extra metadata for the saved activities (e.g. the automation step that asked). */
  metadata: Record<string, unknown> = {},
): Promise<AiContentResult> {
  const composed = await composeContent(deps, ai, organizationId, request);
  const saved = await saveDrafts(
    deps,
    organizationId,
    request.lead_id,
    request,
    composed.drafts,
    { run_id: composed.runId, source: composed.source, language: composed.language },
    metadata,
  );
  return {
    drafts: saved,
    source: composed.source,
    language: composed.language,
    ...(composed.model ? { model: composed.model } : {}),
    ...(composed.fallbackReason ? { fallback_reason: composed.fallbackReason } : {}),
  };
}

/**
 * Lex without saving: the drafts' texts, for a caller that sends one at once (a sequence's SMS
 * step) rather than leaving drafts for a person. The same consent rule, prompt and cache apply.
 */
export async function composeContent(
  deps: AppDeps,
  ai: AiService,
  organizationId: string,
  request: Options,
): Promise<ComposedContent> {
  const [lead] = await deps.db
    .select(leadColumns)
    .from(leads)
    .where(and(eq(leads.id, request.lead_id), eq(leads.organizationId, organizationId)));
  if (!lead) throw notFound('Lead');
  if (request.kind === 'follow_up_sms' && !hasSmsConsent(lead)) {
    throw new ApiError(
      'unprocessable',
      'This lead has not consented to SMS (or opted out): no SMS draft is written',
      {
        lead_id: ['No SMS consent'],
      },
    );
  }
  const [organization] = await deps.db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  const facts = leadFacts(lead);
  const options = { ...request, sender: organization?.name ?? 'our team' };

  const answer = await ai.ask({
    db: deps.db,
    organizationId,
    task: `content.${request.kind}`,
    leadId: lead.id,
    schema: draftsSchema(request.kind),
    schemaName: request.kind,
    instructions: `${INSTRUCTIONS[request.kind]} Tone: ${request.tone}. Length: ${request.length}. Language: ${request.language}. Sign as ${options.sender}.`,
    facts: { lead: facts },
    template: () => ({ drafts: templateDrafts(facts, options) }),
  });
  return {
    drafts: answer.output.drafts,
    source: answer.source,
    language: answer.source === 'template' ? templateLanguage(request.language) : request.language,
    runId: answer.runId,
    ...(answer.model ? { model: answer.model } : {}),
    ...(answer.fallbackReason ? { fallbackReason: answer.fallbackReason } : {}),
  };
}

async function saveDrafts(
  deps: AppDeps,
  organizationId: string,
  leadId: string,
  request: Options,
  drafts: DraftText[],
  origin: { run_id: string; source: string; language: string },
  metadata: Record<string, unknown>,
) {
  const scope = { organizationId, deps, origin: { ip: null, userAgent: null } };
  const { kind, tone, length } = request;
  return deps.db.transaction(async (tx) => {
    const saved: AiContentResult['drafts'] = [];
    for (const draft of drafts) {
      const activity = await activityStore.create(tx, scope, {
        type: ACTIVITY_TYPE[kind],
        status: 'pending',
        subject: draft.subject,
        description: draft.body,
        metadata: { ...metadata, ai_draft: { kind, tone, length, ...origin } },
        lead_id: leadId,
      });
      saved.push({
        ...(draft.subject ? { subject: draft.subject } : {}),
        body: draft.body,
        activity_id: activity.id,
      });
    }
    return saved;
  });
}

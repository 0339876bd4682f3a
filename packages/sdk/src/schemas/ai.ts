import * as z from 'zod';
import { Id, Timestamp } from './common.js';
import { ANALYSIS_KINDS } from './lists.js';

/** Where an AI answer came from: the model, or the built-in templates and rules (no key, or a fallback). */
export const AiSource = z.enum(['openai', 'template']).meta({
  id: 'AiSource',
  description: 'Where an AI answer came from: the model, or the built-in templates and rules.',
});
export type AiSource = z.infer<typeof AiSource>;

export const AiContentKind = z
  .enum(['follow_up_email', 'follow_up_sms', 'listing_description'])
  .meta({ id: 'AiContentKind' });
export type AiContentKind = z.infer<typeof AiContentKind>;

export const AiTone = z.enum(['friendly', 'professional', 'direct', 'empathetic']).meta({ id: 'AiTone' });
export type AiTone = z.infer<typeof AiTone>;

export const AiLength = z.enum(['short', 'medium', 'long']).meta({ id: 'AiLength' });
export type AiLength = z.infer<typeof AiLength>;

/** A language as a BCP 47 tag (`en`, `es`, `pt-BR`). */
export const AiLanguage = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, { message: 'A language tag such as en, es or pt-BR' });

/** `POST /v1/ai/content`: drafts for one lead. */
export const AiContentRequest = z
  .strictObject({
    lead_id: Id,
    kind: AiContentKind,
    tone: AiTone.default('friendly'),
    language: AiLanguage.default('en'),
    length: AiLength.default('medium'),
  })
  .meta({ id: 'AiContentRequest', description: '`POST /v1/ai/content`: drafts for one lead.' });
export type AiContentRequest = z.input<typeof AiContentRequest>;

export const AiDraft = z
  .object({
    subject: z.string().optional(),
    body: z.string(),
    /** The activity the draft was saved as (pending, so a person can edit it, send it or cancel it). */
    activity_id: Id,
  })
  .meta({ id: 'AiDraft', description: 'A draft, saved as a pending activity.' });
export type AiDraft = z.infer<typeof AiDraft>;

export const AiContentResult = z
  .object({
    drafts: z.array(AiDraft),
    source: AiSource,
    /** The language the drafts are in: the one asked for, or `en` where the templates lack it. */
    language: AiLanguage,
    model: z.string().optional(),
    /** Why the templates answered although a key is set (`refusal`, `invalid_output`, `timeout`, `upstream_error`). */
    fallback_reason: z.string().optional(),
  })
  .meta({ id: 'AiContentResult' });
export type AiContentResult = z.infer<typeof AiContentResult>;

export const AnalysisKind = z.enum(ANALYSIS_KINDS).meta({ id: 'AnalysisKind' });
export type AnalysisKind = z.infer<typeof AnalysisKind>;

/** `POST /v1/ai/analyze-deal`: a stored deal, or a kind and the analysis input. */
export const AiAnalyzeDealRequest = z
  .union(
    [
      z.strictObject({ opportunity_id: Id }),
      z.strictObject({ kind: AnalysisKind, input: z.record(z.string(), z.unknown()) }),
    ],
    {
      error: `Send { opportunity_id } for a stored deal, or { kind, input } with kind one of: ${ANALYSIS_KINDS.join(', ')}`,
    },
  )
  .meta({
    id: 'AiAnalyzeDealRequest',
    description: '`POST /v1/ai/analyze-deal`: a stored deal, or a kind and the analysis input.',
  });
export type AiAnalyzeDealRequest = z.input<typeof AiAnalyzeDealRequest>;

export const AiAnalyzeDealResult = z
  .object({
    kind: AnalysisKind,
    /** The input the math ran on, with its defaults filled in. */
    input: z.record(z.string(), z.unknown()),
    /** The deterministic result of `@hidden-key/sdk/analysis`. */
    analysis: z.record(z.string(), z.unknown()),
    /** Prose whose every number is a figure of `analysis` (checked before it is returned). */
    narrative: z.string(),
    source: AiSource,
    model: z.string().optional(),
    fallback_reason: z.string().optional(),
  })
  .meta({
    id: 'AiAnalyzeDealResult',
    description: 'The analysis and a narrative whose every number is a figure of `analysis`.',
  });
export type AiAnalyzeDealResult = z.infer<typeof AiAnalyzeDealResult>;

/** `GET /v1/ai/usage`: this month's tokens against the organisation's budget. */
export const AiUsage = z
  .object({
    month: z.string(),
    tokens_used: z.number().int(),
    token_budget: z.number().int(),
    requests: z.number().int(),
    cached_requests: z.number().int(),
    resets_at: Timestamp,
  })
  .meta({ id: 'AiUsage', description: "This month's tokens against the organisation's budget." });
export type AiUsage = z.infer<typeof AiUsage>;

export const AutomationStepName = z
  .enum(['enrich', 'score', 'draft', 'task'])
  .meta({ id: 'AutomationStepName' });

/** `GET /v1/leads/{id}/automation`: where Steve's chain is for this lead, step by step. */
export const LeadAutomation = z
  .object({
    lead_id: Id,
    enabled: z.boolean(),
    steps: z.array(
      z.object({
        step: AutomationStepName,
        /** `pending` until the step's job exists; then the job's state. */
        state: z.enum(['pending', 'queued', 'running', 'succeeded', 'dead']),
        job_id: Id.nullable(),
        attempts: z.number().int(),
        last_error: z.string().nullable(),
        result: z.unknown().nullable(),
      }),
    ),
  })
  .meta({
    id: 'LeadAutomation',
    description: 'Where the lead automation chain is for this lead, step by step.',
  });
export type LeadAutomation = z.infer<typeof LeadAutomation>;

import { analyzeBrrrr, analyzeFlip, analyzeRental, analyzeWholesale } from '@hidden-key/sdk/analysis';
import {
  type AiAnalyzeDealRequest,
  type AiAnalyzeDealResult,
  ANALYSIS_KIND_OF_DEAL,
  type AnalysisKind,
  BrrrrInput,
  type DealType,
  FlipInput,
  RentalInput,
  WholesaleInput,
} from '@hidden-key/sdk/schemas';
import { and, eq } from 'drizzle-orm';
import * as z from 'zod';
import type { AppDeps } from '../../../context.js';
import { opportunities } from '../../../db/schema.js';
import { ApiError, notFound, validationError } from '../../../errors.js';
import { issuesToDetails } from '../../../middleware/errors.js';
import { readAnalysis } from '../../opportunities/opportunity-record.js';
import type { AiService } from '../ai-service.js';
import { figuresOf, unsupportedNumbers } from './narrative-numbers.js';
import { templateNarrative } from './narrative-template.js';

const ANALYSES = {
  rental: { input: RentalInput, run: analyzeRental },
  flip: { input: FlipInput, run: analyzeFlip },
  brrrr: { input: BrrrrInput, run: analyzeBrrrr },
  wholesale: { input: WholesaleInput, run: analyzeWholesale },
} as const;

const NarrativeOutput = z.object({ narrative: z.string().min(1).max(4_000) });

const INSTRUCTIONS =
  'Explain this real-estate deal analysis to an investor in one short paragraph: what the deal costs, ' +
  'what it returns, and its risks. Cite only numbers that appear in `analysis` (the `input` is context, not a source), written ' +
  'as dollars rounded to whole dollars ($12,345) or as percentages with one decimal (8.5%); write no ' +
  'other number (no years, counts or rules of thumb). Never compute a new figure.';

type Run = { kind: AnalysisKind; input: Record<string, unknown>; opportunityId: string | null };

/** A stored deal's analysis input: `opportunity.analysis.input`, or what its price fields give. */
async function runOfOpportunity(deps: AppDeps, organizationId: string, id: string): Promise<Run> {
  const [deal] = await deps.db
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.id, id), eq(opportunities.organizationId, organizationId)));
  if (!deal) throw notFound('Opportunity');
  // Read as GET shows it, so a value stored before the contract typed it counts as no analysis.
  const stored = readAnalysis(deal.analysis);
  if (stored) return { kind: stored.kind, input: stored.input, opportunityId: deal.id };
  const kind = ANALYSIS_KIND_OF_DEAL[deal.dealType as DealType];
  const arv = deal.propertyValue ?? (deal.property.estimated_value as number | undefined);
  if ((kind === 'wholesale' || kind === 'flip') && typeof arv === 'number') {
    const input =
      kind === 'wholesale'
        ? { after_repair_value: arv }
        : { after_repair_value: arv, purchase_price: deal.offerAmount ?? 0 };
    return { kind, input, opportunityId: deal.id };
  }
  throw new ApiError(
    'unprocessable',
    'This opportunity has no analysis input: store it as `analysis: { kind, input }` on the opportunity, or send `{ kind, input }`',
    { opportunity_id: ['No analysis input on this opportunity'] },
  );
}

/**
 * Dave: the deterministic analysis, and a narrative of it. The model's narrative is shown only when
 * every number it writes is a figure of the analysis; otherwise it is asked once more,
 * then the template narrative (built from the same figures) answers.
 */
export async function analyzeDeal(
  deps: AppDeps,
  ai: AiService,
  organizationId: string,
  request: z.output<typeof AiAnalyzeDealRequest>,
): Promise<AiAnalyzeDealResult> {
  const run: Run =
    'opportunity_id' in request
      ? await runOfOpportunity(deps, organizationId, request.opportunity_id)
      : { kind: request.kind, input: request.input, opportunityId: null };
  const { input: inputSchema, run: analyze } = ANALYSES[run.kind];
  const parsed = inputSchema.safeParse(run.input);
  if (!parsed.success) {
    const details = issuesToDetails(
      parsed.error.issues.map((issue) => ({ ...issue, path: ['input', ...issue.path] })),
    );
    throw validationError(details, 'The analysis input is invalid');
  }
  const input = parsed.data as Record<string, unknown>;
  const analysis = (analyze as (value: unknown) => Record<string, unknown>)(input);
  const figures = figuresOf([analysis]);

  const answer = await ai.ask({
    db: deps.db,
    organizationId,
    task: `deal.narrative.${run.kind}`,
    opportunityId: run.opportunityId,
    schema: NarrativeOutput,
    schemaName: 'deal_narrative',
    instructions: INSTRUCTIONS,
    facts: { kind: run.kind, input, analysis },
    template: () => ({ narrative: templateNarrative(run.kind, analysis) }),
    verify: (output) => unsupportedNumbers(output.narrative, figures).length === 0,
  });
  return {
    kind: run.kind,
    input,
    analysis,
    narrative: answer.output.narrative,
    source: answer.source,
    ...(answer.model ? { model: answer.model } : {}),
    ...(answer.fallbackReason ? { fallback_reason: answer.fallbackReason } : {}),
  };
}

import * as z from 'zod';
import type { AnalysisKind } from './ai.js';
import {
  BrrrrAnalysis,
  BrrrrInput,
  FlipAnalysis,
  FlipInput,
  RentalAnalysis,
  RentalInput,
  WholesaleAnalysis,
  WholesaleInput,
} from './analysis/index.js';
import { CalendarDate, DealType, Id, Money, PageQuery, Property, Timestamp } from './common.js';
import { OPPORTUNITY_STAGES } from './lists.js';

export const OpportunityStage = z.enum(OPPORTUNITY_STAGES).meta({ id: 'OpportunityStage' });
export type OpportunityStage = z.infer<typeof OpportunityStage>;

/** One strategy's saved analysis: the input its numbers ran on and, when saved with them, its results. */
const savedAnalysis = <Kind extends AnalysisKind, Input extends z.ZodType, Output extends z.ZodType>(
  kind: Kind,
  input: Input,
  output: Output,
) =>
  z.strictObject({
    kind: z.literal(kind),
    input,
    // Optional: `{ kind, input }` is the documented minimum (what `POST /v1/ai/analyze-deal`
    // needs), and deals stored that way before the contract was typed still read.
    output: output.optional(),
    saved_at: Timestamp.optional(),
  });

/**
 * A deal's saved analysis, as `<hk-deal-calculator>` writes it on "save to deal": the strategy
 * (`kind`), the input of `@hidden-key/sdk/analysis` its numbers ran on, the result of that input
 * and when it was saved. `POST /v1/ai/analyze-deal` with an `opportunity_id` reads `kind` and
 * `input`. A deal's score is its lead's (`Lead.score`); the analysis carries none.
 */
export const OpportunityAnalysis = z
  .discriminatedUnion('kind', [
    savedAnalysis('rental', RentalInput, RentalAnalysis),
    savedAnalysis('flip', FlipInput, FlipAnalysis),
    savedAnalysis('brrrr', BrrrrInput, BrrrrAnalysis),
    savedAnalysis('wholesale', WholesaleInput, WholesaleAnalysis),
  ])
  .meta({
    id: 'OpportunityAnalysis',
    description:
      "A deal's saved analysis: the strategy (`kind`), the input its numbers ran on, their result (`output`) and when it was saved.",
  });
export type OpportunityAnalysis = z.infer<typeof OpportunityAnalysis>;

export const Opportunity = z
  .object({
    id: Id,
    organization_id: Id,
    lead_id: Id.nullable(),
    title: z.string().nullable(),
    stage: OpportunityStage,
    deal_type: DealType,
    property_value: z.number().nullable(),
    offer_amount: z.number().nullable(),
    estimated_profit: z.number().nullable(),
    property: Property,
    analysis: OpportunityAnalysis.nullable(),
    close_date: CalendarDate.nullable(),
    /** Fractional order within the stage: smaller comes first. */
    position: z.number(),
    stage_changed_at: Timestamp,
    closed_at: Timestamp.nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'Opportunity' });
export interface Opportunity extends z.infer<typeof Opportunity> {}

const opportunityWritable = {
  lead_id: Id.nullish(),
  title: z.string().trim().max(200).nullish(),
  stage: OpportunityStage,
  deal_type: DealType,
  property_value: Money.nullish(),
  offer_amount: Money.nullish(),
  estimated_profit: Money.nullish(),
  property: Property,
  analysis: OpportunityAnalysis.nullish(),
  close_date: CalendarDate.nullish(),
};

/**
 * `POST /v1/opportunities`; a new deal goes to the end of its stage unless `position` is given.
 * With a `lead_id`, the deal starts from the lead: its `property` and its estimated value (as
 * `property_value`) are copied unless given (pass `property: {}` or `property_value: null` to
 * start empty), and a `new` or `contacted` lead becomes `qualified`.
 */
export const OpportunityCreate = z
  .strictObject({
    ...opportunityWritable,
    stage: OpportunityStage.default('prospecting'),
    deal_type: DealType.default('wholesale'),
    property: Property.optional(),
    position: z.number().finite().optional(),
  })
  .meta({ id: 'OpportunityCreate' });
export interface OpportunityCreate extends z.input<typeof OpportunityCreate> {}

/** `PATCH /v1/opportunities/{id}`; stage and position change through `move`. */
export const OpportunityUpdate = z
  .strictObject({
    lead_id: opportunityWritable.lead_id,
    title: opportunityWritable.title,
    deal_type: DealType.optional(),
    property_value: opportunityWritable.property_value,
    offer_amount: opportunityWritable.offer_amount,
    estimated_profit: opportunityWritable.estimated_profit,
    property: Property.optional(),
    analysis: opportunityWritable.analysis,
    close_date: opportunityWritable.close_date,
  })
  .meta({ id: 'OpportunityUpdate' });
export interface OpportunityUpdate extends z.input<typeof OpportunityUpdate> {}

/**
 * `POST /v1/opportunities/{id}/move`: the target stage and where in it. Give the neighbours the
 * card lands between (`after_id` above it, `before_id` below it), an explicit `position`, or
 * nothing to put it last. Moving a closed (won or lost) deal to another stage reopens it and
 * needs `reopen: true`; without it the move answers 409 `deal_closed` and changes nothing.
 */
export const OpportunityMove = z
  .strictObject({
    stage: OpportunityStage,
    before_id: Id.nullish(),
    after_id: Id.nullish(),
    // Bounded so that one step past any card is still a distinct position (next to 1e308 it is not).
    position: z.number().finite().min(-1e12).max(1e12).optional(),
    reopen: z
      .boolean()
      .optional()
      .meta({ description: 'Confirms moving a won or lost deal out of its stage.' }),
  })
  .refine((move) => move.position === undefined || (!move.before_id && !move.after_id), {
    path: ['position'],
    message: 'Give a position or neighbours (before_id, after_id), not both',
  })
  .meta({ id: 'OpportunityMove' });
export interface OpportunityMove extends z.input<typeof OpportunityMove> {}

export const OpportunityListQuery = PageQuery.extend({
  stage: OpportunityStage.optional().meta({ description: 'Only deals in this stage.' }),
  deal_type: DealType.optional().meta({ description: 'Only deals of this type.' }),
  lead_id: Id.optional().meta({ description: 'Only the deals made from this lead.' }),
  sort: z
    .enum(['-created_at', 'position'])
    .default('-created_at')
    .meta({ description: '`-created_at` (newest first) or `position` (board order within each stage).' }),
});
export interface OpportunityListQuery extends z.input<typeof OpportunityListQuery> {}

export const PipelineStage = z
  .object({
    stage: OpportunityStage,
    count: z.number().int(),
    total_value: z.number(),
    weighted_value: z.number(),
    probability: z.number(),
  })
  .meta({
    id: 'PipelineStage',
    description:
      'One stage of the pipeline: its deals counted, their value summed and weighted by the stage probability.',
  });

/** `GET /v1/pipeline`: per-stage count, total and probability-weighted value. */
export const Pipeline = z
  .object({
    stages: z.array(PipelineStage),
    total_count: z.number().int(),
    total_value: z.number(),
    weighted_value: z.number(),
  })
  .meta({ id: 'Pipeline' });
export interface Pipeline extends z.infer<typeof Pipeline> {}

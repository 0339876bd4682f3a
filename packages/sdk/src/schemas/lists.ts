/**
 * The contract's domain lists, once, as plain constants: the zod enums are built from them, the
 * server's CHECK constraints and SQL orderings are generated from them, and the browser imports
 * them from `@hidden-key/sdk/schemas/lists`, which loads no zod (the elements' pages must not pay
 * for classic zod to fill a select). Nothing in this file may import zod or another schema; the
 * `@__PURE__` marks let a bundler drop the lists a page does not use.
 */

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'converted', 'lost'] as const;

/** The statuses that end a lead, its outcome: what scoring trains on and what ends a sequence. */
export const CLOSED_LEAD_STATUSES = ['converted', 'lost'] as const satisfies readonly LeadStatusName[];

/** Lowest first: a priority's index is its rank, so `sort=-priority` is this list backwards. */
export const LEAD_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;

/** A priority's rank (`low` 0 … `urgent` 3), for sorting leads as `sort=-priority` does. */
export const LEAD_PRIORITY_RANK = /* @__PURE__ */ (() =>
  // In a function marked pure, so a page that does not rank priorities drops the list too.
  Object.fromEntries(LEAD_PRIORITIES.map((priority, rank) => [priority, rank])) as Readonly<
    Record<LeadPriorityName, number>
  >)();

export const OPPORTUNITY_STAGES = [
  'prospecting',
  'qualified',
  'proposal',
  'negotiation',
  'due_diligence',
  'closing',
  'won',
  'lost',
] as const;

/**
 * Stages that close a deal: entering one sets `closed_at`. Leaving one reopens the deal, which a
 * move must ask for (`reopen: true`), so a won deal never slides back to an open stage by accident.
 */
export const CLOSED_STAGES: ReadonlySet<OpportunityStageName> = new Set<OpportunityStageName>([
  'won',
  'lost',
]);

/** Probability of closing used for the pipeline's weighted value. */
export const STAGE_PROBABILITY: Readonly<Record<OpportunityStageName, number>> = {
  prospecting: 0.1,
  qualified: 0.2,
  proposal: 0.4,
  negotiation: 0.6,
  due_diligence: 0.75,
  closing: 0.9,
  won: 1,
  lost: 0,
};

export const DEAL_TYPES = ['wholesale', 'fix_and_flip', 'buy_and_hold', 'brrrr'] as const;

/** The strategies of `@hidden-key/sdk/analysis` (`POST /v1/analysis/{kind}`). */
export const ANALYSIS_KINDS = ['rental', 'flip', 'brrrr', 'wholesale'] as const;

/** The analysis a deal of each type is judged by. */
export const ANALYSIS_KIND_OF_DEAL: Readonly<Record<DealTypeName, AnalysisKindName>> = {
  wholesale: 'wholesale',
  fix_and_flip: 'flip',
  buy_and_hold: 'rental',
  brrrr: 'brrrr',
};

/**
 * The property conditions a form offers, best first. `property.condition` stays free text (imports
 * and older leads say other words); scoring ranks these and `PROPERTY_CONDITION_ALIASES`.
 */
export const PROPERTY_CONDITIONS = ['excellent', 'good', 'fair', 'poor', 'distressed'] as const;

/** Other words sellers and imports use for a condition of the list, lower-cased. */
export const PROPERTY_CONDITION_ALIASES: Readonly<Record<string, PropertyCondition>> = {
  'needs work': 'poor',
  average: 'fair',
};

type LeadStatusName = (typeof LEAD_STATUSES)[number];
type LeadPriorityName = (typeof LEAD_PRIORITIES)[number];
type OpportunityStageName = (typeof OPPORTUNITY_STAGES)[number];
type DealTypeName = (typeof DEAL_TYPES)[number];
type AnalysisKindName = (typeof ANALYSIS_KINDS)[number];
export type PropertyCondition = (typeof PROPERTY_CONDITIONS)[number];
export type ClosedLeadStatus = (typeof CLOSED_LEAD_STATUSES)[number];

/** An `Idempotency-Key` header: 1 to 255 printable ASCII characters, no spaces (the server's rule). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** What a refused `Idempotency-Key` is told, by the server and by the client before sending. */
export const IDEMPOTENCY_KEY_RULE = 'Use 1 to 255 printable ASCII characters, without spaces';

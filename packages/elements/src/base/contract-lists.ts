import type { DealType, LeadPriority, LeadStatus, OpportunityStage } from '@hidden-key/sdk/schemas';

/**
 * The contract's enumerations as plain arrays, in the contract's order. Importing the zod enums
 * from `@hidden-key/sdk/schemas` at run time would bundle classic zod (about 27 KB min+gz) into
 * every page that shows a status select; `contract-lists.test.ts` checks these equal the schemas,
 * and the `satisfies` clauses make the compiler refuse a value the contract does not have.
 */
export const LEAD_STATUSES = [
  'new',
  'contacted',
  'qualified',
  'converted',
  'lost',
] as const satisfies readonly LeadStatus[];

export const LEAD_PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const satisfies readonly LeadPriority[];

export const OPPORTUNITY_STAGES = [
  'prospecting',
  'qualified',
  'proposal',
  'negotiation',
  'due_diligence',
  'closing',
  'won',
  'lost',
] as const satisfies readonly OpportunityStage[];

/** The contract's `CLOSED_STAGES`: leaving one reopens a deal, which a move must confirm. */
export const CLOSED_STAGES = ['won', 'lost'] as const satisfies readonly OpportunityStage[];

/**
 * The `reopen` flag a move from `from` to `to` needs: the board and the detail view move a deal
 * only on a user's own drag, key or select, so leaving won or lost there is the explicit choice.
 */
export const reopenFlag = (from: OpportunityStage, to: OpportunityStage): { reopen?: true } =>
  from !== to && (CLOSED_STAGES as readonly OpportunityStage[]).includes(from) ? { reopen: true } : {};

export const DEAL_TYPES = [
  'wholesale',
  'fix_and_flip',
  'buy_and_hold',
  'brrrr',
] as const satisfies readonly DealType[];

/** The weighted value's probability of closing per stage, as the contract's `STAGE_PROBABILITY`. */
export const STAGE_PROBABILITY: Record<OpportunityStage, number> = {
  prospecting: 0.1,
  qualified: 0.2,
  proposal: 0.4,
  negotiation: 0.6,
  due_diligence: 0.75,
  closing: 0.9,
  won: 1,
  lost: 0,
};
